"""Background tasks of the ecosystem analysis (django-tasks)."""

from django_tasks import task

from .snapshots import take_snapshots


@task()
def take_snapshots_task():
    """Today's snapshot of every network town; enqueue it daily (cron, systemd timer or a
    scheduler of the task backend). Idempotent: a second run the same day replaces the first."""
    return take_snapshots().__dict__
