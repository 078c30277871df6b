import json
import sys
from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from seutu_crm.importers.organisations import import_organisations
from seutu_crm.importers.prh import import_prh
from seutu_crm.importers.reports import ReportPreview
from seutu_crm.importers.statfin import import_statfin
from seutu_crm.importers.tables import FileTooLarge, check_file_size

KINDS = ("organisations", "prh", "statfin")
PROBLEMS_PRINTED = 200  # broken and skipped records listed in text; --format json has all


class Command(BaseCommand):
    help = (
        "Import records. organisations: a CSV (UTF-8, comma or semicolon) or XLSX file; every "
        "row is checked first and nothing is written unless all rows are valid; files over "
        "the limits of SEUTU_CRM (IMPORT_MAX_FILE_BYTES, IMPORT_MAX_UNCOMPRESSED_BYTES, "
        "IMPORT_MAX_ROWS) are refused before their rows are read. prh: companies from PRH's "
        "open YTJ data (a /companies response or the bulk file's JSON), created or updated by "
        "business ID; a broken record is reported and skipped; values people edited in Seutu "
        "are kept. statfin: municipal key figures from a Statistics Finland table saved as "
        "JSON-stat2."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument(
            "--municipality", metavar="CODE",
            help="prh: import only the companies located in this municipality (e.g. 678).",
        )
        parser.add_argument(
            "--format", choices=("text", "json"), default="text",
            help="json: print the whole report as JSON on standard output.",
        )

    def handle(self, *args, kind, file, dry_run, municipality, format, **options):
        if municipality and kind != "prh":
            raise CommandError("--municipality applies to prh imports only.")
        if municipality and not (len(municipality) == 3 and municipality.isdigit()):
            raise CommandError("--municipality takes a three-digit municipality code, e.g. 678.")
        self.json, self.kind = format == "json", kind
        data = self._read(file, limit=kind == "organisations")
        if kind == "organisations":
            self._organisations(data, file.name, dry_run)
        elif kind == "prh":
            self._prh(data, dry_run, municipality)
        else:
            self._statfin(data, dry_run)

    def _read(self, file, *, limit):
        try:
            if limit:  # people's spreadsheets; the registers' bulk files are larger
                check_file_size(file.stat().st_size)  # before reading it into memory
            return file.read_bytes()
        except FileTooLarge as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error

    def _print_json(self, data):
        self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))

    # --- organisations ------------------------------------------------------------------------

    def _organisations(self, data, filename, dry_run):
        report = import_organisations(data, filename, dry_run=dry_run, progress=self._progress)
        if self.json:
            self._print_json(asdict(ReportPreview.of(report)))
        else:
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
        if dry_run and not self.json:
            self.stdout.write("Dry run: nothing was written.")

    # --- PRH -----------------------------------------------------------------------------------

    def _prh(self, data, dry_run, municipality):
        report = import_prh(data, dry_run=dry_run, municipality=municipality,
                            progress=self._progress)
        if self.json:
            self._print_json(report.to_json())
        else:
            self._prh_text(report)
        if not report.ok:
            raise CommandError("Nothing was imported: " + " ".join(report.file_errors))

    def _prh_text(self, report):
        for message in report.file_errors:
            self.stderr.write(f"Error: {message}")
        for label, problems in (("Broken", report.errors), ("Skipped", report.skipped)):
            for problem in problems[:PROBLEMS_PRINTED]:
                business_id = f" ({problem.business_id})" if problem.business_id else ""
                self.stderr.write(f"{label} record {problem.position}{business_id}: {problem.reason}")
            if len(problems) > PROBLEMS_PRINTED:
                self.stderr.write(f"… and {len(problems) - PROBLEMS_PRINTED:,} more.")
        if report.outside_register:
            codes = ", ".join(f"{code} ({count:,})" for code, count
                              in sorted(report.outside_register.items()))
            self.stderr.write(f"Skipped: municipalities not in the register: {codes}")
        for kept in report.kept[:PROBLEMS_PRINTED]:
            self.stderr.write(
                f"Kept record {kept.position} ({kept.business_id}) {kept.field}: "
                f"{kept.seutu_value!r} (edited in Seutu; the register says {kept.register_value!r})"
            )
        verb = "would be" if report.dry_run else "were"
        filtered = (f", {report.filtered_out:,} outside the municipality"
                    if report.filtered_out else "")
        self.stdout.write(
            f"{report.records:,} records: {report.created:,} {verb} created, "
            f"{report.updated:,} {verb} updated, {report.unchanged:,} unchanged, "
            f"{len(report.errors):,} broken, {report.skipped_count:,} skipped{filtered}; "
            f"{len(report.kept):,} values kept as edited in Seutu ({report.seconds:.1f} s)."
        )
        if report.dry_run and report.ok:
            self.stdout.write("Dry run: nothing was written.")

    # --- StatFin -------------------------------------------------------------------------------

    def _statfin(self, data, dry_run):
        report = import_statfin(data, dry_run=dry_run)
        if self.json:
            self._print_json(report.to_json())
        else:
            for message in report.file_errors:
                self.stderr.write(f"Error: {message}")
            if report.unknown_areas:
                areas = ", ".join(sorted(report.unknown_areas))
                self.stderr.write(f"Skipped areas not in the register: {areas}")
            verb = "would be" if dry_run else "were"
            self.stdout.write(
                f"{report.table or 'Table'}: {report.cells:,} cells, {report.created:,} values "
                f"{verb} created, {report.updated:,} {verb} updated, {report.unchanged:,} "
                f"unchanged, {report.missing:,} missing, "
                f"{sum(report.unknown_areas.values()):,} of unknown areas."
            )
            if dry_run and report.ok:
                self.stdout.write("Dry run: nothing was written.")
        if not report.ok:
            raise CommandError("Nothing was imported: " + " ".join(report.file_errors))

    def _progress(self, stage, done, total):
        unit = "rows" if self.kind == "organisations" else "records"
        label = {"check": "checked", "write": "written"}[stage]
        sys.stderr.write(f"\r{done:,} / {total:,} {unit} {label}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
