from django.core.management.base import BaseCommand

from seutu_crm.services.digest import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each CRM user a digest of their overdue tasks and stale leads, in their own "
        "language. Users with nothing to do get nothing. Run it on weekday mornings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be sent; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        summary = send_digests(dry_run=dry_run)
        tasks = sum(t for t, _ in summary.values())
        leads = sum(leads for _, leads in summary.values())
        what = f"{tasks} overdue task(s), {leads} stale lead(s)"
        if dry_run:
            self.stdout.write(f"{len(summary)} user(s) would get a digest: {what}.")
        else:
            self.stdout.write(f"Digest sent to {len(summary)} user(s): {what}.")
