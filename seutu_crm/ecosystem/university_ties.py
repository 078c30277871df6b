"""The network towns' recorded cooperation with higher-education institutions, counted.

:func:`hei_tie_counts` gives each town's ties in force on a day by kind; the daily snapshot
stores them (``figures["hei_ties"]``), so strategy goals can measure them over time.
:func:`institution_ties_by_year` gives one town's ties to each institution by kind and year
(the town's *Higher education* view draws them), :func:`institutions_for_gaps` which of the
town's competence gaps each institution's competences could fill, and
:func:`public_tie_examples` the ties a cooperation guide on the public site may show.

A tie is *in force during a year* when it started in or before the year and had not ended
before it: a three-year agreement counts in each of its years, a guest lecture in one.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import get_language, override

from ..models import (
    HEI_TYPES,
    HigherEducationTie,
    Organisation,
    OrganisationStatus,
    TieKind,
)
from ..models.localised import localised
from ..queries_public import PublicActor, as_public_actors


def hei_tie_counts(town_ids, on=None):
    """{town pk: {tie kind: ties}} for ``town_ids``: ties in force on ``on`` (default: all)."""
    ties = HigherEducationTie.objects.filter(town_id__in=list(town_ids))
    if on is not None:
        ties = ties.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
    found = {pk: {} for pk in town_ids}
    for row in ties.values("town_id", "kind").annotate(n=Count("pk")).order_by("town_id", "kind"):
        found[row["town_id"]][row["kind"]] = row["n"]
    return found


def in_force_during(ties, year):
    """The ties of the queryset ``ties`` in force at some time during ``year``."""
    return ties.filter(start_date__year__lte=year).filter(
        Q(end_date__isnull=True) | Q(end_date__year__gte=year)
    )


# -- one town's ties to each institution, by kind and year -------------------------------


@dataclass(frozen=True)
class YearCounts:
    year: int
    by_kind: dict  # tie kind -> ties in force during the year

    @property
    def total(self):
        return sum(self.by_kind.values())

    def count(self, kind):
        return self.by_kind.get(kind, 0)


@dataclass(frozen=True)
class YearRow:
    """A row of an institution's table: the year, its ties by kind (``kinds``' order), all."""

    year: int
    counts: list
    total: int


@dataclass
class InstitutionTies:
    """A town's ties to one institution: how many, of which kinds, in force year by year."""

    institution_id: int
    name: str
    town_name: str  # where the institution is
    ties: int  # recorded with the town, ever
    by_kind: dict  # tie kind -> ties recorded, ever
    years: list  # YearCounts, oldest first, every year from the first tie on

    @property
    def kinds(self):
        """The kinds of the institution's ties, in the order of :class:`TieKind`."""
        return [kind for kind in TieKind if kind.value in self.by_kind]

    @property
    def table(self):
        """:class:`YearRow` for each year, with a count for each of :attr:`kinds`."""
        kinds = self.kinds
        return [YearRow(y.year, [y.count(k) for k in kinds], y.total) for y in self.years]


def institution_ties_by_year(town, until=None, language=None):
    """:class:`InstitutionTies` for each institution the town has ties with, most ties first.

    Years run from the town's first tie to ``until`` (default: today), or to the start of a
    tie planned later; a tie without an end date is in force to the last year.
    """
    until = until or timezone.localdate()
    ties = list(
        HigherEducationTie.objects.filter(town=town)
        .select_related("institution__town")
        .only("kind", "start_date", "end_date", "institution__name", "institution__town")
    )
    if not ties:
        return []
    first = min(tie.start_date.year for tie in ties)
    last = max(until.year, max(tie.start_date.year for tie in ties))
    grouped = defaultdict(list)
    for tie in ties:
        grouped[tie.institution].append(tie)
    found = []
    for institution, own in grouped.items():
        per_year = defaultdict(Counter)
        for tie in own:
            end = tie.end_date.year if tie.end_date else last
            for year in range(tie.start_date.year, min(end, last) + 1):
                per_year[year][tie.kind] += 1
        found.append(
            InstitutionTies(
                institution_id=institution.pk,
                name=institution.name,
                town_name=localised(institution.town, "name", language),
                ties=len(own),
                by_kind=dict(Counter(tie.kind for tie in own)),
                years=[YearCounts(year, dict(per_year[year])) for year in range(first, last + 1)],
            )
        )
    found.sort(key=lambda i: (-i.ties, i.name))
    return found


# -- which of a town's gaps each institution could fill ----------------------------------


