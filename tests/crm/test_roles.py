"""The three groups of the network and what their members may do."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from seutu_crm.services import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def member_of(group_name):
    groups = roles.ensure_groups()
    user = UserFactory()
    user.groups.add(groups[group_name])
    return type(user).objects.get(pk=user.pk)  # fresh: no permission cache


def test_ensure_groups_creates_the_three_groups():
    roles.ensure_groups()
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Business developers", "Coordinators", "Editors"} <= names


def test_ensure_groups_twice_changes_nothing():
    roles.ensure_groups()
    before = (
        sorted(Group.permissions.through.objects.values_list("group_id", "permission_id")),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )
    roles.ensure_groups()
    after = (
        sorted(Group.permissions.through.objects.values_list("group_id", "permission_id")),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )
    assert after == before


def test_ensure_groups_keeps_permissions_granted_by_hand():
    group = roles.ensure_groups()[roles.EDITORS]
    extra = Permission.objects.get(codename="add_organisation")
    group.permissions.add(extra)
    roles.ensure_groups()
    assert group.permissions.filter(pk=extra.pk).exists()


def test_business_developer_may_add_and_change_organisations_but_not_delete_them():
    user = member_of(roles.BUSINESS_DEVELOPERS)
    assert user.has_perms(
        ["wagtailadmin.access_admin", "seutu_crm.add_organisation", "seutu_crm.change_organisation"]
    )
    assert not user.has_perm("seutu_crm.delete_organisation")


def test_business_developer_views_the_taxonomy_but_does_not_edit_it():
    user = member_of(roles.BUSINESS_DEVELOPERS)
    assert user.has_perms(
        ["seutu_crm.view_competence", "seutu_crm.view_industry", "seutu_crm.view_town"]
    )
    assert not user.has_perm("seutu_crm.change_competence")
    assert not user.has_perm("seutu_crm.change_town")


def test_business_developer_manages_contacts():
    user = member_of(roles.BUSINESS_DEVELOPERS)
    assert user.has_perms(
        [f"seutu_crm.{action}_contact" for action in ("add", "change", "view", "delete")]
    )


def test_coordinator_has_every_crm_permission():
    user = member_of(roles.COORDINATORS)
    every = [
        f"seutu_crm.{codename}"
        for codename in Permission.objects.filter(
            content_type__app_label="seutu_crm"
        ).values_list("codename", flat=True)
    ]
    assert every and user.has_perms(every)
    assert user.has_perms(["seutu_crm.change_townmembership", "seutu_crm.delete_competence"])


def test_editor_may_edit_and_publish_pages_everywhere():
    user = member_of(roles.EDITORS)
    policy = PagePermissionPolicy()
    assert policy.user_has_permission(user, "change")
    assert policy.user_has_permission(user, "publish")
    assert GroupPagePermission.objects.filter(
        group__name=roles.EDITORS, page=Page.get_first_root_node()
    ).exists()


def test_editor_may_add_images_and_documents():
    user = member_of(roles.EDITORS)
    images = policy_registry.get_by_type(get_image_model())
    documents = policy_registry.get_by_type(get_document_model())
    assert images.user_has_permission(user, "add")
    assert documents.user_has_permission(user, "add")


def test_editor_sees_organisations_but_does_not_change_them():
    user = member_of(roles.EDITORS)
    assert user.has_perms(["seutu_crm.view_organisation", "seutu_crm.view_competence"])
    assert not user.has_perm("seutu_crm.change_organisation")


def test_unknown_apps_in_the_lists_are_skipped():
    assert roles.resolve_permissions(["no_such_app.view_thing", "no_such_app.*"]) == []
