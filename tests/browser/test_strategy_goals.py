"""Issue 12, item 1, done when: the coordinator sees Raahe's strategy goal "hydrogen economy
actors 1 → 4" move when a new hydrogen actor is added in the admin and the snapshot runs; on
the strategy page (axe-clean, reflowing at 320 px) and in the admin's goal report."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from seutu_crm.ecosystem.snapshots import take_snapshots
from seutu_crm.models import Competence, Organisation, Role, Town, TownMembership
from seutu_crm.reference import load_reference_data
from seutu_crm.services.roles import COORDINATORS, ensure_groups
from seutu_pages.strategy_admin import URL_NAME
from tests.browser.accessibility import blocking_violations, describe
from tests.browser.admin_session import PASSWORD, log_in
from tests.factories import OrganisationFactory, UserFactory
from tests.pages import site_tree
from tests.pages.page_factories import make_home, make_strategy, make_town_page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

GOAL = "Vetytalouden toimijat"


@pytest.fixture
def raahe_strategy(transactional_db):
    site_tree.wagtail_roots()
    load_reference_data()
    raahe = Town.objects.get(code="678")
    hydrogen = Competence.objects.get(slug="vetytalous", locale__language_code="fi")
    OrganisationFactory(name="Raahen Vety Oy", town=raahe, competences=[hydrogen])
    take_snapshots(timezone.localdate() - datetime.timedelta(days=1))
    strategy = make_strategy(
        make_town_page(make_home(), town=raahe), town=raahe, title="Elinvoimastrategia",
        focus_areas=[{"type": "focus_area", "value": {
            "title": "Vetytalous", "description": "", "competences": ["vetytalous"],
            "industries": ["35"]}}],
        goals=[{"type": "goal", "value": {
            "title": GOAL, "computed": "competence:vetytalous", "indicator": "", "unit": "",
            "values": [], "baseline": Decimal(1), "target": Decimal(4), "year": 2030}}],
    )
    user = UserFactory(username="koordinaattori", password=PASSWORD)
    user.groups.add(ensure_groups()[COORDINATORS])
    TownMembership.objects.create(user=user, town=None, role=Role.COORDINATOR)
    return strategy, hydrogen


def reported_current(page, live_server):
    page.goto(live_server.url + reverse(URL_NAME))
    return page.locator("tr.seutu-goal", has_text=GOAL).locator(".seutu-goal__current").inner_text()


def shown_current(page, strategy):
    goal = page.locator("article.goal", has_text=GOAL)
    return goal.locator("dd").nth(1).inner_text()


def choose_in_modal(page, name):
    """Page through a chooser modal (towns by name, ten a page) and choose ``name``."""
    choice = page.locator(".modal a[data-chooser-modal-choice]", has_text=name)
    page.locator(".modal a[data-chooser-modal-choice]").first.wait_for()
    for _ in range(20):
        if choice.count():
            choice.first.click()
            return
        page.locator(".modal .pagination a").last.click()
        page.wait_for_timeout(300)
    raise AssertionError(f"{name} is not in the chooser")


def test_the_coordinator_sees_the_hydrogen_goal_move(live_server, page, raahe_strategy):
    strategy, hydrogen = raahe_strategy
    log_in(page, live_server, "koordinaattori")
    assert reported_current(page, live_server).startswith("1 ")
    page.goto(live_server.url + strategy.url)
    assert shown_current(page, strategy).startswith("1 ")
    assert "4" in page.locator("article.goal", has_text=GOAL).locator("dd").nth(2).inner_text()

    # A new hydrogen actor in Raahe, through the register's own form.
    page.goto(live_server.url + reverse("wagtailsnippets_seutu_crm_organisation:add"))
    page.fill("input[name=name]", "Brahestad Vätgas Ab")
    page.select_option("select[name=actor_type]", "company")
    page.get_by_role("tab", name="Sijainti").click()
    page.locator("#id_town-chooser [data-chooser-action-choose], "
                 "[data-chooser-url] [data-chooser-action-choose]").first.click()
    choose_in_modal(page, "Raahe")
    page.locator("#id_town-title", has_text="Raahe").wait_for()
    page.get_by_role("tab", name="Osaaminen ja toimialat").click()
    page.check(f"input[name=competences][value='{hydrogen.pk}']")
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_load_state()
    assert Organisation.objects.filter(name="Brahestad Vätgas Ab", town__code="678").exists()

    call_command("seutu_ecosystem", "snapshot")

    assert reported_current(page, live_server).startswith("2 ")
    page.goto(live_server.url + strategy.url)
    goal = page.locator("article.goal", has_text=GOAL)
    assert shown_current(page, strategy).startswith("2 ")
    assert goal.locator("progress").get_attribute("value") == "33"
    assert goal.locator("figure.seutu-chart svg[role=img]").count() == 1
    assert goal.locator("figure.seutu-chart table tbody tr").count() == 2  # both snapshots
    assert [describe(v) for v in blocking_violations(page)] == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert [describe(v) for v in blocking_violations(page)] == []

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + reverse(URL_NAME))
    assert [describe(v) for v in blocking_violations(page)] == []
