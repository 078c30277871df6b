"""Who could bring a town a competence it lacks: candidate actors for one gap.

:func:`candidates` lists the active organisations outside the town that have the competence —
in the network's other towns and in the university towns of the register — ranked by how many
of the town's gaps they close, then by how near they are to the town's actors in the network
of relations (a direct tie before a path through one actor), then by distance and size. Every
candidate says whether the town already courts it and which other towns do (their towns only:
another town's leads stay private).
"""

import math
from dataclasses import dataclass, field

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
            self.name,
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
    """The :class:`CandidateList` for ``town``'s gap in the competence ``slug``."""
    table = town_gaps(town, language=language)
    gaps = {gap.key: gap.score for gap in table.gaps()}
    competence = Competence.objects.filter(
        locale_id=Locale.get_default().pk, slug=slug
    ).first()
    if competence is None:
        return CandidateList(town.pk, slug, None, 0, [], table.names)
    rows = list(
        Organisation.objects.filter(status=OrganisationStatus.ACTIVE, competences=competence)
        .exclude(town=town)
        .values_list("pk", "name", "actor_type", "town_id", "employees", "latitude", "longitude")
    )
    ids = [row[0] for row in rows]
    towns = {t.pk: t for t in Town.objects.filter(pk__in={row[3] for row in rows} | {town.pk})}
    keys = {}
    for pk, key in Organisation.competences.through.objects.filter(
        organisation_id__in=ids
    ).values_list("organisation_id", "competence__slug"):
        if key in gaps:
            keys.setdefault(pk, []).append(key)
    found = {}
    for pk, name, actor_type, town_id, employees, lat, lon in rows:
        place = towns[town_id]
        found[pk] = Candidate(
            organisation_id=pk,
            name=name,
            actor_type=actor_type,
            town_id=town_id,
            town=place.name,
            in_network=place.in_network,
            employees=employees,
            distance_km=_distance(towns[town.pk], lat, lon, place),
            gaps_closed=sorted(keys.get(pk, []), key=lambda k: (-gaps[k], k)),
        )
    _add_ties(town, found)
    _add_interest(town, found)
    ranked = sorted(found.values(), key=Candidate.rank)
    return CandidateList(
        town.pk, slug, table.by_key().get(slug), len(ranked), ranked[:limit], table.names
    )


def _in_force():
    today = timezone.localdate()
    return Q(end_date__isnull=True) | Q(end_date__gte=today)


def _add_ties(town, found):
    """Direct ties to the town's actors, then paths through one actor outside the town."""
    ids = list(found)
    relations = OrganisationRelation.objects.filter(_in_force())
    direct = relations.filter(
        Q(source_id__in=ids, target__town=town) | Q(target_id__in=ids, source__town=town)
    ).values_list("source_id", "target_id", "kind", "source__name", "target__name")
    for source, target, kind, source_name, target_name in direct:
        if source in found:
            found[source].ties.append(Tie(kind, target, target_name))
        else:
            found[target].ties.append(Tie(kind, source, source_name))
    # Their neighbours outside the town, and which of those are tied to the town's actors.
    neighbours = {}
    for source, target, source_name, target_name in relations.filter(
        Q(source_id__in=ids) | Q(target_id__in=ids)
    ).exclude(source__town=town).exclude(target__town=town).values_list(
        "source_id", "target_id", "source__name", "target__name"
    ):
        if source in found:
            neighbours.setdefault(target, (target_name, set()))[1].add(source)
        if target in found:
            neighbours.setdefault(source, (source_name, set()))[1].add(target)
    if not neighbours:
        return
    middle = list(neighbours)
    second = relations.filter(
        Q(source_id__in=middle, target__town=town) | Q(target_id__in=middle, source__town=town)
    ).values_list("source_id", "target_id", "kind", "source__name", "target__name")
    for source, target, kind, source_name, target_name in second:
        via, actor, actor_name = (
            (source, target, target_name) if source in neighbours else (target, source, source_name)
        )
        via_name, candidates_of = neighbours[via]
        for pk in candidates_of:
            if pk != actor and not found[pk].ties:
                found[pk].paths.append(Tie(kind, actor, actor_name, via_name))


def _add_interest(town, found):
    """Which towns court each candidate: the town's own lead, and other towns' open ones."""
    leads = Lead.objects.filter(organisation_id__in=list(found)).values_list(
        "pk", "organisation_id", "town_id", "town__name_fi", "town__name_sv", "stage"
    )
    others, open_stages = {}, set(Stage.open_stages())
    for pk, organisation_id, town_id, name_fi, name_sv, stage in leads.order_by("pk"):
        candidate = found[organisation_id]
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
