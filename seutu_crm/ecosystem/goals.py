"""Computed indicators of strategy goals: measures read out of the daily snapshots.

A *measure* (:class:`Measure`) names one figure of :class:`~seutu_crm.models.EcosystemSnapshot`
``figures`` — active actors, actors with a competence, won leads, ties to universities, … —
and, where the figure is broken down, the kind of *parameter* that picks the part (a competence
slug, a TOL code, an actor type, a lead stage, a relation kind, a kind of higher-education
tie). An *indicator* is a measure with its parameter, written as one key, ``measure`` or
``measure:parameter`` (``competence:vetytalous``, ``industry:C``, ``stage:active``): that key is
what a strategy page stores, so no translation of the page changes what a goal measures.

:func:`series` reads every indicator a strategy needs out of the last snapshots in one query,
the database leaving out the snapshot's actor ids (most of its size, and no goal needs them). A town's goal reads the town's snapshots; the network's goal (``town=None``)
sums the network towns' snapshots of each date. Figures only: no snapshot names a lead, so
everything here may be shown on the public site.
"""

import json
from dataclasses import dataclass
from functools import cached_property

from django.db.models import F, Func, JSONField, Subquery
from django.utils.translation import gettext_lazy as _

from ..models import ActorType, EcosystemSnapshot, Industry, RelationKind, Stage, TieKind
from .labels import competence_names

# How many snapshots a goal's series holds, newest last.
SERIES_LENGTH = 24
SEPARATOR = ":"


class Parameter:
    """The kinds of parameter a measure may take (the part of a broken-down figure)."""

    COMPETENCE = "competence"  # a competence slug
    INDUSTRY = "industry"  # a TOL section letter or a two-digit division
    ACTOR_TYPE = "actor_type"
    STAGE = "stage"  # an open stage: won and lost leads are counted by their own measures
    RELATION_KIND = "relation_kind"
    TIE_KIND = "tie_kind"


UNITS = {
    "actors": _("actors"),
    "employees": _("employees"),
    "leads": _("leads"),
    "jobs": _("jobs"),
    "eur": _("EUR"),
    "ties": _("ties"),
}


@dataclass(frozen=True)
class Measure:
    key: str
    label: str  # lazy; with a parameter it has a %(name)s placeholder for its name
    path: tuple  # keys into the snapshot's figures
    unit: str  # a key of UNITS
    parameter: str | None = None  # a Parameter; None: the measure takes none
    # With an optional parameter, no parameter means the whole figure (the sum of its parts).
    parameter_optional: bool = False
    total_label: str = ""  # the label when an optional parameter is left out
    group_label: str = ""  # the heading of its options in the editor's list

    def path_for(self, parameter):
        if self.parameter == Parameter.INDUSTRY:
            # Sections are letters, divisions two digits: each has its own count.
            return ("by_section" if parameter.isalpha() else "by_division", parameter)
        return (*self.path, parameter) if parameter else self.path


MEASURES = {
    measure.key: measure
    for measure in [
        Measure("actors", _("Active actors"), ("actors",), "actors"),
        Measure("public", _("Public actors"), ("public",), "actors"),
        Measure("employees", _("Employees of the actors"), ("employees",), "employees"),
        Measure("competence", _("Actors with the competence %(name)s"), ("by_competence",),
                "actors", Parameter.COMPETENCE, group_label=_("Actors by competence")),
        Measure("industry", _("Actors in the industry %(name)s"), (), "actors",
                Parameter.INDUSTRY, group_label=_("Actors by industry")),
        Measure("actor_type", _("Actors of the type %(name)s"), ("by_type",), "actors",
                Parameter.ACTOR_TYPE, group_label=_("Actors by type")),
        Measure("open_leads", _("Open leads"), ("pipeline", "open_leads"), "leads"),
        Measure("stage", _("Leads in the stage %(name)s"), ("pipeline", "by_stage"), "leads",
                Parameter.STAGE, group_label=_("Open leads by stage")),
        Measure("won", _("Won leads"), ("pipeline", "won"), "leads"),
        Measure("realised_jobs", _("Realised jobs"), ("pipeline", "realised_jobs"), "jobs"),
        Measure("realised_investment", _("Realised investment"),
                ("pipeline", "realised_investment"), "eur"),
        Measure("estimated_jobs", _("Estimated jobs of open leads"),
                ("pipeline", "estimated_jobs"), "jobs"),
        Measure("estimated_investment", _("Estimated investment of open leads"),
                ("pipeline", "estimated_investment"), "eur"),
        Measure("university_ties", _("Ties to university towns, kind %(name)s"),
                ("network", "university_ties"), "ties", Parameter.RELATION_KIND,
                parameter_optional=True, total_label=_("Ties to university towns")),
        Measure("hei_ties", _("Higher-education cooperation, kind %(name)s"), ("hei_ties",),
                "ties", Parameter.TIE_KIND, parameter_optional=True,
                total_label=_("Higher-education cooperation")),
    ]
}


@dataclass(frozen=True)
class Indicator:
    """A measure with its parameter (empty when it takes none)."""

    measure: Measure
    parameter: str = ""

    @property
    def key(self):
        return f"{self.measure.key}{SEPARATOR}{self.parameter}" if self.parameter else self.measure.key

    @property
    def path(self):
        return self.measure.path_for(self.parameter)

    @property
    def unit(self):
        return UNITS[self.measure.unit]

    def read(self, figures):
        """This indicator's value in one snapshot's ``figures`` (0 where the figure is absent,
        as in snapshots older than the figure)."""
        value = figures
        for key in self.path:
            value = value.get(key) if isinstance(value, dict) else None
        return to_number(value)


