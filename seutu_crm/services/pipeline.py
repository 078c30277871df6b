"""Working a lead through the pipeline: stage moves, owners, activities and tasks.

Every function takes the acting ``user``. When a user is given, the function checks the
town-scoped permission (:mod:`seutu_crm.permission_policies`) and raises
:class:`~django.core.exceptions.PermissionDenied` if it is missing, so a view, a bulk action
and a JSON endpoint cannot forget it; ``user=None`` means the system (inbound inquiries,
commands). Bad input raises :class:`~django.core.exceptions.ValidationError`.

Stage moves are recorded by ``Lead.save()`` (so an edit form moving a lead is recorded too),
twice on purpose: as a :class:`~seutu_crm.models.LeadStageChange` row (the timeline and
reports query it) and as a Wagtail log entry with the action ``seutu_crm.stage_change`` (the
admin's history view and the site history show it).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..models import Activity, ActivityKind, Lead, Stage, Task
from ..permission_policies import (
    activity_permission_policy,
    lead_permission_policy,
    task_permission_policy,
)
from ..scoping import get_scope

OWNER_CHANGE = "seutu_crm.owner_change"


def check_permission(policy, user, action, instance):
    """Raise PermissionDenied unless ``user`` (None: the system) may ``action`` ``instance``."""
    if user is not None and not policy.user_has_permission_for_instance(user, action, instance):
        raise PermissionDenied


def _parse_stage(stage):
    try:
        return Stage(stage)
    except ValueError:
        raise ValidationError({"stage": _("%(stage)s is not a stage.") % {"stage": stage}}) from None


def move_stage(lead, stage, user, lost_reason=None, note=""):
    """Move ``lead`` to ``stage``, logging who and when; returns the LeadStageChange (None if no move).

    Moving to "lost" needs a ``lost_reason``. The lead's ``last_activity_at`` becomes now.
    """
    stage = _parse_stage(stage)
    check_permission(lead_permission_policy, user, "change", lead)
    lost_reason = (lost_reason or "").strip()
    if stage == Stage.LOST and not lost_reason:
        raise ValidationError({"lost_reason": _("Give the reason why the lead was lost.")})
    with transaction.atomic():
        # Lock the row: two people dragging the same card must not both log a move from X.
        current = Lead.objects.select_for_update().only("stage", "closed_at").get(pk=lead.pk)
        if current.stage == stage:
            lead.stage = lead._loaded_stage = stage
            return None
        lead._loaded_stage, lead.closed_at = current.stage, current.closed_at
        lead.stage = stage
        if stage == Stage.LOST:
            lead.lost_reason = lost_reason
        lead._stage_change_user, lead._stage_change_note = user, note
        try:
            lead.save(update_fields=["stage", "lost_reason", "updated_at"])
        finally:
            del lead._stage_change_user, lead._stage_change_note
    return lead.last_stage_change


def bulk_move_stage(leads, stage, user, lost_reason=None):
    """Move each lead of ``leads`` to ``stage`` (all or none); returns the number moved."""
    with transaction.atomic():
        return sum(1 for lead in leads if move_stage(lead, stage, user, lost_reason=lost_reason))


def _check_owner(owner, town_id):
    if owner is not None and not get_scope(owner).can_write(town_id):
        raise ValidationError(
            {"owner": _("The owner must be a business developer of the lead's town.")}
        )


def assign_owner(lead, owner, user):
    """Make ``owner`` (a user who may edit the lead's town, or None) the lead's owner."""
    check_permission(lead_permission_policy, user, "change", lead)
    _check_owner(owner, lead.town_id)
    if lead.owner_id == (owner.pk if owner else None):
        return False
    with transaction.atomic():
        previous = lead.owner_id
        lead.owner = owner
        lead.save(update_fields=["owner", "updated_at"])
        log(
            lead,
            OWNER_CHANGE,
            user=user,
            data={"from": previous, "to": owner.pk if owner else None},
        )
    return True


def bulk_assign_owner(leads, owner, user):
    """Give every lead of ``leads`` the same owner (all or none); returns the number changed."""
    with transaction.atomic():
        return sum(1 for lead in leads if assign_owner(lead, owner, user))


def add_activity(
    user,
    *,
    lead=None,
    organisation=None,
    town=None,
    kind=ActivityKind.NOTE,
    text="",
    date=None,
    contacts=(),
):
    """Record an activity on a lead (or an organisation) and bump the lead's last activity."""
    if lead is None and (organisation is None or town is None):
        raise ValueError("An activity without a lead needs an organisation and a town.")
    activity = Activity(
        lead=lead,
        organisation=organisation or lead.organisation,
        town=town or lead.town,
        kind=kind,
        text=text,
        date=date or timezone.localdate(),
        created_by=user,
    )
    check_permission(activity_permission_policy, user, "add", activity)
    contacts = list(contacts)
    if user is not None and any(not get_scope(user).can_read(c.town_id) for c in contacts):
        raise PermissionDenied  # another town's contact, e.g. from a forged form
    activity.full_clean(exclude=["contacts"])
    with transaction.atomic():
        activity.save()
        if contacts:
            activity.contacts.set(contacts)
        if lead is not None:
            touch(lead)
    return activity


def add_task(
    user, *, title, lead=None, organisation=None, town=None, due_date=None, assignee=None
):
    """Create a task for a lead (or an organisation in a town)."""
    if lead is None and town is None:
        raise ValueError("A task without a lead needs a town.")
    task = Task(
        lead=lead,
        organisation=organisation or (lead.organisation if lead else None),
        town=town or lead.town,
        title=title,
        due_date=due_date,
        assignee=assignee,
        created_by=user,
    )
    check_permission(task_permission_policy, user, "add", task)
    task.full_clean()
    task.save()
    return task


def complete_task(task, user):
    """Mark ``task`` done (the timeline shows it) and bump its lead's last activity."""
    check_permission(task_permission_policy, user, "change", task)
    if task.done:
        return task
    with transaction.atomic():
        task.done = True
        task.save(update_fields=["done", "done_at"])
        if task.lead_id:
            touch(task.lead)
    return task


def touch(lead, when=None):
    """Set the lead's ``last_activity_at`` (the stale-lead clock) to ``when`` (default now)."""
    when = when or timezone.now()
    Lead.objects.filter(pk=lead.pk).update(last_activity_at=when)
    lead.last_activity_at = when
