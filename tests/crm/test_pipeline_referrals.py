"""Referring a lead to another town of the network."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from seutu_crm.models import CRMLogEntry, Lead, Referral, Role
from seutu_crm.permission_policies import lead_permission_policy, referral_permission_policy
from seutu_crm.services.referrals import refer
from tests.crm.pipeline_helpers import crm_member
from tests.factories import ActivityFactory, LeadFactory, TaskFactory, TownFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def raahe():
    return TownFactory(code="678", name_fi="Raahe")


@pytest.fixture
def kuusamo():
    return TownFactory(code="305", name_fi="Kuusamo")


def test_referral_hands_the_lead_and_its_history_to_the_receiving_town(raahe, kuusamo):
    developer = crm_member(raahe)
    lead = LeadFactory(town=raahe, owner=developer)
    activity, task = ActivityFactory(lead=lead), TaskFactory(lead=lead)

    referral = refer(lead, kuusamo, "Tarvitsee satamaa", True, developer)

    lead.refresh_from_db()
    assert lead.town == kuusamo and lead.owner is None
    activity.refresh_from_db(), task.refresh_from_db()
    assert activity.town == kuusamo and task.town == kuusamo
    assert (referral.from_town, referral.to_town, referral.referred_by) == (raahe, kuusamo, developer)


def test_receiving_town_sees_the_lead_and_referring_town_keeps_the_referral(raahe, kuusamo):
    raahe_dev, kuusamo_dev = crm_member(raahe), crm_member(kuusamo)
    lead = LeadFactory(town=raahe)
    referral = refer(lead, kuusamo, "Parempi sijainti", True, raahe_dev)
    assert lead_permission_policy.user_has_permission_for_instance(kuusamo_dev, "change", lead)
    assert not lead_permission_policy.user_has_permission_for_instance(raahe_dev, "view", lead)
    assert referral_permission_policy.user_has_permission_for_instance(raahe_dev, "view", referral)


def test_referral_without_the_actors_agreement_is_refused(raahe, kuusamo):
    lead = LeadFactory(town=raahe)
    with pytest.raises(ValidationError) as raised:
        refer(lead, kuusamo, "Syy", False, crm_member(raahe))
    assert "actor_agreed" in raised.value.message_dict
    assert Lead.objects.get(pk=lead.pk).town == raahe and not Referral.objects.exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_referral_needs_a_reason(raahe, kuusamo, reason):
    with pytest.raises(ValidationError):
        refer(LeadFactory(town=raahe), kuusamo, reason, True, crm_member(raahe))


def test_cannot_refer_to_the_same_town_or_outside_the_network(raahe):
    lead, user = LeadFactory(town=raahe), crm_member(raahe)
    with pytest.raises(ValidationError):
        refer(lead, raahe, "Syy", True, user)
    with pytest.raises(ValidationError):
        refer(lead, TownFactory(code="091", in_network=False), "Syy", True, user)


def test_other_towns_developer_cannot_refer_a_lead(raahe, kuusamo):
    with pytest.raises(PermissionDenied):
        refer(LeadFactory(town=raahe), kuusamo, "Syy", True, crm_member(kuusamo))


def test_referral_is_logged(raahe, kuusamo):
    lead = LeadFactory(town=raahe)
    refer(lead, kuusamo, "Syy", True, crm_member(raahe))
    entry = CRMLogEntry.objects.get(action="seutu_crm.referral")
    assert entry.data["from_town"]["code"] == "678" and entry.data["to_town"]["code"] == "305"


def test_receiving_towns_developers_are_emailed(raahe, kuusamo, django_capture_on_commit_callbacks):
    receiver = crm_member(kuusamo, email="bd@kuusamo.fi")
    crm_member(None, role=Role.COORDINATOR, email="coordinator@seutu.fi")
    with django_capture_on_commit_callbacks(execute=True):
        refer(LeadFactory(town=raahe), kuusamo, "Syy", True, crm_member(raahe, email="bd@raahe.fi"))
    assert [message.to for message in mail.outbox] == [[receiver.email]]
