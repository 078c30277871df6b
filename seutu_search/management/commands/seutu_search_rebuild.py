"""``manage.py seutu_search_rebuild``: rebuild the search index from the database."""

import time

from django.core.management.base import BaseCommand, CommandError

from seutu_search.backends import SearchBackendError, get_search_backend
from seutu_search.outbox import DrainFailed
from seutu_search.rebuild import expected_count, rebuild_index


class ProgressBar:
    """A one-line progress bar on a command's stderr (a plain line per step when not a tty)."""

    width = 30

    def __init__(self, total, stream):
        self.total, self.stream = max(total, 1), stream  # a management OutputWrapper
        self.started = time.perf_counter()
        self.tty = stream.isatty()

    def update(self, done):
        share = min(done / self.total, 1.0)
        filled = int(share * self.width)
        rate = done / max(time.perf_counter() - self.started, 1e-6)
        line = (
            f"[{'#' * filled}{'.' * (self.width - filled)}] {share:4.0%} "
            f"{done}/{self.total} documents, {rate:,.0f}/s"
        )
        self.stream.write(("\r" + line) if self.tty else line, ending="" if self.tty else "\n")
        self.stream.flush()

    def close(self):
        if self.tty:
            self.stream.write("")


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the database in bounded memory. Writes made while it "
        "runs reach the new index too."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, help="Documents per batch.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, batch_size=None, no_progress=False, **options):
        backend = get_search_backend()
        bar = None if no_progress else ProgressBar(expected_count(), self.stderr)
        try:
            report = rebuild_index(
                backend, batch_size=batch_size, progress=bar.update if bar else None
            )
        except (SearchBackendError, DrainFailed) as error:
            raise CommandError(f"Rebuild failed, the live index is unchanged: {error}")
        finally:
            if bar:
                bar.close()
        self.stdout.write(
            f"Indexed {report.documents} documents in {report.seconds:.1f} s "
            f"({report.rate:,.0f}/s); replayed {report.replayed} changes made meanwhile."
        )
