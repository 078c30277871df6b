"""``manage.py seutu_search_check``: report drift between the database and the search index."""

from django.core.management.base import BaseCommand, CommandError

from seutu_search import outbox
from seutu_search.backends import SearchBackendError, get_search_backend
from seutu_search.documents import parse_document_id


class Command(BaseCommand):
    help = (
        "Compare what the database says should be indexed with what is: missing, stale (content "
        "changed since indexed) and extra documents. Exits with status 1 on drift."
    )

    def add_arguments(self, parser):
        parser.add_argument("--show", type=int, default=10, help="Ids listed per kind of drift.")
        parser.add_argument(
            "--fix", action="store_true",
            help="Queue the drifted documents in the outbox and drain it, then check again.",
        )

    def handle(self, *args, show=10, fix=False, **options):
        backend = get_search_backend()
        try:
            report = backend.check()
            if fix and not report.ok:
                queue_drift(report)
                drained = outbox.drain(backend, wait=True)
                if drained.failed:
                    raise CommandError(f"Could not fix the drift: {drained.error}")
                self.stdout.write(f"Re-indexed {drained.indexed}, deleted {drained.deleted}.")
                report = backend.check()
        except SearchBackendError as error:
            raise CommandError(f"The search backend cannot be checked: {error}")
        pending = outbox.pending_count()
        for label, ids in (("missing", report.missing), ("stale", report.stale),
                           ("extra", report.extra)):
            listed = ", ".join(ids[:show]) + (" …" if len(ids) > show else "")
            self.stdout.write(f"{label}: {len(ids)}" + (f" ({listed})" if ids else ""))
        self.stdout.write(f"outbox: {pending} changes not yet drained")
        if not report.ok:
            raise CommandError(
                f"{report.count} documents drift from the database; run seutu_search_check "
                "--fix or seutu_search_rebuild.",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS("The index matches the database."))


def queue_drift(report):
    """Record every drifted document in the outbox, so the drain re-indexes or deletes it."""
    by_kind = {}
    for doc_id in [*report.missing, *report.stale, *report.extra]:
        kind, pk = parse_document_id(doc_id)
        by_kind.setdefault(kind, []).append(pk)
    for kind, pks in by_kind.items():
        outbox.record(kind, pks)
