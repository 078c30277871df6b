import pytest
from django.contrib.auth.models import AnonymousUser

from seutu_crm.models import Role
from seutu_crm.scoping import is_coordinator, towns_for
from tests.factories import TownFactory, TownMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_member_sees_only_own_town():
    raahe, kuusamo = TownFactory(code="678"), TownFactory(code="305")
    membership = TownMembershipFactory(town=raahe)
    assert list(towns_for(membership.user)) == [raahe]
    assert kuusamo not in towns_for(membership.user)


def test_coordinator_sees_every_network_town():
    towns = [TownFactory(code="678"), TownFactory(code="305")]
    TownFactory(code="091", in_network=False)
    coordinator = TownMembershipFactory(town=None, role=Role.COORDINATOR).user
    assert is_coordinator(coordinator)
    assert set(towns_for(coordinator)) == set(towns)


def test_user_without_membership_sees_nothing():
    TownFactory()
    assert not towns_for(UserFactory()).exists()


def test_anonymous_user_sees_nothing():
    TownFactory()
    assert not towns_for(AnonymousUser()).exists()


# -- queryset helpers and permission policies --------------------------------------------

from django.contrib.auth.models import Permission  # noqa: E402

from seutu_crm.permission_policies import (  # noqa: E402
    contact_permission_policy,
    lead_permission_policy,
    referral_permission_policy,
)
from seutu_crm.scoping import contacts_for, leads_for  # noqa: E402
from tests.factories import ContactFactory, LeadFactory, ReferralFactory  # noqa: E402


def _grant(user, *codenames):
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="seutu_crm", codename__in=codenames)
    )
    # Django caches permissions on the user object; read them afresh.
    for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(attr, None)
    return user


@pytest.fixture
def two_towns():
    return TownFactory(code="678", name_fi="Raahe"), TownFactory(code="305", name_fi="Kuusamo")


def _member(town, role=Role.BUSINESS_DEVELOPER, perms=("view_lead", "add_lead", "change_lead")):
    user = TownMembershipFactory(town=town, role=role).user
    return _grant(user, *perms)


def test_leads_for_returns_only_own_towns_leads(two_towns):
    raahe, kuusamo = two_towns
    own, _ = LeadFactory(town=raahe), LeadFactory(town=kuusamo)
    assert list(leads_for(_member(raahe))) == [own]


def test_contacts_for_returns_only_own_towns_contacts(two_towns):
    raahe, kuusamo = two_towns
    own, _ = ContactFactory(town=raahe), ContactFactory(town=kuusamo)
    assert list(contacts_for(_member(raahe))) == [own]


def test_business_developer_may_edit_own_towns_lead(two_towns):
    raahe, _ = two_towns
    lead = LeadFactory(town=raahe)
    assert lead_permission_policy.user_has_permission_for_instance(_member(raahe), "change", lead)


def test_business_developer_cannot_see_other_towns_lead(two_towns):
    raahe, kuusamo = two_towns
    lead = LeadFactory(town=kuusamo)
    user = _member(raahe)
    assert not lead_permission_policy.user_has_permission_for_instance(user, "view", lead)
    assert lead not in lead_permission_policy.instances_user_has_permission_for(user, "view")


def test_viewer_may_read_but_not_edit_own_towns_lead(two_towns):
    raahe, _ = two_towns
    lead = LeadFactory(town=raahe)
    viewer = _member(raahe, role=Role.VIEWER, perms=("view_lead", "change_lead"))
    assert lead_permission_policy.user_has_permission_for_instance(viewer, "view", lead)
    assert not lead_permission_policy.user_has_permission_for_instance(viewer, "change", lead)
    assert not lead_permission_policy.instances_user_has_permission_for(viewer, "change").exists()
    assert not lead_permission_policy.user_has_permission(viewer, "add")


def test_membership_without_model_permission_grants_nothing(two_towns):
    raahe, _ = two_towns
    lead = LeadFactory(town=raahe)
    user = _member(raahe, perms=())
    assert not lead_permission_policy.user_has_permission(user, "view")
    assert not lead_permission_policy.user_has_permission_for_instance(user, "view", lead)
    assert not lead_permission_policy.instances_user_has_permission_for(user, "view").exists()


def test_coordinator_may_edit_every_towns_lead(two_towns):
    leads = [LeadFactory(town=town) for town in two_towns]
    coordinator = _member(None, role=Role.COORDINATOR)
    assert set(lead_permission_policy.instances_user_has_permission_for(coordinator, "change")) == set(
        leads
    )


def test_superuser_may_do_everything(two_towns):
    lead = LeadFactory(town=two_towns[0])
    admin = UserFactory(is_superuser=True)
    assert lead_permission_policy.user_has_permission_for_instance(admin, "delete", lead)


def test_referral_is_visible_to_both_towns(two_towns):
    raahe, kuusamo = two_towns
    referral = ReferralFactory(lead=LeadFactory(town=kuusamo), from_town=raahe, to_town=kuusamo)
    for town in two_towns:
        user = _member(town, perms=("view_referral",))
        assert referral_permission_policy.user_has_permission_for_instance(user, "view", referral)


def test_only_coordinators_may_erase_personal_data(two_towns):
    raahe, _ = two_towns
    contact = ContactFactory(town=raahe)
    developer = _member(raahe, perms=("view_contact", "change_contact"))
    coordinator = _member(None, role=Role.COORDINATOR, perms=("view_contact", "change_contact"))
    policy = contact_permission_policy
    assert not policy.user_has_permission_for_instance(developer, "erase_personal_data", contact)
    assert policy.user_has_permission_for_instance(coordinator, "erase_personal_data", contact)


def test_users_with_permission_for_instance_are_the_towns_developers_and_coordinators(two_towns):
    raahe, kuusamo = two_towns
    lead = LeadFactory(town=raahe)
    own, other = _member(raahe), _member(kuusamo)
    coordinator = _member(None, role=Role.COORDINATOR)
    users = set(lead_permission_policy.users_with_permission_for_instance("change", lead))
    assert own in users and coordinator in users and other not in users


def test_instance_checks_cost_no_query_per_row(two_towns, django_assert_num_queries):
    raahe, _ = two_towns
    leads = [LeadFactory(town=raahe) for _ in range(5)]
    user = _member(raahe)
    lead_permission_policy.user_has_permission(user, "view")  # warm the caches
    with django_assert_num_queries(0):
        assert all(
            lead_permission_policy.user_has_permission_for_instance(user, "change", lead)
            for lead in leads
        )


def test_viewers_group_reads_own_towns_leads_and_writes_nothing(two_towns):
    from seutu_crm.services.roles import VIEWERS, ensure_groups

    raahe, kuusamo = two_towns
    user = TownMembershipFactory(town=raahe, role=Role.VIEWER).user
    user.groups.add(ensure_groups()[VIEWERS])
    user = type(user).objects.get(pk=user.pk)  # no permission cache
    own, other = LeadFactory(town=raahe), LeadFactory(town=kuusamo)
    assert list(lead_permission_policy.instances_user_has_permission_for(user, "view")) == [own]
    assert not lead_permission_policy.user_has_permission_for_instance(user, "change", own)
    assert not lead_permission_policy.user_has_permission(user, "add")
    assert not user.has_perm("seutu_crm.change_organisation")
    assert other not in lead_permission_policy.instances_user_has_permission_for(user, "view")
