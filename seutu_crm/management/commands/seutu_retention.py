from django.core.management.base import BaseCommand

from seutu_crm.conf import get_setting
from seutu_crm.services.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise contacts untouched for SEUTU_CRM['RETENTION_YEARS'] years "
        "(no saves, no linked activities). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report how many contacts are due."
        )

    def handle(self, *args, dry_run=False, **options):
        pks = apply_retention(dry_run=dry_run)
        years = get_setting("RETENTION_YEARS")
        verb = "would be anonymised" if dry_run else "anonymised"
        # Numbers only: the output of a cron job must not carry personal data.
        self.stdout.write(f"{len(pks)} contact(s) untouched for {years} years {verb}.")
        if pks and options["verbosity"] > 1:
            self.stdout.write("Contact ids: " + ", ".join(map(str, pks)))
