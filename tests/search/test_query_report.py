"""The admin report of search queries by week."""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from django.contrib.auth.models import Permission

from seutu_search.analytics import record_search, week_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/reports/search-queries/"


@pytest.fixture
def stats():
    last_week = week_of() - datetime.timedelta(days=7)
    for text, total in [("biotalous", 3), ("biotalous", 2), ("vetyvarasto", 0)]:
        record_search(text, total)
    noon = datetime.datetime.combine(last_week, datetime.time(12), tzinfo=datetime.timezone.utc)
    record_search("akku", 1, moment=noon)


def admin_user(*codenames):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_anonymous_visitors_are_sent_to_log_in(client, stats):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_users_without_the_permission_are_refused(client, stats):
    client.force_login(admin_user())
    assert client.get(URL).status_code in (302, 403)


def test_the_report_lists_queries_with_counts(client, stats):
    client.force_login(admin_user("view_searchquerystat"))
    html = client.get(URL).content.decode()
    assert "biotalous" in html and "vetyvarasto" in html and "akku" in html


def test_zero_result_filter_lists_only_queries_that_found_nothing(client, stats):
    client.force_login(admin_user("view_searchquerystat"))
    html = client.get(URL, {"zero_results_only": "true"}).content.decode()
    assert "vetyvarasto" in html
    assert "biotalous" not in html


def test_the_week_filter_keeps_one_week(client, stats):
    client.force_login(admin_user("view_searchquerystat"))
    html = client.get(URL, {"week": week_of().isoformat()}).content.decode()
    assert "biotalous" in html
    assert "akku" not in html


def test_the_report_exports_csv(client, stats):
    client.force_login(admin_user("view_searchquerystat"))
    response = client.get(URL, {"export": "csv"})
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "biotalous" in body
    with translation.override("fi"):  # the admin answers in the site's language
        assert body.splitlines()[0].startswith(str(_("Week starting")))
