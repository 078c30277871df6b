"""A town's competence gaps on the hand-counted register of ``ecosystem_world``.

The network's active actors: Raahe 5 (four battery, one sawmilling), Kuusamo 2 (battery,
sawmilling): 7 in all. With the default prior of 10 pseudo-actors, Raahe's smoothed quotient
in batteries is ((4 + 10·5/7) / 15) / (5/7) = 1.04 and in sawmilling ((1 + 10·2/7) / 15) /
(2/7) = 0.90; nobody in the network produces hydrogen.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from wagtail import hooks

from seutu_crm.ecosystem.focus import FOCUS_HOOK, StrategyFocus
from seutu_crm.ecosystem.gap_explanations import explained_gaps
from seutu_crm.ecosystem.gaps import GapLabel, town_gaps
from seutu_crm.models import Dimension, TownIndicator
from tests.crm.ecosystem_world import world  # noqa: F401  (fixture)
from tests.factories import CompetenceFactory, IndustryFactory, OrganisationFactory


def focus_on(*slugs, industries=()):
    """A strategy hook naming ``slugs`` as Raahe's focus (and nothing for other towns)."""
    return hooks.register_temporarily(
        FOCUS_HOOK,
        lambda town: StrategyFocus(frozenset(slugs), frozenset(industries))
        if town is not None and town.code == "678" else None,
    )


def test_rows_are_the_competences_actors_name_not_the_areas_above_them(world):
    keys = {gap.key for gap in town_gaps(world.raahe).rows}
    assert keys == {"akkumateriaalit", "sahateollisuus", "vedyn-tuotanto"}


def test_the_smoothed_quotient_makes_raahe_strong_in_batteries(world):
    gaps = town_gaps(world.raahe).by_key()
    battery = gaps["akkumateriaalit"]
    assert battery.count == 4 and battery.network_count == 5
    assert battery.lq == pytest.approx(((4 + 10 * 5 / 7) / 15) / (5 / 7))
    assert battery.label == GapLabel.STRENGTH and battery.score == 0
    sawmilling = gaps["sahateollisuus"]
    assert sawmilling.lq == pytest.approx(((1 + 10 * 2 / 7) / 15) / (2 / 7))
    assert sawmilling.absence == pytest.approx(1 - sawmilling.lq)


def test_a_competence_nobody_in_the_network_has_is_to_be_attracted(world):
    hydrogen = town_gaps(world.raahe).by_key()["vedyn-tuotanto"]
    assert hydrogen.label == GapLabel.ATTRACT
    assert hydrogen.lq is None and hydrogen.absence == 1.0
    # Unrelated to Raahe's strengths, not in its strategy: only the base weight counts.
    assert hydrogen.relatedness == 0.0 and hydrogen.focus == 0.0
    assert hydrogen.score == 40


def test_the_strategy_focus_raises_a_gaps_score(world):
    with focus_on("vedyn-tuotanto"):
        hydrogen = town_gaps(world.raahe).by_key()["vedyn-tuotanto"]
    assert hydrogen.focus == 1.0
    assert hydrogen.score == round(100 * (0.4 + 0.25))


def test_a_broader_focus_counts_half(world):
    with focus_on("energia"):
        hydrogen = town_gaps(world.raahe).by_key()["vedyn-tuotanto"]
    assert hydrogen.focus == 0.5 and hydrogen.focus_broader == "energia"


def test_relatedness_to_the_towns_strengths_raises_a_gaps_score(world):
    # Two battery companies elsewhere also produce hydrogen: the two now occur together.
    for name in ("Vety ja Akku Oy", "Akkuvety Oy"):
        OrganisationFactory(town=world.oulu, name=name,
                            competences=[world.battery, world.hydrogen])
    hydrogen = town_gaps(world.raahe).by_key()["vedyn-tuotanto"]
    # battery occurs in 8 active organisations (Oulu's university too), hydrogen in 2, both
    # in 2: φ = 2/8.
    assert hydrogen.density == pytest.approx((2 / 8) / (1 + 2 / 8))
    assert hydrogen.related == ["akkumateriaalit"]
    # Relative to the town's most related key: batteries, 1 / (1 + 2/8).
    assert hydrogen.relatedness == pytest.approx(hydrogen.density / (1 / (1 + 2 / 8)))
    assert hydrogen.score > 40


