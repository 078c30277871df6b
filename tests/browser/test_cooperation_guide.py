"""Issue 12, item 5, done when: an editor publishes a cooperation guide in Finnish and Swedish;
and a business developer records a tie and sees it counted in the town's view.

The editor makes the guide in the Wagtail admin (a step with its checklist, and the examples
of cooperation from the CRM), publishes it, translates it into Swedish in wagtail-localize's
editor and publishes the translation; a visitor reads both, axe-clean and reflowing at 320 px,
with the public example of Raahe's tie and none of the tie's private description."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from wagtail.models import Locale

from seutu_crm.models import ActorType, HigherEducationTie, Role, TieKind, Town, TownMembership
from seutu_crm.reference import load_reference_data
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, EDITORS, ensure_groups
from seutu_pages.models import CooperationGuidePage
from tests.browser.accessibility import blocking_violations, describe
from tests.browser.admin_session import PASSWORD, log_in
from tests.factories import HigherEducationTieFactory, OrganisationFactory, UserFactory
from tests.pages import site_tree
from tests.pages.page_factories import make_home, translate

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

FINNISH = {
    "title": "Korkeakouluyhteistyön malli",
    "step": "Tunnista osaamistarpeet",
    "item": "Tarpeet on käyty läpi yritysten kanssa.",
    "examples": "Esimerkkejä verkostosta",
}
SWEDISH = {
    "Korkeakouluyhteistyön malli": "Modell för högskolesamarbete",
    "Tunnista osaamistarpeet": "Identifiera kompetensbehoven",
    "Tarpeet on käyty läpi yritysten kanssa.": "Behoven har gåtts igenom med företagen.",
    "Esimerkkejä verkostosta": "Exempel från nätverket",
}


@pytest.fixture
def guide_world(transactional_db):
    site_tree.wagtail_roots()
    load_reference_data()
    home = make_home()
    translate(home, "sv", title="Regionstäderna", slug="hem")
    raahe, oulu = Town.objects.get(code="678"), Town.objects.get(code="564")
    university = OrganisationFactory(name="Oulun yliopisto", town=oulu,
                                     actor_type=ActorType.UNIVERSITY)
    steel = OrganisationFactory(name="Ruukin Teräs Oy", town=raahe)
    HigherEducationTieFactory(
        town=raahe, institution=university, kind=TieKind.RDI_PROJECT,
        title="Vety terästeollisuudessa", title_sv="Vätgas i stålindustrin",
        description="Yhteyshenkilö Maija Meikäläinen", actors=[steel],
        start_date=datetime.date(2024, 9, 1), is_public_example=True,
    )
    editor = UserFactory(username="toimittaja", password=PASSWORD)
    editor.groups.add(ensure_groups()[EDITORS])
    return home


def add_guide_in_finnish(page, live_server, home):
    page.goto(live_server.url + reverse(
        "wagtailadmin_pages:add", args=("seutu_pages", "cooperationguidepage", home.pk)))
    page.fill("#id_title", FINNISH["title"])
    steps = page.locator("[data-contentpath=steps]")
    steps.locator(".c-sf-add-button").first.click()  # the only block type: added at once
    page.fill("input[name='steps-0-value-title']", FINNISH["step"])
    page.wait_for_load_state("networkidle")
    add_item = steps.locator("[data-contentpath=checklist] .c-sf-add-button").first
    item = page.locator("input[name='steps-0-value-checklist-0-value']")
    add_item.click()
    try:
        item.wait_for(timeout=10_000)
    except PlaywrightTimeout:  # under load the new step's list took the click before it listened
        if not page.locator("input[type=text][name^='steps-0-value-checklist-']").count():
            add_item.click()
    item.fill(FINNISH["item"])
    page.locator("[data-contentpath=body] .c-sf-add-button").first.click()
    page.get_by_role("option", name="Esimerkkejä yhteistyöstä").click()
    page.fill("input[name='body-0-value-heading']", FINNISH["examples"])
    page.get_by_role("button", name="Lisää toimintoja").click()
    page.get_by_role("button", name="Julkaise", exact=True).click()
    page.wait_for_selector(".messages .success")


def translate_segment(page, source, target):
    segment = page.locator("li", has_text=source).last
    segment.get_by_role("button", name="Käännä").click()
    segment.locator("textarea").fill(target)
    segment.get_by_role("button", name="Tallenna").click()
    expect(segment).to_contain_text(target)


def translate_into_swedish(page, live_server, guide):
    page.goto(live_server.url + reverse("wagtail_localize:submit_page_translation",
                                        args=(guide.pk,)))
    page.check("input[name=locales][value='%d']" % Locale.objects.get(language_code="sv").pk)
    page.locator("form:has(input[name=locales]) [type=submit]").first.click()
    page.wait_for_selector(".js-translation-editor")
    for source, target in SWEDISH.items():
        translate_segment(page, source, target)
    page.get_by_role("tab", name="Nosto").click()  # the page's slug is translated too
    translate_segment(page, guide.slug, "modell-for-hogskolesamarbete")
    # wagtail-localize's own button: "Publish in <language>" until its Finnish catalog says it.
    page.get_by_role("button", name=re.compile(r"^(Julkaise|Publish)")).first.click()
    page.wait_for_selector(".messages .success")


def test_an_editor_publishes_a_cooperation_guide_in_finnish_and_swedish(
    live_server, page, guide_world
):
    log_in(page, live_server, "toimittaja")
    add_guide_in_finnish(page, live_server, guide_world)
    guide = CooperationGuidePage.objects.get(title=FINNISH["title"])
    assert guide.live

    translate_into_swedish(page, live_server, guide)
    swedish = guide.get_translation(Locale.objects.get(language_code="sv"))
    assert swedish.live and swedish.title == SWEDISH[FINNISH["title"]]

    for shown, texts in ((guide, FINNISH.values()), (swedish, SWEDISH.values())):
        page.goto(live_server.url + shown.url)
        for text in texts:
            expect(page.locator("main")).to_contain_text(text)
        assert "Meikäläinen" not in page.content()
        assert [describe(v) for v in blocking_violations(page)] == []
        page.set_viewport_size({"width": 320, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator("main")).to_contain_text("Vätgas i stålindustrin")
    expect(page.locator("main")).to_contain_text("FUI-projekt · sedan 2024 · Brahestad")


@pytest.fixture
def raahe_developer(guide_world):
    user = UserFactory(username="raahe-kehittaja", password=PASSWORD)
    user.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    TownMembership.objects.create(user=user, town=Town.objects.get(code="678"),
                                  role=Role.BUSINESS_DEVELOPER)
    return user


def test_a_business_developer_records_a_thesis_and_sees_it_counted(
    live_server, page, raahe_developer
):
    log_in(page, live_server, "raahe-kehittaja")
    view = live_server.url + reverse("seutu_ecosystem:university", args=["678"])
    page.goto(view)
    assert [describe(v) for v in blocking_violations(page)] == []
    page.get_by_role("link", name="Kirjaa yhteistyö").first.click()
    # The form knows the town from the view, and offers universities and UASs only.
    expect(page.locator("[data-contentpath=town]")).to_contain_text("Raahe")
    assert "Ruukin Teräs Oy" not in page.locator("select[name=institution]").inner_text()
    page.select_option("select[name=kind]", TieKind.THESIS)
    page.select_option("select[name=institution]", label="Oulun yliopisto (Oulu)")
    page.fill("input[name=title]", "Opinnäytetyö: kuonan hyötykäyttö")
    page.fill("input[name=start_date]", "2025-09-01")
    page.check("input[name=actors]", force=True)  # the town's only actor
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_selector(".messages .success")
    tie = HigherEducationTie.objects.get(title="Opinnäytetyö: kuonan hyötykäyttö")
    assert (tie.town.code, tie.created_by.username) == ("678", "raahe-kehittaja")
    assert [a.name for a in tie.actors.all()] == ["Ruukin Teräs Oy"]

    page.goto(view)
    institution = page.locator("section.seutu-university__institution",
                               has_text="Oulun yliopisto")
    table = institution.locator("table.listing").last
    expect(table.locator("thead")).to_contain_text("Opinnäytetyö")
    expect(table.locator("tr", has_text="2025")).to_contain_text("1")
    assert [describe(v) for v in blocking_violations(page)] == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
