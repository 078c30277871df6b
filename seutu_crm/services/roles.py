"""The network's user groups and what each may do.

:func:`ensure_groups` creates (or tops up) three Wagtail groups. It only ever *adds*
permissions, so running it again — from ``seutu_demo``, a migration or a deploy script — is
safe and keeps whatever an administrator granted by hand.

The permission lists are plain data so that each app adds its own models' codenames with a
one-line edit. A permission is ``"app_label.codename"``; ``"app_label.*"`` means every
permission of that app (coordinators get every CRM permission, present and future).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

BUSINESS_DEVELOPERS = "Business developers"
COORDINATORS = "Coordinators"
EDITORS = "Editors"
VIEWERS = "Viewers"

ADMIN_ACCESS = ["wagtailadmin.access_admin"]

BUSINESS_DEVELOPER_PERMISSIONS = [
    *ADMIN_ACCESS,
    "seutu_crm.add_organisation",
    "seutu_crm.change_organisation",
    "seutu_crm.view_organisation",
    "seutu_crm.view_competence",
    "seutu_crm.view_industry",
    "seutu_crm.view_town",
    "seutu_crm.view_region",
    "seutu_crm.add_contact",
    "seutu_crm.change_contact",
    "seutu_crm.view_contact",
    "seutu_crm.delete_contact",
    # The Invest-in pipeline (scoped to the developer's towns by the permission policies).
    "seutu_crm.add_lead",
    "seutu_crm.change_lead",
    "seutu_crm.view_lead",
    "seutu_crm.delete_lead",
    "seutu_crm.add_activity",
    "seutu_crm.change_activity",
    "seutu_crm.view_activity",
    "seutu_crm.delete_activity",
    "seutu_crm.add_task",
    "seutu_crm.change_task",
    "seutu_crm.view_task",
    "seutu_crm.delete_task",
    "seutu_crm.view_referral",
    # The town's cooperation with universities and UASs (scoped to the developer's towns).
    "seutu_crm.add_highereducationtie",
    "seutu_crm.change_highereducationtie",
    "seutu_crm.view_highereducationtie",
    "seutu_crm.delete_highereducationtie",
    # What visitors sent through the town's Invest-in form (read-only, scoped to towns).
    "seutu_pages.view_investininquiry",
]

# Read-only CRM access; the town membership (role "viewer") decides which towns' rows.
VIEWER_PERMISSIONS = [
    *ADMIN_ACCESS,
    "seutu_crm.view_organisation",
    "seutu_crm.view_competence",
    "seutu_crm.view_industry",
    "seutu_crm.view_town",
    "seutu_crm.view_region",
    "seutu_crm.view_contact",
    "seutu_crm.view_lead",
    "seutu_crm.view_activity",
    "seutu_crm.view_task",
    "seutu_crm.view_referral",
    "seutu_crm.view_highereducationtie",
    "seutu_pages.view_investininquiry",
]

COORDINATOR_PERMISSIONS = [
    *ADMIN_ACCESS,
    "seutu_crm.*",
    "seutu_pages.view_investininquiry",
    # Translating competences goes through wagtail-localize.
    "wagtail_localize.submit_translation",
]

EDITOR_PERMISSIONS = [
    *ADMIN_ACCESS,
    "seutu_crm.view_organisation",
    "seutu_crm.view_competence",
    # Editors translate pages with wagtail-localize ("Translate" in the page's actions).
    "wagtail_localize.submit_translation",
]

# Page permissions granted on the root page, so they cover every site of the tree.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

# Collection permissions granted on the root collection.
EDITOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]

GROUPS = {
    BUSINESS_DEVELOPERS: BUSINESS_DEVELOPER_PERMISSIONS,
    COORDINATORS: COORDINATOR_PERMISSIONS,
    EDITORS: EDITOR_PERMISSIONS,
    VIEWERS: VIEWER_PERMISSIONS,
}


def resolve_permissions(names):
    """The ``Permission`` rows for ``"app_label.codename"`` / ``"app_label.*"`` names.

    Names of apps or models that are not installed are skipped: an app listing its
    permissions here must not break a site that leaves it out.
    """
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        permissions = Permission.objects.filter(content_type__app_label=app_label)
        if codename != "*":
            permissions = permissions.filter(codename=codename)
        found.extend(permissions)
    return found


@transaction.atomic
def ensure_groups():
    """Create the groups if missing and give them their permissions; returns them by name."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    groups = {}
    for name, permission_names in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*resolve_permissions(permission_names))
        groups[name] = group

    editors = groups[EDITORS]
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for permission in resolve_permissions(f"wagtailcore.{c}" for c in EDITOR_PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page, permission=permission
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for permission in resolve_permissions(EDITOR_COLLECTION_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root_collection, permission=permission
            )
    return groups
