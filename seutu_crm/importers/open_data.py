"""The write path of open-data imports: organisations created or updated by an official ID.

An official register (PRH's trade register, :mod:`.prh`) is imported record by record, not
all or nothing: a broken record is reported by its position and skipped while the others
import, because one bad record of an official bulk file must not block 100,000 good ones.
Records are written in batches of ``SEUTU_CRM["IMPORT_BATCH_SIZE"]``, each in its own
transaction with bulk queries; a run that stops part-way is completed by running it again.

What the register gave is kept in an :class:`~seutu_crm.models.OpenDataRecord` per
organisation and source. A re-import overwrites a field only while it still holds the value
the register gave last time, or is empty: a value a person edited in Seutu stays (and is
reported as kept), and :func:`field_sources` tells for each field whether its value is the
register's or Seutu's. A status still at its default ("active") on an organisation the
register never described counts as empty: nobody chose it.

Importing the same file again writes nothing: every organisation is reported unchanged.
"""

import datetime
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import get_setting
from ..models import Industry, OpenDataRecord, Organisation, OrganisationStatus, Town
from ..permission_policies import organisation_permission_policy
from ..services.bulk import insert_rows
from ..signals import organisations_changed
from .open_data_reports import (
    PREVIEW_OUTCOMES,
    KeptValue,
    OpenDataRecordValues,  # noqa: F401  (the readers' input, importable from here)
    OpenDataReport,
    RecordOutcome,
    RecordProblem,
)
from .reports import CREATE, UNCHANGED, UPDATE

# The organisation's fields a register may give; "town" is a municipality code and
# "industry" an industry code (one of the organisation's industries) in a record's values.
FIELDS = (
    "name", "town", "street_address", "postal_code", "website", "company_form",
    "registration_date", "status", "industry",
)
SCALAR_FIELDS = tuple(f for f in FIELDS if f not in ("town", "industry"))
SEUTU = "Seutu"
QUERY_CHUNK = 900  # values per IN (...) query: under every database's parameter limit
MISSING = object()


# --- what is stored ----------------------------------------------------------------------------


STORED = ("pk", "business_id", "town_id", *SCALAR_FIELDS)


def _as_json(stored, town_codes):
    """An organisation's ``values()`` row in the form a record's values take."""
    values = {f: stored[f] for f in SCALAR_FIELDS}
    values["town"] = town_codes.get(stored["town_id"])
    if values["registration_date"] is not None:
        values["registration_date"] = values["registration_date"].isoformat()
    return values


def _as_model(values, towns, industries):
    """Record-form ``values`` as Organisation field values (industry left out)."""
    model = {f: values[f] for f in SCALAR_FIELDS if f in values}
    if "town" in values:
        model["town_id"] = towns[values["town"]]
    if model.get("registration_date"):
        model["registration_date"] = datetime.date.fromisoformat(model["registration_date"])
    return model


@dataclass
class FieldSource:
    value: object
    source: str  # the register's name, or "Seutu" for a value a person gave


def field_sources(organisation, source):
    """For each field of FIELDS: its value and whether it is the register's or Seutu's."""
    record = organisation.open_data_records.filter(source=source).first()
    given = record.values if record else {}
    stored = Organisation.objects.filter(pk=organisation.pk).values(*STORED).get()
    current = _as_json(stored, {organisation.town_id: organisation.town.code})
    codes = set(organisation.industries.values_list("code", flat=True))
    current["industry"] = given.get("industry") if given.get("industry") in codes else (
        ", ".join(sorted(codes)) or None
    )
    return {
        name: FieldSource(value, source if name in given and given[name] == value else SEUTU)
        for name, value in current.items()
    }


# --- the import --------------------------------------------------------------------------------


@dataclass
class _Plan:
    """What one record does to the register."""

    values: OpenDataRecordValues
    action: str
    organisation: dict | None = None  # the stored values() row
    writes: dict = field(default_factory=dict)  # record-form fields to write
    add_industry: str | None = None
    remove_industry: str | None = None
    record: dict | None = None  # the stored record: pk, values, source_updated
    write_record: bool = False
    kept: list = field(default_factory=list)  # KeptValue


class _Lookups:
    def __init__(self, user):
        self.towns = dict(Town.objects.values_list("code", "pk"))
        self.town_codes = {pk: code for code, pk in self.towns.items()}
        self.industries = dict(Industry.objects.values_list("code", "pk"))
        self.user = user
        self._writable = {}

    def may_write(self, town_id):
        if self.user is None:
            return True
        if town_id not in self._writable:
            self._writable[town_id] = organisation_permission_policy.can_write_town(
                self.user, town_id
            )
        return self._writable[town_id]


