"""Municipal key figures from a Statistics Finland PxWeb table saved as JSON-stat2.

A JSON-stat 2.0 dataset (https://json-stat.org/format/) lists its dimensions in ``id`` with
their sizes in ``size``; ``value`` holds one cell per combination of categories in row-major
order (the last dimension varies fastest), as an array or as an object of index → value.
A PxWeb table of municipal figures has:

- an area dimension (``role.geo``, or the one called ``Alue``/``Kunta``/``Area``): municipality
  codes ``KU###`` become the town of that code, ``SSS`` ("KOKO MAA") the whole of Finland
  (no town); areas of other kinds, and municipalities not in the register, are reported and
  skipped;
- a year dimension (``role.time``, or ``Vuosi``/``Year``): four-digit years;
- a content dimension (``role.metric``, or ``Tiedot``/``Information``): each category is an
  indicator (code and label), with its unit in ``category.unit`` (``label`` or PxWeb's
  ``base``);
- optionally an industry dimension (``Toimiala``/``Industry``): its codes become
  ``industry_code`` (``SSS`` and ``TOTAL`` are the total, stored as blank).

A dimension of one category that none of these name is ignored. A missing value (null) is
skipped. Values are created or updated by (town, indicator, industry, year); importing the
same table again changes nothing. The source is the dataset's ``source`` (else Statistics
Finland), the table its PxWeb id (``extension.px.tableid``) or label; licence CC BY 4.0.
"""

import time
from dataclasses import asdict, dataclass, field
from itertools import product

import orjson
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Town, TownIndicator

SOURCE = "Tilastokeskus"
LICENCE = "CC BY 4.0"
WHOLE_COUNTRY = "SSS"
TOTALS = {"SSS", "TOTAL", "YHT", ""}
AREA_NAMES = {"alue", "kunta", "area", "region", "område"}
YEAR_NAMES = {"vuosi", "year", "år"}
CONTENT_NAMES = {"tiedot", "information", "uppgifter", "contents"}
INDUSTRY_NAMES = {"toimiala", "industry", "näringsgren", "toimiala2008"}


class UnreadableTable(Exception):
    """The file is not a JSON-stat2 table of municipal figures; nothing is imported."""


@dataclass
class Figure:
    area: str  # the area's code in the table (KU678, SSS)
    indicator: str
    label: str
    industry_code: str
    year: int
    value: float
    unit: str


@dataclass
class StatFinReport:
    dry_run: bool
    applied: bool = False
    table: str = ""
    source: str = ""
    cells: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    missing: int = 0  # null cells
    unknown_areas: dict = field(default_factory=dict)  # area code -> cells skipped
    file_errors: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self):
        return not self.file_errors

    def to_json(self):
        return asdict(self)


@dataclass
class Table:
    source: str
    table: str
    figures: list  # Figure
    missing: int


@dataclass
class _Dimension:
    name: str
    codes: list  # in index order
    labels: dict
    units: dict


def read_table(data):
    """The :class:`Table` of JSON-stat2 ``data``; raises :class:`UnreadableTable`."""
    try:
        dataset = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise UnreadableTable(_("The file is not JSON (%(error)s).") % {"error": error}) from error
    if not isinstance(dataset, dict) or not isinstance(dataset.get("id"), list):
        raise UnreadableTable(_(
            "The file is not a JSON-stat2 table: save the PxWeb table as \"JSON-stat2\"."
        ))
    try:
        dimensions = [_dimension(name, dataset["dimension"][name]) for name in dataset["id"]]
    except (KeyError, TypeError, AttributeError) as error:
        raise UnreadableTable(_("The table's dimensions cannot be read (%(error)s).")
                              % {"error": error}) from error
    roles = _roles(dataset, dimensions)
    values = _values(dataset, dimensions)
    figures, missing = [], 0
    for cell, categories in enumerate(product(*(d.codes for d in dimensions))):
        value = values(cell)
        if value is None:
            missing += 1
            continue
        by_role = {role: categories[i] for role, i in roles.items()}
        content = dimensions[roles["content"]]
        year = by_role["year"]
        if not (year.isdigit() and len(year) == 4):
            raise UnreadableTable(_("%(year)s is not a year.") % {"year": year})
        industry = by_role.get("industry", "")
        figures.append(Figure(
            area=by_role["area"],
            indicator=by_role["content"],
            label=content.labels.get(by_role["content"], "")[:255],
            industry_code="" if industry.upper() in TOTALS else industry[:10],
            year=int(year),
            value=float(value),
            unit=content.units.get(by_role["content"], "")[:50],
        ))
    extension = dataset.get("extension")
    px = (extension.get("px") if isinstance(extension, dict) else None) or {}
    table = str(px.get("tableid") or dataset.get("label") or "")[:255]
    return Table(str(dataset.get("source") or SOURCE)[:255], table, figures, missing)


