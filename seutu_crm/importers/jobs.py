"""Imports run by a django-tasks task, with progress: start, run, confirm, and who sees them.

An admin upload with more rows than ``SEUTU_CRM["IMPORT_BACKGROUND_ROWS"]`` becomes an
:class:`~seutu_crm.models.ImportJob` (:func:`start_job`). The task :func:`run_import_job`
checks the file — a dry run — and keeps its preview; when the job's owner confirms
(:func:`confirm_job`) the task runs again and writes. Both phases call
:func:`~.organisations.import_organisations`, so a job checks and writes exactly as the
command and the in-request import do: all or nothing.

Progress is recorded while the rows are checked. The write runs in one transaction, so
other connections see it only when it is committed: the page says "Importing" meanwhile.
A job that raises is marked failed (its transaction rolled back, nothing written) so its page
stops waiting; one whose worker died stays "running" until jobs a day old are deleted.
"""

import logging
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from ..models import ImportJob, JobPhase, JobState
from .organisations import import_organisations
from .reports import ReportPreview

logger = logging.getLogger(__name__)

KEEP_JOBS = timedelta(days=1)


def start_job(user, data, filename, language):
    """Keep the file as a new job of ``user`` and have the task check it (after the commit)."""
    ImportJob.objects.filter(created_at__lt=timezone.now() - KEEP_JOBS).delete()
    job = ImportJob.objects.create(user=user, filename=filename, language=language, data=data)
    _enqueue(job)
    return job


def confirm_job(job):
    """Have the task write a checked job; False when it cannot be confirmed (any more)."""
    if job.phase != JobPhase.CHECK or job.state != JobState.DONE or not preview_of(job).ok:
        return False
    # Conditional, so that a second click (or a replayed form) does not write twice.
    moved = ImportJob.objects.filter(pk=job.pk, phase=JobPhase.CHECK, state=JobState.DONE).update(
        phase=JobPhase.WRITE, state=JobState.QUEUED, rows_done=0, updated_at=timezone.now()
    )
    if moved:
        _enqueue(job)
    return bool(moved)


def preview_of(job):
    """The :class:`~.reports.ReportPreview` of the job's last finished phase, or None."""
    return ReportPreview.from_json(job.preview) if job.preview else None


def _enqueue(job):
    transaction.on_commit(partial(run_import_job.enqueue, str(job.pk)))


@task()
def run_import_job(job_id):
    """Run the job's phase: check the file (dry run) or write it."""
    claimed = ImportJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, updated_at=timezone.now()
    )
    if not claimed:  # deleted, or already run by another worker
        return {"ran": False}
    job = ImportJob.objects.get(pk=job_id)
    checking = job.phase == JobPhase.CHECK
    try:
        with translation.override(job.language):
            report = import_organisations(
                bytes(job.data), job.filename, dry_run=checking,
                progress=partial(_record_progress, job.pk), user=job.user,
            )
    except Exception:
        logger.exception("import job %s failed", job_id)
        _finish(job_id, JobState.FAILED, None, keep_file=False)
        raise
    # The file waits for the confirmation only when it may be confirmed.
    _finish(job_id, JobState.DONE, ReportPreview.of(report).to_json(),
            keep_file=checking and report.ok)
    return {"ran": True, "rows": report.rows, "ok": report.ok, "applied": report.applied}


def _record_progress(job_id, stage, done, total):
    if stage == "check":  # the write's progress would stay inside its transaction
        ImportJob.objects.filter(pk=job_id).update(
            rows_done=done, rows_total=total, updated_at=timezone.now()
        )


def _finish(job_id, state, preview, *, keep_file):
    changes = {"state": state, "preview": preview, "updated_at": timezone.now()}
    if not keep_file:
        changes["data"] = b""
    ImportJob.objects.filter(pk=job_id).update(**changes)
