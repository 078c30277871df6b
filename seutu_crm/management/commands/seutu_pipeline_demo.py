from django.core.management.base import BaseCommand, CommandError

from seutu_crm.demo.leads import generate_leads
from seutu_crm.ecosystem.snapshots import take_snapshots
from seutu_crm.models import Lead


class Command(BaseCommand):
    help = (
        "Create a demo Invest-in pipeline: leads in every stage for each network town, with "
        "stage history, activities, tasks and referrals. Run after seutu_demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=300, help="Number of leads (default 300).")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when there already are leads."
        )
        parser.add_argument(
            "--no-history", action="store_true",
            help="Leads only, without activities, tasks, stage changes and referrals.",
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, size, if_empty, no_history, seed, **options):
        if size < 0:
            raise CommandError("--size must be zero or more.")
        if if_empty and Lead.objects.exists():
            self.stdout.write("There are leads already; nothing to do.")
            return
        try:
            seconds = generate_leads(size, seed=seed, with_history=not no_history)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Created {size} demo lead(s) in {seconds:.1f} s.")
        # The first snapshot of the ecosystem: profiles show change from here on.
        result = take_snapshots()
        self.stdout.write(f"Ecosystem snapshot of {result.date}: {result.towns} towns.")
