"""The inbound-lead service: an inquiry becomes organisation + contact + lead + activity."""

from dataclasses import replace
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from seutu_crm.models import Activity, Contact, Lead, LegalBasis, Organisation, Role, Stage
from seutu_crm.services.inbound import Inquiry, receive_inquiry
from tests.factories import (
    ContactFactory,
    LeadFactory,
    OrganisationFactory,
    TownFactory,
    TownMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def raahe():
    return TownFactory(code="678", name_fi="Raahe", name_sv="Brahestad")


def make_inquiry(town, **overrides):
    values = dict(
        person_name="Aino Äijälä",
        organisation_name="Terästehdas Oy",
        business_id="",
        email="aino.aijala@terastehdas.fi",
        phone="+358 40 123 4567",
        town=town,
        message="Etsimme tonttia uudelle tehtaalle.",
        consent=True,
        consent_text="Annan suostumukseni tietojeni tallentamiseen.",
        language="fi",
        source="invest-in-form",
    )
    values.update(overrides)
    return Inquiry(**values)


def test_inquiry_creates_a_private_organisation_a_contact_and_an_identified_lead(raahe):
    lead = receive_inquiry(make_inquiry(raahe))

    assert lead.stage == Stage.IDENTIFIED and lead.town == raahe
    assert lead.source == "invest-in-form"
    organisation = lead.organisation
    assert organisation.name == "Terästehdas Oy" and not organisation.is_public
    contact = Contact.objects.get()
    assert (contact.first_name, contact.last_name) == ("Aino", "Äijälä")
    assert contact.organisation == organisation and contact.town == raahe
    assert contact.legal_basis == LegalBasis.CONSENT and contact.consent_date is not None
    assert contact.source == "invest-in-form"


def test_inquiry_message_is_kept_as_an_activity_with_the_contact(raahe):
    lead = receive_inquiry(make_inquiry(raahe))
    activity = Activity.objects.get(lead=lead)
    assert "Etsimme tonttia" in activity.text
    assert list(activity.contacts.all()) == list(Contact.objects.all())


def test_stage_history_starts_at_identified(raahe):
    lead = receive_inquiry(make_inquiry(raahe))
    assert list(lead.stage_changes.values_list("from_stage", "to_stage")) == [("", "identified")]


def activity_of(lead):
    """The note the inquiry left on its lead, as a Finnish business developer reads it."""
    return Activity.objects.get(lead=lead).text


def test_known_business_id_is_a_possible_match_not_a_link(raahe):
    existing = OrganisationFactory(business_id="0112038-9", name="Vanha nimi Oy")
    lead = receive_inquiry(make_inquiry(raahe, business_id="0112038-9", email="x@gmail.com"))

    assert lead.organisation != existing
    assert lead.organisation.name == "Terästehdas Oy" and lead.organisation.business_id is None
    assert "organisaatio Vanha nimi Oy (Y-tunnus 0112038-9)" in activity_of(lead)
    assert "Annettu Y-tunnus: 0112038-9" in activity_of(lead)


def test_unknown_business_id_is_kept_on_the_new_organisation(raahe):
    lead = receive_inquiry(make_inquiry(raahe, business_id="0112038-9"))
    assert lead.organisation.business_id == "0112038-9"


def test_website_domain_is_a_possible_match_not_a_link(raahe):
    existing = OrganisationFactory(
        business_id=None, name="Teräs Oyj", website="https://www.terastehdas.fi/"
    )
    lead = receive_inquiry(make_inquiry(raahe))
    assert lead.organisation != existing
    assert "organisaatio Teräs Oyj" in activity_of(lead)


def test_a_contacts_email_domain_is_a_possible_match_not_a_link(raahe):
    existing = OrganisationFactory(business_id=None, name="Teräs Oyj", website="")
    ContactFactory(organisation=existing, email="myynti@terastehdas.fi")
    lead = receive_inquiry(make_inquiry(raahe))
    assert lead.organisation != existing and existing.contacts.count() == 1
    assert "organisaatio Teräs Oyj" in activity_of(lead)


@pytest.mark.parametrize("domain", ["gmail.com", "hotmail.com", "luukku.com", "suomi24.fi"])
def test_free_mail_domains_never_match_an_organisation(raahe, domain):
    OrganisationFactory(website=f"https://{domain}/")
    ContactFactory(email=f"someone@{domain}")
    lead = receive_inquiry(make_inquiry(raahe, email=f"aino@{domain}"))
    assert lead.organisation.name == "Terästehdas Oy"
    assert Organisation.objects.count() == 3
    assert "Mahdolliset vastineet" not in activity_of(lead)


def test_an_organisations_open_lead_never_gets_a_strangers_message(raahe):
    organisation = OrganisationFactory(business_id="0112038-9", website="https://terastehdas.fi")
    existing = LeadFactory(organisation=organisation, town=raahe, stage=Stage.QUALIFIED)
    lead = receive_inquiry(make_inquiry(raahe, business_id="0112038-9"))
    assert lead != existing and lead.stage == Stage.IDENTIFIED
    assert existing.activities.count() == 0
    assert Lead.objects.get(pk=existing.pk).stage == Stage.QUALIFIED


def test_inquiry_never_changes_a_stored_contact(raahe):
    stored = ContactFactory(
        town=raahe,
        email="aino.aijala@terastehdas.fi",
        first_name="Aino",
        last_name="Äijälä",
        phone="+358 40 000 0000",
        opt_out=True,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        consent_date=None,
        source="messut 2025",
    )
    before = Contact.objects.values().get(pk=stored.pk)
    lead = receive_inquiry(
        make_inquiry(raahe, person_name="Mallory Hacker", phone="+358 50 999 9999")
    )
    assert Contact.objects.values().get(pk=stored.pk) == before
    new = Contact.objects.exclude(pk=stored.pk).get()
    assert (new.first_name, new.last_name, new.phone) == ("Mallory", "Hacker", "+358 50 999 9999")
    assert f"yhteyshenkilö Aino Äijälä, {stored.email}" in activity_of(lead)


def test_inquiry_never_changes_a_stored_organisation(raahe):
    stored = OrganisationFactory(business_id="0112038-9", name="Vanha nimi Oy", is_public=True)
    before = Organisation.objects.values().get(pk=stored.pk)
    receive_inquiry(make_inquiry(raahe, business_id="0112038-9", organisation_name="Uusi Oy"))
    assert Organisation.objects.values().get(pk=stored.pk) == before


def test_other_towns_contacts_are_not_named_as_matches(raahe):
    ContactFactory(town=TownFactory(code="305"), email="aino.aijala@terastehdas.fi",
                   first_name="Toisen", last_name="Kunnan")
    lead = receive_inquiry(make_inquiry(raahe))
    assert "Kunnan" not in activity_of(lead)


def test_towns_members_are_emailed(raahe, django_capture_on_commit_callbacks):
    developer = TownMembershipFactory(town=raahe, user=UserFactory(email="bd@raahe.fi")).user
    TownMembershipFactory(user=UserFactory(email="other@kuusamo.fi"))  # another town
    with django_capture_on_commit_callbacks(execute=True):
        lead = receive_inquiry(make_inquiry(raahe))
    assert [message.to for message in mail.outbox] == [[developer.email]]
    assert "Terästehdas Oy" in mail.outbox[0].subject
    assert "Etsimme tonttia" in mail.outbox[0].body
    assert "http://testserver" + reverse("seutu_leads:inspect", args=[lead.pk]) in mail.outbox[0].body


def test_email_is_sent_only_after_commit(raahe, django_capture_on_commit_callbacks):
    TownMembershipFactory(town=raahe, role=Role.VIEWER)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        receive_inquiry(make_inquiry(raahe))
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_failing_mail_server_does_not_lose_the_lead(raahe, django_capture_on_commit_callbacks):
    TownMembershipFactory(town=raahe)
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError("SMTP server down"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            lead = receive_inquiry(make_inquiry(raahe))
    assert Lead.objects.filter(pk=lead.pk).exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("person_name", "  "),
        ("organisation_name", ""),
        ("email", "not-an-address"),
        ("business_id", "1234567-2"),
        ("message", ""),
        ("consent", False),
        ("language", "de"),
    ],
)
def test_bad_input_is_rejected_and_nothing_is_written(raahe, field, value):
    with pytest.raises(ValidationError) as raised:
        receive_inquiry(make_inquiry(raahe, **{field: value}))
    assert field in raised.value.message_dict
    assert not Lead.objects.exists() and not Contact.objects.exists()
    assert not Organisation.objects.exists()


