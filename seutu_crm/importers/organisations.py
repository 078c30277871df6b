"""Import organisations from a CSV or XLSX file.

Columns (header row, any order, this spelling)::

    name, business_id, actor_type, town_code, street_address, postal_code, latitude,
    longitude, website, employees, size_class, industries, competences, is_public,
    description_fi, description_sv, description_en

``name``, ``actor_type`` and ``town_code`` are required; the other columns may be left out.
A column that is present is the truth for every row: an empty cell clears the value. A
column that is absent leaves the stored value alone.

A row updates the organisation with its business ID, or — without one — the organisation of
the same name in the same town that has no business ID either; otherwise it creates one.

Nothing is written unless every row is valid: :func:`import_organisations` first checks the
whole file and reports every bad row (row number, column, message), then writes everything
in one transaction. Importing the same file again changes nothing and reports the rows as
unchanged. Bulk writes are reported with ``organisations_changed``.

The file's size and the header are checked before any row is read (a wrong header or a file
over the limits of :mod:`.tables` fails at once); the rows are then checked as they stream
from the file, so only the checked rows are held until the write.
"""

import time
from contextlib import closing
from dataclasses import dataclass
from typing import NamedTuple

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import get_setting
from ..models import Competence, Industry, Language, Organisation, OrganisationDescription, Town
from ..permission_policies import organisation_permission_policy
from ..services.bulk import insert_rows
from ..signals import organisations_changed
from .cells import CLEANERS, CellError, check_coordinates, clean_list
from .reports import CREATE, UNCHANGED, UPDATE, ImportReport, RowError, RowOutcome
from .tables import UnreadableFile, read_table

SCALAR_COLUMNS = (
    "name",
    "business_id",
    "actor_type",
    "town_code",
    "street_address",
    "postal_code",
    "latitude",
    "longitude",
    "website",
    "employees",
    "size_class",
    "is_public",
)
DESCRIPTION_COLUMNS = {f"description_{code}": code for code in Language.values}
# The order of the issue and of the template people fill in.
COLUMNS = (*SCALAR_COLUMNS[:-1], "industries", "competences", "is_public", *DESCRIPTION_COLUMNS)
REQUIRED_COLUMNS = ("name", "actor_type", "town_code")

# Field of Organisation each scalar column writes.
FIELD_OF_COLUMN = {column: column for column in SCALAR_COLUMNS} | {"town_code": "town_id"}

QUERY_CHUNK = 900  # values per IN (...) query: under every database's parameter limit
PROGRESS_EVERY = 1000  # rows between calls of progress() while checking


@dataclass
class ParsedRow:
    row: int
    values: dict  # Organisation field -> value, for the scalar columns present
    industries: set | None
    competences: set | None
    descriptions: dict  # language -> text, for the description columns present


class Lookups:
    """Everything a row refers to, loaded once for the whole file."""

    def __init__(self):
        self.towns = dict(Town.objects.values_list("code", "pk"))
        self.industries = {code.upper(): pk for code, pk in Industry.objects.values_list("code", "pk")}
        self.competences = {}
        rows = Competence.objects.filter(locale__language_code="fi").values_list("slug", "name", "pk")
        for slug, name, pk in rows:
            self.competences.setdefault(name.casefold(), pk)
            self.competences[slug.casefold()] = pk


class FileCheck(NamedTuple):
    """What is known of a file before its rows are read."""

    file_errors: list
    warnings: list
    expected_rows: int  # an estimate, see Table.expected_rows

    @property
    def ok(self):
        return not self.file_errors


class _OpenFile(NamedTuple):
    table: object  # tables.Table
    columns: list


def check_file(data, filename=""):
    """Check ``data``'s size and header without reading its rows: a :class:`FileCheck`.

    Quick for any file the limits allow; the admin calls it to decide whether the rows are
    checked within the request or by a background task.
    """
    report = ImportReport(dry_run=True)
    opened = _open(data, filename, report)
    if opened is None:
        return FileCheck(report.file_errors, report.warnings, 0)
    opened.table.close()
    return FileCheck(report.file_errors, report.warnings, opened.table.expected_rows)


