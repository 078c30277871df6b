"""Who could bring a town a competence it lacks: candidate actors for one gap.

:func:`candidates` lists the active organisations outside the town that have the competence —
in the network's other towns and in the university towns of the register — ranked by how many
of the town's gaps they close, then by how near they are to the town's actors in the network
of relations (a direct tie before a path through one actor), then by distance and size. Every
candidate says whether the town already courts it and which other towns do (their towns only:
another town's leads stay private).
"""

import hashlib
import math
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale

from ..models import (
    Competence,
    Lead,
    Organisation,
    OrganisationRelation,
    OrganisationStatus,
    Stage,
    Town,
)
from ..conf import get_setting
from .cache import register_version
from .gaps import town_gaps

SHOWN = 25


@dataclass
class Tie:
    kind: str
    actor_id: int  # the town's actor at the end of the tie or path
    actor: str
    via: str = ""  # the actor in between, for a path of two ties


@dataclass
class Candidate:
    organisation_id: int
    name: str
    actor_type: str
    town_id: int
    town: str
    in_network: bool
    employees: int | None
    distance_km: float | None
    gaps_closed: list  # keys of the town's gaps it has, the highest score first
    ties: list = field(default_factory=list)  # Tie, direct
    paths: list = field(default_factory=list)  # Tie with via, two steps
    interested_towns: list = field(default_factory=list)  # other towns' names with open leads
    own_lead_id: int | None = None  # the town's own lead on it, open or closed
    sentences: list = field(default_factory=list)

    @property
    def path_length(self):
        return 1 if self.ties else 2 if self.paths else None

    def rank(self):
        return (
            -len(self.gaps_closed),
            self.path_length or 9,
            -(len(self.ties) + len(self.paths)),
            self.distance_km if self.distance_km is not None else math.inf,
            -(self.employees or 0),
            self.organisation_id,
        )


@dataclass
class CandidateList:
    town_id: int
    key: str  # the competence slug
    gap: object  # the Gap row of the town's table, or None
    found: int  # every candidate, shown or not
    candidates: list
    names: dict  # competence slug -> name, for the gaps closed


def candidates(town, slug, limit=SHOWN, language=None):
    """The :class:`CandidateList` for ``town``'s gap in the competence ``slug``.

    The ranking is cached like the gap table, under the register's version (relations
    included), the day (ties end) and the town's gaps; who courts a candidate is read anew.
    """
    table = town_gaps(town, language=language)
    gaps = {gap.key: gap.score for gap in table.gaps()}
    competence = Competence.objects.filter(
        locale_id=Locale.get_default().pk, slug=slug
    ).first()
    if competence is None:
        return CandidateList(town.pk, slug, None, 0, [], table.names)
    seconds = get_setting("ECOSYSTEM_CACHE_SECONDS")
    key = (
        f"seutu_crm:candidates:{register_version()}:{timezone.localdate()}:{town.pk}:{slug}:"
        f"{limit}:{_digest(gaps)}"
    )
    ranking = cache.get(key) if seconds else None
    if ranking is None:
        ranking = _rank(town, competence, gaps, limit)
        if seconds:
            cache.set(key, ranking, seconds)
    _add_interest(town, {c.organisation_id: c for c in ranking.shown}, competence)
    gap = table.by_key().get(slug)
    return CandidateList(town.pk, slug, gap, ranking.found, ranking.shown, table.names)


@dataclass
class _Ranking:
    found: int  # every candidate
    shown: list  # the first ``limit`` Candidates, named, without the towns' interest


