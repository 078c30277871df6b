"""Findable and shareable: meta tags, Open Graph, sitemap and JSON-LD with public data only."""

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from django.utils.html import escape

from seutu_crm.models import OrganisationDescription
from seutu_pages.models import ActorDirectoryPage
from tests.factories import ContactFactory, OrganisationFactory

from . import site_tree

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response):
    return [json.loads(block) for block in JSON_LD.findall(response.text)]


@pytest.fixture
def home():
    return site_tree.network_home()


@pytest.fixture
def town_page(home):
    return site_tree.town_page(
        home, search_description="Satama, tuulivoima ja puutalot Pohjanmaalla."
    )


def test_page_has_description_canonical_and_open_graph_tags(client, town_page):
    text = client.get(town_page.url).text
    assert '<meta name="description" content="Satama, tuulivoima ja puutalot Pohjanmaalla.">' in text
    assert f'<meta property="og:title" content="{escape(town_page.title)}">' in text
    assert f'<link rel="canonical" href="http://testserver{town_page.url}">' in text
    assert '<meta property="og:locale" content="fi_FI">' in text
    assert '<meta property="og:type" content="website">' in text


def test_open_graph_names_the_other_languages_of_the_page(client, town_page):
    site_tree.translate(town_page, "sv")
    text = client.get(town_page.url).text
    assert '<meta property="og:locale:alternate" content="sv_FI">' in text
    assert 'content="en_GB"' not in text


def test_sitemap_lists_pages_of_every_locale_and_no_drafts(client, town_page):
    swedish = site_tree.translate(town_page, "sv")
    index = site_tree.event_index(town_page)
    index.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = re.findall(r"<loc>(.*?)</loc>", response.text)
    assert town_page.get_full_url() in locations
    assert swedish.get_full_url() in locations
    assert swedish.get_full_url().endswith(swedish.url) and swedish.url.startswith("/sv/")
    assert index.get_full_url() not in locations


def test_event_page_describes_itself_as_an_event(client, town_page):
    index = site_tree.event_index(town_page)
    start = datetime(2030, 1, 15, 12, 0, tzinfo=timezone.utc)
    event = site_tree.event_page(
        index, start=start, end=start + timedelta(hours=2), online_url="https://meet.example/j"
    )
    (data,) = json_ld(client.get(event.url))
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["startDate"] == "2030-01-15T14:00:00+02:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["url"] == event.get_full_url()


def test_town_page_describes_its_town_as_a_place(client, town_page):
    (data,) = json_ld(client.get(town_page.url))
    assert data["@type"] == "Place"
    assert data["name"] == town_page.town.name_fi
    assert data["geo"]["latitude"] == town_page.town.latitude
    assert data["address"]["addressCountry"] == "FI"


@pytest.fixture
def directory(town_page):
    return town_page.add_child(
        instance=ActorDirectoryPage(title="Toimijat", slug="toimijat", town=town_page.town)
    )


def profile(client, directory, organisation):
    url = directory.url + f"{organisation.pk}-"
    response = client.get(url, follow=True)
    assert response.status_code == 200
    return response


def test_actor_profile_describes_an_organization(client, directory):
    organisation = OrganisationFactory(town=directory.town, website="https://puu.example")
    OrganisationDescription.objects.create(
        organisation=organisation, language="fi", text="Puutaloja Pohjanmaalta."
    )
    (data,) = json_ld(profile(client, directory, organisation))
    assert data["@type"] == "Organization"
    assert data["name"] == organisation.name
    assert data["sameAs"] == ["https://puu.example"]
    assert data["description"] == "Puutaloja Pohjanmaalta."


def test_actor_json_ld_never_contains_private_fields(client, directory):
    organisation = OrganisationFactory(
        town=directory.town,
        street_address="Salainen katu 13",
        postal_code="64100",
        employees=321,
    )
    contact = ContactFactory(
        organisation=organisation, email="toimitusjohtaja@salainen.example", phone="0401234567"
    )
    (data,) = json_ld(profile(client, directory, organisation))
    text = json.dumps(data)
    for private in [
        organisation.business_id,
        "Salainen katu 13",
        "64100",
        "321",
        contact.email,
        contact.phone,
        contact.last_name,
    ]:
        assert private not in text


def test_json_ld_cannot_close_the_script_element(client, directory):
    organisation = OrganisationFactory(
        town=directory.town, name="</script><script>alert(1)</script> & Co"
    )
    response = profile(client, directory, organisation)
    (block,) = JSON_LD.findall(response.text)
    assert "</script>" not in block and "<script>" not in block
    assert json.loads(block)["name"] == organisation.name
