"""The lead listing, edit form, lead page (timeline, quick-add) and referral form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from seutu_crm.models import Activity, Lead, LeadStageChange, Referral, Stage, Task
from seutu_crm.services import pipeline
from tests.crm.pipeline_world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def developer_client(client, world):
    client.force_login(world.users["business_developer"])
    return client


def test_listing_filters_by_stage(developer_client, world):
    response = developer_client.get(reverse("seutu_leads:list"), {"stage": Stage.WON})
    assert world.raahe.marker not in response.content.decode()
    response = developer_client.get(reverse("seutu_leads:list"), {"stage": Stage.CONTACTED})
    assert world.raahe.marker in response.content.decode()


def test_listing_searches_organisation_names(developer_client, world):
    html = developer_client.get(reverse("seutu_leads:list"), {"q": "Ruukin"}).content.decode()
    assert world.raahe.marker in html
    html = developer_client.get(reverse("seutu_leads:list"), {"q": "Nonexistent"}).content.decode()
    assert world.raahe.marker not in html


def test_listing_exports_xlsx_with_own_rows_only(developer_client, world):
    from io import BytesIO

    from openpyxl import load_workbook

    response = developer_client.get(reverse("seutu_leads:list"), {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    cells = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert world.raahe.marker in cells
    assert world.iisalmi.marker not in cells


def test_edit_form_stage_change_is_logged(developer_client, world):
    lead = world.raahe.lead
    url = reverse("seutu_leads:edit", args=(lead.pk,))
    form = developer_client.get(url).context["form"]
    data = {
        name: (value.pk if hasattr(value, "pk") else value)
        for name, value in form.initial.items()
        if value is not None and name != "competences"
    }
    data["stage"] = Stage.ACTIVE
    response = developer_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    lead.refresh_from_db()
    assert lead.stage == Stage.ACTIVE
    assert LeadStageChange.objects.filter(
        lead=lead, from_stage=Stage.CONTACTED, to_stage=Stage.ACTIVE
    ).exists()


def test_lead_page_shows_timeline_newest_first(developer_client, world):
    lead = world.raahe.lead
    user = world.users["business_developer"]
    pipeline.add_activity(
        user, lead=lead, kind="call", text="Vanha puhelu",
        date=timezone.localdate() - datetime.timedelta(days=30),
    )
    pipeline.move_stage(lead, Stage.QUALIFIED, user)
    response = developer_client.get(reverse("seutu_leads:inspect", args=(lead.pk,)))
    timeline = response.context["timeline"]
    kinds = [entry.kind for entry in timeline]
    assert kinds[0] == "stage_change"
    assert timeline[-1].text == "Vanha puhelu"
    assert [entry.sort_key for entry in timeline] == sorted(
        (entry.sort_key for entry in timeline), reverse=True
    )


def test_lead_page_lists_own_towns_contacts_of_the_organisation(developer_client, world):
    html = developer_client.get(
        reverse("seutu_leads:inspect", args=(world.raahe.lead.pk,))
    ).content.decode()
    assert world.raahe.contact.full_name in html


def test_quick_add_meeting_appears_on_the_timeline(developer_client, world):
    lead = world.raahe.lead
    response = developer_client.post(
        reverse("seutu_leads:add_activity", args=(lead.pk,)),
        {"activity-kind": "meeting", "activity-date": timezone.localdate().isoformat(),
         "activity-text": "Tehdaskierros", "activity-contacts": [world.raahe.contact.pk]},
    )
    assert response.status_code == 302
    activity = Activity.objects.get(text="Tehdaskierros")
    assert activity.lead == lead and activity.town == lead.town
    assert list(activity.contacts.all()) == [world.raahe.contact]
    html = developer_client.get(response["Location"]).content.decode()
    assert "Tehdaskierros" in html


def test_quick_add_with_errors_rerenders_the_page_with_messages(developer_client, world):
    lead = world.raahe.lead
    response = developer_client.post(
        reverse("seutu_leads:add_task", args=(lead.pk,)), {"task-title": "", "task-due_date": "huomenna"}
    )
    assert response.status_code == 400
    form = response.context["task_form"]
    assert form.errors["title"] and form.errors["due_date"]
    assert not Task.objects.filter(lead=lead, title="").exists()


def test_quick_add_task_is_saved(developer_client, world):
    lead = world.raahe.lead
    response = developer_client.post(
        reverse("seutu_leads:add_task", args=(lead.pk,)),
        {"task-title": "Lähetä tarjous", "task-due_date": timezone.localdate().isoformat(),
         "task-assignee": world.users["business_developer"].pk},
    )
    assert response.status_code == 302
    assert Task.objects.filter(lead=lead, title="Lähetä tarjous").exists()


def test_referral_needs_the_actors_agreement(developer_client, world):
    lead = world.raahe.lead
    response = developer_client.post(
        reverse("seutu_leads:refer", args=(lead.pk,)),
        {"referral-to_town": world.kuusamo.pk, "referral-reason": "Parempi satama"},
    )
    assert response.status_code == 400
    assert response.context["referral_form"].errors["actor_agreed"]
    lead.refresh_from_db()
    assert lead.town == world.raahe.town


def test_referral_hands_the_lead_to_the_other_town_and_keeps_history(developer_client, world):
    lead = world.raahe.lead
    response = developer_client.post(
        reverse("seutu_leads:refer", args=(lead.pk,)),
        {"referral-to_town": world.kuusamo.pk, "referral-reason": "Parempi satama",
         "referral-actor_agreed": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("seutu_leads:list")
    lead.refresh_from_db()
    assert lead.town == world.kuusamo
    referral = Referral.objects.get(lead=lead)
    assert (referral.from_town, referral.to_town) == (world.raahe.town, world.kuusamo)
    # the referring developer no longer sees it
    assert developer_client.get(reverse("seutu_leads:inspect", args=(lead.pk,))).status_code in (302, 404)
    assert Activity.objects.filter(lead=lead).count() == 1


def test_bulk_assign_owner_changes_only_own_leads(developer_client, world):
    developer = world.users["business_developer"]
    url = reverse("wagtail_bulk_action", args=("seutu_crm", "lead", "assign_owner"))
    ids = f"?id={world.raahe.lead.pk}&id={world.iisalmi.lead.pk}"
    response = developer_client.post(url + ids, {"owner": developer.pk})
    assert response.status_code == 302
    assert Lead.objects.get(pk=world.raahe.lead.pk).owner == developer
    assert Lead.objects.get(pk=world.iisalmi.lead.pk).owner is None


def test_bulk_change_stage_with_select_all_moves_only_own_filtered_leads(developer_client, world):
    url = reverse("wagtail_bulk_action", args=("seutu_crm", "lead", "change_stage"))
    response = developer_client.post(url + "?id=all&stage=contacted", {"stage": Stage.QUALIFIED})
    assert response.status_code == 302
    assert Lead.objects.get(pk=world.raahe.lead.pk).stage == Stage.QUALIFIED
    assert Lead.objects.get(pk=world.iisalmi.lead.pk).stage == Stage.CONTACTED


def test_bulk_delete_select_all_deletes_only_own_towns_tasks(developer_client, world):
    url = reverse("wagtail_bulk_action", args=("seutu_crm", "task", "delete"))
    response = developer_client.post(url + "?id=all")
    assert response.status_code == 302
    assert not Task.objects.filter(pk=world.raahe.task.pk).exists()
    assert Task.objects.filter(pk=world.iisalmi.task.pk).exists()


def test_coordinator_exports_a_contacts_personal_data_as_json(client, world):
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("seutu_contacts:export_personal_data", args=(world.iisalmi.contact.pk,)))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "Tiina" in response.content.decode()


def test_coordinator_erases_a_contact_after_confirming(client, world):
    contact = world.iisalmi.contact
    client.force_login(world.users["coordinator"])
    url = reverse("seutu_contacts:erase_personal_data", args=(contact.pk,))
    assert "Tiina Toisenen" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.anonymised_at is not None
    assert "Tiina" not in contact.first_name


def test_business_developer_cannot_erase_own_towns_contact(developer_client, world):
    contact = world.raahe.contact
    response = developer_client.post(reverse("seutu_contacts:erase_personal_data", args=(contact.pk,)))
    assert response.status_code in (302, 403)
    contact.refresh_from_db()
    assert contact.anonymised_at is None