def import_organisations(data, filename="", *, dry_run=False, progress=None, user=None):
    """Check and (unless ``dry_run`` or a row is bad) import ``data``, the file's bytes.

    With ``user`` (the admin's imports), a row may create or change only organisations of
    towns the user keeps in the register (its permission policy); the command imports all.

    ``progress(stage, done, total)`` is called now and then; stages are "check" and "write"
    (while checking, ``total`` is the file's estimate until the last call).
    Returns an :class:`~.reports.ImportReport`.
    """
    started = time.perf_counter()
    report = ImportReport(dry_run=dry_run)
    opened = _open(data, filename, report)
    if opened is None:
        return report
    with closing(opened.table):
        try:
            parsed = _parse_rows(opened.table, opened.columns, Lookups(), report, progress)
        except UnreadableFile as error:  # part-way: too many rows, or a broken file
            report.file_errors.append(str(error))
            return report
    matches = _match_existing(parsed, report)
    if user is not None:
        _check_towns(parsed, matches, user, report)
    _compare(parsed, matches, report)
    if report.ok and not dry_run:
        _write(parsed, matches, report, progress)
        report.applied = True
    report.seconds = time.perf_counter() - started
    return report


def _open(data, filename, report):
    """Read the header and check it; None (and the reason in ``report``) when it fails."""
    try:
        table = read_table(data, filename)
    except UnreadableFile as error:
        report.file_errors.append(str(error))
        return None
    report.warnings += table.warnings
    columns = _check_header(table.header, report)
    if not report.ok:
        table.close()
        return None
    return _OpenFile(table, columns)


