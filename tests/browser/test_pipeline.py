"""Issue 3, done when: Raahe's business developer drags a lead from "contacted" to "qualified",
moves another with the keyboard, adds a meeting and refers the lead to Kuusamo; Kuusamo's
developer sees it on the dashboard; Iisalmi's developer can reach neither the lead, nor its
export row, nor its chooser entry."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from seutu_crm.models import Activity, Lead, LeadStageChange, Referral, Role, Stage, Town
from seutu_crm.reference import load_reference_data
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, ensure_groups
from tests.browser.admin_session import PASSWORD, log_in
from tests.factories import LeadFactory, OrganisationFactory, TownMembershipFactory, UserFactory
from tests.pages import site_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def developer(username, town):
    user = UserFactory(username=username, password=PASSWORD)
    user.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    TownMembershipFactory(user=user, town=town, role=Role.BUSINESS_DEVELOPER)
    return user


@pytest.fixture
def network(transactional_db):
    site_tree.wagtail_roots()  # the locales, which an earlier transactional test's flush removed
    load_reference_data()
    raahe, kuusamo, iisalmi = (Town.objects.get(code=code) for code in ("678", "305", "140"))
    users = {
        "raahe": developer("bd-raahe", raahe),
        "kuusamo": developer("bd-kuusamo", kuusamo),
        "iisalmi": developer("bd-iisalmi", iisalmi),
    }
    soon = timezone.localdate() + datetime.timedelta(days=7)
    steel = LeadFactory(
        organisation=OrganisationFactory(name="Ruukin Vety Oy", town=raahe),
        town=raahe, stage=Stage.CONTACTED, owner=users["raahe"], next_step_date=soon,
    )
    port = LeadFactory(
        organisation=OrganisationFactory(name="Satamalogistiikka Oy", town=raahe),
        town=raahe, stage=Stage.CONTACTED, owner=users["raahe"], next_step_date=soon,
    )
    return {"raahe": raahe, "kuusamo": kuusamo, "users": users, "steel": steel, "port": port}



def card(page, lead):
    return page.locator(f'[data-card][data-lead="{lead.pk}"]')


def column(page, stage):
    return page.locator(f'[data-board-column][data-stage="{stage}"]')


def test_raahe_drags_moves_adds_meeting_and_refers_to_kuusamo(live_server, page, browser, network):
    steel, port = network["steel"], network["port"]
    log_in(page, live_server, "bd-raahe")
    page.goto(live_server.url + reverse("seutu_leads:board"))
    assert card(page, steel).locator("xpath=ancestor::section").get_attribute("data-stage") == "contacted"

    # Drag with the mouse: contacted → qualified. Drop on the column's heading, which is in
    # view: scrolling in the middle of a drag would start it on whatever is under the mouse.
    card(page, steel).drag_to(
        column(page, "qualified"),
        source_position={"x": 40, "y": 20},
        target_position={"x": 40, "y": 20},
    )
    page.wait_for_selector(f'[data-board-column][data-stage="qualified"] [data-lead="{steel.pk}"]')
    page.wait_for_function("document.querySelector('[data-board-status]').textContent.length > 0")
    steel.refresh_from_db()
    assert steel.stage == Stage.QUALIFIED
    assert LeadStageChange.objects.filter(
        lead=steel, from_stage=Stage.CONTACTED, to_stage=Stage.QUALIFIED,
        changed_by=network["users"]["raahe"],
    ).exists()

    # The same move with the keyboard only: Tab to the card's stage select, choose, press Move.
    select = card(page, port).locator("select[name=stage]")
    select.focus()
    page.keyboard.press("End")  # pick the last option, then walk up to "active"
    select.select_option("active")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'[data-board-column][data-stage="active"] [data-lead="{port.pk}"]')
    port.refresh_from_db()
    assert port.stage == Stage.ACTIVE

    # Add a meeting on the lead page.
    page.goto(live_server.url + reverse("seutu_leads:inspect", args=(steel.pk,)))
    page.select_option("select[name=activity-kind]", "meeting")
    page.fill("textarea[name=activity-text]", "Tehdaskierros ja vetylaitoksen tontti")
    page.locator("form:has(textarea[name=activity-text]) button[type=submit]").click()
    page.wait_for_selector("[data-timeline-kind=activity] >> text=Tehdaskierros ja vetylaitoksen tontti")
    assert Activity.objects.filter(lead=steel, kind="meeting").exists()

    # Refer the lead to Kuusamo, with the actor's agreement.
    page.select_option("select[name=referral-to_town]", str(network["kuusamo"].pk))
    page.fill("textarea[name=referral-reason]", "Tarvitsee syväsataman ja matkailuosaamista")
    page.check("input[name=referral-actor_agreed]")
    page.locator("form:has(textarea[name=referral-reason]) button[type=submit]").click()
    page.wait_for_url(live_server.url + reverse("seutu_leads:list") + "*")
    steel.refresh_from_db()
    assert steel.town == network["kuusamo"]
    assert Referral.objects.filter(lead=steel, to_town=network["kuusamo"]).exists()

    # Kuusamo's developer sees the referral on the dashboard.
    kuusamo_context = browser.new_context(locale="fi-FI")
    kuusamo_page = kuusamo_context.new_page()
    log_in(kuusamo_page, live_server, "bd-kuusamo")
    received = kuusamo_page.locator("[data-dashboard-referrals]")
    assert "Ruukin Vety Oy" in received.inner_text()
    kuusamo_context.close()

    # Iisalmi's developer reaches neither the lead, its export row nor its chooser entry.
    iisalmi_context = browser.new_context(locale="fi-FI")
    iisalmi_page = iisalmi_context.new_page()
    log_in(iisalmi_page, live_server, "bd-iisalmi")
    response = iisalmi_page.goto(live_server.url + reverse("seutu_leads:inspect", args=(steel.pk,)))
    assert response.status in (403, 404)
    assert "Ruukin Vety Oy" not in iisalmi_page.content()
    export = iisalmi_page.request.get(live_server.url + reverse("seutu_leads:list") + "?export=csv")
    assert export.ok and "Ruukin Vety Oy" not in export.text()
    chooser = iisalmi_page.request.get(live_server.url + reverse("seutu_lead_chooser:choose"))
    assert chooser.ok and "Ruukin Vety Oy" not in chooser.text()
    chosen = iisalmi_page.request.get(
        live_server.url + reverse("seutu_lead_chooser:chosen", args=(steel.pk,))
    )
    assert chosen.status in (403, 404)
    iisalmi_context.close()
    assert Lead.objects.get(pk=steel.pk).stage == Stage.QUALIFIED
