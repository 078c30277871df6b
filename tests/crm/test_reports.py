"""Dashboard and report queries (seutu_crm.queries): right numbers, own towns only, flat cost."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from seutu_crm import queries
from seutu_crm.models import Lead, Role, Stage
from seutu_crm.scoping import get_scope
from seutu_crm.services.pipeline import move_stage
from seutu_crm.services.referrals import refer
from tests.crm.pipeline_helpers import crm_member
from tests.factories import LeadFactory, ReferralFactory, TaskFactory, TownFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def raahe():
    return TownFactory(code="678", name_fi="Raahe")


@pytest.fixture
def kuusamo():
    return TownFactory(code="305", name_fi="Kuusamo")


@pytest.fixture
def developer(raahe):
    user = crm_member(raahe)
    get_scope(user)  # memberships are read once per user object
    return user


def test_pipeline_by_stage_counts_and_sums_own_towns_leads(raahe, kuusamo, developer):
    LeadFactory(town=raahe, stage=Stage.QUALIFIED, estimated_investment=2_000_000, estimated_jobs=20)
    LeadFactory(town=raahe, stage=Stage.QUALIFIED, estimated_investment=3_000_000, estimated_jobs=5)
    LeadFactory(town=kuusamo, stage=Stage.QUALIFIED, estimated_investment=9_000_000)
    rows = {row["stage"]: row for row in queries.pipeline_by_stage(developer)}
    assert list(rows) == Stage.values
    assert (rows["qualified"]["count"], rows["qualified"]["investment"], rows["qualified"]["jobs"]) == (
        2, 5_000_000, 25,
    )
    assert rows["won"]["count"] == 0


@pytest.mark.parametrize("size", [3, 60])
def test_pipeline_by_stage_is_one_query_at_any_size(raahe, developer, size, django_assert_num_queries):
    for i in range(size):
        LeadFactory(town=raahe, stage=Stage.values[i % len(Stage.values)])
    with django_assert_num_queries(1):
        queries.pipeline_by_stage(developer)


def test_my_tasks_split_overdue_and_upcoming(raahe, developer):
    today = timezone.localdate()
    lead = LeadFactory(town=raahe)
    overdue = TaskFactory(lead=lead, assignee=developer, due_date=today - timedelta(days=1))
    upcoming = TaskFactory(lead=lead, assignee=developer, due_date=today + timedelta(days=3))
    TaskFactory(lead=lead, assignee=developer, due_date=today - timedelta(days=1), done=True)
    TaskFactory(lead=lead, assignee=crm_member(raahe), due_date=today)  # a colleague's
    assert queries.my_tasks(developer) == ([overdue], [upcoming])


def test_stale_leads_follow_the_days_of_each_stage(raahe, developer, settings):
    settings.SEUTU_CRM = {"STALE_DAYS": {"contacted": 10, "qualified": 40}}
    stale = LeadFactory(town=raahe, stage=Stage.CONTACTED)
    fresh = LeadFactory(town=raahe, stage=Stage.QUALIFIED)
    Lead.objects.update(last_activity_at=timezone.now() - timedelta(days=20))
    assert queries.stale_leads(developer) == [stale]
    assert fresh not in queries.stale_leads(developer)


def test_decisions_due_within_30_days(raahe, kuusamo, developer):
    today = timezone.localdate()
    due = LeadFactory(town=raahe, stage=Stage.DECISION, expected_decision_date=today + timedelta(days=10))
    LeadFactory(town=raahe, stage=Stage.DECISION, expected_decision_date=today + timedelta(days=45))
    LeadFactory(town=raahe, stage=Stage.WON, expected_decision_date=today + timedelta(days=5))
    LeadFactory(town=kuusamo, stage=Stage.DECISION, expected_decision_date=today + timedelta(days=5))
    assert queries.decisions_due(developer, days=30) == [due]


def test_referrals_received_are_those_to_own_towns(raahe, kuusamo):
    kuusamo_developer = crm_member(kuusamo)
    lead = LeadFactory(town=raahe)
    referral = refer(lead, kuusamo, "Satama", True, crm_member(raahe))
    ReferralFactory(lead=LeadFactory(town=raahe), from_town=kuusamo, to_town=raahe)
    assert queries.referrals_received(kuusamo_developer) == [referral]


def test_pipeline_report_credits_won_and_lost_by_quarter(raahe, developer):
    won = LeadFactory(town=raahe, stage=Stage.DECISION, estimated_investment=4_000_000, estimated_jobs=30)
    move_stage(won, Stage.WON, developer)
    Lead.objects.filter(pk=won.pk).update(realised_investment=5_000_000, realised_jobs=25)
    move_stage(LeadFactory(town=raahe), Stage.LOST, developer, lost_reason="Ei rahoitusta")
    year = timezone.now().year
    quarter = (timezone.localtime().month - 1) // 3 + 1
    [row] = queries.pipeline_report(developer, year=year)
    assert row["quarter"] == f"{year} Q{quarter}"
    assert (row["won"], row["lost"]) == (1, 1)
    assert (row["estimated_investment"], row["realised_investment"]) == (4_000_000, 5_000_000)
    assert (row["estimated_jobs"], row["realised_jobs"]) == (30, 25)


def test_pipeline_report_credits_both_the_referring_and_the_receiving_town(raahe, kuusamo):
    coordinator = crm_member(None, role=Role.COORDINATOR)
    lead = LeadFactory(town=raahe, stage=Stage.QUALIFIED)
    refer(lead, kuusamo, "Satama", True, crm_member(raahe))
    move_stage(lead, Stage.WON, coordinator)
    rows = {row["town"]: row for row in queries.pipeline_report(coordinator, year=timezone.now().year)}
    assert rows["Kuusamo"]["won"] == 1 and rows["Kuusamo"]["referred_in"] == 1
    assert rows["Raahe"]["referred_out"] == 1 and rows["Raahe"]["won_after_referral"] == 1
    assert rows["Raahe"]["won"] == 0


@pytest.mark.parametrize("size", [2, 40])
def test_pipeline_report_costs_the_same_queries_at_any_size(raahe, developer, size, django_assert_max_num_queries):
    for i in range(size):
        LeadFactory(town=raahe, stage=Stage.WON, closed_at=timezone.now() - datetime.timedelta(days=i * 9))
    with django_assert_max_num_queries(5):
        queries.pipeline_report(developer, year=timezone.now().year)
