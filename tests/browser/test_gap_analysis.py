"""Issue 12, done when (the gap analysis's part): Raahe's business developer opens Raahe's gaps,
sees hydrogen production labelled *attract* with its explanation, opens its candidates, makes a
lead of the first with one click and finds it on the board with the gap linked; Kuusamo's
business developer sees that Raahe is interested in that company but not the lead's details.
Every view passes axe-core and reflows at 320 px."""

import pytest
from django.urls import reverse

from seutu_crm.demo import add_gap_story
from seutu_crm.ecosystem.snapshots import take_snapshots
from seutu_crm.models import Competence, Lead, Role, Town, TownMembership
from seutu_crm.reference import load_reference_data
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, ensure_groups
from tests.browser.accessibility import blocking_violations, describe
from tests.browser.admin_session import PASSWORD, log_in
from tests.factories import OrganisationFactory, UserFactory
from tests.pages import site_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def developer(username, town):
    user = UserFactory(username=username, password=PASSWORD)
    user.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    TownMembership.objects.create(user=user, town=town, role=Role.BUSINESS_DEVELOPER)
    return user


@pytest.fixture
def register(transactional_db):
    site_tree.wagtail_roots()
    load_reference_data()
    towns = {t.code: t for t in Town.objects.filter(code__in=["678", "305"])}
    fi = {c.slug: c for c in Competence.objects.filter(locale__language_code="fi")}
    for name in ("Raahen Teräs Oy", "Ruukin Konepaja Oy", "Pattijoen Levy Oy"):
        OrganisationFactory(name=name, town=towns["678"],
                            competences=[fi["terasteollisuus"], fi["konepajateollisuus"]])
    OrganisationFactory(name="Raahen Tuulivoima Oy", town=towns["678"],
                        competences=[fi["tuulivoima"], fi["vetytalous"]])
    OrganisationFactory(name="Rukan Safarit Oy", town=towns["305"], competences=[fi["matkailu"]])
    add_gap_story()
    take_snapshots()
    developer("raahe-kehittaja", towns["678"])
    developer("kuusamo-kehittaja", towns["305"])
    return towns


def violations(page):
    return [describe(v) for v in blocking_violations(page)]


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_raahe_makes_a_lead_from_a_gap_and_kuusamo_sees_only_the_interest(
    live_server, page, browser, register
):
    log_in(page, live_server, "raahe-kehittaja")
    page.get_by_role("button", name="Ekosysteemi").click()
    page.get_by_role("link", name="Kaupungit").click()
    page.get_by_role("link", name="Raahe", exact=True).click()
    page.get_by_role("link", name="Osaamisvajeet").click()

    row = page.locator("#gap-vedyntuotanto")
    assert "Houkuttele" in row.inner_text()
    row.locator("summary", has_text="Perustelut").click()
    reasons = row.locator(".seutu-gap-why li").all_inner_texts()
    assert "Kenelläkään verkoston kaupungeissa ei ole tätä osaamista." in reasons
    assert any(reason.startswith("Houkuttele toimija") for reason in reasons)
    assert violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert overflow(page) <= 0
    page.set_viewport_size({"width": 1280, "height": 900})

    row.get_by_role("link", name="Ehdokkaat").click()
    first = page.locator(".seutu-candidate").first
    company = first.locator("h3").inner_text()
    assert company == "Pohjolan Vetytehdas Oy"
    assert violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert overflow(page) <= 0
    page.set_viewport_size({"width": 1280, "height": 900})
    first.get_by_role("button", name="Tee liidi").click()
    created = page.locator(".messages").get_by_text("Liidi luotu")
    created.wait_for()  # the POST and its redirect back to the candidates
    assert created.is_visible()

    lead = Lead.objects.get(organisation__name=company)
    assert lead.gap.slug == "vedyntuotanto" and lead.town.code == "678"
    page.goto(f"{live_server.url}{reverse('seutu_leads:board')}")
    card = page.locator("[data-card]", has_text=company)
    assert card.locator("[data-card-gap]").inner_text() == "Vedyntuotanto"
    card.get_by_role("link", name=company).click()
    assert page.locator("[data-lead-gap]").inner_text() == "Vedyntuotanto"

    # Kuusamo, in a browser of its own: the interest, not the lead.
    other = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki").new_page()
    log_in(other, live_server, "kuusamo-kehittaja")
    other.goto(f"{live_server.url}"
               f"{reverse('seutu_ecosystem:candidates', args=['305', 'vedyntuotanto'])}")
    item = other.locator(".seutu-candidate", has_text=company)
    assert "Muut kiinnostuneet kaupungit: Raahe." in item.inner_text()
    assert item.get_by_role("button", name="Tee liidi").is_visible()
    response = other.goto(f"{live_server.url}{reverse('seutu_leads:inspect', args=[lead.pk])}")
    assert response.status == 404
    other.context.close()
