"""A town's competence gaps: what it lacks, how close that is to what it has, and what to do.

For every competence (or TOL division) :func:`town_gaps` weighs

- *presence*: the town's location quotient against the network's towns (and, for industries
  whose workplaces are imported, against Finland), smoothed for small towns
  (:func:`.relatedness.location_quotient` with ``GAP_PRIOR_ACTORS``);
- *relatedness*: the town's relatedness density around it, from the register's proximity
  matrix of the day (:mod:`.proximity`), relative to the town's most related competence;
- *strategic weight*: 1 when the town's strategy names it, ½ when it names a broader one;

into a **gap score** 0–100 = 100 · absence · (base + relatedness · r + focus · f) / Σ weights,
where absence = 1 − the smoothed quotient (1 when nobody in the network has it). The label
says what to do: *attract* (nobody in the network has it, or nobody else is strong in it),
*partner* (another network town is specialised in it), *university* (higher-education or
research actors in a university town have it), or *strength* (the town is specialised).
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from ..conf import get_setting
from ..models import (
    HEI_TYPES,
    ActorType,
    Competence,
    Dimension,
    Industry,
    Organisation,
    OrganisationStatus,
    Town,
)
from ..models.localised import localised
from .cache import register_version, town_figures
from .figures import Part
from .focus import strategy_focus
from .indicators import workplaces_by_industry
from .labels import competence_names
from .proximity import latest_space
from .relatedness import location_quotient

KNOWLEDGE_TYPES = (*HEI_TYPES, ActorType.RESEARCH)
SETTINGS = ("GAP_PRIOR_ACTORS", "GAP_MIN_SPECIALISED_ACTORS", "GAP_WEIGHTS", "GAP_MIN_SCORE")
INSTITUTIONS_SHOWN = 3


class GapLabel(models.TextChoices):
    ATTRACT = "attract", _("Attract")
    PARTNER = "partner", _("Partner in the network")
    UNIVERSITY = "university", _("Build with a university")
    STRENGTH = "strength", _("Strength")


@dataclass
class TownShare:
    """Another network town's actors in the competence, and its smoothed quotient."""

    town_id: int
    code: str
    name: str
    count: int
    lq: float


@dataclass
class Gap:
    key: str  # competence slug or TOL division
    count: int  # the town's active actors with it
    share: float  # of the town's actors
    network_count: int
    network_share: float
    network_average: float  # actors per network town
    lq: float | None  # smoothed, against the network; None when nobody in it has the key
    lq_finland: float | None  # workplaces against Finland's (industries), where imported
    density: float
    relatedness: float  # density relative to the town's most related key, 0–1
    related: list  # keys of the town's strengths closest to this one
    focus: float  # 1 named by the strategy, 0.5 a broader key named, 0
    focus_broader: str | None
    area: str | None  # the top-level competence or TOL section it belongs to
    absence: float
    score: int
    label: str
    partners: list = field(default_factory=list)  # TownShare, most specialised first
    institutions: list = field(default_factory=list)  # names in university towns
    name: str = ""  # set in the reader's language by town_gaps()
    area_name: str = ""
    sentences: list = field(default_factory=list)  # set by town_gaps()

    @property
    def is_gap(self):
        return self.label != GapLabel.STRENGTH and self.score >= get_setting("GAP_MIN_SCORE")

    def get_label_display(self):
        return GapLabel(self.label).label


@dataclass
class GapTable:
    town_id: int
    town_code: str
    dimension: str
    date: object  # of the proximity matrix
    actors: int  # the town's active actors
    network_towns: int
    rows: list  # Gap, highest score first
    names: dict = field(default_factory=dict)  # key -> name in the reader's language

    def by_key(self):
        return {gap.key: gap for gap in self.rows}

    def gaps(self):
        """The rows that count as gaps (``GAP_MIN_SCORE``), highest score first."""
        return [gap for gap in self.rows if gap.is_gap]


