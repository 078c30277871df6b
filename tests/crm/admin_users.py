"""Users of the CRM admin by role, for the admin view tests (import the fixtures you need)."""

import pytest
from django.contrib.auth.models import Permission

from seutu_crm.models import Role
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, COORDINATORS, ensure_groups
from tests.factories import TownFactory, TownMembershipFactory, UserFactory

VIEWER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("seutu_crm", "view_organisation"),
    ("seutu_crm", "view_competence"),
    ("seutu_crm", "view_industry"),
    ("seutu_crm", "view_town"),
    ("seutu_crm", "view_region"),
]


def grant(user, *permissions):
    for app_label, codename in permissions:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def town(db):
    return TownFactory(in_network=True)


@pytest.fixture
def groups(db):
    return ensure_groups()


@pytest.fixture
def user_without_admin_access(db):
    return UserFactory(username="outsider")


@pytest.fixture
def viewer(town):
    # Viewers have no group of their own: they may read the register and nothing else.
    user = UserFactory(username="viewer")
    TownMembershipFactory(user=user, town=town, role=Role.VIEWER)
    return grant(user, *VIEWER_PERMISSIONS)


@pytest.fixture
def business_developer(town, groups):
    user = UserFactory(username="bd")
    user.groups.add(groups[BUSINESS_DEVELOPERS])
    TownMembershipFactory(user=user, town=town, role=Role.BUSINESS_DEVELOPER)
    return user


@pytest.fixture
def coordinator(groups):
    user = UserFactory(username="coordinator")
    user.groups.add(groups[COORDINATORS])
    TownMembershipFactory(user=user, town=None, role=Role.COORDINATOR)
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)
