"""Who writes the shared actor register: the organisation's own town, and coordinators.

The whole network reads every organisation. A business developer adds and edits the actors
of their own towns and those outside the network (universities and partners elsewhere); a
viewer membership keeps even the Business developers group read-only.
"""

import pytest
from django.urls import reverse

from seutu_crm.importers.organisations import import_organisations
from seutu_crm.models import Organisation, Role
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, COORDINATORS, ensure_groups
from seutu_crm.validators import make_business_id
from tests.factories import OrganisationFactory, TownFactory, TownMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

EDIT = "wagtailsnippets_seutu_crm_organisation:edit"
ADD = "wagtailsnippets_seutu_crm_organisation:add"
IMPORT = "seutu_crm_import_organisations"
BUSINESS_ID = make_business_id("1572860")


@pytest.fixture
def towns(db):
    return {
        "raahe": TownFactory(code="678", name_fi="Raahe", in_network=True),
        "kuusamo": TownFactory(code="305", name_fi="Kuusamo", in_network=True),
        "oulu": TownFactory(code="564", name_fi="Oulu", in_network=False),
    }


def member(towns, role, groups, town="raahe"):
    user = UserFactory(username=f"{role}-{town}")
    user.groups.add(groups[BUSINESS_DEVELOPERS])
    TownMembershipFactory(user=user, town=towns[town], role=role)
    return user


@pytest.fixture
def groups(db):
    return ensure_groups()


def rename(client, organisation):
    return client.post(reverse(EDIT, args=[organisation.pk]), {"name": "Uusi nimi Oy"})


def test_viewer_in_the_business_developers_group_cannot_edit_any_organisation(
    client, towns, groups
):
    client.force_login(member(towns, Role.VIEWER, groups))
    for town in towns.values():
        organisation = OrganisationFactory(town=town, name="Vanha nimi Oy")
        response = rename(client, organisation)
        assert response.status_code in (302, 403)
        organisation.refresh_from_db()
        assert organisation.name == "Vanha nimi Oy"


@pytest.mark.parametrize("url_name", [ADD, IMPORT])
def test_viewer_in_the_business_developers_group_cannot_add_or_import(
    client, towns, groups, url_name
):
    client.force_login(member(towns, Role.VIEWER, groups))
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")


def test_business_developer_cannot_edit_another_network_towns_organisation(
    client, towns, groups
):
    client.force_login(member(towns, Role.BUSINESS_DEVELOPER, groups))
    kuusamo_actor = OrganisationFactory(town=towns["kuusamo"], name="Kuusamon Oy")
    assert client.get(reverse(EDIT, args=[kuusamo_actor.pk])).status_code in (302, 403)
    rename(client, kuusamo_actor)
    kuusamo_actor.refresh_from_db()
    assert kuusamo_actor.name == "Kuusamon Oy"


@pytest.mark.parametrize("town", ["raahe", "oulu"])
def test_business_developer_edits_own_towns_and_outside_the_network(client, towns, groups, town):
    client.force_login(member(towns, Role.BUSINESS_DEVELOPER, groups))
    organisation = OrganisationFactory(town=towns[town])
    assert client.get(reverse(EDIT, args=[organisation.pk])).status_code == 200


def test_add_form_offers_own_towns_and_towns_outside_the_network_only(client, towns, groups):
    client.force_login(member(towns, Role.BUSINESS_DEVELOPER, groups))
    form = client.get(reverse(ADD)).context["form"]
    assert set(form.fields["town"].queryset) == {towns["raahe"], towns["oulu"]}


def test_adding_an_organisation_in_another_network_town_is_refused_with_a_message(
    client, towns, groups
):
    client.force_login(member(towns, Role.BUSINESS_DEVELOPER, groups))
    response = client.post(
        reverse(ADD), {"name": "Soluttautuja Oy", "actor_type": "company",
                       "town": towns["kuusamo"].pk}
    )
    assert response.status_code == 200
    assert "town" in response.context["form"].errors
    assert not Organisation.objects.filter(name="Soluttautuja Oy").exists()


def test_coordinator_edits_every_towns_organisations(client, towns, groups):
    coordinator = UserFactory(username="coordinator")
    coordinator.groups.add(groups[COORDINATORS])
    TownMembershipFactory(user=coordinator, town=None, role=Role.COORDINATOR)
    client.force_login(coordinator)
    organisation = OrganisationFactory(town=towns["kuusamo"])
    assert client.get(reverse(EDIT, args=[organisation.pk])).status_code == 200


def test_everyone_with_the_register_reads_every_towns_organisations(client, towns, groups):
    client.force_login(member(towns, Role.VIEWER, groups))
    organisation = OrganisationFactory(town=towns["kuusamo"], name="Kuusamon Oy")
    inspect = reverse("wagtailsnippets_seutu_crm_organisation:inspect", args=[organisation.pk])
    assert client.get(inspect).status_code == 200


def test_import_rows_of_another_network_town_are_rejected_and_nothing_is_written(
    client, towns, groups
):
    developer = member(towns, Role.BUSINESS_DEVELOPER, groups)
    kuusamo_actor = OrganisationFactory(
        town=towns["kuusamo"], name="Kuusamon Oy", business_id=BUSINESS_ID, is_public=True
    )
    data = (
        "name,business_id,actor_type,town_code\n"
        "Raahen Uusi Oy,,company,678\n"
        "Oulun Yliopiston Spinoff Oy,,startup,564\n"
        f"Kuusamon Oy,{BUSINESS_ID},company,678\n"  # moves Kuusamo's actor to Raahe
        "Soluttautuja Oy,,company,305\n"
    ).encode()

    report = import_organisations(data, "actors.csv", user=developer)

    assert report.rejected_rows == [4, 5]
    assert {e.column for e in report.errors} == {"town_code"}
    assert not Organisation.objects.filter(name="Raahen Uusi Oy").exists()
    kuusamo_actor.refresh_from_db()
    assert kuusamo_actor.town == towns["kuusamo"]
