"""The public "ecosystem at a glance": public actors only, official figures with year and source."""

import json

import pytest
from django.urls import reverse

from seutu_crm.ecosystem.glance import public_glance
from seutu_crm.models import Contact, Lead
from tests.crm.ecosystem_world import world  # noqa: F401
from tests.factories import CompetenceFactory, ContactFactory, LeadFactory, OrganisationFactory

from .page_factories import make_town_page, translate

pytestmark = pytest.mark.django_db

API = "seutu_ecosystem_town_api"


@pytest.fixture
def secrets(world):
    """Private data of Raahe that must never reach the glance, each with a word to look for."""
    secret = CompetenceFactory(name="Salainen osaaminen", slug="salainen-osaaminen")
    hidden = OrganisationFactory(town=world.raahe, name="Piilotettu Oy", is_public=False,
                                 competences=[secret])
    ContactFactory(organisation=hidden, first_name="Salla", last_name="Salainen",
                   email="salla@piilotettu.example")
    LeadFactory(town=world.raahe, organisation=hidden)
    return ["Piilotettu", "Salainen", "salla@", "salainen-osaaminen"]


def test_the_glance_counts_public_active_actors_only(world):
    glance = public_glance(world.raahe, "fi")
    # Raahe: five active actors, one of them not public; the one in liquidation is not counted.
    assert glance.public_actors == 4
    assert {(t.actor_type, t.actors) for t in glance.by_type} == {("company", 3), ("research", 1)}
    assert glance.top_competences[0].slug == "akkumateriaalit"
    assert glance.top_competences[0].actors == 3


def test_the_json_endpoint_gives_the_glance_with_year_and_source(client, world):
    response = client.get(reverse(API, args=["678"]), {"lang": "sv"})
    assert response.status_code == 200
    data = response.json()
    assert data["town_code"] == "678" and data["town_name"] == "Brahestad"
    assert data["key_figures"] == [
        {"indicator": "vaesto", "label": "Befolkning", "year": 2024, "value": 24000.0,
         "unit": "henkeä", "source": "Tilastokeskus, väestörakenne"}
    ]


def test_nothing_private_reaches_the_endpoint(client, world, secrets):
    assert Lead.objects.exists() and Contact.objects.exists()
    body = client.get(reverse(API, args=["678"])).content.decode()
    for word in secrets:
        assert word not in body
    assert json.loads(body)["public_actors"] == 4


def test_an_unknown_or_outside_town_is_404(client, world):
    assert client.get(reverse(API, args=["999"])).status_code == 404
    assert client.get(reverse(API, args=["564"])).status_code == 404  # Oulu: not in the network


def test_the_glance_block_shows_the_towns_public_figures_on_its_swedish_page(client, world, home):
    body = [("ecosystem_glance", {"heading": "", "town": None})]
    page = make_town_page(home, world.raahe, body=body)
    translate(home, "sv", title="Regionstäderna", slug="hem")
    swedish = translate(page, "sv", title="Brahestad", slug="brahestad")
    html = client.get(swedish.url).content.decode()
    assert "4 offentliga aktörer" in html
    assert "Befolkning" in html and "2024" in html and "Tilastokeskus" in html
    assert "<svg" in html and "<table" in html  # the chart and its data table
    assert "Kenno Oy" not in html  # the non-public actor