def _dimension(name, data):
    category = data["category"]
    index = category.get("index")
    labels = category.get("label") or {}
    if isinstance(index, list):
        codes = list(index)
    elif isinstance(index, dict):
        codes = sorted(index, key=index.get)
    else:
        codes = list(labels)  # JSON-stat lets a dimension of one category omit its index
    units = {}
    for code, unit in (category.get("unit") or {}).items():
        if isinstance(unit, dict):
            units[code] = str(unit.get("label") or unit.get("base") or unit.get("symbol") or "")
    return _Dimension(name, [str(code) for code in codes], labels, units)


def _roles(dataset, dimensions):
    """Which dimension (by position) is the area, year, content and — if any — industry."""
    role = dataset.get("role") or {}
    named = {d.name: i for i, d in enumerate(dimensions)}

    def find(key, names):
        for name in role.get(key) or []:
            if name in named:
                return named[name]
        for i, dimension in enumerate(dimensions):
            if dimension.name.casefold() in names:
                return i
        return None

    roles = {"area": find("geo", AREA_NAMES), "year": find("time", YEAR_NAMES),
             "content": find("metric", CONTENT_NAMES), "industry": find("", INDUSTRY_NAMES)}
    for key, label in (("area", _("area (Alue)")), ("year", _("year (Vuosi)")),
                       ("content", _("content (Tiedot)"))):
        if roles[key] is None:
            raise UnreadableTable(_("The table has no %(dimension)s dimension.")
                                  % {"dimension": label})
    if roles["industry"] is None:
        del roles["industry"]
    used = set(roles.values())
    for i, dimension in enumerate(dimensions):
        if i not in used and len(dimension.codes) > 1:
            raise UnreadableTable(_(
                "The table has a dimension this import does not know: %(name)s. Choose one "
                "of its values in PxWeb before saving the table."
            ) % {"name": dimension.name})
    return roles


def _values(dataset, dimensions):
    cells = 1
    for dimension in dimensions:
        cells *= len(dimension.codes)
    raw = dataset.get("value")
    if isinstance(raw, list):
        if len(raw) != cells:
            raise UnreadableTable(_(
                "The table has %(values)s values for %(cells)s cells."
            ) % {"values": len(raw), "cells": cells})
        return lambda i: raw[i]
    if isinstance(raw, dict):
        return lambda i: raw.get(str(i))
    raise UnreadableTable(_("The table has no values."))


def town_code(area):
    """The municipality code of a table's area code, WHOLE_COUNTRY, or None for other areas."""
    if area == WHOLE_COUNTRY:
        return WHOLE_COUNTRY
    code = area[2:] if area.upper().startswith("KU") else area
    return code if len(code) == 3 and code.isdigit() else None


def import_statfin(data, *, dry_run=False):
    """Import a JSON-stat2 table's figures into TownIndicator: a :class:`StatFinReport`."""
    started = time.perf_counter()
    report = StatFinReport(dry_run=dry_run)
    try:
        table = read_table(data)
    except UnreadableTable as error:
        report.file_errors.append(str(error))
        return report
    report.table, report.source = table.table, table.source
    report.cells, report.missing = len(table.figures) + table.missing, table.missing
    towns = dict(Town.objects.values_list("code", "pk"))
    towns[WHOLE_COUNTRY] = None
    wanted = {}
    for figure in table.figures:
        code = town_code(figure.area)
        if code not in towns:
            report.unknown_areas[figure.area] = report.unknown_areas.get(figure.area, 0) + 1
            continue
        key = (towns[code], figure.indicator, figure.industry_code, figure.year)
        wanted[key] = figure
    stored = {
        (i.town_id, i.indicator, i.industry_code, i.year): i
        for i in TownIndicator.objects.filter(indicator__in={f.indicator for f in table.figures})
    }
    new, changed = [], []
    for key, figure in wanted.items():
        values = {"label": figure.label, "value": figure.value, "unit": figure.unit,
                  "source": table.source, "table": table.table, "licence": LICENCE}
        indicator = stored.get(key)
        if indicator is None:
            new.append(TownIndicator(town_id=key[0], indicator=key[1], industry_code=key[2],
                                     year=key[3], **values))
        elif any(getattr(indicator, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(indicator, name, value)
            indicator.imported_at = timezone.now()  # bulk_update does not fill auto_now
            changed.append(indicator)
    report.created, report.updated = len(new), len(changed)
    report.unchanged = len(wanted) - len(new) - len(changed)
    if not dry_run:
        with transaction.atomic():
            TownIndicator.objects.bulk_create(new, batch_size=2000)
            TownIndicator.objects.bulk_update(
                changed, ["label", "value", "unit", "source", "table", "licence", "imported_at"],
                batch_size=2000,
            )
        report.applied = True
    report.seconds = time.perf_counter() - started
    return report