def parse(key):
    """The :class:`Indicator` a key names, or ``None`` for a key no measure answers."""
    measure_key, _sep, parameter = (key or "").partition(SEPARATOR)
    measure = MEASURES.get(measure_key)
    if measure is None:
        return None
    if measure.parameter is None and parameter:
        return None
    if measure.parameter is not None and not parameter and not measure.parameter_optional:
        return None
    if measure.parameter == Parameter.INDUSTRY and not (parameter.isalpha() or parameter.isdigit()):
        return None
    return Indicator(measure, parameter)


def to_number(raw):
    """A figure read from JSON as a float: the database may give a number, its text or, for a
    figure broken down by kind, the object, whose parts are summed."""
    if raw is None or raw == "":
        return 0.0
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return 0.0
    if isinstance(raw, dict):
        return float(sum(to_number(part) for part in raw.values()))
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return 0.0
    return float(raw)


@dataclass(frozen=True)
class Reading:
    """An indicator's value on a date."""

    date: object
    value: float


class FiguresWithoutActorIds(Func):
    """A snapshot's figures less its actors' ids, which are most of its size: one expression
    a row, however many indicators are read (one JSON lookup per indicator made PostgreSQL
    unpack each 2,000-actor snapshot ten times: 63 ms for the network's 10 goals)."""

    output_field = JSONField()

    def __init__(self):
        super().__init__(F("figures"))

    def as_sqlite(self, compiler, connection, **extra):
        template = "json_remove(%(expressions)s, '$.actor_ids')"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = "(%(expressions)s - 'actor_ids')"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sql(self, compiler, connection, template="%(expressions)s", **extra):
        return super().as_sql(compiler, connection, template=template, **extra)


def series(indicators, town=None, limit=SERIES_LENGTH):
    """{indicator key: [:class:`Reading`, …] oldest first} over the last ``limit`` snapshot
    dates of ``town``, or, with ``town=None``, summed over the network towns; one query."""
    indicators = {indicator.key: indicator for indicator in indicators}
    if not indicators:
        return {}
    if town is not None:
        rows = (
            EcosystemSnapshot.objects.filter(town=town).order_by("-date")
            .values_list("date", FiguresWithoutActorIds())[:limit]
        )
    else:
        network = EcosystemSnapshot.objects.filter(town__in_network=True)
        # The network's last dates, in the same query: every town has one snapshot a date.
        last_dates = network.order_by("-date").values("date").distinct()[:limit]
        rows = network.filter(date__in=Subquery(last_dates)).values_list(
            "date", FiguresWithoutActorIds()
        )
    found = {key: {} for key in indicators}
    for date, figures in rows:
        if isinstance(figures, str):  # a backend that hands JSON over as text
            figures = json.loads(figures)
        for key, indicator in indicators.items():
            found[key][date] = found[key].get(date, 0.0) + indicator.read(figures or {})
    return {
        key: [Reading(date, value) for date, value in sorted(by_date.items())]
        for key, by_date in found.items()
    }


class ParameterNames:
    """The names of parameters in the active language, each taxonomy read once when needed."""

    @cached_property
    def competences(self):
        return {name.slug: name.name for name in competence_names().values()}

    @cached_property
    def industries(self):
        # Sections (letters) and divisions (two digits): what the snapshots count.
        return {industry.code: f"{industry.code} {industry.name}"
                for industry in Industry.objects.only("code", "name_fi", "name_sv", "name_en")
                if industry.code.isalpha() or (industry.code.isdigit() and len(industry.code) == 2)}

    def name(self, kind, parameter):
        if kind == Parameter.COMPETENCE:
            return self.competences.get(parameter, parameter)
        if kind == Parameter.INDUSTRY:
            return self.industries.get(parameter, parameter)
        choices = {
            Parameter.ACTOR_TYPE: ActorType,
            Parameter.STAGE: Stage,
            Parameter.RELATION_KIND: RelationKind,
            Parameter.TIE_KIND: TieKind,
        }[kind]
        try:
            return choices(parameter).label
        except ValueError:
            return parameter


def label(indicator, names=None):
    """What the indicator counts, in the active language ("Actors with the competence …")."""
    measure = indicator.measure
    if not indicator.parameter:
        return str(measure.total_label or measure.label)
    names = names or ParameterNames()
    return str(measure.label) % {"name": names.name(measure.parameter, indicator.parameter)}


def parameters(kind, names):
    """[(parameter, its name)] a measure of ``kind`` may take, in the active language."""
    if kind == Parameter.COMPETENCE:
        return sorted(names.competences.items(), key=lambda item: item[1].lower())
    if kind == Parameter.INDUSTRY:
        return sorted(names.industries.items())
    if kind == Parameter.STAGE:
        return [(stage.value, stage.label) for stage in Stage.open_stages()]
    choices = {Parameter.ACTOR_TYPE: ActorType, Parameter.RELATION_KIND: RelationKind,
               Parameter.TIE_KIND: TieKind}[kind]
    return list(choices.choices)


def indicator_choices():
    """Every indicator an editor may choose, grouped by measure: [(group, [(key, label)])].

    The measures without parameters come first in a group of their own; each option's label
    is whole ("Actors with the competence Hydrogen economy"), as the chosen option shows alone.
    """
    names = ParameterNames()
    plain = [(measure.key, str(measure.label)) for measure in MEASURES.values()
             if measure.parameter is None]
    groups = [(str(_("Totals")), plain)]
    for measure in MEASURES.values():
        if measure.parameter is None:
            continue
        options = []
        if measure.parameter_optional:
            options.append((measure.key, str(measure.total_label)))
        for parameter, _name in parameters(measure.parameter, names):
            indicator = Indicator(measure, parameter)
            options.append((indicator.key, label(indicator, names)))
        groups.append((str(measure.group_label or measure.total_label), options))
    return groups
