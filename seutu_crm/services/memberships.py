"""Giving a user a town: the one write path for town memberships.

A membership gives a user their town and role; the role's group gives the model permissions
that go with it (:mod:`.roles`). Saving or removing a membership therefore also puts the user
in the groups of the roles they now hold, and takes them out of the others. Each change is
logged (Wagtail's log, by the user of the request).
"""

from django.db import transaction
from wagtail.log_actions import log

from ..models import Role, TownMembership
from .roles import BUSINESS_DEVELOPERS, COORDINATORS, VIEWERS, ensure_groups

ROLE_GROUPS = {
    Role.VIEWER: VIEWERS,
    Role.BUSINESS_DEVELOPER: BUSINESS_DEVELOPERS,
    Role.COORDINATOR: COORDINATORS,
}


@transaction.atomic
def save_membership(membership):
    """Save ``membership`` (a coordinator's covers every town) and the user's groups."""
    if membership.role == Role.COORDINATOR:
        membership.town = None
    created = membership.pk is None
    membership.save()
    sync_groups(membership.user)
    log(instance=membership, action="wagtail.create" if created else "wagtail.edit",
        content_changed=True)
    return membership


@transaction.atomic
def remove_membership(membership):
    user = membership.user
    log(instance=membership, action="wagtail.delete")
    membership.delete()
    sync_groups(user)


def sync_groups(user):
    """Put ``user`` in the groups of the roles they hold in some town, out of the others."""
    groups = ensure_groups()
    held = set(TownMembership.objects.filter(user=user).values_list("role", flat=True))
    for role, name in ROLE_GROUPS.items():
        if role in held:
            user.groups.add(groups[name])
        else:
            user.groups.remove(groups[name])
