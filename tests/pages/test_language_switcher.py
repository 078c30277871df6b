"""Visitors read pages in Finnish, Swedish or English and can switch between translations."""

import re

import pytest

from tests.factories import OrganisationFactory, TownFactory

from .page_factories import make_directory, make_town_page, translate


@pytest.fixture
def kristinestad(home):
    """Kristiinankaupunki's town page in Finnish and Swedish (not English)."""
    town = TownFactory(code="287", name_fi="Kristiinankaupunki", name_sv="Kristinestad")
    finnish = make_town_page(home, town=town, slug="kristiinankaupunki")
    translate(home, "sv", title="Regionstäderna")
    swedish = translate(finnish, "sv", title="Kristinestad", slug="kristinestad")
    return finnish, swedish


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def test_page_declares_its_language(client, kristinestad):
    finnish, swedish = kristinestad
    assert '<html lang="fi">' in client.get(finnish.url).content.decode()
    assert '<html lang="sv">' in client.get(swedish.url).content.decode()


def test_urls_carry_the_language_prefix(kristinestad):
    finnish, swedish = kristinestad
    assert finnish.url == "/fi/kristiinankaupunki/"
    assert swedish.url == "/sv/kristinestad/"


def test_hreflang_links_name_every_published_translation_and_finnish_as_default(
    client, kristinestad
):
    finnish, swedish = kristinestad

    links = alternates(client.get(swedish.url).content.decode())

    assert links == {
        "fi": "http://testserver/fi/kristiinankaupunki/",
        "sv": "http://testserver/sv/kristinestad/",
        "x-default": "http://testserver/fi/kristiinankaupunki/",
    }


def test_switcher_links_to_the_translations_in_their_own_language(client, kristinestad):
    finnish, swedish = kristinestad

    html = client.get(finnish.url).content.decode()

    assert '<a href="/sv/kristinestad/" lang="sv" hreflang="sv">Svenska</a>' in html
    assert 'href="/fi/kristiinankaupunki/" lang="fi" hreflang="fi" aria-current="true">Suomi' in html
    assert "English" not in html  # there is no English translation


def test_an_unpublished_translation_is_not_offered(client, home, kristinestad):
    finnish, swedish = kristinestad
    swedish.unpublish()

    html = client.get(finnish.url).content.decode()

    assert "/sv/kristinestad/" not in html


def test_actor_profile_links_to_the_same_profile_in_other_languages(client, home, kristinestad):
    finnish, swedish = kristinestad
    directory = make_directory(finnish, town=finnish.town)
    translate(directory, "sv", title="Aktörer", slug="aktorer")
    actor = OrganisationFactory(name="Kust Ab", town=finnish.town)

    html = client.get(f"{directory.url}{actor.pk}-kust-ab/").content.decode()

    assert alternates(html)["sv"] == f"http://testserver/sv/kristinestad/aktorer/{actor.pk}-kust-ab/"


def test_a_translated_home_lists_every_town_in_its_language_when_it_can(client, home, kristinestad):
    finnish, swedish = kristinestad
    raahe = make_town_page(home, town=TownFactory(name_fi="Raahe"), slug="raahe")

    html = client.get("/sv/").content.decode()

    assert '<a href="/sv/kristinestad/">Kristinestad</a>' in html
    assert '<a href="/fi/raahe/" lang="fi" hreflang="fi">Raahe</a>' in html
    assert "/fi/kristiinankaupunki/" not in html.split("<main")[1]
