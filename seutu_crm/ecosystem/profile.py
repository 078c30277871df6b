"""A town's profile: its actors by type, size, industry and competence, completeness of the
data, change since the last snapshot, key figures and, for the user's own towns, the pipeline.
"""

from dataclasses import asdict, dataclass, field

from ..models import Competence, EcosystemSnapshot, Organisation, OrganisationStatus
from ..scoping import get_scope, leads_for
from .cache import town_figures
from .figures import COMPLETENESS_FIELDS, TownFigures, active_organisations
from .indicators import KeyFigure, latest_key_figures, population
from .pipeline import PipelineFigures, pipeline_figures
from .snapshots import trend


@dataclass
class ActorChanges:
    """What changed in the town's active actors since ``snapshot`` was taken."""

    snapshot: EcosystemSnapshot
    new: int
    removed: int  # moved away, ended, or deleted
    deleted: int  # of ``removed``: no longer in the register at all


@dataclass
class TownProfile:
    town: object
    figures: TownFigures
    pipeline: PipelineFigures | None  # None: the town's leads are not the user's to see
    key_figures: list = field(default_factory=list)  # [KeyFigure]
    population: KeyFigure | None = None
    changes: ActorChanges | None = None
    trend: list = field(default_factory=list)  # [TrendPoint]

    @property
    def actors_per_1000(self):
        if not self.population or not self.population.value:
            return None
        return self.figures.actors * 1000 / self.population.value


def town_profile(town, user=None):
    """The :class:`TownProfile` of ``town`` as ``user`` may see it (a fixed number of queries)."""
    figures = town_figures([town.pk])[town.pk]
    pipeline = None
    if user is not None and get_scope(user).can_read(town.pk):
        pipeline = pipeline_figures(leads_for(user), [town.pk])[town.pk]
    key_figures = latest_key_figures([town.pk]).get(town.pk, [])
    return TownProfile(
        town=town,
        figures=figures,
        pipeline=pipeline,
        key_figures=key_figures,
        population=population(key_figures),
        changes=actor_changes(town),
        trend=trend(town),
    )


def actor_changes(town):
    """:class:`ActorChanges` since the town's latest snapshot, or None before the first one."""
    snapshot = EcosystemSnapshot.objects.filter(town=town).order_by("-date").first()
    if snapshot is None:
        return None
    before = set(snapshot.figures.get("actor_ids", ()))
    now = set(active_organisations([town.pk]).values_list("pk", flat=True))
    removed = before - now
    still_there = (
        set(Organisation.objects.filter(pk__in=removed).values_list("pk", flat=True))
        if removed
        else set()
    )
    return ActorChanges(snapshot, len(now - before), len(removed), len(removed - still_there))


def new_since(snapshot, organisations):
    """Of ``organisations``, the town's active actors that ``snapshot`` did not hold."""
    return organisations.filter(town_id=snapshot.town_id, status=OrganisationStatus.ACTIVE).exclude(
        pk__in=snapshot.figures.get("actor_ids", ())
    )


def removed_since(snapshot, organisations):
    """Of ``organisations``, those ``snapshot`` held that are no longer active in its town."""
    return organisations.filter(pk__in=snapshot.figures.get("actor_ids", ())).exclude(
        town_id=snapshot.town_id, status=OrganisationStatus.ACTIVE
    )




def profile_json(profile):
    """The profile as plain JSON for scripts: codes and slugs as keys, no labels."""
    figures = profile.figures
    slugs = dict(Competence.objects.values_list("pk", "slug"))
    return {
        "town": {"code": profile.town.code, "name": profile.town.name_fi},
        "actors": figures.actors,
        "public": figures.public,
        "not_public": figures.not_public,
        "employees": figures.employees,
        "actors_per_1000": profile.actors_per_1000,
        "inactive": figures.inactive,
        "by_type": figures.by_type,
        "by_size": figures.by_size,
        "by_section": figures.by_section,
        "by_top_competence": {slugs[pk]: n for pk, n in figures.by_top_competence.items()},
        "by_competence": {slugs[pk]: n for pk, n in figures.by_competence.items()},
        "completeness": {name: round(figures.share_complete(name), 4)
                         for name in COMPLETENESS_FIELDS},
        "key_figures": [asdict(f) for f in profile.key_figures],
        "changes": None if profile.changes is None else {
            "since": str(profile.changes.snapshot.date), "new": profile.changes.new,
            "removed": profile.changes.removed, "deleted": profile.changes.deleted,
        },
        "pipeline": None if profile.pipeline is None else profile.pipeline.as_json(),
    }
