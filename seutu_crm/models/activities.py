"""What happened (:class:`Activity`) and what must happen next (:class:`Task`).

Both belong to a town of the network (``town``: the town holding the data) and, usually, to
a lead; both are scoped like leads (:mod:`seutu_crm.scoping`). Record activities through
:func:`seutu_crm.services.pipeline.add_activity`, which also bumps the lead's
``last_activity_at``; a referral moves a lead's activities and tasks to the receiving town.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .contacts import Contact
from .geography import Town
from .leads import Lead
from .organisations import Organisation


class ActivityKind(models.TextChoices):
    CALL = "call", _("Call")
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Meeting")
    SITE_VISIT = "site_visit", _("Site visit")
    EVENT = "event", _("Event")
    NOTE = "note", _("Note")


class Activity(models.Model):
    """Something that happened with an actor: a call, e-mail, meeting, site visit, event or note."""

    lead = models.ForeignKey(
        Lead,
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    town = models.ForeignKey(
        Town,
        verbose_name=_("town holding the data"),
        on_delete=models.PROTECT,
        related_name="activities",
        limit_choices_to={"in_network": True},
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("contacts"), blank=True, related_name="activities"
    )
    text = models.TextField(_("text"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["lead", "date"], name="seutu_activity_lead_date"),
            models.Index(fields=["organisation", "date"], name="seutu_activity_org_date"),
            models.Index(fields=["town", "date"], name="seutu_activity_town_date"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d} – {self.organisation}"

    def clean(self):
        if self.lead_id and self.organisation_id and self.lead.organisation_id != self.organisation_id:
            raise ValidationError(
                {"organisation": _("The activity's organisation must be the lead's organisation.")}
            )


class TaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done=False)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Task(models.Model):
    """Something someone must do by a date, for a lead or an organisation."""

    lead = models.ForeignKey(
        Lead,
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    town = models.ForeignKey(
        Town,
        verbose_name=_("town holding the data"),
        on_delete=models.PROTECT,
        related_name="tasks",
        limit_choices_to={"in_network": True},
    )
    title = models.CharField(_("title"), max_length=255)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seutu_tasks",
    )
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["done", "due_date", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            # "my overdue / upcoming tasks"
            models.Index(fields=["assignee", "done", "due_date"], name="seutu_task_assignee_due"),
            models.Index(fields=["lead", "done"], name="seutu_task_lead"),
            models.Index(fields=["town", "done", "due_date"], name="seutu_task_town_due"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # done_at follows done, however the flag was set (form, bulk action, service).
        if self.done and not self.done_at:
            self.done_at = timezone.now()
        elif not self.done:
            self.done_at = None
        super().save(*args, **kwargs)

    @property
    def is_overdue(self):
        return bool(not self.done and self.due_date and self.due_date < timezone.localdate())