def town_gaps(town, dimension=Dimension.COMPETENCE, language=None):
    """The :class:`GapTable` of ``town`` (a network town), names in the reader's language.

    The numbers are cached under the register's version, the proximity matrix and the
    strategy focus; :func:`.gap_explanations.explained_gaps` adds the sentences.
    """
    focus = strategy_focus(town)
    space = latest_space(dimension)
    key = (
        f"seutu_crm:gaps:{register_version()}:{space.date}:{space.baskets}:{dimension}:"
        f"{town.pk}:{_digest(focus)}"
    )
    seconds = get_setting("ECOSYSTEM_CACHE_SECONDS")
    table = cache.get(key) if seconds else None
    if table is None:
        table = _compute(town, dimension, space, focus)
        if seconds:
            cache.set(key, table, seconds)
    table.names = key_names(dimension, language)
    for gap in table.rows:
        gap.name = table.names.get(gap.key, gap.key)
        gap.area_name = table.names.get(gap.area, gap.area or "")
    return table


def _digest(focus):
    # The focus and the settings the numbers depend on.
    settings = [get_setting(name) for name in SETTINGS]
    named = "|".join([*sorted(focus.competences), "", *sorted(focus.industries), repr(settings)])
    return hashlib.sha1(named.encode()).hexdigest()[:16]


def key_names(dimension, language=None):
    """{competence slug or TOL division: its name in ``language``}."""
    if dimension == Dimension.COMPETENCE:
        return {c.slug: c.name for c in competence_names(language).values()}
    names = {}
    for industry in Industry.objects.all():
        if len(industry.code) <= 2:  # sections and divisions
            names[industry.code] = localised(industry, "name", language)
    return names


@dataclass
class _Universe:
    """Every key of the dimension, with what the town's counts are read by."""

    keys: list
    counts: dict  # town pk -> {key: actors}
    broader: dict  # key -> broader keys, nearest first
    institutions: dict  # key -> names of knowledge actors in university towns


def _universe(dimension, figures, linked):
    if dimension == Dimension.COMPETENCE:
        rows = Competence.objects.filter(locale_id=Locale.get_default().pk).values_list(
            "pk", "slug", "parent_id"
        )
        slugs = {pk: slug for pk, slug, _parent in rows}
        parents = {slug: slugs.get(parent) for pk, slug, parent in rows}
        counts = {
            town_id: {slugs[pk]: n for pk, n in f.by_competence.items() if pk in slugs}
            for town_id, f in figures.items()
        }
        # Areas (competences with narrower ones) are rows only where actors name them
        # directly: otherwise they are the sum of their narrower rows, not a competence.
        areas = {parent for _pk, _slug, parent in rows if parent}
        keys = sorted(slug for pk, slug in slugs.items() if pk not in areas or slug in linked)
        through, column = Organisation.competences.through, "competence__slug"
    else:
        codes = dict(Industry.objects.values_list("code", "parent__code"))
        keys = sorted(code for code in codes if len(code) == 2 and code.isdigit())
        parents = {code: codes[code] for code in keys}
        counts = {town_id: dict(f.by_division) for town_id, f in figures.items()}
        through, column = Organisation.industries.through, "industry__code"
    broader = {}
    for key in keys:
        chain, node, seen = [], parents.get(key), set()
        while node and node not in seen:
            seen.add(node)
            chain.append(node)
            node = parents.get(node)
        broader[key] = chain
    institutions = {}
    links = (
        through.objects.filter(
            organisation__status=OrganisationStatus.ACTIVE,
            organisation__actor_type__in=KNOWLEDGE_TYPES,
            organisation__town__in_network=False,
        )
        .order_by("-organisation__employees", "organisation__name")
        .values_list(column, "organisation__name")
    )
    for key, name in links:
        key = key if dimension == Dimension.COMPETENCE else key[:2]
        names = institutions.setdefault(key, [])
        if len(names) < INSTITUTIONS_SHOWN and name not in names:
            names.append(name)
    return _Universe(keys, counts, broader, institutions)


