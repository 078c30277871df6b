"""The Invest-in form: an investor's message becomes a lead in the town's pipeline."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from seutu_crm.models import Lead
from seutu_pages.models import InquiryStatus, InvestInInquiry

from tests.factories import OrganisationFactory

from . import site_tree

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Anna Andersson",
    "organisation": "Nordic Hydrogen Ab",
    "business_id": "",
    "email": "anna@nordichydrogen.example",
    "phone": "+358 40 123 4567",
    "message": "We look for a 5 ha site near a port for an electrolyser plant.",
    "consent": "on",
    "homepage": "",
}


@pytest.fixture
def invest_in():
    home = site_tree.network_home()
    town = site_tree.town_page(home)
    return site_tree.invest_in_page(town, consent_text="Saa tallentaa ja ottaa yhteyttä.")


def finnish(message, **params):
    """``message`` as a visitor of a Finnish page reads it (once catalogs are translated)."""
    with translation.override("fi"):
        return translation.gettext(message) % params if params else translation.gettext(message)


def post(client, page, **changes):
    return client.post(page.url, VALID | changes)


def test_form_page_shows_the_consent_text_and_a_csrf_token(client, invest_in):
    response = client.get(invest_in.url)
    assert response.status_code == 200
    assert "Saa tallentaa ja ottaa yhteyttä." in response.text
    assert "csrfmiddlewaretoken" in response.text


def test_valid_inquiry_creates_a_lead_in_the_town_pipeline(client, invest_in):
    response = post(client, invest_in)
    assert response.status_code == 302
    inquiry = InvestInInquiry.objects.get()
    assert inquiry.status == InquiryStatus.PROCESSED
    assert inquiry.lead.town == invest_in.town
    assert inquiry.consent is True
    assert inquiry.consent_text == "Saa tallentaa ja ottaa yhteyttä."


def test_valid_inquiry_redirects_to_the_confirmation_page(client, invest_in):
    response = post(client, invest_in)
    assert response["Location"] == invest_in.url + "thanks/"
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert invest_in.thank_you_heading in confirmation.text


def test_confirmation_is_in_the_visitors_language(client, invest_in):
    swedish = site_tree.translate(invest_in, "sv")
    response = post(client, swedish)
    assert response["Location"].startswith("/sv/")
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert InvestInInquiry.objects.get().language == "sv"


def test_missing_consent_is_explained_and_the_values_are_kept(client, invest_in):
    data = VALID.copy()
    del data["consent"]
    response = client.post(invest_in.url, data)
    assert response.status_code == 400
    assert finnish("Please give your consent so that we can contact you.") in response.text
    assert 'value="Nordic Hydrogen Ab"' in response.text
    assert "We look for a 5 ha site" in response.text
    assert not InvestInInquiry.objects.exists()
    assert not Lead.objects.exists()


def test_bad_business_id_gets_a_clear_message(client, invest_in):
    response = post(client, invest_in, business_id="1234567-8")
    assert response.status_code == 400
    expected = finnish(
        "%(value)s is not a valid Finnish Business ID: the check digit does not match.",
        value="1234567-8",
    )
    assert expected in response.text
    assert 'aria-invalid="true"' in response.text
    assert not InvestInInquiry.objects.exists()


def test_valid_business_id_in_old_form_is_normalised(client, invest_in):
    post(client, invest_in, business_id="112038-9")  # 0112038-9
    assert InvestInInquiry.objects.get().business_id == "0112038-9"


def test_honeypot_filled_in_sends_nothing_on(client, invest_in):
    response = post(client, invest_in, homepage="http://spam.example")
    assert response.status_code == 302  # the bot learns nothing
    assert not InvestInInquiry.objects.exists()
    assert not Lead.objects.exists()


def test_honeypot_is_hidden_from_people_and_screen_readers(client, invest_in):
    text = client.get(invest_in.url).text
    trap = text[text.index('class="form__trap"') - 5 : text.index('name="homepage"') + 80]
    assert 'aria-hidden="true"' in trap
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap


def test_post_without_csrf_token_is_refused(invest_in):
    client = Client(enforce_csrf_checks=True)
    response = client.post(invest_in.url, VALID)
    assert response.status_code == 403
    assert not InvestInInquiry.objects.exists()


def test_post_with_csrf_token_from_the_form_is_accepted(invest_in):
    client = Client(enforce_csrf_checks=True)
    client.get(invest_in.url)
    token = client.cookies["csrftoken"].value
    response = client.post(invest_in.url, VALID | {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert InvestInInquiry.objects.count() == 1


def test_too_many_submissions_from_one_address_get_429(client, invest_in, settings):
    settings.SEUTU_PAGES = {"INVEST_IN_RATE_LIMIT": 2, "INVEST_IN_RATE_WINDOW": 60}
    assert post(client, invest_in).status_code == 302
    assert post(client, invest_in).status_code == 302
    response = post(client, invest_in, organisation="Third Try Oy")
    assert response.status_code == 429
    assert finnish(
        "We have received several messages from your address in a short time. Please wait a "
        "few minutes and send the form again; what you wrote is still in the form."
    ) in response.text
    assert 'value="Third Try Oy"' in response.text
    assert InvestInInquiry.objects.count() == 2


def test_rate_limit_counts_each_address_separately(client, invest_in, settings):
    settings.SEUTU_PAGES = {"INVEST_IN_RATE_LIMIT": 1}
    assert post(client, invest_in).status_code == 302
    other = client.post(invest_in.url, VALID, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
    assert post(client, invest_in).status_code == 429


def test_unexpected_failure_keeps_the_inquiry_and_still_thanks_the_visitor(
    client, invest_in, monkeypatch
):
    def broken(inquiry):
        # Work the service did before failing is rolled back with it.
        Lead.objects.create(town=inquiry.town, organisation=OrganisationFactory(town=inquiry.town))
        raise RuntimeError("pipeline database is on fire")

    monkeypatch.setattr("seutu_pages.inquiries.receive_inquiry", broken)
    response = post(client, invest_in)
    assert response.status_code == 302
    assert response["Location"].endswith("/thanks/")
    inquiry = InvestInInquiry.objects.get()
    assert inquiry.status == InquiryStatus.FAILED
    assert "pipeline database is on fire" in inquiry.error
    assert inquiry.message == VALID["message"]
    assert not Lead.objects.exists()


def test_inquiry_rejected_by_the_service_is_explained_and_not_stored(
    client, invest_in, monkeypatch
):
    def rejecting(inquiry):
        raise ValidationError("This e-mail address cannot receive mail.")

    monkeypatch.setattr("seutu_pages.inquiries.receive_inquiry", rejecting)
    response = post(client, invest_in)
    assert response.status_code == 400
    assert "This e-mail address cannot receive mail." in response.text
    assert not InvestInInquiry.objects.exists()


def test_honeypot_is_hidden_by_the_site_stylesheet():
    from django.contrib.staticfiles import finders

    with open(finders.find("seutu_pages/site.css"), encoding="utf-8") as css:
        assert ".form__trap { display: none !important; }" in css.read()


def test_invest_in_page_names_the_towns_business_developer(client):
    home = site_tree.network_home()
    town = site_tree.town_page(home, contact_name="Kristina Sund", contact_email="ks@example.fi")
    page = site_tree.invest_in_page(town)
    text = client.get(page.url).text
    assert "Kristina Sund" in text
    assert 'href="mailto:ks@example.fi"' in text
