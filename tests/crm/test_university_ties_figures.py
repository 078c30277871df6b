"""A town's higher-education ties by institution, kind and year; the gaps an institution could
fill; the ties a public cooperation guide may show. Counted by hand in university_world."""

import datetime

import pytest

from seutu_crm.ecosystem.gaps import GapLabel, town_gaps
from seutu_crm.ecosystem.university_ties import (
    hei_tie_counts,
    institution_ties_by_year,
    institutions_for_gaps,
    public_tie_examples,
)
from seutu_crm.models import ActorType, OrganisationStatus, TieKind
from tests.crm.university_world import TODAY, ties, world  # noqa: F401  (fixtures)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def by_name(found):
    return {item.name: item for item in found}


def test_a_towns_ties_are_counted_by_institution_and_kind(ties):
    found = by_name(institution_ties_by_year(ties.world.raahe, until=TODAY))
    assert list(found) == ["Oulun yliopisto", "Oulun ammattikorkeakoulu"]  # most ties first
    assert found["Oulun yliopisto"].ties == 3
    assert found["Oulun yliopisto"].by_kind == {"rdi_project": 1, "thesis": 1, "guest_lecture": 1}
    assert found["Oulun ammattikorkeakoulu"].by_kind == {"agreement": 1, "placement": 1}


def test_a_tie_counts_in_every_year_it_was_in_force(ties):
    found = by_name(institution_ties_by_year(ties.world.raahe, until=TODAY))
    # From the town's first tie (2022) to today; the RDI project has no end and lasts on.
    university = [(y.year, y.by_kind) for y in found["Oulun yliopisto"].years]
    assert university == [
        (2022, {}),
        (2023, {"rdi_project": 1}),
        (2024, {"rdi_project": 1, "thesis": 1}),
        (2025, {"rdi_project": 1, "guest_lecture": 1}),
    ]
    uas = [(y.year, y.total) for y in found["Oulun ammattikorkeakoulu"].years]
    assert uas == [(2022, 1), (2023, 1), (2024, 2), (2025, 0)]


def test_the_year_table_has_a_column_per_kind_in_the_kinds_order(ties):
    uas = by_name(institution_ties_by_year(ties.world.raahe, until=TODAY))[
        "Oulun ammattikorkeakoulu"
    ]
    assert uas.kinds == [TieKind.AGREEMENT, TieKind.PLACEMENT]
    assert [(row.year, row.counts, row.total) for row in uas.table] == [
        (2022, [1, 0], 1), (2023, [1, 0], 1), (2024, [1, 1], 2), (2025, [0, 0], 0),
    ]


def test_a_town_without_ties_has_no_figures(ties):
    ties.kuusamo_agreement.delete()
    assert institution_ties_by_year(ties.world.kuusamo, until=TODAY) == []


def test_tie_counts_on_a_day_are_the_ties_in_force_then(ties):
    towns = [ties.world.raahe.pk, ties.world.kuusamo.pk]
    assert hei_tie_counts(towns, on=datetime.date(2024, 7, 1)) == {
        ties.world.raahe.pk: {"agreement": 1, "placement": 1, "rdi_project": 1, "thesis": 1},
        ties.world.kuusamo.pk: {"agreement": 1},
    }


def test_an_institution_fills_the_towns_gaps_but_not_its_strengths(ties):
    world = ties.world
    table = town_gaps(world.raahe)
    rows = table.by_key()
    # The world's premise: Raahe lacks hydrogen production and is strong in battery materials.
    assert rows["vedyn-tuotanto"].is_gap
    assert rows["akkumateriaalit"].label == GapLabel.STRENGTH
    found = by_name(institutions_for_gaps(table))
    assert [gap.key for gap in found["Oulun yliopisto"].gaps] == ["vedyn-tuotanto"]


def test_only_active_universities_and_uas_are_offered_for_gaps(ties):
    world = ties.world
    OrganisationFactory(town=world.oulu, name="Vetytutkimus", actor_type=ActorType.RESEARCH,
                        competences=[world.hydrogen])
    OrganisationFactory(town=world.oulu, name="Vetyfirma Oy", competences=[world.hydrogen])
    OrganisationFactory(town=world.oulu, name="Lakkautettu AMK", actor_type=ActorType.UAS,
                        competences=[world.hydrogen], status=OrganisationStatus.ENDED)
    names = set(by_name(institutions_for_gaps(town_gaps(world.raahe))))
    assert "Oulun yliopisto" in names
    assert not names & {"Vetytutkimus", "Vetyfirma Oy", "Lakkautettu AMK"}


def test_an_institution_with_ties_is_listed_with_them_even_without_a_gap(ties):
    table = town_gaps(ties.world.raahe)
    sawmilling = table.by_key()["sahateollisuus"]
    counts = {ties.university.pk: 3, ties.uas.pk: 2}
    found = by_name(institutions_for_gaps(table, tie_counts=counts))
    assert found["Oulun yliopisto"].ties == 3
    assert found["Oulun ammattikorkeakoulu"].ties == 2
    # Raahe has a sawmilling actor: it scores below GAP_MIN_SCORE, so the UAS's only
    # competence is not a gap of the town.
    assert not sawmilling.is_gap
    assert found["Oulun ammattikorkeakoulu"].gaps == []
    # Without counts (a reader outside the town) nobody's ties are told.
    assert all(item.ties is None for item in institutions_for_gaps(table))


def test_public_examples_name_only_public_organisations(ties):
    examples = public_tie_examples(limit=10, language="fi")
    titles = [example.title for example in examples]
    # Flagged ties only, newest first; the placement's institution is public, its actor not.
    assert titles == [
        "Kesäharjoittelu kennotehtaalla", "Akkumateriaalien kierrätys",
        "Sahateollisuuden sopimus",
    ]
    placement = examples[0]
    assert placement.institution.name == "Oulun ammattikorkeakoulu"
    assert placement.actors == ()  # Kenno Oy is not public
    rdi = examples[1]
    assert [actor.name for actor in rdi.actors] == ["Anodi Oy", "Katodi Oy"]
    assert rdi.is_ongoing and rdi.start_year == 2023
    assert rdi.town_name == "Raahe" and rdi.kind_label == "TKI-hanke"


def test_an_example_with_a_private_institution_is_left_out(ties):
    ties.uas.is_public = False
    ties.uas.save()
    titles = [example.title for example in public_tie_examples(limit=10)]
    assert "Kesäharjoittelu kennotehtaalla" not in titles
    assert len(titles) == 2


def test_public_examples_filter_by_kind_and_town(ties):
    agreements = public_tie_examples(kinds=[TieKind.AGREEMENT])
    assert [e.title for e in agreements] == ["Sahateollisuuden sopimus"]
    raahe = public_tie_examples(towns=[ties.world.raahe])
    assert {e.town_code for e in raahe} == {"678"} and len(raahe) == 2
    assert [e.title for e in public_tie_examples(limit=1)] == ["Kesäharjoittelu kennotehtaalla"]
