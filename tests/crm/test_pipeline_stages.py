"""Moving leads between stages: validation, history, permissions, denormalised fields."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from seutu_crm.models import CRMLogEntry, Lead, LeadStageChange, Role, Stage
from seutu_crm.services.pipeline import (
    assign_owner,
    bulk_assign_owner,
    bulk_move_stage,
    move_stage,
)
from tests.crm.pipeline_helpers import crm_member
from tests.factories import LeadFactory, TownFactory

pytestmark = pytest.mark.django_db


def moves():
    """Stage changes other than the creation of a lead."""
    return LeadStageChange.objects.exclude(from_stage="")


@pytest.fixture
def raahe():
    return TownFactory(code="678", name_fi="Raahe")


@pytest.fixture
def kuusamo():
    return TownFactory(code="305", name_fi="Kuusamo")


@pytest.fixture
def developer(raahe):
    return crm_member(raahe)


def test_stage_labels_are_in_pipeline_order():
    assert [stage.value for stage in Stage.ordered()] == [
        "identified", "contacted", "qualified", "active", "decision",
        "won", "aftercare", "on_hold", "lost",
    ]


def test_move_records_from_to_who_and_when(raahe, developer):
    lead = LeadFactory(town=raahe, stage=Stage.CONTACTED)
    change = move_stage(lead, Stage.QUALIFIED, developer)
    change.refresh_from_db()
    assert (change.from_stage, change.to_stage, change.changed_by) == ("contacted", "qualified", developer)
    assert change.town == raahe
    assert abs(change.changed_at - timezone.now()) < timedelta(minutes=1)
    assert Lead.objects.get(pk=lead.pk).stage == Stage.QUALIFIED


def test_move_is_written_to_the_wagtail_audit_log(raahe, developer):
    lead = LeadFactory(town=raahe, stage=Stage.CONTACTED)
    move_stage(lead, Stage.QUALIFIED, developer)
    entry = CRMLogEntry.objects.get(action="seutu_crm.stage_change")
    assert entry.user == developer and entry.object_id == str(lead.pk)
    assert entry.data["from"] == "contacted" and entry.data["to"] == "qualified"
    with translation.override("en"):
        assert entry.message == "Moved from Contacted to Qualified"


def test_move_sets_last_activity(raahe, developer):
    long_ago = timezone.now() - timedelta(days=100)
    lead = LeadFactory(town=raahe)
    Lead.objects.filter(pk=lead.pk).update(last_activity_at=long_ago)
    move_stage(lead, Stage.CONTACTED, developer)
    assert Lead.objects.get(pk=lead.pk).last_activity_at > long_ago


def test_moving_to_lost_needs_a_reason(raahe, developer):
    lead = LeadFactory(town=raahe)
    with pytest.raises(ValidationError) as raised:
        move_stage(lead, Stage.LOST, developer, lost_reason="  ")
    assert "lost_reason" in raised.value.message_dict
    assert Lead.objects.get(pk=lead.pk).stage == Stage.IDENTIFIED
    assert not moves().exists()


def test_moving_to_lost_keeps_the_reason_and_closes_the_lead(raahe, developer):
    lead = LeadFactory(town=raahe, stage=Stage.DECISION)
    move_stage(lead, Stage.LOST, developer, lost_reason="Valitsi Ruotsin")
    lead.refresh_from_db()
    assert lead.lost_reason == "Valitsi Ruotsin" and lead.closed_at is not None


def test_unknown_stage_is_rejected(raahe, developer):
    with pytest.raises(ValidationError):
        move_stage(LeadFactory(town=raahe), "signed", developer)


def test_moving_to_the_same_stage_logs_nothing(raahe, developer):
    lead = LeadFactory(town=raahe, stage=Stage.CONTACTED)
    assert move_stage(lead, Stage.CONTACTED, developer) is None
    assert not moves().exists()


def test_won_date_is_kept_into_aftercare_and_cleared_on_reopening(raahe, developer):
    lead = LeadFactory(town=raahe, stage=Stage.DECISION)
    move_stage(lead, Stage.WON, developer)
    won_at = Lead.objects.get(pk=lead.pk).closed_at
    move_stage(lead, Stage.AFTERCARE, developer)
    assert Lead.objects.get(pk=lead.pk).closed_at == won_at
    move_stage(lead, Stage.ACTIVE, developer)
    assert Lead.objects.get(pk=lead.pk).closed_at is None


def test_other_towns_developer_cannot_move_a_lead(raahe, kuusamo):
    lead = LeadFactory(town=raahe)
    with pytest.raises(PermissionDenied):
        move_stage(lead, Stage.CONTACTED, crm_member(kuusamo))
    assert Lead.objects.get(pk=lead.pk).stage == Stage.IDENTIFIED


def test_viewer_cannot_move_a_lead(raahe):
    lead = LeadFactory(town=raahe)
    with pytest.raises(PermissionDenied):
        move_stage(lead, Stage.CONTACTED, crm_member(raahe, role=Role.VIEWER))


def test_coordinator_can_move_any_lead(raahe):
    lead = LeadFactory(town=raahe)
    assert move_stage(lead, Stage.CONTACTED, crm_member(None, role=Role.COORDINATOR))


def test_bulk_move_is_all_or_nothing(raahe, kuusamo, developer):
    own, other = LeadFactory(town=raahe), LeadFactory(town=kuusamo)
    with pytest.raises(PermissionDenied):
        bulk_move_stage([own, other], Stage.CONTACTED, developer)
    assert not moves().exists()
    assert bulk_move_stage([own, LeadFactory(town=raahe)], Stage.CONTACTED, developer) == 2


def test_owner_must_be_able_to_edit_the_leads_town(raahe, kuusamo, developer):
    lead = LeadFactory(town=raahe)
    with pytest.raises(ValidationError):
        assign_owner(lead, crm_member(kuusamo), developer)
    with pytest.raises(ValidationError):
        assign_owner(lead, crm_member(raahe, role=Role.VIEWER), developer)
    colleague = crm_member(raahe)
    assert assign_owner(lead, colleague, developer)
    assert Lead.objects.get(pk=lead.pk).owner == colleague
    assert CRMLogEntry.objects.filter(action="seutu_crm.owner_change").count() == 1


def test_bulk_assign_owner(raahe, developer):
    leads = [LeadFactory(town=raahe) for _ in range(3)]
    assert bulk_assign_owner(leads, developer, developer) == 3
    assert set(Lead.objects.values_list("owner", flat=True)) == {developer.pk}


def test_lead_without_lost_reason_fails_model_validation(raahe):
    lead = LeadFactory.build(town=raahe, stage=Stage.LOST, lost_reason="")
    with pytest.raises(ValidationError) as raised:
        lead.clean()
    assert "lost_reason" in raised.value.message_dict


def queries_of(action):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_stage_move_costs_the_same_queries_however_many_leads(raahe, developer):
    from tests.factories import ActivityFactory

    first = LeadFactory(town=raahe, stage=Stage.CONTACTED)
    move_stage(first, Stage.QUALIFIED, developer)  # warm the caches (scope, content types)
    small = queries_of(lambda: move_stage(first, Stage.ACTIVE, developer))
    for _ in range(40):
        ActivityFactory(lead=LeadFactory(town=raahe, stage=Stage.CONTACTED))
    last = LeadFactory(town=raahe, stage=Stage.QUALIFIED)
    assert queries_of(lambda: move_stage(last, Stage.ACTIVE, developer)) == small


def test_new_lead_starts_its_history(raahe, developer):
    lead = LeadFactory(town=raahe, stage=Stage.CONTACTED)
    assert list(lead.stage_changes.values_list("from_stage", "to_stage")) == [("", "contacted")]


def test_stage_edited_in_a_form_is_recorded_with_the_admin_user(raahe, developer):
    from wagtail.log_actions import LogContext

    lead = Lead.objects.get(pk=LeadFactory(town=raahe, stage=Stage.CONTACTED).pk)
    lead.stage = Stage.ACTIVE
    with LogContext(user=developer):  # what every Wagtail admin view runs in
        lead.save()
    change = moves().get()
    assert (change.from_stage, change.to_stage, change.changed_by) == ("contacted", "active", developer)
    assert CRMLogEntry.objects.filter(action="seutu_crm.stage_change", user=developer).exists()


def test_saving_without_a_stage_change_records_nothing(raahe):
    lead = Lead.objects.get(pk=LeadFactory(town=raahe).pk)
    lead.next_step = "Soita"
    lead.save()
    assert not moves().exists()
