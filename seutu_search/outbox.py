"""The search outbox: capture changes atomically with the write, drain them into the backend.

Capture (:func:`record`) runs inside the writer's transaction — model signal handlers do — so
a rolled-back write leaves no entry, and a committed one always leaves one. Only the *enqueue*
of the drain task waits for the commit (``transaction.on_commit``), once per transaction.

The drain (:func:`drain`) reads entries in primary-key order, coalesces repeats of one object,
builds the documents of a whole batch at once from the *current* database state (so a record
that became private, or was deleted, is deleted from the index), hands them to the backend and
deletes the entries only after the backend accepted them. When the backend fails, the entries
stay, with ``attempts`` and ``last_error`` recorded, and the task retries later with backoff.

While a rebuild runs (an :class:`IndexRebuild` lease) drained entries are kept, ``held``, and
replayed into the new index once it is live, so a document the rebuild read before a change
never overwrites the change.
"""

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connections, models, router, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 600
ERROR_MAX_LENGTH = 2000
# Arbitrary, fixed key for PostgreSQL's advisory lock that serialises drains.
ADVISORY_LOCK_KEY = 0x5E07_05EA


# --- models --------------------------------------------------------------------------------


class OutboxAction(models.TextChoices):
    INDEX = "index", _("Index")
    DELETE = "delete", _("Delete")


