"""Towns side by side (WP3): actors per capita, specialisation, network and pipeline outcomes.

A figure is named by a :class:`FigureKey` such as ``type:company:per_1000`` or
``section:C:lq_finland``; :func:`benchmark` computes the chosen figures for the chosen towns as
one :class:`BenchmarkTable`, which the admin view shows, charts and exports as it is.

Specialisation is the location quotient: the share of a town's actors in a class divided by the
share in the whole network (``lq_network``), or, for TOL sections where workplaces by industry
are imported, the share of the town's workplaces in the section divided by Finland's
(``lq_finland``). 1 is the network's (or Finland's) average; above 1 the town is specialised.
Network measures come from each town's latest snapshot; pipeline outcomes only for towns whose
leads the user may see.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import ActorType, Lead, Town
from ..scoping import get_scope, leads_for
from .cache import town_figures
from .figures import Part
from .indicators import latest_key_figures, population, workplaces_by_industry
from .labels import competence_names, sections
from .pipeline import pipeline_figures
from .snapshots import baselines, latest_snapshots

# "Over the past year": against the oldest snapshot of the last 365 days.
CHANGE_DAYS = 365


class Measure(TextChoices):
    COUNT = "count", gettext_lazy("Actors")
    PER_1000 = "per_1000", gettext_lazy("Per 1,000 inhabitants")
    LQ_NETWORK = "lq_network", gettext_lazy("Location quotient, network")
    LQ_FINLAND = "lq_finland", gettext_lazy("Location quotient, Finland")


# Figures that stand alone (no class of actors), in the order a form offers them.
GENERAL = {
    "total:actors": gettext_lazy("Active actors"),
    "total:per_1000": gettext_lazy("Active actors per 1,000 inhabitants"),
    "total:change": gettext_lazy("Change in active actors over the past year"),
    "total:population": gettext_lazy("Population"),
    "total:employees": gettext_lazy("Employees in all"),
    "total:public_share": gettext_lazy("Public actors (%)"),
    "network:density": gettext_lazy("Network density"),
    "network:components": gettext_lazy("Network components"),
    "network:largest_component_share": gettext_lazy("Largest component (% of actors)"),
    "network:university_ties": gettext_lazy("Ties to university towns"),
    "pipeline:won": gettext_lazy("Won leads"),
    "pipeline:realised_jobs": gettext_lazy("Realised jobs"),
    "pipeline:realised_investment": gettext_lazy("Realised investment (EUR)"),
}
DEFAULT_GENERAL = ["total:actors", "total:per_1000", "total:change", "total:employees",
                   "network:density", "pipeline:won"]
# Which measures each class of actors can be put in.
MEASURES = {
    "type": [Measure.COUNT, Measure.PER_1000, Measure.LQ_NETWORK],
    "competence": [Measure.COUNT, Measure.PER_1000, Measure.LQ_NETWORK],
    "section": [Measure.COUNT, Measure.PER_1000, Measure.LQ_NETWORK, Measure.LQ_FINLAND],
}
DECIMALS = {Measure.COUNT: 0, Measure.PER_1000: 2, Measure.LQ_NETWORK: 2, Measure.LQ_FINLAND: 2}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    decimals: int = 0


@dataclass
class BenchmarkRow:
    town: Town | None  # None: the whole network
    label: str
    values: list  # one per column: a number, or None where the figure is not known


@dataclass
class BenchmarkTable:
    columns: list
    rows: list  # [BenchmarkRow], the chosen towns
    network: BenchmarkRow  # the whole network, for reference
    notes: list = field(default_factory=list)

    def as_json(self):
        return {
            "columns": [{"key": c.key, "label": c.label} for c in self.columns],
            "towns": [
                {"code": row.town.code, "name": row.label, "values": dict(
                    zip([c.key for c in self.columns], row.values))}
                for row in self.rows
            ],
            "network": dict(zip([c.key for c in self.columns], self.network.values)),
            "notes": self.notes,
        }


def class_columns(dimension, codes, measures):
    """The :class:`FigureKey` strings of ``codes`` of a class in each applicable measure."""
    return [
        f"{dimension}:{code}:{measure}"
        for code in codes
        for measure in measures
        if measure in MEASURES[dimension]
    ]


class _Context:
    """What every figure is computed from: counted once for all network towns, and read only
    when a chosen figure needs it."""

    def __init__(self, towns, user, keys):
        self.towns, self.user = towns, user
        self.network_ids = list(Town.objects.in_network().values_list("pk", flat=True))
        self.figures = town_figures(self.network_ids, parts_for(keys))
        key_figures = latest_key_figures(self.network_ids)
        self.population = {
            pk: (population(key_figures.get(pk, [])) or None) for pk in self.network_ids
        }
        self.competences = competence_names()
        self.sections = sections()
        self.total_actors = sum(f.actors for f in self.figures.values())

    @cached_property
    def snapshots(self):
        return latest_snapshots([town.pk for town in self.towns])

    @cached_property
    def baselines(self):
        since = timezone.localdate() - datetime.timedelta(days=CHANGE_DAYS)
        return baselines(self.network_ids, since)

    @cached_property
    def pipeline(self):
        # A command run by the site's operator (no user) sees every town's pipeline.
        user = self.user
        visible = [t.pk for t in self.towns if user is None or get_scope(user).can_read(t.pk)]
        leads = Lead.objects.all() if user is None else leads_for(user)
        return pipeline_figures(leads, visible)

    @cached_property
    def workplaces(self):
        return workplaces_by_industry(self.network_ids)

    def counts(self, dimension, code, town_id):
        figures = self.figures[town_id]
        if dimension == "type":
            return figures.by_type.get(code, 0)
        if dimension == "section":
            return figures.by_section.get(code, 0)
        pk = int(code)
        name = self.competences.get(pk)
        top = name is not None and name.parent_id is None
        return (figures.by_top_competence if top else figures.by_competence).get(pk, 0)

    def per_1000(self, value, town_id):
        people = self.population.get(town_id)
        if people is None or not people.value:
            return None
        return value * 1000 / people.value

    def lq_network(self, dimension, code, town_id):
        town_total = self.figures[town_id].actors
        network_class = sum(self.counts(dimension, code, pk) for pk in self.network_ids)
        if not town_total or not network_class or not self.total_actors:
            return None
        return (self.counts(dimension, code, town_id) / town_total) / (
            network_class / self.total_actors
        )

    def lq_finland(self, code, town_id):
        town, finland = self.workplaces.get(town_id, {}), self.workplaces.get(None, {})
        if not town.get("") or not finland.get("") or not finland.get(code):
            return None
        return (town.get(code, 0) / town[""]) / (finland[code] / finland[""])


def _value(context, key, town_id):
    parts = key.split(":")
    figures = context.figures[town_id]
    if parts[0] == "total":
        if parts[1] == "actors":
            return figures.actors
        if parts[1] == "per_1000":
            return context.per_1000(figures.actors, town_id)
        if parts[1] == "population":
            people = context.population.get(town_id)
            return people.value if people else None
        if parts[1] == "employees":
            return figures.employees
        if parts[1] == "change":
            baseline = context.baselines.get(town_id)
            return figures.actors - baseline.actors if baseline else None
        if parts[1] == "public_share":
            return figures.public * 100 / figures.actors if figures.actors else None
    if parts[0] == "network":
        snapshot = context.snapshots.get(town_id)
        if snapshot is None:
            return None
        measures = snapshot.figures.get("network") or {}
        if parts[1] == "university_ties":
            ties = measures.get("university_ties")
            return sum(ties.values()) if ties is not None else None
        value = measures.get(parts[1])
        if parts[1] == "largest_component_share" and value is not None:
            return value * 100
        return value
    if parts[0] == "pipeline":
        pipeline = context.pipeline.get(town_id)
        if pipeline is None:
            return None
        return float(getattr(pipeline, parts[1]))
    dimension, code, measure = parts
    if measure == Measure.COUNT:
        return context.counts(dimension, code, town_id)
    if measure == Measure.PER_1000:
        return context.per_1000(context.counts(dimension, code, town_id), town_id)
    if measure == Measure.LQ_NETWORK:
        return context.lq_network(dimension, code, town_id)
    return context.lq_finland(code, town_id)


def _network_value(context, key):
    """The whole network's figure, where summing or averaging the towns makes sense."""
    parts = key.split(":")
    if parts[0] == "total" and parts[1] in ("actors", "employees"):
        return sum(_value(context, key, pk) for pk in context.network_ids)
    if parts[0] == "total" and parts[1] == "change":
        changes = [_value(context, key, pk) for pk in context.network_ids]
        return None if None in changes else sum(changes)
    if parts[0] == "total" and parts[1] == "per_1000":
        people = [context.population.get(pk) for pk in context.network_ids]
        if any(p is None for p in people):
            return None
        return context.total_actors * 1000 / sum(p.value for p in people)
    if len(parts) == 3 and parts[2] == Measure.COUNT:
        return sum(context.counts(parts[0], parts[1], pk) for pk in context.network_ids)
    if len(parts) == 3 and parts[2] == Measure.LQ_NETWORK:
        return 1.0
    return None


