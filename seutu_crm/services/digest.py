"""The digest: what each person should look at — their overdue tasks and stale leads.

A user's stale leads are the stale leads they own, plus the unowned stale leads of the towns
where they are a business developer (someone must pick those up). Coordinators get only the
leads they own: the whole network's unowned leads would drown them.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from ..models import Lead, Role, Task
from ..scoping import get_scope
from .notifications import send_digest


def recipients():
    """Active users with an e-mail address and a town membership."""
    return (
        get_user_model()
        .objects.filter(is_active=True, town_memberships__isnull=False)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("pk")
    )


def digest_for(user, now=None):
    """(overdue_tasks, stale_leads) for ``user``, each a list, within the user's towns."""
    now = now or timezone.now()
    scope = get_scope(user)
    overdue = list(
        Task.objects.overdue(timezone.localdate(now))
        .filter(assignee=user, town_id__in=scope.readable)
        .select_related("lead__organisation")
        .order_by("due_date", "pk")
    )
    developer_towns = user.town_memberships.filter(role=Role.BUSINESS_DEVELOPER).values("town_id")
    stale = list(
        Lead.objects.stale(now)
        .filter(town_id__in=scope.writable)
        .filter(Q(owner=user) | Q(owner=None, town_id__in=developer_towns))
        .select_related("organisation", "town")
        .order_by("last_activity_at", "pk")
    )
    return overdue, stale


def send_digests(now=None, dry_run=False):
    """E-mail every recipient with something to do; returns {user pk: (tasks, leads)} counts."""
    summary = {}
    for user in recipients():
        overdue, stale = digest_for(user, now)
        if not (overdue or stale):
            continue
        summary[user.pk] = (len(overdue), len(stale))
        if not dry_run:
            send_digest(user, overdue, stale)
    return summary
