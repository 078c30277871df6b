"""The register's figures per town, counted once: what profiles, benchmarks and snapshots show.

:func:`count_towns` asks the database a fixed number of grouped questions, whatever the number
of towns or actors, and returns a :class:`TownFigures` per town. Only *active* actors count
(an actor in liquidation, in bankruptcy or ended is no longer part of the ecosystem); those are
counted apart in ``inactive``.
"""

import enum
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Substr

from ..hierarchy import parents_of, roots
from ..models import (
    Competence,
    Industry,
    Organisation,
    OrganisationDescription,
    OrganisationStatus,
)

# The fields whose completeness a profile reports, in the order it shows them.
COMPLETENESS_FIELDS = (
    "business_id",
    "industry",
    "competences",
    "coordinates",
    "description_fi",
    "description_sv",
    "description_en",
)


class Part(enum.Enum):
    """What of the register :func:`count_towns` counts: a caller asks only for what it shows."""

    TOTALS = "totals"  # actors by type, size, status and public; employees; IDs, coordinates
    COMPETENCES = "competences"
    INDUSTRIES = "industries"
    DESCRIPTIONS = "descriptions"


ALL_PARTS = frozenset(Part)


@dataclass
class TownFigures:
    """One town's counts of active actors. Dict keys are codes or primary keys, never labels."""

    town_id: int
    actors: int = 0
    public: int = 0
    employees: int = 0
    by_type: dict = field(default_factory=dict)  # actor type -> actors
    by_size: dict = field(default_factory=dict)  # size class ("" unknown) -> actors
    by_section: dict = field(default_factory=dict)  # TOL section code -> actors
    by_division: dict = field(default_factory=dict)  # TOL division (2 digits) -> actors
    by_competence: dict = field(default_factory=dict)  # competence pk (linked) -> actors
    by_top_competence: dict = field(default_factory=dict)  # top-level competence pk -> actors
    complete: dict = field(default_factory=dict)  # completeness field -> actors that have it
    inactive: dict = field(default_factory=dict)  # status -> actors no longer active

    @property
    def not_public(self):
        return self.actors - self.public

    def share_complete(self, name):
        """The share (0–1) of the town's actors that have ``name`` filled in."""
        return self.complete.get(name, 0) / self.actors if self.actors else 0.0


def _root_expression(field_name, parents):
    """A SQL expression for the root of the tree node ``field_name`` (``competence``).

    Two levels (the taxonomies as shipped) are one join: the parent, else the node itself;
    a deeper tree is mapped node by node, which the database evaluates more slowly.
    """
    if all(parents.get(parent) is None or parents[parent][0] is None
           for parent, *_rest in parents.values()):
        return Coalesce(f"{field_name}__parent_id", f"{field_name}_id")
    return _root_case(f"{field_name}_id", roots(parents))


def _root_case(field_name, roots):
    """A SQL expression mapping ``field_name`` (a tree pk) to its root's pk."""
    by_root = {}
    for pk, root in roots.items():
        by_root.setdefault(root, []).append(pk)
    if not by_root:
        return Value(None, output_field=IntegerField())
    return Case(
        *(When(**{f"{field_name}__in": pks}, then=Value(root)) for root, pks in by_root.items()),
        output_field=IntegerField(),
    )


def active_organisations(town_ids=None):
    organisations = Organisation.objects.filter(status=OrganisationStatus.ACTIVE)
    if town_ids is not None:
        organisations = organisations.filter(town_id__in=town_ids)
    return organisations


