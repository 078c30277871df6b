"""The timeline of a lead: what happened, newest first, in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass
class TimelineEntry:
    kind: str  # "activity", "stage_change", "referral", "task_done"
    date: datetime.date
    when: datetime.datetime
    title: str
    text: str = ""
    user: object = None
    people: list = field(default_factory=list)
    obj: object = None

    @property
    def sort_key(self):
        return (self.date, self.when)


def lead_timeline(lead):
    """Activities, stage changes, referrals and done tasks of ``lead``, newest first."""
    entries = []
    for activity in lead.activities.select_related("created_by").prefetch_related("contacts"):
        entries.append(
            TimelineEntry(
                kind="activity",
                date=activity.date,
                when=activity.created_at,
                title=activity.get_kind_display(),
                text=activity.text,
                user=activity.created_by,
                people=[contact.full_name for contact in activity.contacts.all()],
                obj=activity,
            )
        )
    for change in lead.stage_changes.select_related("changed_by"):
        if change.from_stage:
            title = _("Stage: %(from)s → %(to)s") % {
                "from": change.get_from_stage_display(),
                "to": change.get_to_stage_display(),
            }
        else:
            title = _("Created in stage %(to)s") % {"to": change.get_to_stage_display()}
        entries.append(
            TimelineEntry(
                kind="stage_change",
                date=timezone.localdate(change.changed_at),
                when=change.changed_at,
                title=title,
                text=change.note,
                user=change.changed_by,
                obj=change,
            )
        )
    for referral in lead.referrals.select_related("from_town", "to_town", "referred_by"):
        entries.append(
            TimelineEntry(
                kind="referral",
                date=timezone.localdate(referral.referred_at),
                when=referral.referred_at,
                title=_("Referred: %(from)s → %(to)s")
                % {"from": referral.from_town, "to": referral.to_town},
                text=referral.reason,
                user=referral.referred_by,
                obj=referral,
            )
        )
    for task in lead.tasks.filter(done=True).select_related("assignee"):
        done_at = task.done_at or task.created_at
        entries.append(
            TimelineEntry(
                kind="task_done",
                date=timezone.localdate(done_at),
                when=done_at,
                title=_("Task done: %(title)s") % {"title": task.title},
                user=task.assignee,
                obj=task,
            )
        )
    entries.sort(key=lambda entry: entry.sort_key, reverse=True)
    return entries
