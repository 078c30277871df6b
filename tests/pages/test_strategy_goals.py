"""Strategy goals on live indicators: computed from the snapshots, or entered with a date and
a source; the focus a strategy names, as the gap analysis reads it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from seutu_crm.ecosystem.focus import strategy_focus
from seutu_crm.ecosystem.goals import parse, series
from seutu_crm.models import EcosystemSnapshot
from seutu_pages.models.strategies import GoalBlock
from seutu_pages.strategy_progress import strategy_progress
from tests.factories import TownFactory

from .page_factories import make_strategy

DAY1, DAY2 = datetime.date(2026, 11, 1), datetime.date(2026, 12, 1)


@pytest.fixture
def towns(db):
    return TownFactory(code="678", name_fi="Raahe"), TownFactory(code="305", name_fi="Kuusamo")


def snapshot(town, date, hydrogen, actors, won=0):
    EcosystemSnapshot.objects.create(town=town, date=date, figures={
        "actors": actors, "public": actors - 1, "by_competence": {"vetytalous": hydrogen},
        "by_section": {"C": 2}, "pipeline": {"won": won, "by_stage": {"active": 1}},
        "actor_ids": list(range(actors)),
    })


def computed(title, key, baseline, target):
    return {"type": "goal", "value": {
        "title": title, "computed": key, "indicator": "", "unit": "", "values": [],
        "baseline": Decimal(baseline), "target": Decimal(target), "year": 2030}}


def test_a_computed_indicator_reads_each_snapshot_oldest_first(towns):
    raahe, _kuusamo = towns
    snapshot(raahe, DAY2, hydrogen=2, actors=40, won=3)
    snapshot(raahe, DAY1, hydrogen=1, actors=38)
    hydrogen, won, active = (parse(k) for k in ("competence:vetytalous", "won", "stage:active"))
    found = series([hydrogen, won, active], town=raahe.pk)
    assert [(r.date, r.value) for r in found[hydrogen.key]] == [(DAY1, 1.0), (DAY2, 2.0)]
    assert [r.value for r in found[won.key]] == [0.0, 3.0]
    assert [r.value for r in found[active.key]] == [1.0, 1.0]


def test_the_networks_indicator_sums_the_towns_of_each_date(towns):
    raahe, kuusamo = towns
    snapshot(raahe, DAY1, hydrogen=1, actors=38)
    snapshot(kuusamo, DAY1, hydrogen=2, actors=20)
    key = parse("competence:vetytalous")
    assert [r.value for r in series([key])[key.key]] == [3.0]


def test_an_unknown_indicator_key_is_refused():
    assert parse("competence") is None and parse("nonsense") is None
    assert parse("industry:C").key == "industry:C"


def test_the_strategy_page_shows_a_computed_goal_moving_with_the_snapshots(client, home, towns):
    raahe, _kuusamo = towns
    snapshot(raahe, DAY1, hydrogen=1, actors=38)
    page = make_strategy(home, town=raahe, goals=[
        computed("Vetytalouden toimijat", "competence:vetytalous", 1, 4)])
    goal = strategy_progress(page).goals[0]
    assert (goal.current.value, goal.progress) == (1.0, 0)
    snapshot(raahe, DAY2, hydrogen=2, actors=39)
    goal = strategy_progress(page).goals[0]
    assert (goal.current.value, goal.progress) == (2.0, 33)
    html = client.get(page.url).content.decode()
    assert '<progress max="100" value="33"' in html
    assert "<table" in html  # the chart's data table


def test_an_entered_goal_keeps_its_dated_values_and_sources(home, towns):
    page = make_strategy(home, town=towns[0], goals=[{"type": "goal", "value": {
        "title": "Lisää työpaikkoja", "computed": "", "indicator": "Työpaikat", "unit": "",
        "values": [
            {"date": DAY2, "value": Decimal(8240), "source": "Tilastokeskus 2026"},
            {"date": DAY1, "value": Decimal(8100), "source": "Tilastokeskus 2025"},
        ],
        "baseline": Decimal(8000), "target": Decimal(8600), "year": 2030}}])
    goal = strategy_progress(page).goals[0]
    assert [r.value for r in goal.readings] == [8100.0, 8240.0]
    assert goal.source == "Tilastokeskus 2026" and goal.progress == 40


def test_a_goal_saved_in_the_old_shape_keeps_its_current_value_undated():
    value = GoalBlock().to_python({"title": "T", "indicator": "I", "unit": "", "baseline": 1,
                                   "target": 3, "year": 2030, "current": 2})
    assert [(r.date, r.value) for r in value.entered_readings()] == [(None, 2.0)]


def test_a_computed_goal_with_entered_values_is_refused(db):
    block = GoalBlock()
    value = block.to_python({"title": "T", "computed": "actors", "indicator": "", "unit": "",
                             "values": [{"date": DAY1, "value": 1, "source": "x"}],
                             "baseline": 1, "target": 2, "year": 2030})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_the_focus_of_a_live_strategy_reaches_the_gap_analysis(home, towns):
    raahe, kuusamo = towns
    make_strategy(home, town=raahe, focus_areas=[{"type": "focus_area", "value": {
        "title": "Vety", "description": "", "competences": ["vetytalous", "vedyntuotanto"],
        "industries": ["35"]}}])
    focus = strategy_focus(raahe)
    assert focus.competences == {"vetytalous", "vedyntuotanto"} and focus.industries == {"35"}
    assert strategy_focus(kuusamo).competences == frozenset()


def test_ten_computed_goals_cost_a_fixed_number_of_queries(
    client, home, towns, django_assert_max_num_queries
):
    raahe, _kuusamo = towns
    for day in range(1, 13):
        snapshot(raahe, datetime.date(2026, 1, day), hydrogen=day, actors=30 + day)
    keys = ["actors", "public", "competence:vetytalous", "industry:C", "won", "stage:active",
            "open_leads", "realised_jobs", "university_ties", "hei_ties"]
    page = make_strategy(home, town=raahe, goals=[
        computed(f"Tavoite {n}", key, 0, 10) for n, key in enumerate(keys)])
    client.get(page.url)
    with django_assert_max_num_queries(25):
        response = client.get(page.url)
    assert response.content.decode().count('<article class="goal">') == 10
