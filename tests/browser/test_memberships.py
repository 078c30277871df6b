"""Issue 14, item 6, done when (its part of it): the coordinator gives a new user Raahe, and
the user, logging in, works in Raahe's pipeline."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from seutu_crm.models import Role, Town, TownMembership
from seutu_crm.reference import load_reference_data
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, COORDINATORS, ensure_groups
from tests.browser.accessibility import blocking_violations, describe
from tests.browser.admin_session import PASSWORD, log_in
from tests.factories import UserFactory
from tests.pages import site_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(transactional_db):
    site_tree.wagtail_roots()
    load_reference_data()
    coordinator = UserFactory(username="koordinaattori", password=PASSWORD)
    coordinator.groups.add(ensure_groups()[COORDINATORS])
    TownMembership.objects.create(user=coordinator, town=None, role=Role.COORDINATOR)
    newcomer = UserFactory(username="uusi-kehittaja", password=PASSWORD, first_name="Uuno",
                           last_name="Uusi")
    return coordinator, newcomer


def test_the_coordinator_gives_a_new_user_raahe(live_server, page, people):
    _coordinator, newcomer = people
    log_in(page, live_server, "koordinaattori")
    page.goto(live_server.url + reverse("seutu_memberships:index"))
    assert [describe(v) for v in blocking_violations(page)] == []
    page.get_by_role("link", name="Lisää").first.click()
    page.select_option("select[name=user]", label="Uuno Uusi (uusi-kehittaja)")
    page.get_by_label("Elinkeinoasiamies").check()
    page.select_option("select[name=town]", label="Raahe")
    assert [describe(v) for v in blocking_violations(page)] == []
    page.locator("footer button[type=submit], form button[type=submit]").last.click()
    page.wait_for_selector(".messages .success")
    expect(page.locator("table.listing")).to_contain_text("Uuno Uusi (uusi-kehittaja)")
    membership = TownMembership.objects.get(user=newcomer)
    assert (membership.town.code, membership.role) == ("678", Role.BUSINESS_DEVELOPER)
    assert newcomer.groups.filter(name=BUSINESS_DEVELOPERS).exists()

    # The new business developer works in Raahe's pipeline at once.
    page.context.clear_cookies()
    log_in(page, live_server, "uusi-kehittaja")
    response = page.goto(live_server.url + reverse("seutu_leads:add"))
    assert response.status == 200 and page.url.endswith(reverse("seutu_leads:add"))
    expect(page.locator("main form")).to_contain_text("Raahe")  # the lead's town
    assert Town.objects.get(code="678").memberships.count() == 1
