"""Issue 5's walk-through in Chromium: autocomplete, an inflected search with highlights, and
facets that narrow the list and change their counts."""

import re

import pytest

from seutu_search.backends import get_search_backend
from seutu_search.rebuild import rebuild_index
from tests.pages import site_tree
from tests.search.contract import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db):
    site_tree.wagtail_roots()  # an earlier transactional test's flush removed the root page
    world = World()
    rebuild_index(get_search_backend())
    return world


def test_typing_akku_offers_battery_competences(page, live_server, world):
    page.goto(f"{live_server.url}/fi/search/")
    page.locator("#search-q").fill("akku")
    listbox = page.get_by_role("listbox")
    option = listbox.get_by_role("option", name="Akkumateriaalit")
    option.wait_for()
    assert page.locator("#search-q").get_attribute("aria-expanded") == "true"
    option.click()
    page.wait_for_url(re.compile(r"competence=akkumateriaalit"))
    assert page.locator(".hit__name", has_text="Raahen Akkutekniikka Oy").is_visible()


def test_choosing_a_suggestion_works_with_the_keyboard(page, live_server, world):
    page.goto(f"{live_server.url}/fi/search/")
    box = page.locator("#search-q")
    box.fill("akku")
    page.get_by_role("option", name="Akkumateriaalit").wait_for()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant")
    box.press("Enter")
    page.wait_for_url(re.compile(r"competence="))
    assert page.locator(".hit").count() >= 1


def test_an_inflected_search_lists_bioeconomy_actors_with_highlights(page, live_server, world):
    page.goto(f"{live_server.url}/fi/search/")
    box = page.locator("#search-q")
    box.fill("biotaloudesta")
    box.press("Enter")  # no suggestion chosen: the form is submitted as typed
    page.wait_for_url(re.compile(r"q=biotaloudesta"))
    names = page.locator(".hit__name").all_inner_texts()
    assert "Pohjolan Biojalostamo Oy" in names
    assert "Kuusamon Luonnonvarakeskus" in names
    assert page.locator(".hit mark").count() > 0


def test_ticking_towns_narrows_the_list_and_changes_the_counts(page, live_server, world):
    page.goto(f"{live_server.url}/fi/search/?q=")  # every public actor
    heading = page.locator("#results-heading")
    before = heading.inner_text()
    hits_before = page.locator(".hit").count()
    type_counts_before = page.locator("fieldset:has(input[name=type])").inner_text()

    page.get_by_label(re.compile(r"^Kuusamo")).check()  # submits the form on change
    page.wait_for_url(re.compile(r"town=305"))
    after_kuusamo = page.locator(".hit").count()
    assert 0 < after_kuusamo < hits_before
    assert heading.inner_text() != before
    assert page.locator("fieldset:has(input[name=type])").inner_text() != type_counts_before

    page.get_by_label(re.compile(r"^Raahe")).check()
    page.wait_for_url(re.compile(r"town=678"))
    towns = [t.strip() for t in page.locator(".hit__meta").all_inner_texts()]
    assert after_kuusamo < len(towns) < hits_before
    assert all("Kuusamo" in t or "Raahe" in t for t in towns)