def import_records(data, *, reader, source, licence, defaults, dry_run=False, user=None,
                   progress=None):
    """Read ``data`` with ``reader(data, known_industry_codes, report)`` (a list of
    :class:`OpenDataRecordValues`) and create or update their organisations.

    ``defaults`` are the fields of a new organisation that the register does not give.
    Returns an :class:`OpenDataReport`.
    """
    started = time.perf_counter()
    report = OpenDataReport(source=source, dry_run=dry_run)
    lookups = _Lookups(user)
    records = _valid(reader(data, lookups.industries, report), lookups, report)
    batch_size = get_setting("IMPORT_BATCH_SIZE")
    done = 0
    for start in range(0, len(records), batch_size):
        batch = records[start : start + batch_size]
        plans = _plan(batch, source, lookups, report)
        if not dry_run:
            with transaction.atomic():
                _write(plans, source, licence, defaults, lookups)
        for plan in plans:
            _count(plan, report)
        done += len(batch)
        if progress:
            progress("write", done, len(records))
    report.applied = not dry_run and report.ok
    report.errors.sort(key=lambda problem: problem.position)
    report.skipped.sort(key=lambda problem: problem.position)
    report.seconds = time.perf_counter() - started
    return report


def _valid(records, lookups, report):
    """The records that name a known town, once each (a second one is an error)."""
    seen = {}
    valid = []
    for values in records:
        first = seen.setdefault(values.record_id, values.position)
        if first != values.position:
            report.add_error(values.position, values.record_id, _(
                "The same business ID is also at position %(position)s."
            ) % {"position": first})
            continue
        code = values.fields.get("town")
        if not code:
            report.skipped.append(RecordProblem(values.position, values.record_id, _(
                "The record gives no municipality of its address."
            )))
        elif code not in lookups.towns:
            report.outside_register[code] = report.outside_register.get(code, 0) + 1
        else:
            valid.append(values)
    return valid


