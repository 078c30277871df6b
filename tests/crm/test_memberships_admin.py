"""Settings → Town memberships: a coordinator gives users their towns and roles, and sees who
belongs where; the user's groups follow the roles; nobody else reaches the screen."""

import re
from html import unescape

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from seutu_crm.models import Role, TownMembership
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, VIEWERS
from tests.crm.admin_users import business_developer, coordinator, groups, town  # noqa: F401
from tests.factories import TownFactory, TownMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def text(response):
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def group_names(user):
    return set(user.groups.values_list("name", flat=True))


def test_a_coordinator_gives_a_new_user_a_town_as_business_developer(client, coordinator, town):
    newcomer = UserFactory(username="uusi", first_name="Uuno", last_name="Uusi")
    client.force_login(coordinator)
    response = client.post(reverse("seutu_memberships:add"), {
        "user": newcomer.pk, "town": town.pk, "role": Role.BUSINESS_DEVELOPER})
    assert response.status_code == 302
    membership = TownMembership.objects.get(user=newcomer)
    assert (membership.town, membership.role) == (town, Role.BUSINESS_DEVELOPER)
    assert group_names(newcomer) == {BUSINESS_DEVELOPERS}
    entry = ModelLogEntry.objects.get(object_id=str(membership.pk), action="wagtail.create")
    assert entry.user == coordinator


def test_the_listing_shows_who_belongs_where_and_filters_by_town(client, coordinator, town):
    other = TownFactory(in_network=True, name_fi="Kuusamo")
    TownMembershipFactory(user=UserFactory(username="raili", first_name="Raili",
                                           last_name="Hela"), town=town,
                          role=Role.BUSINESS_DEVELOPER)
    TownMembershipFactory(user=UserFactory(username="kusti"), town=other, role=Role.VIEWER)
    client.force_login(coordinator)
    body = text(client.get(reverse("seutu_memberships:index")))
    assert f"Raili Hela (raili) {town.name} Elinkeinoasiamies" in body
    assert "kusti Kuusamo Katselija" in body
    assert "Koko verkosto" in body  # the coordinator's own membership
    filtered = text(client.get(reverse("seutu_memberships:index"), {"town": other.pk}))
    assert "kusti" in filtered and "Raili Hela" not in filtered


def test_changing_the_role_moves_the_user_between_groups(client, coordinator, town):
    membership = TownMembershipFactory(user=UserFactory(), town=town, role=Role.VIEWER)
    client.force_login(coordinator)
    client.post(reverse("seutu_memberships:add"), {})  # an empty form saves nothing
    response = client.post(reverse("seutu_memberships:edit", args=[membership.pk]), {
        "user": membership.user.pk, "town": town.pk, "role": Role.VIEWER})
    assert response.status_code == 302
    assert group_names(membership.user) == {VIEWERS}
    client.post(reverse("seutu_memberships:edit", args=[membership.pk]), {
        "user": membership.user.pk, "town": town.pk, "role": Role.BUSINESS_DEVELOPER})
    assert group_names(membership.user) == {BUSINESS_DEVELOPERS}
    client.post(reverse("seutu_memberships:delete", args=[membership.pk]))
    assert not TownMembership.objects.filter(pk=membership.pk).exists()
    assert group_names(membership.user) == set()


def test_a_town_role_needs_a_town_and_one_role_a_town_is_enough(client, coordinator, town):
    member = UserFactory()
    TownMembershipFactory(user=member, town=town, role=Role.VIEWER)
    client.force_login(coordinator)
    response = client.post(reverse("seutu_memberships:add"), {
        "user": member.pk, "town": "", "role": Role.VIEWER})
    assert response.status_code == 200
    assert "Valitse tämän jäsenyyden kaupunki." in text(response)
    response = client.post(reverse("seutu_memberships:add"), {
        "user": member.pk, "town": town.pk, "role": Role.BUSINESS_DEVELOPER})
    assert response.status_code == 200
    assert TownMembership.objects.filter(user=member).count() == 1


def test_a_coordinators_membership_covers_every_town(client, coordinator, town):
    user = UserFactory()
    client.force_login(coordinator)
    client.post(reverse("seutu_memberships:add"), {
        "user": user.pk, "town": town.pk, "role": Role.COORDINATOR})
    assert TownMembership.objects.get(user=user).town is None


@pytest.mark.parametrize("name", ["index", "add"])
def test_a_business_developer_cannot_reach_the_memberships(client, business_developer, name):
    client.force_login(business_developer)
    response = client.get(reverse(f"seutu_memberships:{name}"))
    assert response.status_code in (302, 403)
    assert "Raili" not in response.content.decode()