@dataclass
class InstitutionGaps:
    """An institution whose competences match some of a town's gaps."""

    institution_id: int
    name: str
    actor_type_label: str
    town_name: str
    gaps: list  # the town's gaps.Gap rows it matches, highest score first
    ties: int | None = None  # the town's recorded ties with it, when the reader may see them


def institutions_for_gaps(table, tie_counts=None, language=None):
    """The active universities and UASs whose competences are gaps of ``table``'s town.

    ``table`` is the town's :class:`~seutu_crm.ecosystem.gaps.GapTable`; only its rows that
    count as gaps are matched (never the town's strengths), competence by competence.
    ``tie_counts`` ({institution pk: ties}) adds the town's ties; an institution with ties
    is listed even when it matches no gap. Most ties first, then most gaps filled.
    """
    gaps = {gap.key: gap for gap in table.gaps()}
    counted = tie_counts or {}
    institutions = (
        Organisation.objects.filter(actor_type__in=HEI_TYPES)
        .filter(
            Q(status=OrganisationStatus.ACTIVE, competences__slug__in=list(gaps))
            | Q(pk__in=list(counted))
        )
        .distinct()
        .select_related("town")
        .prefetch_related("competences")
    )
    labels = dict(Organisation._meta.get_field("actor_type").choices)
    found = []
    for institution in institutions:
        matched = sorted(
            (gaps[c.slug] for c in institution.competences.all() if c.slug in gaps),
            key=lambda gap: (-gap.score, gap.name),
        )
        found.append(
            InstitutionGaps(
                institution_id=institution.pk,
                name=institution.name,
                actor_type_label=str(labels.get(institution.actor_type, "")),
                town_name=localised(institution.town, "name", language),
                gaps=matched,
                ties=counted.get(institution.pk, 0) if tie_counts is not None else None,
            )
        )
    found.sort(key=lambda i: (-(i.ties or 0), -len(i.gaps), i.name))
    return found


# -- examples for the public site ----------------------------------------------------------


@dataclass(frozen=True)
class PublicTieExample:
    """A tie as the public site may show it: its title, kind and years, the town, and only
    public organisations (never the description, which may name people)."""

    pk: int
    title: str
    title_language: str  # the language the title is in: the page's, or Finnish as a fallback
    kind: str
    kind_label: str
    town_code: str
    town_name: str
    institution: PublicActor
    actors: tuple = ()  # the public actors involved (PublicActor)
    start_year: int = 0
    end_year: int | None = None

    @property
    def is_ongoing(self):
        return self.end_year is None


def public_tie_examples(kinds=(), towns=(), limit=6, language=None, today=None):
    """Ties marked as public examples, newest first, with a public institution.

    ``kinds`` (TieKind values) and ``towns`` (Town rows or pks) narrow them; empty means all.
    A tie whose institution is not public is left out whole; of its actors only the public
    ones are named.
    """
    language = (language or get_language() or "fi")[:2]
    ties = (
        HigherEducationTie.objects.filter(
            is_public_example=True, institution__is_public=True, town__in_network=True
        )
        .select_related("town", "institution__town")
        .prefetch_related(
            "institution__competences",
            Prefetch(
                "actors",
                queryset=Organisation.objects.public()
                .select_related("town")
                .prefetch_related("competences")
                .order_by("name"),
                to_attr="public_actors",
            ),
        )
        .order_by("-start_date", "-pk")
    )
    if kinds:
        ties = ties.filter(kind__in=list(kinds))
    if towns:
        ties = ties.filter(town__in=list(towns))
    ties = list(ties[:limit])
    organisations = [tie.institution for tie in ties] + [a for t in ties for a in t.public_actors]
    # Competence names are not shown with an example: none are read.
    actors = {
        actor.pk: actor
        for actor in as_public_actors(organisations, language, detail=False, translations={})
    }
    with override(language):  # the page's language, whatever the request's is
        labels = {kind: str(label) for kind, label in TieKind.choices}
    examples = []
    for tie in ties:
        if tie.institution_id not in actors:
            continue
        title, title_language = tie.title_in(language)
        examples.append(PublicTieExample(
            pk=tie.pk,
            title=title,
            title_language=title_language,
            kind=tie.kind,
            kind_label=labels.get(tie.kind, tie.kind),
            town_code=tie.town.code,
            town_name=localised(tie.town, "name", language),
            institution=actors[tie.institution_id],
            actors=tuple(actors[a.pk] for a in tie.public_actors if a.pk in actors),
            start_year=tie.start_date.year,
            end_year=tie.end_date.year if tie.end_date else None,
        ))
    return examples
