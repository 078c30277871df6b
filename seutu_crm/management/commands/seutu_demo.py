import sys

from django.core.management.base import BaseCommand, CommandError

from seutu_crm.demo import (
    MAX_SIZE,
    add_gap_story,
    add_university_ties,
    ensure_demo_users,
    generate_organisations,
    generate_relations,
    load_demo_key_figures,
)
from seutu_crm.models import Organisation
from seutu_crm.reference import load_reference_data

DEFAULT_SIZE = 300


class Command(BaseCommand):
    help = (
        "Load the reference data (regions, towns, TOL 2008, competences), the demo users and "
        "N fictional organisations with about two ties each (deterministic: the same N gives the "
        "same data)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            type=int,
            default=DEFAULT_SIZE,
            help=f"Organisations to generate, 0 to {MAX_SIZE:,} (default {DEFAULT_SIZE}); "
            "0 loads reference data and users only.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the register already holds organisations.",
        )
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, size, if_empty, batch_size, **options):
        if not 0 <= size <= MAX_SIZE:
            raise CommandError(f"--size must be between 0 and {MAX_SIZE:,}.")
        if if_empty and Organisation.objects.exists():
            self.stdout.write("The register already has organisations; demo data not loaded.")
            return
        reference = load_reference_data()
        self.stdout.write(
            f"Reference data: {len(reference['regions'])} regions, {len(reference['towns'])} "
            f"towns, {len(reference['industries'])} industries, "
            f"{len(reference['competences'])} competences in {len(reference['locales'])} "
            "languages."
        )
        figures = load_demo_key_figures()
        self.stdout.write(f"Key figures: {figures.created} created, {figures.unchanged} unchanged.")
        created_users = ensure_demo_users()
        self.stdout.write(f"Demo users: {len(created_users)} created.")
        if size:
            result = generate_organisations(
                size, batch_size=batch_size, progress=self._progress if size >= 5000 else None
            )
            self.stdout.write(
                f"Organisations: {result.created:,} created, {result.skipped:,} already there "
                f"({result.seconds:.1f} s)."
            )
            relations = generate_relations()
            self.stdout.write(
                f"Relations: {relations.created:,} created ({relations.seconds:.1f} s)."
            )
            story = add_gap_story()
            self.stdout.write(
                f"Hydrogen story: {story.created} organisations, {story.tied} ties created."
            )
            self.stdout.write(f"Higher-education ties: {add_university_ties().created} created.")

    def _progress(self, done, total):
        sys.stderr.write(f"\r  {done:,} / {total:,} organisations")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
