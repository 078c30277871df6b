"""A town's ecosystem at a glance, for the public: public actors only, and official figures.

Whatever the public site and the open JSON endpoint show of the ecosystem comes from here, so
the rule lives in one place: only active actors marked public are counted, and nothing of the
pipeline, the contacts or the non-public actors is read.
"""

from dataclasses import asdict, dataclass, field

from django.db.models import Count
from django.utils.translation import override

from ..models import ActorType, Organisation
from .figures import active_organisations
from .indicators import latest_key_figures
from .labels import competence_names

TOP_COMPETENCES = 8


@dataclass(frozen=True)
class TypeCount:
    actor_type: str
    label: str
    actors: int


@dataclass(frozen=True)
class CompetenceCount:
    slug: str
    name: str
    actors: int


@dataclass
class Glance:
    town_code: str
    town_name: str
    language: str
    public_actors: int = 0
    by_type: list = field(default_factory=list)  # [TypeCount], most actors first
    top_competences: list = field(default_factory=list)  # [CompetenceCount]
    key_figures: list = field(default_factory=list)  # [KeyFigure]

    def as_json(self):
        return asdict(self)


def public_glance(town, language):
    """The :class:`Glance` of ``town`` in ``language`` (fi, sv or en)."""
    with override(language):
        public = active_organisations([town.pk]).filter(is_public=True)
        labels = dict(ActorType.choices)
        by_type = [
            TypeCount(row["actor_type"], str(labels.get(row["actor_type"], row["actor_type"])),
                      row["n"])
            for row in public.values("actor_type").annotate(n=Count("pk")).order_by("-n",
                                                                                     "actor_type")
        ]
        links = Organisation.competences.through.objects.filter(
            organisation__in=public
        ).values("competence_id").annotate(n=Count("organisation_id")).order_by(
            "-n", "competence_id"
        )[:TOP_COMPETENCES]
        names = competence_names(language)
        top = [
            CompetenceCount(names[row["competence_id"]].slug, names[row["competence_id"]].name,
                            row["n"])
            for row in links
            if row["competence_id"] in names
        ]
        return Glance(
            town_code=town.code,
            town_name=town.name,
            language=language,
            public_actors=sum(t.actors for t in by_type),
            by_type=by_type,
            top_competences=top,
            key_figures=latest_key_figures([town.pk]).get(town.pk, []),
        )