def _compute(town, dimension, space, focus):
    towns = {t.pk: t for t in Town.objects.in_network()}
    part = Part.COMPETENCES if dimension == Dimension.COMPETENCE else Part.INDUSTRIES
    figures = town_figures(list(towns), {Part.TOTALS, part})
    universe = _universe(dimension, figures, set(space.keys))
    prior = get_setting("GAP_PRIOR_ACTORS")
    minimum = get_setting("GAP_MIN_SPECIALISED_ACTORS")
    weights = get_setting("GAP_WEIGHTS")
    grand_total = sum(f.actors for f in figures.values())
    totals = {key: sum(c.get(key, 0) for c in universe.counts.values()) for key in universe.keys}

    def lq(town_id, key):
        return location_quotient(
            universe.counts[town_id].get(key, 0), figures[town_id].actors, totals[key],
            grand_total, prior,
        )

    own = universe.counts.get(town.pk, {})
    strengths = {
        key for key in universe.keys if own.get(key, 0) and (lq(town.pk, key) or 0) >= 1
    }
    densities = {key: space.density(key, strengths) for key in universe.keys}
    highest = max(densities.values(), default=0) or 1
    finland = _finland_quotients(town, dimension)
    focused = focus.competences if dimension == Dimension.COMPETENCE else focus.industries
    n_towns = len(towns) or 1
    actors = figures[town.pk].actors if town.pk in figures else 0

    rows = []
    for key in universe.keys:
        count, total = own.get(key, 0), totals[key]
        quotient = lq(town.pk, key)
        absence = 1.0 if quotient is None else max(0.0, min(1.0, 1 - quotient))
        broader = next((b for b in universe.broader[key] if b in focused), None)
        weight = 1.0 if key in focused else 0.5 if broader else 0.0
        relatedness = densities[key] / highest
        score = round(
            100 * absence
            * (weights["base"] + weights["relatedness"] * relatedness + weights["focus"] * weight)
            / sum(weights.values())
        )
        partners = sorted(
            (
                TownShare(pk, t.code, t.name, universe.counts[pk].get(key, 0), lq(pk, key))
                for pk, t in towns.items()
                if pk != town.pk
                and universe.counts[pk].get(key, 0) >= minimum
                and (lq(pk, key) or 0) >= 1
            ),
            key=lambda share: (-share.lq, share.name),
        )
        institutions = universe.institutions.get(key, [])
        if key in strengths:
            label = GapLabel.STRENGTH
        elif not total:
            label = GapLabel.ATTRACT
        elif partners:
            label = GapLabel.PARTNER
        elif institutions:
            label = GapLabel.UNIVERSITY
        else:
            label = GapLabel.ATTRACT
        rows.append(
            Gap(
                key=key,
                count=count,
                share=count / actors if actors else 0.0,
                network_count=total,
                network_share=total / grand_total if grand_total else 0.0,
                network_average=total / n_towns,
                lq=quotient,
                lq_finland=finland.get(key),
                density=densities[key],
                relatedness=relatedness,
                related=space.nearest(key, strengths),
                focus=weight,
                focus_broader=broader if key not in focused else None,
                area=universe.broader[key][-1] if universe.broader[key] else None,
                absence=absence,
                score=0 if label == GapLabel.STRENGTH else score,
                label=label.value,
                partners=partners,
                institutions=institutions,
            )
        )
    rows.sort(key=lambda gap: (-gap.score, gap.key))
    return GapTable(town.pk, town.code, dimension, space.date, actors, len(towns), rows)


def _finland_quotients(town, dimension):
    """{TOL division: the town's workplace share against Finland's}, where both are imported."""
    if dimension != Dimension.INDUSTRY:
        return {}
    workplaces = workplaces_by_industry([town.pk])
    own, finland = workplaces.get(town.pk, {}), workplaces.get(None, {})
    if not own.get("") or not finland.get(""):
        return {}
    return {
        code: (own.get(code, 0) / own[""]) / (value / finland[""])
        for code, value in finland.items()
        if code and value
    }
