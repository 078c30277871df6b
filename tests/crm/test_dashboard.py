"""The pipeline panels on the Wagtail home page and the pipeline report."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from seutu_crm.models import Stage
from seutu_crm.services import pipeline, referrals
from tests.crm.pipeline_world import world  # noqa: F401  (fixture)
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_dashboard_shows_my_overdue_task_with_a_text_marker(client, world):
    developer = world.users["business_developer"]
    TaskFactory(lead=world.raahe.lead, title="Myöhässä oleva soitto", assignee=developer,
                due_date=timezone.localdate() - datetime.timedelta(days=2))
    html = home(client, developer)
    overdue = html[html.index("data-dashboard-overdue"):]
    assert "Myöhässä oleva soitto" in overdue[: overdue.index("</ul>")]


def test_dashboard_pipeline_counts_only_own_towns(client, world):
    html = home(client, world.users["business_developer"])
    row = html[html.index('data-stage="contacted"'):]
    row = row[: row.index("</tr>")]
    assert "<td>1</td>" in row


def test_dashboard_shows_decisions_due_of_own_towns(client, world):
    html = home(client, world.users["business_developer"])
    assert world.raahe.marker in html
    assert world.iisalmi.marker not in html


def test_receiving_town_sees_referral_on_dashboard(client, world):
    from seutu_crm.models import Role
    from tests.factories import TownMembershipFactory, UserFactory
    from seutu_crm.services.roles import BUSINESS_DEVELOPERS, ensure_groups

    referrals.refer(world.raahe.lead, world.kuusamo, "Satama", True, world.users["business_developer"])
    kuusamo_developer = UserFactory(username="bd-kuusamo")
    kuusamo_developer.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    TownMembershipFactory(user=kuusamo_developer, town=world.kuusamo, role=Role.BUSINESS_DEVELOPER)
    html = home(client, kuusamo_developer)
    received = html[html.index("data-dashboard-referrals"):]
    assert world.raahe.marker in received[: received.index("</ul>")]


def test_viewer_without_towns_gets_no_pipeline_panels(client, world):
    from tests.factories import UserFactory
    from tests.crm.pipeline_world import grant

    outsider = grant(UserFactory(username="no-town"), ["wagtailadmin.access_admin", "seutu_crm.view_lead"])
    html = home(client, outsider)
    assert "data-dashboard-referrals" not in html
    assert world.raahe.marker not in html


def test_report_counts_won_leads_of_own_towns_by_quarter(client, world):
    developer = world.users["business_developer"]
    pipeline.move_stage(world.raahe.lead, Stage.WON, developer)
    client.force_login(developer)
    year = timezone.now().year
    response = client.get(reverse("seutu_leads:report"), {"year": year})
    rows = list(response.context["object_list"])
    assert [(row["town"], row["won"]) for row in rows] == [("Raahe", 1)]
    csv = client.get(reverse("seutu_leads:report"), {"year": year, "export": "csv"})
    text = b"".join(csv.streaming_content).decode()
    assert "Raahe" in text and "Iisalmi" not in text
