"""A hostile visitor's Invest-in inquiry changes nothing the register already holds."""

import pytest

from seutu_crm.models import Activity, Contact, LegalBasis, Organisation

from tests.factories import ContactFactory, LeadFactory, OrganisationFactory

from . import site_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def invest_in():
    home = site_tree.network_home()
    return site_tree.invest_in_page(site_tree.town_page(home))


def test_form_post_with_a_stored_contacts_email_leaves_the_contact_as_it_was(client, invest_in):
    company = OrganisationFactory(name="Sampo Voltworks Oy", website="https://voltworks.example")
    stored = ContactFactory(
        town=invest_in.town,
        organisation=company,
        email="kyllikki@voltworks.example",
        phone="+358 40 111 2222",
        opt_out=True,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        consent_date=None,
        source="messut",
    )
    lead = LeadFactory(organisation=company, town=invest_in.town)
    before = Contact.objects.values().get(pk=stored.pk)
    organisation_before = Organisation.objects.values().get(pk=company.pk)

    response = client.post(
        invest_in.url,
        {
            "name": "Mallory Intruder",
            "organisation": "Sampo Voltworks Oy",
            "business_id": "",
            "email": "KYLLIKKI@voltworks.example",
            "phone": "+358 50 666 6666",
            "message": "Please call me instead.",
            "consent": "on",
            "homepage": "",
        },
    )

    assert response.status_code == 302
    assert Contact.objects.values().get(pk=stored.pk) == before
    assert Organisation.objects.values().get(pk=company.pk) == organisation_before
    assert not Activity.objects.filter(lead=lead).exists()
    new_contact = Contact.objects.exclude(pk=stored.pk).get()
    assert new_contact.full_name == "Mallory Intruder"
    assert new_contact.organisation != company
