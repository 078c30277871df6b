"""The audit log of leads, contacts, activities and tasks is as private as the rows themselves.

Raahe's business developer reads Raahe's entries (site history report, the lead's history)
and nothing of Iisalmi's; a coordinator reads both. The entries live in CRMLogEntry with the
town that held the object.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from seutu_crm.models import Activity, Contact, CRMLogEntry, Lead, Stage, Task
from seutu_crm.services import pipeline
from tests.crm.pipeline_world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

SITE_HISTORY = "wagtailadmin_reports:site_history"
SITE_HISTORY_RESULTS = "wagtailadmin_reports:site_history_results"
IISALMI_LOST_REASON = "Kilpailijan tarjous Kajaanista"


@pytest.fixture
def stage_changes(world):
    """Each town's business developer (or a coordinator for Iisalmi) moved their lead."""
    pipeline.move_stage(world.raahe.lead, Stage.QUALIFIED, world.users["business_developer"])
    pipeline.move_stage(
        world.iisalmi.lead,
        Stage.LOST,
        world.users["coordinator"],
        lost_reason=IISALMI_LOST_REASON,
    )
    return world


def stage_message(lead):
    """The stage change's message as the admin shows it (in Finnish, the site's language)."""
    entry = CRMLogEntry.objects.get(action="seutu_crm.stage_change", object_id=str(lead.pk))
    with translation.override("fi"):
        return escape(entry.message)


def site_history(client, user):
    client.force_login(user)
    response = client.get(reverse(SITE_HISTORY))
    assert response.status_code == 200
    return response.content.decode()


def test_crm_models_log_to_the_town_scoped_entry_model():
    for model in (Lead, Contact, Activity, Task):
        assert log_registry.get_log_model_for_model(model) is CRMLogEntry


def test_a_stage_change_is_logged_with_the_leads_town(stage_changes):
    entry = CRMLogEntry.objects.get(action="seutu_crm.stage_change", object_id=str(stage_changes.raahe.lead.pk))
    assert entry.town == stage_changes.raahe.town
    assert not ModelLogEntry.objects.filter(action="seutu_crm.stage_change").exists()


@pytest.mark.parametrize("model", ["lead", "contact", "activity", "task"])
def test_viewable_entries_are_those_of_the_users_towns(world, model):
    own, other = getattr(world.raahe, model), getattr(world.iisalmi, model)
    log(own, "wagtail.edit")
    log(other, "wagtail.edit")
    viewable = CRMLogEntry.objects.viewable_by_user(world.users["business_developer"])
    assert set(viewable.values_list("object_id", flat=True)) == {str(own.pk)}
    everything = CRMLogEntry.objects.viewable_by_user(world.users["coordinator"])
    assert set(everything.values_list("object_id", flat=True)) == {str(own.pk), str(other.pk)}


def test_business_developer_sees_own_towns_stage_change_in_site_history(client, stage_changes):
    html = site_history(client, stage_changes.users["business_developer"])
    assert stage_changes.raahe.marker in html
    assert stage_message(stage_changes.raahe.lead) in html


def test_business_developer_does_not_see_other_towns_entries_in_site_history(client, stage_changes):
    html = site_history(client, stage_changes.users["business_developer"])
    assert stage_changes.iisalmi.marker not in html
    assert stage_message(stage_changes.iisalmi.lead) not in html


def test_business_developer_does_not_see_other_towns_entries_in_site_history_results(
    client, stage_changes
):
    client.force_login(stage_changes.users["business_developer"])
    response = client.get(reverse(SITE_HISTORY_RESULTS), {"action": "seutu_crm.stage_change"})
    assert response.status_code == 200
    html = response.content.decode()
    assert stage_changes.raahe.marker in html
    assert stage_changes.iisalmi.marker not in html


def test_site_history_export_holds_no_other_towns_label_or_data(client, stage_changes):
    client.force_login(stage_changes.users["business_developer"])
    response = client.get(reverse(SITE_HISTORY), {"export": "csv"})
    assert response.status_code == 200
    exported = b"".join(response.streaming_content).decode()
    assert stage_changes.raahe.marker in exported
    assert stage_changes.iisalmi.marker not in exported
    assert IISALMI_LOST_REASON not in exported


def test_business_developer_does_not_see_other_towns_contact_name_in_site_history(client, world):
    log(world.raahe.contact, "wagtail.edit")
    log(world.iisalmi.contact, "wagtail.edit")
    html = site_history(client, world.users["business_developer"])
    assert world.raahe.contact.full_name in html
    assert world.iisalmi.contact.full_name not in html


def test_site_history_still_lists_entries_of_shared_models(client, stage_changes):
    # Organisations keep logging to Wagtail's ModelLogEntry, shown next to CRMLogEntry rows.
    organisation = stage_changes.iisalmi.lead.organisation
    log(organisation, "wagtail.edit", title="Savon Salainen Oy (yhteinen rekisteri)")
    html = site_history(client, stage_changes.users["business_developer"])
    assert "Savon Salainen Oy (yhteinen rekisteri)" in html
    assert stage_changes.raahe.marker in html


def test_coordinator_sees_both_towns_in_site_history(client, stage_changes):
    html = site_history(client, stage_changes.users["coordinator"])
    assert stage_changes.raahe.marker in html
    assert stage_changes.iisalmi.marker in html
    assert stage_message(stage_changes.iisalmi.lead) in html


def test_anonymous_visitor_is_sent_to_log_in(client, stage_changes):
    response = client.get(reverse(SITE_HISTORY))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_business_developer_sees_the_stage_change_in_the_leads_history(client, stage_changes):
    client.force_login(stage_changes.users["business_developer"])
    response = client.get(reverse("seutu_leads:history", args=[stage_changes.raahe.lead.pk]))
    assert response.status_code == 200
    assert stage_message(stage_changes.raahe.lead) in response.content.decode()


def test_business_developer_cannot_open_other_towns_lead_history(client, stage_changes):
    client.force_login(stage_changes.users["business_developer"])
    response = client.get(reverse("seutu_leads:history", args=[stage_changes.iisalmi.lead.pk]))
    assert response.status_code in (302, 403, 404)
    assert IISALMI_LOST_REASON not in response.content.decode()
    assert stage_changes.iisalmi.marker not in response.content.decode()


def test_coordinator_sees_the_stage_change_in_other_towns_lead_history(client, stage_changes):
    client.force_login(stage_changes.users["coordinator"])
    response = client.get(reverse("seutu_leads:history", args=[stage_changes.iisalmi.lead.pk]))
    assert response.status_code == 200
    assert stage_message(stage_changes.iisalmi.lead) in response.content.decode()


def test_dashboard_shows_no_other_towns_log_entries(client, stage_changes):
    client.force_login(stage_changes.users["business_developer"])
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert stage_changes.iisalmi.marker not in response.content.decode()


def test_migration_moves_earlier_entries_to_the_town_scoped_model(world):
    migration = importlib.import_module("seutu_crm.migrations.0004_crm_log_entries")
    ModelLogEntry.objects.log_action(world.iisalmi.lead, "wagtail.edit")
    ModelLogEntry.objects.log_action(world.raahe.contact, "wagtail.edit")

    migration.move_crm_log_entries(apps, schema_editor=None)

    assert not ModelLogEntry.objects.filter(action="wagtail.edit").exists()
    moved = {(e.object_id, e.town_id) for e in CRMLogEntry.objects.filter(action="wagtail.edit")}
    assert moved == {
        (str(world.iisalmi.lead.pk), world.iisalmi.town.pk),
        (str(world.raahe.contact.pk), world.raahe.town.pk),
    }
