"""``manage.py seutu_search_drain``: drain the search outbox now (cron, or after an outage)."""

from django.core.management.base import BaseCommand, CommandError

from seutu_search import outbox


class Command(BaseCommand):
    help = "Write pending changes from the search outbox into the search backend."

    def handle(self, *args, **options):
        report = outbox.drain(wait=True)
        self.stdout.write(
            f"Drained {report.entries} changes: {report.indexed} indexed, {report.deleted} "
            f"deleted in {report.seconds:.2f} s; {outbox.pending_count()} left."
        )
        if report.failed:
            raise CommandError(f"The search backend refused a batch (kept for later): "
                               f"{report.error}")
