from django.core.management.base import BaseCommand, CommandError

from seutu_crm.models import Town
from seutu_pages.demo import build_demo_site


class Command(BaseCommand):
    help = (
        "Build the demo public site: a home page as the site root, a town page per network "
        "town with its actor directory, strategy and stories, and the Swedish and English "
        "translations. Run seutu_demo first. Running it again creates nothing new."
    )

    def handle(self, *args, **options):
        if not Town.objects.in_network().exists():
            raise CommandError("No network towns yet: run `manage.py seutu_demo` first.")
        demo = build_demo_site(log=self.stdout.write)
        self.stdout.write(
            f"Demo site: {len(demo.created)} pages created, {len(demo.town_pages)} town pages."
        )
