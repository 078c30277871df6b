from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from seutu_crm.demo import DEMO_PASSWORD, demo_users


class Command(BaseCommand):
    help = "Print the demo log-ins created by seutu_demo."

    def handle(self, *args, **options):
        specs = demo_users()
        existing = set(
            get_user_model()
            .objects.filter(username__in=[s.username for s in specs])
            .values_list("username", flat=True)
        )
        if not existing:
            self.stdout.write("No demo users yet: run `manage.py seutu_demo` first.")
            return
        base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        self.stdout.write(f"\nDemo log-ins (password for all: {DEMO_PASSWORD})")
        self.stdout.write(f"Admin: {base_url}/admin/\n")
        width = max(len(s.username) for s in specs)
        for spec in specs:
            if spec.username in existing:
                self.stdout.write(f"  {spec.username.ljust(width)}  {spec.description}")
        self.stdout.write("")
