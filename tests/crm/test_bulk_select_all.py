"""Bulk actions with "select all": the listing's filters decide, and each deletion is logged."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from wagtail.models import ModelLogEntry

from seutu_crm.models import Activity, CRMLogEntry, Lead, Organisation, Stage, Task
from tests.crm.pipeline_world import world  # noqa: F401  (fixture)
from tests.factories import LeadFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def bulk_url(action, model="lead"):
    return reverse("wagtail_bulk_action", args=("seutu_crm", model, action))


@pytest.fixture
def developer(client, world):
    client.force_login(world.users["business_developer"])
    return client


@pytest.fixture
def raahe_leads(world):
    """Three more Raahe leads beside the world's own, with its activity and task."""
    return [world.raahe.lead] + LeadFactory.create_batch(3, town=world.raahe.town)


def messages_of(response):
    """The messages shown, in the admin's language (Finnish for these users)."""
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    "bad_filter",
    [
        {"town": "another"},  # filled in below: another town's id, not among the choices
        {"stage": "bogus"},
        {"town": "not-a-number"},
    ],
    ids=["another-town", "unknown-stage", "malformed-town"],
)
def test_select_all_with_a_filter_that_does_not_validate_deletes_nothing(
    developer, world, raahe_leads, bad_filter
):
    if bad_filter.get("town") == "another":
        bad_filter = {"town": world.iisalmi.town.pk}
    before = Lead.objects.count(), Activity.objects.count(), Task.objects.count()

    response = developer.post(bulk_url("delete") + "?id=all&" + "&".join(
        f"{key}={value}" for key, value in bad_filter.items()
    ))

    assert (Lead.objects.count(), Activity.objects.count(), Task.objects.count()) == before
    assert response.status_code == 302
    assert any("Mitään ei valittu" in text for text in messages_of(response))


def test_select_all_with_a_bad_filter_shows_no_confirmation_either(developer, world, raahe_leads):
    response = developer.get(bulk_url("delete") + "?id=all&stage=bogus", follow=True)
    assert response.status_code == 200
    assert "Mitään ei valittu" in response.text
    assert response.redirect_chain == [(reverse("seutu_leads:list"), 302)]


def test_select_all_with_valid_filters_deletes_only_the_filtered_rows(developer, world, raahe_leads):
    qualified = raahe_leads[1]
    Lead.objects.filter(pk=qualified.pk).update(stage=Stage.QUALIFIED)

    developer.post(bulk_url("delete") + f"?id=all&stage={Stage.QUALIFIED}")

    assert not Lead.objects.filter(pk=qualified.pk).exists()
    assert Lead.objects.filter(town=world.raahe.town).count() == len(raahe_leads) - 1
    assert Lead.objects.filter(pk=world.iisalmi.lead.pk).exists()


def test_every_bulk_deleted_lead_is_logged_with_who_deleted_it(developer, world, raahe_leads):
    ids = "&".join(f"id={lead.pk}" for lead in raahe_leads)
    developer.post(bulk_url("delete") + "?" + ids)

    entries = CRMLogEntry.objects.filter(action="wagtail.delete")
    assert sorted(int(entry.object_id) for entry in entries) == sorted(l.pk for l in raahe_leads)
    assert {entry.user_id for entry in entries} == {world.users["business_developer"].pk}
    assert {entry.town_id for entry in entries} == {world.raahe.town.pk}


@pytest.mark.parametrize("model", ["contact", "activity", "task"])
def test_bulk_deletes_of_contacts_activities_and_tasks_are_logged(developer, world, model):
    record = getattr(world.raahe, model)
    developer.post(bulk_url("delete", model) + f"?id={record.pk}")

    assert not type(record).objects.filter(pk=record.pk).exists()
    entry = CRMLogEntry.objects.get(action="wagtail.delete", object_id=str(record.pk))
    assert entry.content_type.model == model


def test_a_coordinators_bulk_delete_of_organisations_is_logged_per_organisation(client, world):
    coordinator = world.users["coordinator"]
    client.force_login(coordinator)
    doomed = [OrganisationFactory(name=f"Poistuva {n} Oy") for n in ("Yksi", "Kaksi")]
    url = reverse("wagtail_bulk_action", args=("seutu_crm", "organisation", "delete"))

    client.post(url + "?" + "&".join(f"id={o.pk}" for o in doomed))

    assert not Organisation.objects.filter(pk__in=[o.pk for o in doomed]).exists()
    entries = ModelLogEntry.objects.filter(action="wagtail.delete", user=coordinator)
    assert sorted(entry.label for entry in entries) == ["Poistuva Kaksi Oy", "Poistuva Yksi Oy"]
