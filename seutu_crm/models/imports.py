"""An import run in the background: the uploaded file, its progress and what it found.

Only the user who started a job may see it (:meth:`ImportJobQuerySet.of_user`); the file is
kept until the import is written or refused, and a job is deleted a day after it started
(:mod:`seutu_crm.importers.jobs`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class JobPhase(models.TextChoices):
    CHECK = "check", _("Checking the file")
    WRITE = "write", _("Importing")


class ImportJobQuerySet(models.QuerySet):
    def of_user(self, user):
        """The jobs ``user`` started: nobody else's, whatever their permissions."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class ImportJob(models.Model):
    # A random key: a job's address tells nothing of other jobs.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    filename = models.CharField(max_length=255)
    # The messages are written in the language of the user who started the job.
    language = models.CharField(max_length=15)
    data = models.BinaryField(default=b"")
    phase = models.CharField(max_length=10, choices=JobPhase.choices, default=JobPhase.CHECK)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    #: ``ReportPreview.to_json()`` of the last finished phase.
    preview = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        # Only the job's owner sees it, through its own pages: no admin permissions.
        default_permissions = ()

    def __str__(self):
        return self.filename

    @property
    def finished(self):
        return self.state in (JobState.DONE, JobState.FAILED)
