"""Issue 11, done when (all but the network view, which tests/browser/test_ecosystem_network.py
walks): the coordinator opens *Ecosystem*, sees Raahe's profile with its charts, follows
"battery materials: 4 actors" to those four, compares Raahe with Kuusamo and Rauma and
downloads the XLSX; a business developer imports a PRH file for Raahe (dry run first) and sees
the new companies on the profile; a visitor sees Raahe's public glance on its Swedish town page.
Every view passes axe-core and reflows at 320 px."""

import io

import openpyxl
import pytest
from django.urls import reverse

from seutu_crm.ecosystem.snapshots import take_snapshots
from seutu_crm.models import Competence, Organisation, Role, Town, TownMembership
from seutu_crm.reference import load_reference_data
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, COORDINATORS, ensure_groups
from seutu_crm.views.open_data_imports import PRH_URL_NAME
from tests.browser.accessibility import blocking_violations, describe
from tests.browser.admin_session import PASSWORD, log_in
from tests.crm.prh_companies import BID_BAKERY, BID_CODE, BID_STEEL, companies_response, company
from tests.factories import OrganisationFactory, UserFactory
from tests.pages import site_tree
from tests.pages.page_factories import make_home, make_town_page, translate

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BATTERY_ACTORS = ["Anodi Oy", "Katodi Oy", "Kenno Oy", "Raahen akkututkimus"]


@pytest.fixture
def register(transactional_db):
    site_tree.wagtail_roots()
    load_reference_data()
    raahe = Town.objects.get(code="678")
    battery = Competence.objects.get(slug="akkumateriaalit", locale__language_code="fi")
    steel = Competence.objects.get(slug="terasteollisuus", locale__language_code="fi")
    for name in BATTERY_ACTORS:
        OrganisationFactory(name=name, town=raahe, competences=[battery])
    OrganisationFactory(name="Raahen Teräs Oy", town=raahe, competences=[steel])
    OrganisationFactory(name="Rukan Akku Oy", town=Town.objects.get(code="305"),
                        competences=[battery])
    OrganisationFactory(name="Rauman Telakka Oy", town=Town.objects.get(code="684"),
                        competences=[steel], is_public=False)
    take_snapshots()
    user = UserFactory(username="koordinaattori", password=PASSWORD)
    user.groups.add(ensure_groups()[COORDINATORS])
    TownMembership.objects.create(user=user, town=None, role=Role.COORDINATOR)
    return raahe



def violations(page):
    return [describe(v) for v in blocking_violations(page)]


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_the_coordinator_follows_a_figure_and_compares_towns(live_server, page, register):
    log_in(page, live_server, "koordinaattori")
    page.get_by_role("button", name="Ekosysteemi").click()
    page.get_by_role("link", name="Kaupungit").click()
    page.get_by_role("link", name="Raahe", exact=True).click()
    assert "Raahe" in page.locator("h1").inner_text()
    page.screenshot(path="/tmp/profile.png", full_page=True)
    assert page.locator("figure.seutu-chart svg[role=img]").count() >= 3
    assert violations(page) == []
    first_table = page.locator("figure.seutu-chart details table").first
    assert not first_table.is_visible()  # behind its chart on screen…
    page.emulate_media(media="print")
    assert first_table.is_visible()  # …and printed beside it
    page.emulate_media(media="screen")

    page.locator("summary", has_text="Akkuteknologia").click()
    page.locator("li", has_text="Akkumateriaalit").get_by_role("link", name="4 toimijaa").click()
    names = page.locator("#listing-results tbody td.title a")
    names.first.wait_for()
    assert sorted(names.all_inner_texts()) == BATTERY_ACTORS

    page.goto(f"{live_server.url}/admin/seutu/ecosystem/benchmark/")
    for town in ("Raahe", "Kuusamo", "Rauma"):
        page.get_by_label(town, exact=True).check()
    page.get_by_role("button", name="Näytä").click()
    page.wait_for_url("**towns=**")
    assert page.locator("#benchmark-table tbody tr").count() == 4  # three towns and the network
    assert violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Lataa XLSX").click()
    sheet = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    towns = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert towns == ["Kuusamo", "Raahe", "Rauma", "Koko verkosto"]


def test_the_ecosystem_views_reflow_at_320_px(live_server, page, register):
    log_in(page, live_server, "koordinaattori")
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/admin/seutu/ecosystem/", "/admin/seutu/ecosystem/towns/678/",
                 "/admin/seutu/ecosystem/benchmark/"):
        page.goto(f"{live_server.url}{path}")
        assert overflow(page) <= 0, path


def test_a_visitor_sees_raahes_glance_on_its_swedish_page(live_server, page, register):
    home = make_home()
    translate(home, "sv", title="Regionstäderna", slug="hem")
    body = [("ecosystem_glance", {"heading": "", "town": None})]
    swedish = translate(make_town_page(home, register, body=body), "sv", title="Brahestad",
                        slug="brahestad")
    page.goto(f"{live_server.url}{swedish.url}")
    glance = page.locator("section.ecosystem-glance")
    assert "5 offentliga aktörer" in glance.inner_text()
    assert "Batterimaterial" in glance.inner_text()
    assert violations(page) == []


@pytest.fixture
def raahe_developer(register):
    user = UserFactory(username="bd-raahe", password=PASSWORD)
    user.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    TownMembership.objects.create(user=user, town=register, role=Role.BUSINESS_DEVELOPER)
    return user


def test_a_business_developer_imports_a_prh_file_and_sees_the_new_companies(
    live_server, page, raahe_developer, tmp_path
):
    path = tmp_path / "raahe.json"
    path.write_bytes(companies_response(
        company(BID_STEEL, "Raahen Teräspaja Oy"),
        company(BID_CODE, "Raahen Koodi Oy", tol="62010"),
        company(BID_BAKERY, "Rukan Leipomo Oy", municipality="305"),  # Kuusamo: not hers
    ))
    log_in(page, live_server, "bd-raahe")
    page.goto(f"{live_server.url}/admin/seutu/ecosystem/towns/678/")
    assert page.locator(".seutu-figures__item", has_text="Uudet toimijat").locator("dd") \
        .inner_text() == "0"

    page.goto(f"{live_server.url}{reverse(PRH_URL_NAME)}")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_role("button", name="Vahvista tuonti").wait_for()
    assert Organisation.objects.filter(name="Raahen Koodi Oy").count() == 0  # a dry run
    page.get_by_role("button", name="Vahvista tuonti").click()

    page.wait_for_url("**/ecosystem/towns/678/")
    assert page.locator(".seutu-figures__item", has_text="Uudet toimijat").locator("dd") \
        .inner_text() == "2"
    assert not Organisation.objects.filter(name="Rukan Leipomo Oy").exists()
