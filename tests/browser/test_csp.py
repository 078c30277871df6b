"""Item 8: the Content Security Policy is enforced, and under it the public site and the Wagtail
admin load with no violation and their scripts still do their work."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Locale

from seutu_crm.models import Lead, Organisation, Stage
from seutu_pages.models import (
    ActorDirectoryPage,
    EventPage,
    InvestInPage,
    NetworkHomePage,
    StoryIndexPage,
    StoryPage,
    TownPage,
)
from seutu_search.backends import get_search_backend
from seutu_search.rebuild import rebuild_index
from tests.factories import LeadFactory, UserFactory
from tests.pages import site_tree

# Transactional, for the live server's thread; load_demo() first puts back what an earlier
# transactional test's flush removed (Wagtail's root page, the locales).
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PASSWORD = "salasana-123"

# Installed before any of the page's own scripts: every violation the browser reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
        `at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


class Visit:
    """A Chromium tab that records CSP violations, from events and from the console."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.console = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on(
            "console",
            lambda message: self.console.append(message.text)
            if "Content Security Policy" in message.text or message.text.startswith("Refused to")
            else None,
        )

    def go(self, path):
        response = self.page.goto(self.base_url + path)
        assert response.ok, f"{path}: HTTP {response.status}"
        self.page.wait_for_load_state("networkidle")
        return response

    def violations(self):
        return self.page.evaluate("window.__cspViolations") + self.console

    def assert_no_violations(self):
        found = self.violations()
        assert not found, f"{self.page.url}:\n" + "\n".join(found)


def load_demo():
    site_tree.wagtail_roots()  # in case an earlier transactional test flushed them
    call_command("seutu_demo", size=20, verbosity=0, stdout=StringIO())
    call_command("seutu_pages_demo", stdout=StringIO())
    rebuild_index(get_search_backend())


@pytest.fixture
def demo(transactional_db):
    load_demo()


@pytest.fixture
def visit(page, live_server):
    return Visit(page, live_server.url)


def finnish(model):
    return model.objects.live().filter(locale=Locale.objects.get(language_code="fi"))


def test_public_pages_load_with_no_violation_and_search_suggests(visit, demo):
    home = finnish(NetworkHomePage).get()
    town = finnish(TownPage).get(town__code="678")
    invest_in = finnish(InvestInPage).descendant_of(town).get()
    directory = finnish(ActorDirectoryPage).descendant_of(town).first()

    for page in (home, town, invest_in, directory):
        response = visit.go(page.url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert visit.page.locator("h1").first.inner_text().strip()
        visit.assert_no_violations()

    visit.go("/fi/search/?q=biotalous")
    assert visit.page.locator("main").inner_text().strip()
    # autocomplete.js, a static file, turns the box into a combobox and offers suggestions.
    box = visit.page.locator("#search-q")
    assert box.get_attribute("role") == "combobox"
    box.fill("akku")
    visit.page.wait_for_selector("[role=listbox] [role=option]")
    visit.assert_no_violations()


def log_in(visit, username):
    visit.go("/admin/login/")
    visit.page.fill("input[name=username]", username)
    visit.page.fill("input[name=password]", PASSWORD)
    visit.page.click("button[type=submit]")
    visit.page.wait_for_url(f"{visit.base_url}/admin/")


def test_admin_pages_load_with_no_violation_and_their_scripts_work(visit, demo):
    UserFactory(username="csp-admin", password=PASSWORD, is_superuser=True, is_staff=True)
    lead = LeadFactory(stage=Stage.CONTACTED)

    log_in(visit, "csp-admin")
    # The dashboard: the sidebar is drawn by the admin's scripts.
    visit.page.wait_for_selector("[data-wagtail-sidebar] a")
    visit.assert_no_violations()

    # A town page's editor. InlinePanel's script adds a featured actor's form; the new form's
    # organisation chooser (inserted after the page loaded) opens its modal and chooses.
    town = finnish(TownPage).get(town__code="678")
    visit.go(reverse("wagtailadmin_pages:edit", args=(town.pk,)))
    forms = visit.page.locator("#id_featured_actors-FORMS > [data-inline-panel-child]:visible")
    before = forms.count()
    visit.page.click("#id_featured_actors-ADD")
    visit.page.wait_for_function(
        "n => document.querySelectorAll('#id_featured_actors-FORMS > [data-inline-panel-child]')"
        ".length > n",
        arg=before,
    )
    new_form = f"#id_featured_actors-{before}-organisation-chooser"
    visit.page.locator(f"{new_form} [data-chooser-action-choose]").first.click()
    choice = visit.page.locator(".modal [data-chooser-modal-choice]").first
    chosen_name = choice.inner_text().strip()
    choice.click()
    visit.page.wait_for_selector(f"{new_form}:not(.blank)")
    assert visit.page.locator(f"{new_form} [data-chooser-title]").inner_text().strip() == chosen_name
    visit.assert_no_violations()

    # An event's editor: the date-time picker opens on its field.
    event = finnish(EventPage).first()
    visit.go(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    visit.page.click("#id_start")
    visit.page.wait_for_selector(".xdsoft_datetimepicker:visible")
    visit.assert_no_violations()

    # A snippet listing: selecting a row brings up the bulk actions.
    visit.go(reverse(Organisation.snippet_viewset.get_url_name("list")))
    visit.page.locator("input[data-bulk-action-checkbox]").first.check()
    visit.page.wait_for_selector("[data-bulk-action-footer]:not([hidden])")
    visit.assert_no_violations()

    # The leads board: kanban.js moves a card without a page load and says so.
    visit.go(reverse("seutu_leads:board"))
    card = visit.page.locator(f'[data-card][data-lead="{lead.pk}"]')
    card.locator("select[name=stage]").select_option(Stage.QUALIFIED)
    card.locator("button[type=submit]").click()
    visit.page.wait_for_selector(
        f'[data-board-column][data-stage="{Stage.QUALIFIED}"] [data-lead="{lead.pk}"]'
    )
    visit.page.wait_for_function(
        "document.querySelector('[data-board-status]').textContent.length > 0"
    )
    lead.refresh_from_db()
    assert lead.stage == Stage.QUALIFIED
    visit.assert_no_violations()


def test_a_page_is_sent_for_translation_and_opens_in_wagtail_localize_editor(visit, demo):
    UserFactory(username="csp-admin", password=PASSWORD, is_superuser=True, is_staff=True)
    index = finnish(StoryIndexPage).first()
    story = index.add_child(
        instance=StoryPage(title="Uusi menestystarina", slug="uusi-tarina", summary="Kasvua.")
    )
    story.save_revision().publish()

    log_in(visit, "csp-admin")
    visit.go(reverse("wagtail_localize:submit_page_translation", args=(story.pk,)))
    # "Select all" ticks every locale: wagtail-localize's script, run from its data block.
    visit.page.check("input[name=select_all]")
    boxes = visit.page.locator("input[name=locales]")
    assert boxes.count() >= 1
    for i in range(boxes.count()):  # the script ticks them on the change event: wait for it
        expect(boxes.nth(i)).to_be_checked()
    visit.assert_no_violations()

    visit.page.locator("form:has(input[name=locales]) [type=submit]").first.click()
    visit.page.wait_for_selector(".messages .success")
    swedish = story.get_translation(Locale.objects.get(language_code="sv"))
    visit.go(reverse("wagtailadmin_pages:edit", args=(swedish.pk,)))
    # The translation editor is a React app: it draws the page's segments to translate.
    visit.page.wait_for_selector(".js-translation-editor >> text=Uusi menestystarina")
    visit.assert_no_violations()
