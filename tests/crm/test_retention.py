"""The retention command anonymises contacts nobody has touched for RETENTION_YEARS years."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from seutu_crm.models import Contact, CRMLogEntry
from tests.factories import ActivityFactory, ContactFactory, LeadFactory

pytestmark = pytest.mark.django_db


def contact_untouched_for(days, **fields):
    contact = ContactFactory(**fields)
    Contact.objects.filter(pk=contact.pk).update(updated_at=timezone.now() - timedelta(days=days))
    return contact


def run(*args):
    out = StringIO()
    call_command("seutu_retention", *args, stdout=out)
    return out.getvalue()


def is_anonymised(contact):
    return Contact.objects.get(pk=contact.pk).anonymised_at is not None


def test_contact_untouched_longer_than_the_period_is_anonymised(settings):
    settings.SEUTU_CRM = {"RETENTION_YEARS": 2}
    old = contact_untouched_for(3 * 365, first_name="Vanha", last_name="Asiakas")
    output = run()
    assert is_anonymised(old)
    assert Contact.objects.get(pk=old.pk).first_name != "Vanha"
    assert "1 contact(s)" in output and "Asiakas" not in output


def test_recently_updated_contact_is_kept(settings):
    settings.SEUTU_CRM = {"RETENTION_YEARS": 2}
    recent = contact_untouched_for(300)
    run()
    assert not is_anonymised(recent)


def test_recent_activity_with_the_contact_keeps_it(settings):
    settings.SEUTU_CRM = {"RETENTION_YEARS": 2}
    contact = contact_untouched_for(3 * 365)
    lead = LeadFactory(town=contact.town, organisation=contact.organisation)
    ActivityFactory(lead=lead, contacts=[contact], date=timezone.localdate() - timedelta(days=30))
    run()
    assert not is_anonymised(contact)


def test_the_period_follows_the_setting(settings):
    contact = contact_untouched_for(2 * 365)
    settings.SEUTU_CRM = {"RETENTION_YEARS": 3}
    run()
    assert not is_anonymised(contact)
    settings.SEUTU_CRM = {"RETENTION_YEARS": 1}
    run()
    assert is_anonymised(contact)


def test_dry_run_changes_nothing(settings):
    settings.SEUTU_CRM = {"RETENTION_YEARS": 1}
    contact = contact_untouched_for(800)
    output = run("--dry-run")
    assert "1 contact(s)" in output and "would be anonymised" in output
    assert not is_anonymised(contact)


def test_retention_erasure_is_logged_with_its_reason(settings):
    settings.SEUTU_CRM = {"RETENTION_YEARS": 1}
    contact = contact_untouched_for(800)
    run()
    entry = CRMLogEntry.objects.get(action="seutu_crm.personal_data.erase", object_id=str(contact.pk))
    assert entry.data == {"reason": "retention"} and entry.user is None


def test_already_anonymised_contacts_are_left_alone(settings):
    settings.SEUTU_CRM = {"RETENTION_YEARS": 1}
    contact_untouched_for(800, anonymised_at=timezone.now())
    assert "0 contact(s)" in run()


def test_many_contacts_are_anonymised_in_batches(settings):
    settings.SEUTU_CRM = {"RETENTION_YEARS": 1}
    lead = LeadFactory()
    people = [contact_untouched_for(800, town=lead.town) for _ in range(25)]
    long_ago = timezone.localdate() - timedelta(days=900)
    ActivityFactory(lead=lead, text=" ja ".join(p.full_name for p in people), date=long_ago)
    assert "25 contact(s)" in run()
    assert all(is_anonymised(person) for person in people)
    text = lead.activities.get().text
    assert not any(person.last_name in text for person in people)
