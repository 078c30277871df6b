"""Activities and tasks on a lead."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from seutu_crm.models import ActivityKind, Lead, Role
from seutu_crm.services.pipeline import add_activity, add_task, complete_task
from tests.crm.pipeline_helpers import crm_member
from tests.factories import ContactFactory, LeadFactory, TownFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def raahe():
    return TownFactory(code="678", name_fi="Raahe")


def test_activity_bumps_the_leads_last_activity(raahe):
    lead = LeadFactory(town=raahe)
    Lead.objects.filter(pk=lead.pk).update(last_activity_at=timezone.now() - timedelta(days=90))
    contact = ContactFactory(town=raahe, organisation=lead.organisation)
    activity = add_activity(
        crm_member(raahe), lead=lead, kind=ActivityKind.MEETING, text="Tapaaminen", contacts=[contact]
    )
    assert activity.town == raahe and activity.organisation == lead.organisation
    assert list(activity.contacts.all()) == [contact]
    assert timezone.now() - Lead.objects.get(pk=lead.pk).last_activity_at < timedelta(minutes=1)


def test_viewer_cannot_add_an_activity(raahe):
    with pytest.raises(PermissionDenied):
        add_activity(crm_member(raahe, role=Role.VIEWER), lead=LeadFactory(town=raahe), text="x")


def test_completing_a_task_stamps_done_at(raahe):
    user = crm_member(raahe)
    task = add_task(user, lead=LeadFactory(town=raahe), title="Lähetä tarjous", assignee=user)
    complete_task(task, user)
    task.refresh_from_db()
    assert task.done and task.done_at is not None


def test_reopening_a_task_clears_done_at(raahe):
    user = crm_member(raahe)
    task = add_task(user, lead=LeadFactory(town=raahe), title="Soita")
    complete_task(task, user)
    task.done = False
    task.save()
    task.refresh_from_db()
    assert task.done_at is None


def test_other_town_cannot_add_a_task(raahe):
    other = crm_member(TownFactory(code="305"))
    with pytest.raises(PermissionDenied):
        add_task(other, lead=LeadFactory(town=raahe), title="Soita")


def test_activity_cannot_name_another_towns_contact(raahe):
    lead = LeadFactory(town=raahe)
    stranger = ContactFactory(town=TownFactory(code="305"))
    with pytest.raises(PermissionDenied):
        add_activity(crm_member(raahe), lead=lead, text="x", contacts=[stranger])
    assert not lead.activities.exists()