def _check_header(header, report):
    columns = [cell.strip().lower() for cell in header]
    unknown = [c for c in columns if c and c not in COLUMNS]
    if unknown:
        report.file_errors.append(
            _("Unknown columns: %(unknown)s. The columns are: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(COLUMNS)}
        )
    duplicates = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicates:
        report.file_errors.append(
            _("Columns appear twice: %(columns)s.") % {"columns": ", ".join(duplicates)}
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        report.file_errors.append(
            _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return columns


# --- checking each row ----------------------------------------------------------------------


def _parse_rows(table, columns, lookups, report, progress):
    positions = {column: i for i, column in enumerate(columns) if column in COLUMNS}
    seen_business_ids = {}
    seen_names = {}
    parsed = []
    for number, cells in table.rows:
        report.rows += 1
        cells = cells + [""] * (len(columns) - len(cells))
        raw = {column: cells[i] for column, i in positions.items()}
        errors = []
        row = _parse_row(number, raw, lookups, errors)
        business_id = row.values.get("business_id")
        if business_id and "business_id" not in {e.column for e in errors}:
            if business_id in seen_business_ids:
                errors.append(RowError(number, "business_id", _(
                    "Business ID %(value)s is also on row %(row)s."
                ) % {"value": business_id, "row": seen_business_ids[business_id]}, business_id))
            seen_business_ids.setdefault(business_id, number)
        elif not business_id and row.values.get("name") and row.values.get("town_id"):
            key = (row.values["name"].casefold(), row.values["town_id"])
            if key in seen_names:
                errors.append(RowError(number, "name", _(
                    "Row %(row)s has the same name and town and no business ID either: add "
                    "business IDs to tell them apart."
                ) % {"row": seen_names[key]}, row.values["name"]))
            seen_names.setdefault(key, number)
        if errors:
            report.errors += errors
        else:
            parsed.append(row)
        if progress and report.rows % PROGRESS_EVERY == 0:
            progress("check", report.rows, max(table.expected_rows, report.rows))
    if progress:
        progress("check", report.rows, report.rows)
    return parsed


def _parse_row(number, raw, lookups, errors):
    values = {}
    for column in SCALAR_COLUMNS:
        if column not in raw:
            continue
        try:
            values[FIELD_OF_COLUMN[column]] = CLEANERS[column](raw[column], lookups)
        except CellError as error:
            errors.append(RowError(number, column, str(error), raw[column]))
    check_coordinates(number, raw, values, errors)
    industries = competences = None
    if "industries" in raw:
        industries = clean_list(number, "industries", raw["industries"], lookups.industries,
                                str.upper, errors, _("Unknown TOL industry code: %(values)s."))
    if "competences" in raw:
        competences = clean_list(number, "competences", raw["competences"], lookups.competences,
                                 str.casefold, errors,
                                 _("Unknown competence (give its slug or Finnish name): "
                                   "%(values)s."))
    descriptions = {
        language: raw[column] for column, language in DESCRIPTION_COLUMNS.items() if column in raw
    }
    return ParsedRow(number, values, industries, competences, descriptions)



# --- matching and comparing with what is stored --------------------------------------------


def _chunks(items, size=QUERY_CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


STORED_FIELDS = ("pk", *FIELD_OF_COLUMN.values())


def _match_existing(parsed, report):
    """``{row number: stored values}`` for the rows that update an organisation."""
    by_business_id, by_name = {}, {}
    for row in parsed:
        if row.values.get("business_id"):
            by_business_id[row.values["business_id"]] = row
        elif "name" in row.values:
            by_name.setdefault(row.values["name"], []).append(row)
    matches = {}
    for chunk in _chunks(by_business_id):
        for stored in Organisation.objects.filter(business_id__in=chunk).values(*STORED_FIELDS):
            matches[by_business_id[stored["business_id"]].row] = stored
    for chunk in _chunks(by_name):
        found = {}
        stored_rows = Organisation.objects.filter(business_id=None, name__in=chunk).values(
            *STORED_FIELDS
        )
        for stored in stored_rows:
            found.setdefault((stored["name"], stored["town_id"]), []).append(stored)
        for name in chunk:
            for row in by_name[name]:
                candidates = found.get((name, row.values.get("town_id")), [])
                if len(candidates) == 1:
                    matches[row.row] = candidates[0]
                elif len(candidates) > 1:
                    report.errors.append(RowError(row.row, "business_id", _(
                        "Several organisations called %(name)s in this town have no business "
                        "ID; give this row its business ID."
                    ) % {"name": name}))
    return matches


def _check_towns(parsed, matches, user, report):
    """A row error for each row that would place or change an organisation in a town of the
    network that ``user`` does not keep (another town's actors are that town's to edit)."""
    towns = {}
    for row in parsed:
        stored = matches.get(row.row)
        for town_id in {row.values.get("town_id"), stored and stored["town_id"]} - {None}:
            if not organisation_permission_policy.can_write_town(user, town_id):
                towns.setdefault(town_id, []).append(row.row)
    names = dict(Town.objects.filter(pk__in=towns).values_list("pk", "name_fi"))
    for town_id, rows in towns.items():
        for number in rows:
            report.errors.append(RowError(number, "town_code", _(
                "Only the business developers of this row's town (%(town)s) may add or "
                "change its organisations."
            ) % {"town": names.get(town_id, town_id)}))


def _stored_links(matches, parsed):
    """Stored competence and industry ids and descriptions of the matched organisations."""
    pks = [stored["pk"] for stored in matches.values()]
    competences, industries, descriptions = {}, {}, {}
    if any(row.competences is not None for row in parsed):
        competences = _stored_link_sets(Organisation.competences.through, "competence_id", pks)
    if any(row.industries is not None for row in parsed):
        industries = _stored_link_sets(Organisation.industries.through, "industry_id", pks)
    if any(row.descriptions for row in parsed):
        for chunk in _chunks(pks):
            rows = OrganisationDescription.objects.filter(organisation_id__in=chunk)
            for org, language, text in rows.values_list("organisation_id", "language", "text"):
                descriptions.setdefault(org, {})[language] = text
    return competences, industries, descriptions


def _stored_link_sets(through, target, pks):
    links = {}
    for chunk in _chunks(pks):
        rows = through.objects.filter(organisation_id__in=chunk)
        for organisation, item in rows.values_list("organisation_id", target):
            links.setdefault(organisation, set()).add(item)
    return links


def _compare(parsed, matches, report):
    rejected = set(report.rejected_rows)
    competences, industries, descriptions = _stored_links(matches, parsed)
    column_of_field = {f: c for c, f in FIELD_OF_COLUMN.items()}
    for row in parsed:
        if row.row in rejected:
            continue
        stored = matches.get(row.row)
        name = row.values.get("name", "")
        business_id = row.values.get("business_id") or ""
        if stored is None:
            report.outcomes.append(RowOutcome(row.row, CREATE, name, business_id))
            continue
        pk = stored["pk"]
        changed = [
            column_of_field[f] for f, value in row.values.items() if stored[f] != value
        ]
        if row.competences is not None and row.competences != competences.get(pk, set()):
            changed.append("competences")
        if row.industries is not None and row.industries != industries.get(pk, set()):
            changed.append("industries")
        stored_texts = descriptions.get(pk, {})
        for language, text in row.descriptions.items():
            if stored_texts.get(language, "") != text:
                changed.append(f"description_{language}")
        action = UPDATE if changed else UNCHANGED
        report.outcomes.append(RowOutcome(row.row, action, name, business_id, changed, pk))
    report.outcomes.sort(key=lambda outcome: outcome.row)


# --- writing ---------------------------------------------------------------------------------


def _write(parsed, matches, report, progress):
    batch_size = get_setting("IMPORT_BATCH_SIZE")
    outcomes = {o.row: o for o in report.outcomes}
    to_create = [row for row in parsed if outcomes[row.row].action == CREATE]
    to_update = [row for row in parsed if outcomes[row.row].action == UPDATE]
    total = len(to_create) + len(to_update)
    done = 0
    with transaction.atomic():
        for batch in _chunks(to_create, batch_size):
            created = Organisation.objects.bulk_create(
                [Organisation(**_defaults(row.values)) for row in batch]
            )
            for row, organisation in zip(batch, created):
                outcomes[row.row].pk = organisation.pk
            _write_links(batch, outcomes, replace=False)
            organisations_changed.send(sender=Organisation, pks=[o.pk for o in created])
            done += len(batch)
            if progress:
                progress("write", done, total)
        now = timezone.now()
        for batch in _chunks(to_update, batch_size):
            fields = sorted({f for row in batch for f in row.values} | {"updated_at"})
            organisations = []
            for row in batch:
                stored = matches[row.row]
                values = {f: stored[f] for f in STORED_FIELDS if f != "pk"} | row.values
                organisations.append(Organisation(pk=stored["pk"], updated_at=now, **values))
            # A plain QuerySet: OrganisationQuerySet.update() would report every batch a
            # second time; this function reports it once, with the links written.
            QuerySet(Organisation).bulk_update(organisations, fields)
            _write_links(batch, outcomes, replace=True)
            organisations_changed.send(sender=Organisation, pks=[o.pk for o in organisations])
            done += len(batch)
            if progress:
                progress("write", done, total)


def _defaults(values):
    defaults = {"business_id": None, "is_public": False}
    return defaults | values


def _write_links(rows, outcomes, *, replace):
    changed = {row.row: set(outcomes[row.row].changed) for row in rows}

    def wanted(row, column):
        return not replace or column in changed[row.row]

    links = {
        "competences": (Organisation.competences.through, "competence"),
        "industries": (Organisation.industries.through, "industry"),
    }
    for column, (through, target) in links.items():
        rows_to_write = [r for r in rows if getattr(r, column) is not None and wanted(r, column)]
        pks = [outcomes[r.row].pk for r in rows_to_write]
        if replace:
            for chunk in _chunks(pks):
                through.objects.filter(organisation_id__in=chunk).delete()
        insert_rows(
            through,
            ["organisation", target],
            [(outcomes[r.row].pk, item) for r in rows_to_write for item in getattr(r, column)],
        )
    new_descriptions = []
    for language in Language.values:
        column = f"description_{language}"
        rows_to_write = [r for r in rows if language in r.descriptions and wanted(r, column)]
        if replace:
            for chunk in _chunks([outcomes[r.row].pk for r in rows_to_write]):
                OrganisationDescription.objects.filter(
                    organisation_id__in=chunk, language=language
                ).delete()
        new_descriptions += [
            (outcomes[r.row].pk, language, r.descriptions[language])
            for r in rows_to_write
            if r.descriptions[language]
        ]
    insert_rows(OrganisationDescription, ["organisation", "language", "text"], new_descriptions)
