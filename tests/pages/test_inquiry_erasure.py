"""Erasing a person in the CRM also erases what the Invest-in form kept of them."""

import pytest

from seutu_crm.models import Contact, Role
from seutu_crm.services.inbound import receive_inquiry
from seutu_crm.services.personal_data import erase_person
from seutu_pages.models import InvestInInquiry
from tests.crm.pipeline_helpers import crm_member
from tests.crm.test_inbound import make_inquiry
from tests.crm.test_personal_data import EMAIL, NAME, PHONE, TRACES, database_traces
from tests.factories import TownFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_by_the_form():
    raahe = TownFactory(code="678", name_fi="Raahe")
    lead = receive_inquiry(make_inquiry(raahe, message=f"Terveisin {NAME}", phone=PHONE))
    inquiry = InvestInInquiry.objects.create(
        town=raahe, person_name=NAME, organisation_name="Terästehdas Oy", email=EMAIL,
        phone=PHONE, message=f"Terveisin {NAME}", consent=True, consent_text="Hyväksyn.",
        language="fi", client_address="127.0.0.1", lead=lead,
    )
    return Contact.objects.get(email=EMAIL), inquiry


def test_erasure_scrubs_the_inquiry_the_person_sent(sent_by_the_form):
    contact, inquiry = sent_by_the_form
    coordinator = crm_member(None, role=Role.COORDINATOR, username="coordinator")
    erase_person(contact, coordinator)
    inquiry.refresh_from_db()
    assert (inquiry.person_name, inquiry.email, inquiry.phone) == ("[erased]", "", "")
    assert inquiry.client_address is None
    assert NAME not in inquiry.message
    assert not [t for t in database_traces(TRACES) if t[0] == InvestInInquiry._meta.db_table]


def test_erasure_leaves_other_peoples_inquiries_alone(sent_by_the_form):
    contact, _ = sent_by_the_form
    other = InvestInInquiry.objects.create(
        town=contact.town, person_name="Matti Meikäläinen", organisation_name="Muu Oy",
        email="matti@muu.fi", message="Hei", consent=True, consent_text="Hyväksyn.", language="fi",
    )
    erase_person(contact, crm_member(None, role=Role.COORDINATOR, username="coordinator"))
    other.refresh_from_db()
    assert (other.person_name, other.email) == ("Matti Meikäläinen", "matti@muu.fi")
