import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from seutu_crm.importers.organisations import import_organisations
from seutu_crm.importers.tables import FileTooLarge, check_file_size

IMPORTERS = {"organisations": import_organisations}


class Command(BaseCommand):
    help = (
        "Import records from a CSV (UTF-8, comma or semicolon) or XLSX file. Every row is "
        "checked first; nothing is written unless all rows are valid. Files over the limits "
        "of SEUTU_CRM (IMPORT_MAX_FILE_BYTES, IMPORT_MAX_UNCOMPRESSED_BYTES, IMPORT_MAX_ROWS) "
        "are refused before their rows are read."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )

    def handle(self, *args, kind, file, dry_run, **options):
        try:
            check_file_size(file.stat().st_size)  # before reading it into memory
            data = file.read_bytes()
        except FileTooLarge as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        report = IMPORTERS[kind](data, file.name, dry_run=dry_run, progress=self._progress)
        for warning in report.warnings:
            self.stderr.write(f"Warning: {warning}")
        for message in report.file_errors:
            self.stderr.write(f"Error: {message}")
        for error in report.errors:
            value = f" [{error.value}]" if error.value else ""
            self.stderr.write(f"Row {error.row}, {error.column}: {error.message}{value}")
        verb = "would be" if dry_run or not report.ok else "were"
        self.stdout.write(
            f"{report.rows:,} rows: {len(report.created):,} {verb} created, "
            f"{len(report.updated):,} {verb} updated, {len(report.unchanged):,} unchanged, "
            f"{len(report.rejected_rows):,} rejected ({report.seconds:.1f} s)."
        )
        if not report.ok:
            raise CommandError("Nothing was imported: correct what is listed above and try again.")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")

    def _progress(self, stage, done, total):
        label = {"check": "checked", "write": "written"}[stage]
        sys.stderr.write(f"\r{done:,} / {total:,} rows {label}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
