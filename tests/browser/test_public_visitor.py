"""The issue's "done when", tried in Chromium as a new visitor and a new editor would."""

import datetime
from io import StringIO

import icalendar
import pytest
from django.core.management import call_command
from wagtail.models import Locale

from seutu_crm.models import Contact, LegalBasis, Lead, Town
from seutu_pages.models import InquiryStatus, InvestInInquiry, StoryIndexPage, StoryPage
from tests.pages import site_tree

# Transactional, for the live server's thread. No serialized rollback: restoring its snapshot
# collides with the content types an earlier test's flush made anew; site_tree.wagtail_roots()
# puts back what a flush removed (Wagtail's root page and collection, the locales) instead.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

KRISTINESTAD = "287"
RAAHE = "678"


def load_demo():
    site_tree.wagtail_roots()  # in case an earlier transactional test flushed them
    call_command("seutu_demo", size=20, verbosity=0, stdout=StringIO())
    call_command("seutu_pages_demo", stdout=StringIO())


def test_visitor_finds_kristinestad_in_swedish_and_sends_an_investment_inquiry(
    live_server, page
):
    load_demo()
    town = Town.objects.get(code=KRISTINESTAD)

    # The Swedish home page lists Kristinestad; the visitor follows it.
    page.goto(f"{live_server.url}/sv/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.locator("main").get_by_role("link", name="Kristinestad", exact=True).first.click()
    page.wait_for_url("**/sv/kristinestad/")
    assert page.locator("h1").inner_text().strip() == "Kristinestad"

    # An upcoming event, and its calendar file.
    page.locator("main a[href*='/evenemang/']").first.click()
    page.wait_for_load_state()
    event_title = page.locator("h1").inner_text().strip()
    assert page.url.startswith(f"{live_server.url}/sv/kristinestad/evenemang/")
    with page.expect_download() as download_info:
        page.locator("main a[href$='/calendar.ics']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    with open(download.path(), "rb") as ics:
        calendar = icalendar.Calendar.from_ical(ics.read())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == event_title
    assert event.decoded("DTSTART") > datetime.datetime.now(datetime.timezone.utc)
    assert str(event["URL"]).endswith(page.url.removeprefix(live_server.url))

    # Back on the town page: an actor profile shows public fields only.
    page.goto(f"{live_server.url}/sv/kristinestad/")
    actor_link = page.locator("main a[href*='/aktorer/'][href$='/']").filter(
        has_not_text="Aktörer"
    )
    actor_link.first.click()
    page.wait_for_load_state()
    actor_name = page.locator("h1").inner_text().strip()
    assert town.organisations.filter(name=actor_name, is_public=True).exists()

    # The Invest-in page, reached from the town page, and its form.
    page.goto(f"{live_server.url}/sv/kristinestad/")
    page.locator("main a[href$='/investera/']").first.click()
    page.wait_for_url("**/sv/kristinestad/investera/")
    assert not page.locator("input[name=homepage]").is_visible()  # the honeypot
    page.fill("input[name=name]", "Anna Andersson")
    page.fill("input[name=organisation]", "Nordic Hydrogen Ab")
    page.fill("input[name=email]", "anna@nordichydrogen.example")
    page.fill("input[name=phone]", "+358 40 765 4321")
    page.fill("textarea[name=message]", "Vi söker en tomt vid hamnen för en elektrolysanläggning.")
    consent_label = page.locator("label[for=id_consent]").inner_text()
    page.check("input[name=consent]")
    page.locator("form.form button[type=submit]").click()

    # A confirmation in Swedish, at the Swedish page's address.
    page.wait_for_url("**/sv/kristinestad/investera/thanks/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text().strip() == "Tack, vi har tagit emot ditt meddelande"

    # The lead is in Kristinestad's pipeline, with the person's consent recorded.
    inquiry = InvestInInquiry.objects.get(email="anna@nordichydrogen.example")
    assert inquiry.status == InquiryStatus.PROCESSED
    assert inquiry.language == "sv"
    assert inquiry.consent and consent_label.startswith(inquiry.consent_text[:40])
    lead = Lead.objects.get(pk=inquiry.lead_id)
    assert lead.town == town
    assert lead.organisation.name == "Nordic Hydrogen Ab"
    contact = Contact.objects.get(email="anna@nordichydrogen.example")
    assert contact.town == town
    assert contact.legal_basis == LegalBasis.CONSENT
    assert contact.consent_date == datetime.date.today()


@pytest.fixture
def english_admin_page(browser):
    # The editor uses the admin in English, so the test can find wagtail-localize's buttons
    # (its editor is a React app whose buttons have no stable names other than their labels).
    context = browser.new_context(locale="en-GB", timezone_id="Europe/Helsinki")
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    context.close()


def test_editor_translates_a_story_to_english_and_publishes_it(live_server, english_admin_page):
    page = english_admin_page
    load_demo()
    # A Finnish story an editor has written in Raahe, whose pages are also in English.
    index = StoryIndexPage.objects.get(locale__language_code="fi", url_path__contains="/raahe/")
    story = StoryPage(
        title="Raahen terästä maailmalle",
        slug="terasta-maailmalle",
        kind="success_story",
        date=datetime.date(2026, 10, 1),
        summary="Raahelainen konepaja vie terästä kolmelle mantereelle.",
        body=[{"type": "paragraph", "value": "<p>Konepaja kasvoi yhdessä oppilaitosten kanssa.</p>"}],
    )
    index.add_child(instance=story)
    story.save_revision().publish()
    english = {
        "Raahen terästä maailmalle": "Steel from Raahe to the world",
        "Raahelainen konepaja vie terästä kolmelle mantereelle.":
            "An engineering works in Raahe exports steel to three continents.",
        "Konepaja kasvoi yhdessä oppilaitosten kanssa.":
            "The works grew together with the schools of the town.",
    }

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "seutu-demo")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/admin/")

    # "Translate this page" from the page's actions menu, into English only.
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    page.locator("header button.w-dropdown__toggle[aria-label]").first.click()
    page.locator("a[href*='/localize/submit/page/']").click()
    english_locale = Locale.objects.get(language_code="en")
    page.locator(f"input[name=locales][value='{english_locale.pk}']").check()
    page.locator("main form input[type=submit]").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    translation = story.get_translation(english_locale)

    # The wagtail-localize editor: translate each string, then publish in English.
    translate_buttons = page.get_by_role("button", name="Translate", exact=True)
    translate_buttons.first.wait_for()  # the editor is a React app: wait until it is drawn
    translated = 0
    while translate_buttons.count() and translated < 10:
        translate_buttons.first.click()
        # The string being translated is shown above the textarea, in the same segment.
        source = page.locator("main textarea").evaluate(
            """(area, sources) => {
                for (let node = area.parentElement; node; node = node.parentElement) {
                    const found = sources.find(s => node.innerText.includes(s));
                    if (found) return found;
                }
                return null;
            }""",
            list(english),
        )
        assert source, "the open segment shows none of the story's Finnish strings"
        text = english[source]
        page.locator("main textarea").fill(text)
        page.get_by_role("button", name="Save", exact=True).click()
        page.locator("main textarea").wait_for(state="detached")
        translated += 1
    assert translated == len(english)
    page.get_by_role("button", name="Publish in English").click()
    page.wait_for_load_state()

    translation.refresh_from_db()
    assert translation.live
    assert translation.title == "Steel from Raahe to the world"
    page.goto(live_server.url + translation.url)
    assert translation.url.startswith("/en/")
    assert page.locator("h1").inner_text().strip() == "Steel from Raahe to the world"
    assert page.locator("html").get_attribute("lang") == "en"
    assert "three continents" in page.locator("main").inner_text()