def parts_for(keys):
    """What of the register the figures ``keys`` need counted."""
    parts = {Part.TOTALS}
    for key in keys:
        if key.startswith("competence:"):
            parts.add(Part.COMPETENCES)
        elif key.startswith("section:"):
            parts.add(Part.INDUSTRIES)
    return parts


def column_label(context, key):
    parts = key.split(":")
    if len(parts) == 2:
        return str(GENERAL[key])
    dimension, code, measure = parts
    if dimension == "type":
        name = str(ActorType(code).label)
    elif dimension == "section":
        section = context.sections.get(code)
        name = f"{code} {section.name}" if section else code
    else:
        name = context.competences[int(code)].name
    return f"{name}: {Measure(measure).label}"


def valid_key(key, competences, section_codes):
    parts = key.split(":")
    if len(parts) == 2:
        return key in GENERAL
    if len(parts) != 3 or parts[0] not in MEASURES or parts[2] not in MEASURES[parts[0]]:
        return False
    if parts[0] == "type":
        return parts[1] in ActorType.values
    if parts[0] == "section":
        return parts[1] in section_codes
    return parts[1].isdigit() and int(parts[1]) in competences


def benchmark(towns, keys, user=None):
    """The :class:`BenchmarkTable` of ``keys`` for ``towns`` as ``user`` may see it.

    ``user=None`` (a command run by the site's operator) sees every town's pipeline.
    """
    towns = list(towns)
    context = _Context(towns, user, keys)
    keys = [k for k in keys if valid_key(k, context.competences, context.sections)]
    columns = [
        Column(key, column_label(context, key), DECIMALS.get(key.rsplit(":", 1)[-1], 2)
               if key.count(":") == 2 else _general_decimals(key))
        for key in keys
    ]
    rows = [
        BenchmarkRow(town, town.name, [_value(context, key, town.pk) for key in keys])
        for town in towns
    ]
    notes = []
    if any(key.startswith("pipeline:") for key in keys) and any(
        town.pk not in context.pipeline for town in towns
    ):
        notes.append(_("Pipeline figures are shown for the towns whose leads you may see."))
    if any(key.startswith("network:") for key in keys):
        notes.append(_("Network measures are those of each town's latest snapshot."))
    if "total:change" in keys:
        notes.append(_("Change: active actors now against the oldest snapshot of the past "
                       "year (or the first one, if the snapshots are younger)."))
    network = BenchmarkRow(None, _("Whole network"), [_network_value(context, k) for k in keys])
    return BenchmarkTable(columns, rows, network, notes)


def _general_decimals(key):
    return {"total:per_1000": 2, "total:public_share": 1, "network:density": 4,
            "network:largest_component_share": 1}.get(key, 0)
