"""The digest e-mail: each user's overdue tasks and stale leads, in their language."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.users.models import UserProfile

from seutu_crm.models import Lead, Role, Stage
from tests.crm.pipeline_helpers import crm_member
from tests.factories import LeadFactory, TaskFactory, TownFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def raahe():
    return TownFactory(code="678", name_fi="Raahe")


def stale_lead(town, stage=Stage.CONTACTED, days=100, **fields):
    lead = LeadFactory(town=town, stage=stage, **fields)
    Lead.objects.filter(pk=lead.pk).update(last_activity_at=timezone.now() - timedelta(days=days))
    return lead


def run(*args):
    out = StringIO()
    call_command("seutu_digest", *args, stdout=out)
    return out.getvalue()


def test_user_gets_their_overdue_tasks_and_stale_leads(raahe):
    user = crm_member(raahe, email="bd@raahe.fi")
    TaskFactory(lead=LeadFactory(town=raahe), assignee=user, title="Soita tehtaalle",
                due_date=timezone.localdate() - timedelta(days=2))
    stale_lead(raahe, owner=user, organisation__name="Hiljainen Oy")
    run()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == ["bd@raahe.fi"]
    assert "Soita tehtaalle" in body and "Hiljainen Oy" in body


def test_tasks_not_yet_due_or_done_are_left_out(raahe):
    user = crm_member(raahe, email="bd@raahe.fi")
    TaskFactory(lead=LeadFactory(town=raahe), assignee=user, due_date=timezone.localdate())
    TaskFactory(lead=LeadFactory(town=raahe), assignee=user, done=True,
                due_date=timezone.localdate() - timedelta(days=5))
    run()
    assert mail.outbox == []


def test_staleness_follows_the_stage_setting(raahe, settings):
    settings.SEUTU_CRM = {"STALE_DAYS": {"contacted": 10, "qualified": 50}}
    user = crm_member(raahe, email="bd@raahe.fi")
    stale_lead(raahe, Stage.CONTACTED, days=20, owner=user, organisation__name="Vanha Oy")
    stale_lead(raahe, Stage.QUALIFIED, days=20, owner=user, organisation__name="Tuore Oy")
    run()
    assert "Vanha Oy" in mail.outbox[0].body and "Tuore Oy" not in mail.outbox[0].body


def test_unowned_stale_leads_go_to_the_towns_developers_only(raahe):
    developer = crm_member(raahe, email="bd@raahe.fi")
    crm_member(raahe, role=Role.VIEWER, email="viewer@raahe.fi")
    crm_member(None, role=Role.COORDINATOR, email="coordinator@seutu.fi")
    crm_member(TownFactory(code="305"), email="bd@kuusamo.fi")
    stale_lead(raahe)
    run()
    assert [message.to for message in mail.outbox] == [[developer.email]]


def test_digest_is_written_in_the_users_language(raahe):
    # Message catalogs come later; Django's own date formats already differ by language.
    english = crm_member(raahe, email="en@raahe.fi")
    UserProfile.objects.create(user=english, preferred_language="en")
    finnish = crm_member(raahe, email="fi@raahe.fi")
    UserProfile.objects.create(user=finnish, preferred_language="fi")
    lead = stale_lead(raahe, owner=english)
    Lead.objects.filter(pk=lead.pk).update(owner=None)  # both developers get it
    when = timezone.localtime(Lead.objects.get(pk=lead.pk).last_activity_at)
    run()
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert when.strftime("%m/%d/%Y") in bodies["en@raahe.fi"]
    assert f"{when.day}.{when.month}.{when.year}" in bodies["fi@raahe.fi"]


def test_users_with_nothing_to_do_get_nothing(raahe):
    crm_member(raahe, email="bd@raahe.fi")
    assert "0 user(s)" in run()
    assert mail.outbox == []


def test_dry_run_sends_nothing(raahe):
    stale_lead(raahe, owner=crm_member(raahe, email="bd@raahe.fi"))
    assert "1 user(s) would get a digest" in run("--dry-run")
    assert mail.outbox == []


def test_system_check_names_unknown_stages_in_stale_days(settings):
    from seutu_crm.checks import check_settings

    settings.SEUTU_CRM = {"STALE_DAYS": {"contacted": 10, "signed": 5}}
    errors = check_settings(None)
    assert [error.id for error in errors] == ["seutu_crm.E005"]
    assert "signed" in errors[0].msg