def count_towns(town_ids, parts=ALL_PARTS):
    """{town pk: :class:`TownFigures`} for ``town_ids``, in a fixed number of queries.

    ``parts`` (:class:`Part`) says what to count beyond the totals, which are always counted;
    what is left out stays empty.
    """
    town_ids = list(town_ids)
    figures = {pk: TownFigures(town_id=pk) for pk in town_ids}

    # One pass over the town's organisations: every combination of the small columns, summed
    # up here (a few thousand rows at most, whatever the size of the register).
    groups = Organisation.objects.filter(town_id__in=town_ids).values(
        "town_id", "status", "actor_type", "size_class", "is_public"
    ).annotate(
        n=Count("pk"),
        employees=Sum("employees"),
        business_id=Count("pk", filter=Q(business_id__isnull=False)),
        coordinates=Count("pk", filter=Q(latitude__isnull=False, longitude__isnull=False)),
    )
    for row in groups:
        town, n = figures[row["town_id"]], row["n"]
        if row["status"] != OrganisationStatus.ACTIVE:
            town.inactive[row["status"]] = town.inactive.get(row["status"], 0) + n
            continue
        town.actors += n
        town.public += n if row["is_public"] else 0
        town.employees += row["employees"] or 0
        town.by_type[row["actor_type"]] = town.by_type.get(row["actor_type"], 0) + n
        town.by_size[row["size_class"]] = town.by_size.get(row["size_class"], 0) + n
        for name in ("business_id", "coordinates"):
            town.complete[name] = town.complete.get(name, 0) + row[name]

    if Part.COMPETENCES in parts:
        _count_competences(figures, town_ids)
    if Part.INDUSTRIES in parts:
        _count_industries(figures, town_ids)
    if Part.DESCRIPTIONS in parts:
        _count_descriptions(figures, town_ids)
    return figures


def _active_links(through, town_ids):
    return through.objects.filter(
        organisation__status=OrganisationStatus.ACTIVE, organisation__town_id__in=town_ids
    )


def _count_competences(figures, town_ids):
    competences = _active_links(Organisation.competences.through, town_ids)
    # Each (organisation, competence) pair is stored once, so a plain count is distinct.
    for row in competences.values("organisation__town_id", "competence_id").annotate(
        n=Count("organisation_id")
    ):
        figures[row["organisation__town_id"]].by_competence[row["competence_id"]] = row["n"]
    # An actor with two competences of one sector is one actor of that sector.
    top = _root_expression("competence", parents_of(Competence))
    for row in (
        competences.annotate(top=top)
        .values("organisation__town_id", "top")
        .annotate(n=Count("organisation_id", distinct=True))
    ):
        if row["top"] is not None:
            figures[row["organisation__town_id"]].by_top_competence[row["top"]] = row["n"]
    for row in competences.values("organisation__town_id").annotate(
        n=Count("organisation_id", distinct=True)
    ):
        figures[row["organisation__town_id"]].complete["competences"] = row["n"]


def _count_industries(figures, town_ids):
    industries = _active_links(Organisation.industries.through, town_ids)
    tree = parents_of(Industry, "code")
    sections = {pk: code for pk, (parent, code) in tree.items() if parent is None}
    section = _root_expression("industry", tree)
    for row in (
        industries.annotate(section=section)
        .values("organisation__town_id", "section")
        .annotate(n=Count("organisation_id", distinct=True))
    ):
        if row["section"] in sections:
            figures[row["organisation__town_id"]].by_section[sections[row["section"]]] = row["n"]
    # Every code below a section starts with its division's two digits.
    for row in (
        industries.exclude(industry__parent=None)
        .annotate(division=Substr("industry__code", 1, 2))
        .values("organisation__town_id", "division")
        .annotate(n=Count("organisation_id", distinct=True))
    ):
        figures[row["organisation__town_id"]].by_division[row["division"]] = row["n"]
    for row in industries.values("organisation__town_id").annotate(
        n=Count("organisation_id", distinct=True)
    ):
        figures[row["organisation__town_id"]].complete["industry"] = row["n"]


def _count_descriptions(figures, town_ids):
    descriptions = OrganisationDescription.objects.filter(
        organisation__status=OrganisationStatus.ACTIVE, organisation__town_id__in=town_ids
    ).exclude(text="")
    # One description per organisation and language (a constraint), so the count is distinct.
    for row in descriptions.values("organisation__town_id", "language").annotate(
        n=Count("organisation_id")
    ):
        figures[row["organisation__town_id"]].complete[f"description_{row['language']}"] = row["n"]
