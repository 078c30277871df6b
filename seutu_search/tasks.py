"""Background tasks of seutu_search (django-tasks)."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import outbox

logger = logging.getLogger(__name__)


@task()
def drain_outbox():
    """Drain the search outbox into the backend; on failure retry later with backoff.

    Entries that fail stay in the outbox (with ``attempts`` and ``last_error``), so nothing is
    lost if the search server is down or this worker dies half-way.
    """
    report = outbox.drain()
    if report.failed:
        _retry_later(outbox.backoff_seconds(report.attempts))
    elif report.locked:
        _retry_later(5)  # another drain holds the lock; make sure our entries get a turn
    return {
        "entries": report.entries,
        "indexed": report.indexed,
        "deleted": report.deleted,
        "error": report.error,
    }


def _retry_later(seconds):
    backend = drain_outbox.get_backend()
    if not backend.supports_defer:
        # The immediate backend would retry at once, in a loop; the entries stay in the
        # outbox for the next write, `seutu_search_drain` or a worker backend to pick up.
        logger.warning("search outbox: drain failed; entries kept for a later drain")
        return
    drain_outbox.using(run_after=timezone.now() + timedelta(seconds=seconds)).enqueue()
