"""Export and erasure of one person's data, and proof that erasure leaves no trace."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from wagtail.log_actions import log

from seutu_crm.models import Activity, Contact, CRMLogEntry, OrganisationDescription, Role
from seutu_crm.services.inbound import receive_inquiry
from seutu_crm.services.personal_data import erase_person, export_person
from seutu_crm.services.pipeline import add_activity, add_task
from seutu_search.analytics import record_search
from tests.crm.pipeline_helpers import crm_member
from tests.crm.test_inbound import make_inquiry
from tests.factories import ActivityFactory, ContactFactory, LeadFactory, TownFactory

pytestmark = pytest.mark.django_db

NAME = "Aino Äijälä"
EMAIL = "aino.aijala@terastehdas.fi"
PHONE = "+358 40 123 4567"
TRACES = [NAME, "Äijälä", EMAIL, "aino.aijala", PHONE]


@pytest.fixture
def raahe():
    return TownFactory(code="678", name_fi="Raahe")


@pytest.fixture
def coordinator():
    return crm_member(None, role=Role.COORDINATOR, username="coordinator")


def database_traces(needles):
    """(table, column value) pairs where any needle occurs in any text of any table."""
    forms = set()
    for needle in needles:
        forms |= {needle.lower(), json.dumps(needle)[1:-1].lower()}
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if value is None or isinstance(value, (int, float)):
                        continue
                    if isinstance(value, (bytes, memoryview)):
                        text = bytes(value).decode("utf-8", "replace")
                    elif isinstance(value, str):
                        text = value
                    else:
                        text = json.dumps(value, ensure_ascii=False, default=str)
                    if any(form in text.lower() for form in forms):
                        found.append((table, text[:120]))
    return found


@pytest.fixture
def person_everywhere(raahe, coordinator):
    """A person who arrived by the Invest-in form and was then written about in many places."""
    developer = crm_member(raahe)
    lead = receive_inquiry(
        make_inquiry(raahe, message=f"Terveisin {NAME}, puh. {PHONE}", phone=PHONE)
    )
    contact = Contact.objects.get(email=EMAIL)
    # What the admin's generic views write when someone edits the contact.
    log(contact, "wagtail.edit", user=developer, data={"changed": {"last_name": "Äijälä"}})
    add_activity(developer, lead=lead, text=f"Soitin: {NAME} lupasi vastata.", contacts=[contact])
    ActivityFactory(lead=lead, text=f"Kävimme tehtaalla, {NAME} esitteli.")  # not linked
    add_task(developer, lead=lead, title=f"Lähetä tarjous: {EMAIL}")
    lead.next_step = f"Tapaa {NAME}"
    lead.save()
    organisation = lead.organisation
    OrganisationDescription.objects.create(
        organisation=organisation, language="fi", text=f"Yhteyshenkilö {NAME}."
    )
    organisation.save_revision(user=developer)  # the revision copies the description
    # Organisations log to Wagtail's ModelLogEntry, the CRM's private models to CRMLogEntry.
    log(organisation, "wagtail.edit", user=developer, data={"description": f"Yhteyshenkilö {NAME}."})
    # A visitor searched the public site for the person, by name and in the genitive.
    record_search(NAME, 0)
    record_search("Äijälän yhteystiedot", 0)
    return contact


def test_person_is_everywhere_before_erasure(person_everywhere):
    tables = {table for table, _ in database_traces(TRACES)}
    assert {"seutu_crm_contact", "seutu_crm_activity", "wagtailcore_revision"} <= tables
    assert {"wagtailcore_modellogentry", "seutu_crm_crmlogentry"} <= tables
    assert "seutu_search_searchquerystat" in tables


def test_erasure_leaves_no_trace_in_any_table(person_everywhere, coordinator):
    erase_person(person_everywhere, coordinator)
    assert database_traces(TRACES) == []


def test_erasure_keeps_activity_dates_and_drops_the_contact_link(person_everywhere, coordinator):
    before = {a.pk: (a.date, a.kind) for a in Activity.objects.all()}
    erase_person(person_everywhere, coordinator)
    assert {a.pk: (a.date, a.kind) for a in Activity.objects.all()} == before
    assert not Activity.objects.filter(contacts=person_everywhere).exists()


def test_erased_contact_is_marked_and_kept(person_everywhere, coordinator):
    erase_person(person_everywhere, coordinator)
    contact = Contact.objects.get(pk=person_everywhere.pk)
    assert contact.anonymised_at is not None and contact.email == "" and contact.opt_out


def test_erasure_is_logged_without_personal_data(person_everywhere, coordinator):
    erase_person(person_everywhere, coordinator)
    entry = CRMLogEntry.objects.get(action="seutu_crm.personal_data.erase")
    assert entry.user == coordinator and entry.object_id == str(person_everywhere.pk)
    assert "Äijälä" not in entry.label + json.dumps(entry.data)


def test_export_holds_the_contact_activities_and_log_entries(person_everywhere, coordinator):
    data = export_person(person_everywhere, coordinator)
    json.dumps(data)  # serialisable
    assert data["contact"]["email"] == EMAIL and data["contact"]["legal_basis"] == "consent"
    texts = [a["text"] for a in data["activities"]]
    assert any("lupasi vastata" in t for t in texts) and any("esitteli" in t for t in texts)
    assert any(entry["action"] == "wagtail.edit" for entry in data["log_entries"])
    assert [t["title"] for t in data["tasks"]] == [f"Lähetä tarjous: {EMAIL}"]


def test_export_is_logged_without_personal_data(person_everywhere, coordinator):
    export_person(person_everywhere, coordinator)
    entry = CRMLogEntry.objects.get(action="seutu_crm.personal_data.export")
    assert entry.user == coordinator and NAME not in entry.label + json.dumps(entry.data)


def test_business_developer_may_neither_export_nor_erase(raahe):
    contact = ContactFactory(town=raahe)
    developer = crm_member(raahe)
    with pytest.raises(PermissionDenied):
        export_person(contact, developer)
    with pytest.raises(PermissionDenied):
        erase_person(contact, developer)
    assert Contact.objects.get(pk=contact.pk).anonymised_at is None


def test_erasure_leaves_other_people_alone(raahe, coordinator):
    lead = LeadFactory(town=raahe)
    erased = ContactFactory(town=raahe, first_name="Aino", last_name="Äijälä")
    kept = ContactFactory(town=raahe, first_name="Pekka", last_name="Puupää")
    activity = ActivityFactory(lead=lead, text="Aino Äijälä ja Pekka Puupää kävivät.", contacts=[erased, kept])
    erase_person(erased, coordinator)
    activity.refresh_from_db()
    assert "Pekka Puupää" in activity.text and "Äijälä" not in activity.text
    assert list(activity.contacts.all()) == [kept]
