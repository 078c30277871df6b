"""WCAG 2.1 AA on the public site: axe-core in Chromium on every page type in every language
of the demo content, and keyboard access through the skip link."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from seutu_pages.models import ActorDirectoryPage, InvestInPage
from tests.browser.accessibility import blocking_violations, describe
from tests.pages import site_tree

# Transactional, for the live server's thread. No serialized rollback: restoring its snapshot
# collides with the content types an earlier test's flush made anew; site_tree.wagtail_roots()
# puts back what a flush removed (Wagtail's root page and collection, the locales) instead.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]


def load_demo():
    site_tree.wagtail_roots()  # in case an earlier transactional test flushed them
    call_command("seutu_demo", size=20, verbosity=0, stdout=StringIO())
    call_command("seutu_pages_demo", stdout=StringIO())


def demo_addresses():
    """One page of each type in each language, and the routes that render other templates."""
    seen, addresses = set(), []
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        key = (type(page).__name__, page.locale.language_code)
        if key not in seen:
            seen.add(key)
            addresses.append((key, page.url))
    for directory in ActorDirectoryPage.objects.live().filter(town__isnull=False):
        organisation = directory.town.organisations.filter(is_public=True).first()
        if organisation is not None:
            key = ("actor profile", directory.locale.language_code)
            if key not in seen:
                seen.add(key)
                addresses.append((key, f"{directory.url}{organisation.pk}-"))
    for invest_in in InvestInPage.objects.live():
        key = ("Invest-in confirmation", invest_in.locale.language_code)
        if key not in seen:
            seen.add(key)
            addresses.append((key, invest_in.url + invest_in.reverse_subpage("thanks")))
    return addresses


def test_axe_finds_no_serious_violation_on_any_demo_page(live_server, page):
    load_demo()
    addresses = demo_addresses()
    languages = {language for (_kind, language), _url in addresses}
    assert languages == {"fi", "sv", "en"}
    failures = []
    for (kind, language), url in addresses:
        response = page.goto(live_server.url + url)
        assert response.status == 200, f"{kind} ({language}) at {url}: HTTP {response.status}"
        violations = blocking_violations(page)
        if violations:
            failures.append(f"{kind} ({language}) {url}\n" + "\n".join(map(describe, violations)))
    # The Invest-in form with errors shown is a page state of its own.
    invest_in = InvestInPage.objects.live().first()
    page.goto(live_server.url + invest_in.url)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state()
    violations = blocking_violations(page)
    if violations:
        failures.append("Invest-in form with errors\n" + "\n".join(map(describe, violations)))
    print(f"axe-core checked {len(addresses) + 1} pages")
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(live_server, page):
    home = site_tree.network_home()
    town = site_tree.town_page(home)
    event = site_tree.event_page(site_tree.event_index(town))
    for url in (home.url, event.url):
        page.goto(live_server.url + url)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        assert focused == "#main", f"Tab first focused {focused!r} on {url}"
        assert page.evaluate("document.activeElement.classList.contains('skip-link')")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        # The next Tab continues from the content, not from the top of the page.
        page.keyboard.press("Tab")
        inside_main = page.evaluate(
            "document.getElementById('main').contains(document.activeElement)"
        )
        assert inside_main, f"Tab after the skip link left the content on {url}"
