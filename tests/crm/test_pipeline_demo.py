"""The demo pipeline generator."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from seutu_crm.models import Activity, Lead, LeadStageChange, Stage
from tests.factories import OrganisationFactory, TownFactory

pytestmark = pytest.mark.django_db


def test_demo_pipeline_has_leads_with_history_in_many_stages():
    towns = [TownFactory(code="678"), TownFactory(code="305")]
    OrganisationFactory.create_batch(5, town=towns[0])
    call_command("seutu_pipeline_demo", "--size", "200", stdout=StringIO())
    assert Lead.objects.count() == 200
    assert Lead.objects.values("stage").distinct().count() >= 6
    assert Activity.objects.count() == 200
    assert LeadStageChange.objects.filter(to_stage=Stage.IDENTIFIED).count() == 200
    assert not Lead.objects.filter(stage=Stage.LOST, lost_reason="").exists()


def test_if_empty_leaves_an_existing_pipeline_alone():
    TownFactory(code="678")
    OrganisationFactory()
    call_command("seutu_pipeline_demo", "--size", "3", stdout=StringIO())
    call_command("seutu_pipeline_demo", "--size", "3", "--if-empty", stdout=StringIO())
    assert Lead.objects.count() == 3


def test_without_organisations_it_says_what_to_do():
    TownFactory(code="678")
    with pytest.raises(CommandError, match="seutu_demo"):
        call_command("seutu_pipeline_demo", "--size", "3", stdout=StringIO())
