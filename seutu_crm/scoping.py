"""Who may see which town's private CRM data (leads, activities, tasks, contacts, referrals).

Organisations, competences and industries are shared by the whole network; everything
private belongs to a town and is visible to that town's members and to coordinators:

* a *viewer* of a town may read its private data;
* a *business developer* of a town may read and write it;
* a *coordinator* (a membership without a town) and an active superuser may read and
  write every network town's data.

This module answers "which towns / which rows" only. Whether the user may use a model at all
(the Django model permissions given by the groups of :mod:`seutu_crm.services.roles`) is
added on top by the permission policies in :mod:`seutu_crm.permission_policies`; admin
views should go through those. The queryset helpers here (``leads_for`` …) are for code that
needs the rows a user may see without a model-permission check, e.g. dashboard queries.

A user's memberships are read once and cached on the user object (like Django's permission
cache), so object-level checks in a listing cost no query per row. Call
:func:`forget_scope` after changing a user's memberships if the same object is reused.
"""

from .models import Activity, Contact, Lead, Referral, Role, Task, Town, TownMembership

_CACHE_ATTR = "_seutu_crm_scope"
WRITE_ROLES = (Role.BUSINESS_DEVELOPER, Role.COORDINATOR)


class Scope:
    """The towns a user may read and write, as sets of town primary keys."""

    def __init__(self, readable, writable, coordinator):
        self.readable = frozenset(readable)
        self.writable = frozenset(writable)
        self.coordinator = coordinator

    def town_ids(self, write=False):
        return self.writable if write else self.readable

    def can_read(self, town_id):
        return town_id in self.readable

    def can_write(self, town_id):
        return town_id in self.writable


EMPTY_SCOPE = Scope((), (), False)


def get_scope(user):
    """The :class:`Scope` of ``user`` (cached on the user object)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    memberships = list(TownMembership.objects.filter(user=user).values_list("town_id", "role"))
    coordinator = user.is_superuser or any(role == Role.COORDINATOR for _, role in memberships)
    if coordinator:
        network = list(Town.objects.in_network().values_list("pk", flat=True))
        scope = Scope(network, network, True)
    else:
        scope = Scope(
            [town_id for town_id, _ in memberships],
            [town_id for town_id, role in memberships if role in WRITE_ROLES],
            False,
        )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user):
    """Drop the cached scope, e.g. after adding or removing a membership in a test."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_coordinator(user):
    """Whether ``user`` sees and edits every network town's data (coordinator or superuser)."""
    return get_scope(user).coordinator


def towns_for(user, write=False):
    """The towns whose private data ``user`` may see (``write=True``: may edit).

    All network towns for coordinators and superusers.
    """
    return Town.objects.filter(pk__in=get_scope(user).town_ids(write))


def town_ids_for(user, write=False):
    """Primary keys of :func:`towns_for` as a frozenset, without a query once cached."""
    return get_scope(user).town_ids(write)


def leads_for(user, write=False):
    return Lead.objects.filter(town_id__in=town_ids_for(user, write))


def contacts_for(user, write=False):
    return Contact.objects.filter(town_id__in=town_ids_for(user, write))


def activities_for(user, write=False):
    return Activity.objects.filter(town_id__in=town_ids_for(user, write))


def tasks_for(user, write=False):
    return Task.objects.filter(town_id__in=town_ids_for(user, write))


def referrals_for(user, write=False):
    """Referrals from or to the user's towns: both towns keep seeing a referral."""
    from django.db.models import Q

    ids = town_ids_for(user, write)
    return Referral.objects.filter(Q(from_town_id__in=ids) | Q(to_town_id__in=ids))
