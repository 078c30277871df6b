"""The pipeline board: columns, cards, moves by drag endpoint and by the no-JS select."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from seutu_crm.models import LeadStageChange, Stage
from tests.crm.pipeline_world import world  # noqa: F401  (fixture)
from tests.factories import LeadFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def login(client, world, role="business_developer"):
    client.force_login(world.users[role])
    return client


def test_board_has_a_column_per_stage(client, world):
    response = login(client, world).get(reverse("seutu_leads:board"))
    assert response.status_code == 200
    columns = response.context["columns"]
    assert [column["stage"] for column in columns] == list(Stage.values)


def test_card_shows_organisation_town_value_jobs_owner_and_next_step(client, world):
    lead = world.raahe.lead
    lead.owner = world.users["business_developer"]
    lead.owner.first_name, lead.owner.last_name = "Olli", "Omistaja"
    lead.owner.save()
    lead.estimated_investment, lead.estimated_jobs = 2_500_000, 42
    lead.save()
    response = login(client, world).get(reverse("seutu_leads:board"))
    html = response.content.decode()
    card = html[html.index(f'data-lead="{lead.pk}"'):]
    card = card[: card.index("</li>")]
    assert "Ruukin Teräs Oy" in card
    assert "Raahe" in card
    assert "2" in card and "500" in card and "000" in card
    assert ">42<" in card
    assert "Olli Omistaja" in card
    assert lead.next_step_date.isoformat() in card


def test_overdue_next_step_is_marked_in_words_not_only_colour(client, world):
    lead = world.raahe.lead
    lead.next_step_date = timezone.localdate() - datetime.timedelta(days=3)
    lead.save()
    html = login(client, world).get(reverse("seutu_leads:board")).content.decode()
    card = html[html.index(f'data-lead="{lead.pk}"') - 80:]
    card = card[: card.index("</li>")]
    assert "seutu-card--overdue" in card
    assert "Myöhässä" in card or "Overdue" in card


def test_board_shows_only_own_towns_leads(client, world):
    html = login(client, world).get(reverse("seutu_leads:board")).content.decode()
    assert world.raahe.marker in html
    assert world.iisalmi.marker not in html


def test_board_filters_by_owner(client, world):
    developer = world.users["business_developer"]
    owned = LeadFactory(town=world.raahe.town, owner=developer, organisation=OrganisationFactory(name="Omistettu Oy"))
    response = login(client, world).get(reverse("seutu_leads:board"), {"owner": developer.pk})
    html = response.content.decode()
    assert owned.organisation.name in html
    assert world.raahe.marker not in html


def test_viewer_sees_cards_without_move_controls(client, world):
    html = login(client, world, "viewer").get(reverse("seutu_leads:board")).content.decode()
    assert world.raahe.marker in html
    assert "data-move-form" not in html


def test_move_endpoint_moves_and_logs_the_stage_change(client, world):
    lead = world.raahe.lead
    response = login(client, world).post(
        reverse("seutu_leads:move", args=(lead.pk,)),
        {"stage": Stage.QUALIFIED},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json()["stage"] == Stage.QUALIFIED
    lead.refresh_from_db()
    assert lead.stage == Stage.QUALIFIED
    change = LeadStageChange.objects.filter(lead=lead).latest("changed_at", "pk")
    assert (change.from_stage, change.to_stage) == (Stage.CONTACTED, Stage.QUALIFIED)
    assert change.changed_by == world.users["business_developer"]


def test_move_without_javascript_redirects_back_to_the_board(client, world):
    lead = world.raahe.lead
    board = reverse("seutu_leads:board") + "?kind=expansion"
    response = login(client, world).post(
        reverse("seutu_leads:move", args=(lead.pk,)), {"stage": Stage.ACTIVE, "next": board}
    )
    assert response.status_code == 302
    assert response["Location"] == board
    lead.refresh_from_db()
    assert lead.stage == Stage.ACTIVE


def test_move_to_lost_without_reason_is_refused_with_a_message(client, world):
    lead = world.raahe.lead
    response = login(client, world).post(
        reverse("seutu_leads:move", args=(lead.pk,)),
        {"stage": Stage.LOST},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]
    lead.refresh_from_db()
    assert lead.stage == Stage.CONTACTED


def test_move_needs_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["business_developer"])
    response = client.post(
        reverse("seutu_leads:move", args=(world.raahe.lead.pk,)), {"stage": Stage.QUALIFIED}
    )
    assert response.status_code == 403


def test_move_of_another_towns_lead_is_404_and_changes_nothing(client, world):
    lead = world.iisalmi.lead
    response = login(client, world).post(
        reverse("seutu_leads:move", args=(lead.pk,)),
        {"stage": Stage.QUALIFIED},
        headers={"Accept": "application/json"},
    )
    assert response.status_code in (404, 302)
    lead.refresh_from_db()
    assert lead.stage == Stage.CONTACTED


def test_column_shows_totals_of_all_its_leads_beyond_the_card_limit(client, world, settings):
    settings.SEUTU_CRM = {"BOARD_CARDS_PER_STAGE": 2}
    for _ in range(4):
        LeadFactory(town=world.raahe.town, stage=Stage.IDENTIFIED, estimated_investment=100, estimated_jobs=1)
    columns = login(client, world).get(reverse("seutu_leads:board")).context["columns"]
    identified = next(column for column in columns if column["stage"] == Stage.IDENTIFIED)
    assert identified["count"] == 4
    assert len(identified["cards"]) == 2
    assert identified["hidden"] == 2
    assert identified["investment"] == 400


def test_system_check_rejects_a_board_card_limit_below_one(settings):
    from seutu_crm.checks import check_settings

    settings.SEUTU_CRM = {"BOARD_CARDS_PER_STAGE": 0}
    assert "seutu_crm.E006" in [error.id for error in check_settings(None)]