def test_town_outside_the_network_is_rejected():
    helsinki = TownFactory(code="091", in_network=False)
    with pytest.raises(ValidationError) as raised:
        receive_inquiry(make_inquiry(helsinki))
    assert "town" in raised.value.message_dict


def test_old_six_digit_business_id_is_normalised(raahe):
    lead = receive_inquiry(make_inquiry(raahe, business_id="112038-9"))
    assert lead.organisation.business_id == "0112038-9"


def test_inquiry_dataclass_can_be_copied_with_replace(raahe):
    # The pages app builds inquiries from its stored form submissions.
    inquiry = replace(make_inquiry(raahe), language="sv")
    assert receive_inquiry(inquiry).town == raahe


def test_inquiry_costs_the_same_queries_however_many_organisations(raahe):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_of_inquiry(n):
        with CaptureQueriesContext(connection) as captured:
            receive_inquiry(make_inquiry(raahe, email=f"x{n}@firma{n}.fi", organisation_name=f"Firma {n}"))
        return len(captured)

    receive_inquiry(make_inquiry(raahe))  # warm the caches
    OrganisationFactory(website="https://www.firma1.fi")
    small = queries_of_inquiry(1)
    OrganisationFactory.create_batch(40, website="https://www.firma2.fi")  # one domain, many actors
    ContactFactory.create_batch(10, email="someone@firma2.fi")
    assert queries_of_inquiry(2) == small
