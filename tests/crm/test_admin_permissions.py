"""Who may open which CRM admin view: one row per view and role."""

import pytest
from django.urls import reverse

from tests.crm.admin_users import (  # noqa: F401  (fixtures)
    business_developer,
    coordinator,
    groups,
    town,
    user_without_admin_access,
    viewer,
)
from tests.factories import CompetenceFactory, OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"


@pytest.fixture
def records(town):
    return {
        "organisation": OrganisationFactory(town=town),
        "competence": CompetenceFactory(),
        "town": town,
        "region": town.region,
        "industry": None,
    }


def url(model, view, records):
    name = f"wagtailsnippets_seutu_crm_{model}:{view}"
    if view in {"list", "add"}:
        return reverse(name)
    return reverse(name, args=[records[model].pk])


READ_VIEWS = [
    ("organisation", "list"),
    ("organisation", "inspect"),
    ("competence", "list"),
    ("competence", "inspect"),
    ("town", "list"),
    ("town", "inspect"),
    ("region", "list"),
    ("industry", "list"),
]
WRITE_VIEWS = [
    # Wagtail shows an object's history to those who may change it.
    ("organisation", "history"),
    ("organisation", "add"),
    ("organisation", "edit"),
    ("organisation", "delete"),
    ("competence", "add"),
    ("competence", "edit"),
    ("town", "add"),
    ("town", "edit"),
    ("region", "edit"),
]
CHOOSERS = [
    "wagtailsnippetchoosers_seutu_crm_organisation:choose",
    "wagtailsnippetchoosers_seutu_crm_competence:choose",
]


def assert_denied(response):
    # Wagtail answers a signed-in user without permission with a redirect to the dashboard
    # and an error message; what matters is that the page itself is not served.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/")
        assert not response["Location"].startswith(response.request["PATH_INFO"])


@pytest.mark.parametrize("model,view", READ_VIEWS + WRITE_VIEWS)
def test_anonymous_is_sent_to_login(client, records, model, view):
    response = client.get(url(model, view, records))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.parametrize("name", CHOOSERS)
def test_anonymous_cannot_open_choosers(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.parametrize("model,view", READ_VIEWS + WRITE_VIEWS)
def test_user_without_admin_access_is_denied(client, records, user_without_admin_access, model, view):
    client.force_login(user_without_admin_access)
    response = client.get(url(model, view, records))
    assert_denied(response)


@pytest.mark.parametrize("model,view", READ_VIEWS)
def test_viewer_can_list_and_inspect(client, records, viewer, model, view):
    client.force_login(viewer)
    assert client.get(url(model, view, records)).status_code == 200


@pytest.mark.parametrize("model,view", WRITE_VIEWS)
def test_viewer_cannot_add_or_edit(client, records, viewer, model, view):
    client.force_login(viewer)
    assert_denied(client.get(url(model, view, records)))


def test_viewer_cannot_save_an_organisation(client, records, viewer):
    organisation = records["organisation"]
    client.force_login(viewer)
    response = client.post(url("organisation", "edit", records), {"name": "Renamed"})
    assert_denied(response)
    organisation.refresh_from_db()
    assert organisation.name != "Renamed"


@pytest.mark.parametrize("name", CHOOSERS)
def test_viewer_can_open_choosers(client, viewer, name):
    client.force_login(viewer)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("view", ["add", "edit", "history"])
def test_business_developer_can_add_and_edit_organisations(
    client, records, business_developer, view
):
    client.force_login(business_developer)
    assert client.get(url("organisation", view, records)).status_code == 200


@pytest.mark.parametrize(
    "model,view",
    [("competence", "add"), ("competence", "edit"), ("town", "edit"), ("region", "edit")],
)
def test_business_developer_cannot_change_shared_reference_data(
    client, records, business_developer, model, view
):
    client.force_login(business_developer)
    assert_denied(client.get(url(model, view, records)))


@pytest.mark.parametrize(
    "model,view",
    [("competence", "add"), ("competence", "edit"), ("town", "add"), ("town", "edit")],
)
def test_coordinator_can_edit_competences_and_towns(client, records, coordinator, model, view):
    client.force_login(coordinator)
    assert client.get(url(model, view, records)).status_code == 200


def test_coordinator_saves_a_town(client, records, coordinator):
    town = records["town"]
    client.force_login(coordinator)
    response = client.post(
        url("town", "edit", records),
        {
            "code": town.code,
            "region": town.region.pk,
            "name_fi": "Uusikaupunki",
            "name_sv": "Nystad",
            "in_network": "on",
            "latitude": "60.8",
            "longitude": "21.4",
        },
    )
    assert response.status_code == 302
    town.refresh_from_db()
    assert (town.name_fi, town.name_sv) == ("Uusikaupunki", "Nystad")


def test_region_listing_lists_regions(client, viewer):
    region = RegionFactory(name_fi="Pohjois-Savo", code="11")
    client.force_login(viewer)
    response = client.get(reverse("wagtailsnippets_seutu_crm_region:list"))
    assert region.name_fi in response.content.decode()