def _rank(town, competence, gaps, limit):
    # Every query below joins on the competence rather than passing the candidates' ids: a
    # common competence has thousands of holders, and compiling IN lists of that length costs
    # more than the queries themselves (candidates outside ``found`` are dropped in Python).
    rows = list(
        Organisation.objects.filter(status=OrganisationStatus.ACTIVE, competences=competence)
        .exclude(town=town)
        .values_list("pk", "actor_type", "town_id", "employees", "latitude", "longitude")
    )
    towns = {t.pk: t for t in Town.objects.filter(pk__in={row[2] for row in rows} | {town.pk})}
    keys = {}
    for pk, key in Organisation.competences.through.objects.filter(
        organisation__competences=competence, competence__slug__in=list(gaps)
    ).values_list("organisation_id", "competence__slug"):
        keys.setdefault(pk, []).append(key)
    found = {}
    town_names = {pk: t.name for pk, t in towns.items()}  # once per town, not per candidate
    home = towns[town.pk]
    for pk, actor_type, town_id, employees, lat, lon in rows:
        place = towns[town_id]
        found[pk] = Candidate(
            organisation_id=pk,
            name="",  # read below for the candidates shown only
            actor_type=actor_type,
            town_id=town_id,
            town=town_names[town_id],
            in_network=place.in_network,
            employees=employees,
            distance_km=_distance(home, lat, lon, place),
            gaps_closed=sorted(keys.get(pk, []), key=lambda k: (-gaps[k], k)),
        )
    _add_ties(town, found, competence)
    ranked = sorted(found.values(), key=Candidate.rank)
    shown = ranked[:limit]
    names = dict(
        Organisation.objects.filter(pk__in=[c.organisation_id for c in shown]).values_list(
            "pk", "name"
        )
    )
    for candidate in shown:
        candidate.name = names[candidate.organisation_id]
    return _Ranking(len(ranked), shown)


def _digest(gaps):
    named = "|".join(f"{key}={score}" for key, score in sorted(gaps.items()))
    return hashlib.sha1(named.encode()).hexdigest()[:16]


def _in_force():
    today = timezone.localdate()
    return Q(end_date__isnull=True) | Q(end_date__gte=today)


def _add_ties(town, found, competence):
    """Direct ties to the town's actors, then paths through one actor outside the town."""
    relations = OrganisationRelation.objects.filter(_in_force())
    # The town's ties: to a candidate directly, or to an actor outside the town (a middle).
    outward = {}  # middle pk -> [(kind, town actor pk, town actor name)]
    # One end at a time: an OR across the two ends' joins defeats SQLite's indexes.
    for inside, other in (("source", "target"), ("target", "source")):
        rows = (
            relations.filter(**{f"{inside}__town": town})
            .exclude(**{f"{other}__town": town})
            .values_list(f"{other}_id", "kind", f"{inside}_id", f"{inside}__name")
        )
        for other_pk, kind, actor, actor_name in rows:
            if other_pk in found:
                found[other_pk].ties.append(Tie(kind, actor, actor_name))
            else:
                outward.setdefault(other_pk, []).append((kind, actor, actor_name))
    if not outward:
        return
    # The candidates' ties to those middles.
    for end, other in (("source", "target"), ("target", "source")):
        rows = relations.filter(**{f"{end}__competences": competence}).values_list(
            f"{end}_id", f"{other}_id", f"{other}__name"
        )
        for candidate, middle, middle_name in rows:
            if candidate in found and middle in outward and not found[candidate].ties:
                for kind, actor, actor_name in outward[middle]:
                    found[candidate].paths.append(Tie(kind, actor, actor_name, middle_name))


def _add_interest(town, found, competence):
    """Which towns court each candidate: the town's own lead, and other towns' open ones."""
    leads = Lead.objects.filter(organisation__competences=competence).values_list(
        "pk", "organisation_id", "town_id", "town__name_fi", "town__name_sv", "stage"
    )
    others, open_stages = {}, set(Stage.open_stages())
    for pk, organisation_id, town_id, name_fi, name_sv, stage in leads.order_by("pk"):
        candidate = found.get(organisation_id)
        if candidate is None:
            continue
        if town_id == town.pk:
            candidate.own_lead_id = candidate.own_lead_id or pk
        elif stage in open_stages:
            others.setdefault(organisation_id, {})[town_id] = Town(
                name_fi=name_fi, name_sv=name_sv
            ).name
    for organisation_id, towns in others.items():
        found[organisation_id].interested_towns = sorted(towns.values())


def _distance(home, lat, lon, place):
    """Great-circle kilometres from the town to the actor (or, without coordinates, its town)."""
    if lat is None or lon is None:
        lat, lon = place.latitude, place.longitude
    if None in (lat, lon, home.latitude, home.longitude):
        return None
    phi1, phi2 = math.radians(home.latitude), math.radians(lat)
    dphi, dlmb = phi2 - phi1, math.radians(lon - home.longitude)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