def test_another_network_town_specialised_in_it_is_a_partner(world):
    gaps = town_gaps(world.kuusamo).by_key()
    battery = gaps["akkumateriaalit"]
    assert battery.label == GapLabel.PARTNER
    assert [(p.name, p.count) for p in battery.partners] == [("Raahe", 4)]


def test_a_partner_needs_the_fewest_actors_the_setting_asks(world):
    with override_settings(SEUTU_CRM={"GAP_MIN_SPECIALISED_ACTORS": 4}):
        battery = town_gaps(world.kuusamo).by_key()["akkumateriaalit"]
    assert [p.name for p in battery.partners] == ["Raahe"]
    with override_settings(SEUTU_CRM={"GAP_MIN_SPECIALISED_ACTORS": 5}):
        battery = town_gaps(world.kuusamo).by_key()["akkumateriaalit"]
    # Then Oulu's university, which has it too, is the way to build it.
    assert battery.partners == [] and battery.label == GapLabel.UNIVERSITY


def test_a_competence_a_university_has_is_built_with_it(world):
    recycling = CompetenceFactory(name="Akkujen kierrätys", slug="akkujen-kierratys")
    OrganisationFactory(town=world.kuusamo, competences=[recycling])
    world.university.competences.add(recycling)
    world.university.save()
    gap = town_gaps(world.raahe).by_key()["akkujen-kierratys"]
    assert gap.label == GapLabel.UNIVERSITY
    assert gap.institutions == ["Oulun yliopisto"]


def test_each_score_is_explained_without_naming_the_town_in_an_inflected_form(world):
    with translation.override("en"):
        table = explained_gaps(world.raahe)
    hydrogen = table.by_key()["vedyn-tuotanto"]
    assert hydrogen.sentences == [
        "Nobody in the network's towns has this competence.",
        "It is not related to what the town is strong in.",
        "Attract an actor who brings it.",
    ]
    sawmilling = table.by_key()["sahateollisuus"]
    assert sawmilling.sentences[0] == (
        "The town has 1 actor with this competence; the network's towns have 1.0 on average."
    )


def test_explanations_are_in_finnish_for_a_finnish_reader(world):
    with translation.override("fi"):
        hydrogen = explained_gaps(world.raahe, language="fi").by_key()["vedyn-tuotanto"]
    assert hydrogen.sentences[0] == "Kenelläkään verkoston kaupungeissa ei ole tätä osaamista."
    assert hydrogen.name == "Vedyn tuotanto"


def test_industry_gaps_count_tol_divisions_with_finlands_workplaces(world):
    IndustryFactory(code="35", name_fi="Sähkö", parent=IndustryFactory(code="D2"))
    for town, code, value in (
        (world.raahe, "", 10_000), (world.raahe, "24", 2_000),
        (None, "", 2_500_000), (None, "24", 25_000),
    ):
        TownIndicator.objects.create(town=town, indicator="tyopaikat", industry_code=code,
                                     year=2023, value=value, source="Tilastokeskus")
    metals = town_gaps(world.raahe, Dimension.INDUSTRY).by_key()["24"]
    assert metals.count == 2  # Anodi and the steel company
    assert metals.lq_finland == pytest.approx((2_000 / 10_000) / (25_000 / 2_500_000))
    assert metals.label == GapLabel.STRENGTH


def test_the_command_prints_the_gap_table_as_json(world):
    out = io.StringIO()
    call_command("seutu_ecosystem", "gaps", "678", "--format", "json", "--language", "en",
                 stdout=out)
    data = json.loads(out.getvalue())
    rows = {row["key"]: row for row in data["rows"]}
    assert rows["vedyn-tuotanto"]["label"] == "attract"
    assert rows["vedyn-tuotanto"]["score"] == 40 and rows["vedyn-tuotanto"]["is_gap"]
    assert rows["akkumateriaalit"]["label"] == "strength"
    assert data["actors"] == 5 and data["network_towns"] == 2


def test_the_command_refuses_a_town_outside_the_network(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a town of the network"):
        call_command("seutu_ecosystem", "gaps", "564", stdout=io.StringIO())