class OutboxEntry(models.Model):
    """One captured change: document ``kind`` + ``object_id`` must be (re)indexed or deleted.

    The action is what the writer saw; the drain decides from the database state at drain
    time (a record that no longer exists or is no longer public is deleted from the index), so
    repeated entries for one object coalesce into one backend call.
    """

    kind = models.CharField(_("kind"), max_length=32)
    object_id = models.BigIntegerField(_("object id"))
    action = models.CharField(
        _("action"), max_length=8, choices=OutboxAction.choices, default=OutboxAction.INDEX
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Drained while a rebuild was running: already in the live index, kept to be replayed
    # into the new one once the rebuild has made it live.
    held = models.BooleanField(_("held for a rebuild"), default=False)

    class Meta:
        app_label = "seutu_search"
        ordering = ["pk"]
        verbose_name = _("search outbox entry")
        verbose_name_plural = _("search outbox entries")

    def __str__(self):
        return f"{self.action} {self.kind}:{self.object_id}"


class IndexRebuild(models.Model):
    """A lease taken by a running rebuild: ``high_water_mark`` is the newest outbox entry when
    it started; while the lease is fresh the drain keeps what it drains (``held``).

    A lease whose heartbeat is older than ``stale_after`` belongs to a rebuild that died and is
    ignored, so a crashed rebuild never stops the outbox for good.
    """

    stale_after = timedelta(minutes=5)

    started = models.DateTimeField(_("started"), default=timezone.now)
    heartbeat = models.DateTimeField(_("heartbeat"), default=timezone.now)
    high_water_mark = models.BigIntegerField(_("outbox high-water mark"), default=0)

    class Meta:
        app_label = "seutu_search"
        verbose_name = _("index rebuild")
        verbose_name_plural = _("index rebuilds")

    def __str__(self):
        return f"rebuild started {self.started:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def active(cls):
        return cls.objects.filter(heartbeat__gte=timezone.now() - cls.stale_after)


# --- capture -------------------------------------------------------------------------------


def record(kind, object_ids, action=OutboxAction.INDEX):
    """Write one outbox entry per id, in the current transaction, and schedule a drain."""
    ids = list(dict.fromkeys(int(pk) for pk in object_ids if pk is not None))
    if not ids:
        return
    using = router.db_for_write(OutboxEntry)
    OutboxEntry.objects.using(using).bulk_create(
        [OutboxEntry(kind=kind, object_id=pk, action=action) for pk in ids], batch_size=1000
    )
    schedule_drain(using)


def record_queryset(kind, pk_queryset, action=OutboxAction.INDEX, chunk_size=5000):
    """Record every pk of ``pk_queryset`` (a ``values_list("pk", flat=True)``) in chunks."""
    chunk = []
    for pk in pk_queryset.iterator(chunk_size=chunk_size):
        chunk.append(pk)
        if len(chunk) >= chunk_size:
            record(kind, chunk, action)
            chunk = []
    record(kind, chunk, action)


def schedule_drain(using=None):
    """Enqueue ``drain_outbox`` when the current transaction commits (once per transaction)."""
    from .conf import get_setting

    if not get_setting("AUTO_DRAIN"):
        return
    connection = transaction.get_connection(using)
    # Once per transaction level: saving many records in one block enqueues one drain.
    current = set(connection.savepoint_ids)
    if connection.in_atomic_block and any(
        func is _enqueue_drain and sids == current
        for sids, func, _robust in connection.run_on_commit
    ):
        return
    # robust: a task backend that is down must not fail the writer's commit; the entries stay.
    transaction.on_commit(_enqueue_drain, using=using, robust=True)


def _enqueue_drain():
    from .tasks import drain_outbox

    drain_outbox.enqueue()


def high_water_mark():
    """The primary key of the newest outbox entry (0 when empty)."""
    return OutboxEntry.objects.aggregate(mark=Max("pk"))["mark"] or 0


def pending_count():
    return OutboxEntry.objects.count()


# --- drain ---------------------------------------------------------------------------------


class DrainFailed(Exception):
    """The backend refused a batch; its entries are still in the outbox."""


@dataclass
class DrainReport:
    entries: int = 0
    indexed: int = 0
    deleted: int = 0
    batches: int = 0
    seconds: float = 0.0
    error: str = ""
    attempts: int = 0
    held_for_rebuild: bool = False
    locked: bool = False
    kinds: dict = field(default_factory=dict)

    @property
    def failed(self):
        return bool(self.error)

    @property
    def documents(self):
        return self.indexed + self.deleted


def drain(backend=None, *, batch_size=None, max_batches=None, during_rebuild=False, wait=False):
    """Move outbox entries into ``backend`` (default: the configured one) until it is empty.

    While a rebuild runs (an active :class:`IndexRebuild` lease) drained entries are kept,
    marked ``held``, for the rebuild to replay into the new index; the rebuild itself passes
    ``during_rebuild=True`` to replay them (and everything else) and delete them.
    ``wait`` waits for a concurrent drain to finish instead of leaving the work to it.
    """
    from .backends import get_search_backend
    from .conf import get_setting

    backend = backend or get_search_backend()
    batch_size = batch_size or get_setting("BATCH_SIZE")
    report = DrainReport()
    started = time.perf_counter()
    with drain_lock(wait=wait) as acquired:
        if not acquired:
            report.locked = True  # another drain is running; it will see our entries
            return report
        while max_batches is None or report.batches < max_batches:
            hold = not during_rebuild and IndexRebuild.active().exists()
            report.held_for_rebuild = report.held_for_rebuild or hold
            entries = OutboxEntry.objects.order_by("pk")
            if hold:
                entries = entries.filter(held=False)
            entries = list(entries.values_list("pk", "kind", "object_id")[:batch_size])
            if not entries:
                break
            if not _drain_batch(backend, entries, report, hold=hold):
                break
    report.seconds = time.perf_counter() - started
    return report


def _drain_batch(backend, entries, report, hold=False):
    from .documents import documents_for

    entry_pks = [pk for pk, _kind, _object_id in entries]
    ids_by_kind = {}
    for _pk, kind, object_id in entries:
        ids_by_kind.setdefault(kind, set()).add(object_id)
    try:
        documents, removed = [], []
        for kind, object_ids in ids_by_kind.items():
            built, gone = documents_for(kind, object_ids)
            documents.extend(built)
            removed.extend(gone)
            report.kinds[kind] = report.kinds.get(kind, 0) + len(object_ids)
        if documents:
            backend.index(documents)
        if removed:
            backend.delete(removed)
    except Exception as error:  # the backend (or a builder) failed: keep the entries
        logger.warning("search outbox: batch of %d entries failed: %s", len(entries), error)
        message = f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]
        OutboxEntry.objects.filter(pk__in=entry_pks).update(
            attempts=F("attempts") + 1, last_error=message
        )
        report.error = message
        report.attempts = (
            OutboxEntry.objects.filter(pk__in=entry_pks).aggregate(m=Max("attempts"))["m"] or 1
        )
        return False
    processed = OutboxEntry.objects.filter(pk__in=entry_pks)
    if hold:
        processed.update(held=True, attempts=0, last_error="")
    else:
        processed.delete()
    report.entries += len(entries)
    report.indexed += len(documents)
    report.deleted += len(removed)
    report.batches += 1
    return True


def backoff_seconds(attempts):
    """Seconds to wait before retrying after ``attempts`` failures: 2, 4, 8 … capped."""
    return min(2 ** max(attempts, 1), MAX_BACKOFF_SECONDS)


@contextmanager
def drain_lock(wait=False):
    """Let one drain run at a time: on PostgreSQL through an advisory lock.

    Two concurrent drains could otherwise index an older build of a document after a newer
    one. SQLite serialises writers anyway and needs no lock.
    """
    connection = connections[router.db_for_write(OutboxEntry)]
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
            acquired = True
        else:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
            acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])