def _chunks(items, size=QUERY_CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _stored(batch, source):
    """The stored organisations and records of ``batch``, by record ID."""
    ids = [values.record_id for values in batch]
    records = {}
    for chunk in _chunks(ids):
        rows = OpenDataRecord.objects.filter(source=source, record_id__in=chunk)
        for row in rows.values("pk", "record_id", "organisation_id", "values", "source_updated"):
            records[row["record_id"]] = row
    organisations = {}
    for chunk in _chunks(ids):
        for row in Organisation.objects.filter(business_id__in=chunk).values(*STORED):
            organisations[row["business_id"]] = row
    # An organisation whose business ID a person changed is still the record's organisation;
    # one found by business ID may hold a record of this source under another ID.
    by_pk = {row["pk"]: row for row in organisations.values()}
    wanted = [r["organisation_id"] for r in records.values() if r["organisation_id"] not in by_pk]
    for chunk in _chunks(wanted):
        for row in Organisation.objects.filter(pk__in=chunk).values(*STORED):
            by_pk[row["pk"]] = row
    recorded = {r["organisation_id"] for r in records.values()}
    loose = [pk for pk in by_pk if pk not in recorded]
    by_organisation = {}
    for chunk in _chunks(loose):
        rows = OpenDataRecord.objects.filter(source=source, organisation_id__in=chunk)
        for row in rows.values("pk", "record_id", "organisation_id", "values", "source_updated"):
            by_organisation[row["organisation_id"]] = row
    found = {}
    for record_id in ids:
        record = records.get(record_id)
        organisation = by_pk.get(record["organisation_id"]) if record else organisations.get(record_id)
        if organisation and not record:
            record = by_organisation.get(organisation["pk"])
        found[record_id] = (organisation, record)
    industries = {}
    pks = [organisation["pk"] for organisation, _ in found.values() if organisation]
    through = Organisation.industries.through
    for chunk in _chunks(pks):
        rows = through.objects.filter(organisation_id__in=chunk)
        for organisation_id, code in rows.values_list("organisation_id", "industry__code"):
            industries.setdefault(organisation_id, set()).add(code)
    return found, industries


def _plan(batch, source, lookups, report):
    found, industries = _stored(batch, source)
    plans = []
    for values in batch:
        organisation, record = found[values.record_id]
        if organisation is None:
            plan = _Plan(values, CREATE, writes=dict(values.fields),
                         add_industry=values.fields.get("industry"))
            towns = {lookups.towns[values.fields["town"]]}
        else:
            plan = _update_plan(values, organisation, record,
                                industries.get(organisation["pk"], set()), lookups)
            towns = {organisation["town_id"]}
            if "town" in plan.writes:
                towns.add(lookups.towns[plan.writes["town"]])
        if not all(lookups.may_write(town) for town in towns):
            report.skipped.append(RecordProblem(values.position, values.record_id, _(
                "Not your town: only the business developers of the organisation's town may "
                "add or change it."
            )))
            continue
        report.kept += plan.kept
        plan.record = record
        plan.write_record = record is None or (
            record["values"] != values.values or record["source_updated"] != values.source_updated
        )
        plans.append(plan)
    return plans


def _update_plan(values, organisation, record, stored_industries, lookups):
    last = record["values"] if record else {}
    stored = _as_json(organisation, lookups.town_codes)
    writes, kept = {}, []
    for name in FIELDS[:-1]:
        current, new = stored[name], values.fields[name]
        if current == new:
            continue
        given = last.get(name, MISSING)
        empty = current in (None, "") or (
            name == "status" and given is MISSING and current == OrganisationStatus.ACTIVE
        )
        if empty or current == given:
            writes[name] = new
        else:
            kept.append(KeptValue(values.position, values.record_id, name, current, new))
    plan = _Plan(values, UNCHANGED, organisation=organisation, writes=writes, kept=kept)
    _plan_industry(plan, last.get("industry"), stored_industries)
    if plan.writes or plan.add_industry or plan.remove_industry:
        plan.action = UPDATE
    return plan


def _plan_industry(plan, given, stored):
    """The register's industry replaces the one it gave last time, unless a person chose the
    organisation's industries (they hold neither the old nor the new code)."""
    new = plan.values.fields.get("industry")
    if new is None or new in stored:
        return
    if not stored or given in stored:
        plan.add_industry = new
        plan.remove_industry = given if given in stored else None
    else:
        values = plan.values
        plan.kept.append(KeptValue(values.position, values.record_id, "industry",
                                   ", ".join(sorted(stored)), new))


def _count(plan, report):
    action = plan.action
    if action == CREATE:
        report.created += 1
    elif action == UPDATE:
        report.updated += 1
    else:
        report.unchanged += 1
    if action != UNCHANGED and len(report.outcomes) < 2 * PREVIEW_OUTCOMES:
        values = plan.values
        name = plan.writes.get("name") or (plan.organisation or {}).get("name") or ""
        changed = sorted(set(plan.writes) | ({"industry"} if plan.add_industry else set()))
        pk = plan.organisation["pk"] if plan.organisation else None
        report.outcomes.append(RecordOutcome(values.position, action, values.record_id, name,
                                             [] if action == CREATE else changed, pk))


# --- writing -----------------------------------------------------------------------------------


def _write(plans, source, licence, defaults, lookups):
    now = timezone.now()
    creates = [plan for plan in plans if plan.action == CREATE]
    new = Organisation.objects.bulk_create([
        Organisation(**defaults, business_id=plan.values.record_id,
                     **_as_model(plan.writes, lookups.towns, lookups.industries))
        for plan in creates
    ])
    for plan, organisation in zip(creates, new):
        plan.organisation = {"pk": organisation.pk}
    updates = [plan for plan in plans if plan.action == UPDATE]
    changed_fields = {f for plan in updates for f in _as_model(plan.writes, lookups.towns, {})}
    if changed_fields:
        rows = []
        for plan in updates:
            stored = {f: plan.organisation[f] for f in STORED if f not in ("pk", "business_id")}
            values = stored | _as_model(plan.writes, lookups.towns, {})
            rows.append(Organisation(pk=plan.organisation["pk"], updated_at=now, **values))
        # A plain QuerySet: OrganisationQuerySet.update() would report every batch a second
        # time; the signal below reports it once, with the links written.
        QuerySet(Organisation).bulk_update(rows, sorted(changed_fields | {"updated_at"}))
    _write_industries(plans, lookups)
    _write_records(plans, source, licence, now)
    touched = [plan.organisation["pk"] for plan in plans if plan.action != UNCHANGED]
    if touched:
        organisations_changed.send(sender=Organisation, pks=touched)


def _write_industries(plans, lookups):
    through = Organisation.industries.through
    removals = {}
    for plan in plans:
        if plan.remove_industry:
            removals.setdefault(plan.remove_industry, []).append(plan.organisation["pk"])
    for code, pks in removals.items():
        for chunk in _chunks(pks):
            through.objects.filter(
                industry_id=lookups.industries[code], organisation_id__in=chunk
            ).delete()
    insert_rows(through, ["organisation", "industry"], [
        (plan.organisation["pk"], lookups.industries[plan.add_industry])
        for plan in plans if plan.add_industry
    ])


def _write_records(plans, source, licence, now):
    new, changed = [], []
    for plan in plans:
        if not plan.write_record:
            continue
        values = plan.values
        record = OpenDataRecord(
            organisation_id=plan.organisation["pk"], source=source, record_id=values.record_id,
            licence=licence, values=values.values, source_updated=values.source_updated,
            imported_at=now,
        )
        if plan.record is None:
            new.append(record)
        else:
            record.pk = plan.record["pk"]
            changed.append(record)
    OpenDataRecord.objects.bulk_create(new)
    if changed:
        OpenDataRecord.objects.bulk_update(
            changed, ["record_id", "licence", "values", "source_updated", "imported_at"]
        )
