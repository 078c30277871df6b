"""The admin's open-data imports: a business developer previews a PRH file, then confirms it."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from seutu_crm.models import Organisation, TownIndicator
from seutu_crm.views.open_data_imports import PRH_URL_NAME, STATFIN_URL_NAME
from tests.crm.pipeline_world import world  # noqa: F401  (fixture)

from .prh_companies import BID_CODE, BID_STEEL, bulk_file, company
from .test_statfin_import import table

pytestmark = pytest.mark.django_db

PRH_URL = f"/admin/seutu/import/prh/"


@pytest.fixture
def developer_client(client, world):
    client.force_login(world.users["business_developer"])
    return client


@pytest.fixture
def coordinator_client(client, world):
    client.force_login(world.users["coordinator"])
    return client


def upload(data, name="raahe.json"):
    return SimpleUploadedFile(name, data, content_type="application/json")


def raahe_and_iisalmi():
    return bulk_file(company(BID_STEEL, "Raahen Teräspaja Oy", municipality="678"),
                     company(BID_CODE, "Savon Koodi Oy", municipality="140", tol="62010"))


def test_the_urls_are_where_the_admin_expects_them():
    assert reverse(PRH_URL_NAME) == PRH_URL
    assert reverse(STATFIN_URL_NAME) == "/admin/seutu/import/statfin/"


def test_the_municipality_filter_starts_at_the_developers_own_town(developer_client):
    response = developer_client.get(PRH_URL)
    assert response.status_code == 200
    assert response.context["form"]["municipality"].value() == "678"


def test_a_business_developer_previews_then_confirms_and_other_towns_are_skipped(
    developer_client, world
):
    preview = developer_client.post(PRH_URL, {"file": upload(raahe_and_iisalmi()),
                                              "municipality": ""})
    assert preview.status_code == 200
    report = preview.context["report"]
    assert (report.created, report.dry_run) == (1, True)
    assert [(p.position, p.business_id) for p in report.skipped] == [(2, BID_CODE)]
    assert not Organisation.objects.filter(business_id__in=[BID_STEEL, BID_CODE]).exists()
    token = preview.context["token"]
    assert token and f'value="{token}"' in preview.content.decode()

    confirmed = developer_client.post(PRH_URL, {"token": token})
    assert confirmed.status_code == 302
    org = Organisation.objects.get(business_id=BID_STEEL)
    assert org.town == world.raahe.town
    assert not Organisation.objects.filter(business_id=BID_CODE).exists()


def test_confirming_an_import_for_one_town_leads_to_its_profile(developer_client):
    preview = developer_client.post(PRH_URL, {"file": upload(raahe_and_iisalmi()),
                                              "municipality": "678"})
    assert preview.context["report"].filtered_out == 1
    confirmed = developer_client.post(PRH_URL, {"token": preview.context["token"]})
    assert confirmed["Location"] == reverse("seutu_ecosystem:town", args=("678",))
    assert Organisation.objects.filter(business_id=BID_STEEL).exists()


def test_a_developer_may_not_filter_on_another_network_town(developer_client):
    response = developer_client.post(PRH_URL, {"file": upload(raahe_and_iisalmi()),
                                               "municipality": "140"})
    assert response.context["form"].errors["municipality"]
    assert "report" not in response.context


def test_a_coordinator_imports_for_any_town(coordinator_client):
    preview = coordinator_client.post(PRH_URL, {"file": upload(raahe_and_iisalmi()),
                                                "municipality": ""})
    assert preview.context["report"].created == 2
    coordinator_client.post(PRH_URL, {"token": preview.context["token"]})
    assert Organisation.objects.filter(business_id__in=[BID_STEEL, BID_CODE]).count() == 2


def test_a_file_that_is_not_json_shows_the_error_and_offers_no_confirmation(developer_client):
    response = developer_client.post(PRH_URL, {"file": upload(b"nimi;y-tunnus\n"),
                                               "municipality": ""})
    assert response.context["report"].file_errors
    assert response.context["token"] is None
    assert 'name="token"' not in response.content.decode()


def test_a_forged_or_expired_token_imports_nothing(developer_client):
    response = developer_client.post(PRH_URL, {"token": "forged"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(business_id=BID_STEEL).exists()


@pytest.mark.parametrize("role", ["viewer", "page_editor"])
def test_users_who_may_not_add_organisations_get_403(client, world, role):
    client.force_login(world.users[role])
    assert client.get(PRH_URL).status_code == 403
    assert client.post(PRH_URL, {"file": upload(raahe_and_iisalmi())}).status_code == 403
    assert not Organisation.objects.filter(business_id=BID_STEEL).exists()


def test_statfin_key_figures_are_for_coordinators_only(developer_client):
    assert developer_client.get(reverse(STATFIN_URL_NAME)).status_code == 403


def test_a_coordinator_previews_and_confirms_a_statfin_table(coordinator_client):
    url = reverse(STATFIN_URL_NAME)
    preview = coordinator_client.post(url, {"file": upload(table(), "11ra.json")})
    assert preview.context["report"].created == 8
    assert not TownIndicator.objects.exists()
    coordinator_client.post(url, {"token": preview.context["token"]})
    assert TownIndicator.objects.count() == 8
    assert json.loads(table())["extension"]["px"]["tableid"] == TownIndicator.objects.first().table
