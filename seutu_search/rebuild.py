"""Full rebuild of the search index, in bounded memory, losing no write made meanwhile.

1. Take an :class:`~seutu_search.outbox.IndexRebuild` lease (recording the outbox high-water
   mark). While it is fresh, drains still write to the live index (and the Elasticsearch
   backend to the new one too) but keep their outbox entries, ``held``.
2. ``backend.begin_rebuild()``, then documents built batch by batch (primary-key ranges, a
   fixed number of queries per batch) and written with ``index(batch, rebuild=token)``.
3. ``backend.finish_rebuild(token)`` makes the new index live (Elasticsearch: one atomic alias
   swap).
4. Replay: every entry left in the outbox — those held during the rebuild and any not drained
   yet — is drained into the live index, so a record the rebuild read *before* it changed ends
   up in its changed state. Then the lease is released.

django-elasticsearch-dsl's alias rebuild loses writes made during it; this does not.
"""

import time
from dataclasses import dataclass

from django.utils import timezone

from . import outbox
from .documents import COMPETENCE, ORGANISATION, PAGE, iter_document_batches
from .outbox import IndexRebuild


@dataclass
class RebuildReport:
    documents: int = 0
    seconds: float = 0.0
    replayed: int = 0
    high_water_mark: int = 0

    @property
    def rate(self):
        return self.documents / self.seconds if self.seconds else 0.0


def indexed_kinds():
    from .conf import get_setting

    kinds = [ORGANISATION, COMPETENCE]
    if get_setting("INDEX_PAGES"):
        kinds.append(PAGE)
    return tuple(kinds)


def expected_count(kinds=None):
    """How many documents a rebuild will write (for a progress bar)."""
    from seutu_crm.models import Competence

    from .documents import organisation_queryset, page_queryset

    kinds = kinds or indexed_kinds()
    count = 0
    if ORGANISATION in kinds:
        count += organisation_queryset().count()
    if COMPETENCE in kinds:
        count += Competence.objects.values("translation_key").distinct().count()
    if PAGE in kinds:
        count += page_queryset().count()
    return count


def rebuild_index(backend=None, *, batch_size=None, progress=None, before_batch=None):
    """Rebuild the whole index; ``progress(done)`` is called after each batch and
    ``before_batch(documents)`` before one is written (tests use it to write meanwhile)."""
    from .backends import get_search_backend
    from .conf import get_setting

    backend = backend or get_search_backend()
    batch_size = batch_size or get_setting("BATCH_SIZE")
    report = RebuildReport()
    started = time.perf_counter()
    lease = IndexRebuild.objects.create(high_water_mark=outbox.high_water_mark())
    report.high_water_mark = lease.high_water_mark
    try:
        token = backend.begin_rebuild()
        try:
            for documents in iter_document_batches(indexed_kinds(), batch_size):
                if before_batch is not None:
                    before_batch(documents)
                backend.index(documents, rebuild=token)
                report.documents += len(documents)
                IndexRebuild.objects.filter(pk=lease.pk).update(heartbeat=timezone.now())
                if progress is not None:
                    progress(report.documents)
        except BaseException:
            backend.abort_rebuild(token)
            raise
        backend.finish_rebuild(token)
        replay = outbox.drain(backend, during_rebuild=True, wait=True)
        report.replayed = replay.entries
        if replay.failed:
            raise outbox.DrainFailed(replay.error)
    finally:
        lease.delete()
    # Entries a concurrent drain held between the replay and the release.
    report.replayed += outbox.drain(backend, wait=True).entries
    report.seconds = time.perf_counter() - started
    return report
