"""Daily snapshots of every network town's figures: change since last time and trends.

:func:`take_snapshots` is idempotent per day: run again on the same day, it replaces that day's
snapshot with the figures as they are now. It runs from ``seutu_ecosystem snapshot`` and from
the django-tasks task :func:`seutu_crm.ecosystem.tasks.take_snapshots_task` (schedule either
daily, e.g. with cron or a systemd timer); the demo takes the first one.
"""

from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models.fields.json import KT
from django.utils import timezone

from ..models import Competence, EcosystemSnapshot, Lead, Town
from .figures import active_organisations, count_towns
from .network_measures import town_network_measures
from .lead_fit import refresh_fits
from .pipeline import pipeline_figures
from .proximity import compute_spaces
from .university_ties import hei_tie_counts


@dataclass
class SnapshotResult:
    date: str
    towns: int
    created: int
    replaced: int


def snapshot_figures(figures, pipeline, network, slugs):
    """The JSON a snapshot stores for one town. Competences by slug: stable across sites."""
    data = asdict(figures)
    del data["town_id"]
    data["by_competence"] = {slugs[pk]: n for pk, n in figures.by_competence.items() if pk in slugs}
    data["by_top_competence"] = {
        slugs[pk]: n for pk, n in figures.by_top_competence.items() if pk in slugs
    }
    data["pipeline"] = pipeline.as_json()
    data["network"] = network
    return data


def take_snapshots(date=None):
    """Snapshot every network town on ``date`` (default today); returns a :class:`SnapshotResult`."""
    date = date or timezone.localdate()
    codes = dict(Town.objects.in_network().values_list("pk", "code"))
    towns = list(codes)
    figures = count_towns(towns)
    pipeline = pipeline_figures(Lead.objects.all(), towns)
    network = town_network_measures(on=date)  # by town code
    slugs = dict(Competence.objects.values_list("pk", "slug"))
    hei_ties = hei_tie_counts(towns, on=date)
    actor_ids = {}
    for town_id, pk in active_organisations(towns).values_list("town_id", "pk"):
        actor_ids.setdefault(town_id, []).append(pk)
    created = 0
    with transaction.atomic():
        for town_id in towns:
            data = snapshot_figures(
                figures[town_id], pipeline[town_id], _json(network.get(codes[town_id])), slugs
            )
            data["actor_ids"] = sorted(actor_ids.get(town_id, []))
            data["hei_ties"] = hei_ties[town_id]
            _snapshot, was_created = EcosystemSnapshot.objects.update_or_create(
                town_id=town_id, date=date, defaults={"figures": data}
            )
            created += was_created
        # The competence and industry spaces of the same day: what the gap analysis reads.
        compute_spaces(date)
    refresh_fits(towns)  # the gaps changed with the day's figures, and so do the leads' fits
    return SnapshotResult(str(date), len(towns), created, len(towns) - created)


def _json(measures):
    # The measures of the town's own actors and ties; the town is the snapshot's already.
    return asdict(measures.measures) if measures is not None else {}


def latest_snapshots(town_ids):
    """{town pk: its latest :class:`EcosystemSnapshot`}, in one query."""
    latest = {}
    for snapshot in EcosystemSnapshot.objects.filter(town_id__in=list(town_ids)).order_by(
        "town_id", "-date"
    ).defer("figures"):
        latest.setdefault(snapshot.town_id, snapshot)
    return latest


@dataclass(frozen=True)
class TrendPoint:
    date: object
    actors: int
    public: int
    employees: int


def trend(town, limit=24):
    """The town's actors over its last ``limit`` snapshots, oldest first."""
    # The counts only, read out of the JSON by the database: a snapshot also holds its
    # actors' ids, which a trend does not need.
    rows = (
        EcosystemSnapshot.objects.filter(town=town)
        .order_by("-date")
        .values_list("date", KT("figures__actors"), KT("figures__public"),
                     KT("figures__employees"))[:limit]
    )
    points = [TrendPoint(date, int(a or 0), int(p or 0), int(e or 0)) for date, a, p, e in rows]
    return points[::-1]


@dataclass(frozen=True)
class Baseline:
    date: object
    actors: int


def baselines(town_ids, since):
    """{town pk: :class:`Baseline`}: each town's oldest snapshot on or after ``since``."""
    rows = (
        EcosystemSnapshot.objects.filter(town_id__in=list(town_ids), date__gte=since)
        .order_by("town_id", "date")
        .values_list("town_id", "date", KT("figures__actors"))
    )
    found = {}
    for town_id, date, actors in rows:
        found.setdefault(town_id, Baseline(date, int(actors or 0)))
    return found
