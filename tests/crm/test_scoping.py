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
