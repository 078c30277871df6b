"""The admin's view of strategy goals: the report in the Ecosystem menu and the editor's
progress panel; a translation keeps what a goal measures and what the focus names."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail_localize.segments.extract import extract_segments

from seutu_crm.models import EcosystemSnapshot
from seutu_pages.strategy_admin import URL_NAME
from seutu_pages.strategy_progress import strategy_progress
from tests.crm.admin_users import coordinator, groups, user_without_admin_access  # noqa: F401
from tests.factories import TownFactory, UserFactory

from . import site_tree
from .page_factories import make_strategy, make_town_page

DAY = datetime.date(2026, 11, 1)


def hydrogen_goal(baseline=1, target=4):
    return {"type": "goal", "value": {
        "title": "Vetytalouden toimijat", "computed": "competence:vetytalous", "indicator": "",
        "unit": "", "values": [], "baseline": Decimal(baseline), "target": Decimal(target),
        "year": 2030}}


@pytest.fixture
def strategies(home):
    raahe = TownFactory(code="678", name_fi="Raahe", name_sv="Brahestad")
    kuusamo = TownFactory(code="305", name_fi="Kuusamo", name_sv="Kuusamo")
    for town, hydrogen in ((raahe, 2), (kuusamo, 5)):
        EcosystemSnapshot.objects.create(
            town=town, date=DAY, figures={"by_competence": {"vetytalous": hydrogen}})
    network = make_strategy(home, title="Verkoston strategia", slug="verkoston-strategia",
                            goals=[hydrogen_goal(5, 15)])
    town_page = make_town_page(home, town=raahe)
    raahe_strategy = make_strategy(
        town_page, town=raahe, goals=[hydrogen_goal()],
        focus_areas=[{"type": "focus_area", "value": {
            "title": "Vety", "description": "", "competences": ["vetytalous", "vedyntuotanto"],
            "industries": ["35"]}}])
    return network, raahe_strategy


def test_the_network_strategy_sums_the_towns_goal(strategies):
    network, raahe_strategy = strategies
    assert strategy_progress(network).goals[0].current.value == 7  # 2 in Raahe + 5 in Kuusamo
    assert strategy_progress(raahe_strategy).goals[0].current.value == 2


def test_the_coordinator_sees_every_strategys_goals_in_the_report(client, coordinator, strategies):
    client.force_login(coordinator)
    response = client.get(reverse(URL_NAME))
    assert response.status_code == 200
    reports = response.context["reports"]
    assert [r.page.title for r in reports] == ["Verkoston strategia", "Strategia"]
    assert [(g.current.value, g.progress) for r in reports for g in r.goals] == [(7, 20), (2, 33)]
    html = response.content.decode()
    assert "Vetytalouden toimijat" in html and "Raahe" in html


def test_the_report_is_in_the_ecosystem_menu_and_closed_to_outsiders(
    client, user_without_admin_access, strategies  # noqa: F811
):
    client.force_login(user_without_admin_access)
    response = client.get(reverse(URL_NAME))
    assert response.status_code in (302, 403)


def test_the_editor_shows_the_saved_goals_progress(client, strategies):
    _network, raahe_strategy = strategies
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[raahe_strategy.pk])).content.decode()
    assert "Tavoitteiden edistyminen" in html or "Progress of the goals" in html
    assert "33 %" in html


def test_a_translation_keeps_the_focus_and_what_a_goal_measures(strategies):
    _network, raahe_strategy = strategies
    paths = [segment.path for segment in extract_segments(raahe_strategy)]
    assert not [p for p in paths if any(w in p for w in ("competences", "industries", "computed"))]
    swedish = site_tree.translate(raahe_strategy, "sv")
    assert strategy_progress(swedish).goals[0].current.value == 2
    area = swedish.focus_areas[0].value
    assert (area["competences"], area["industries"]) == (["vetytalous", "vedyntuotanto"], ["35"])
