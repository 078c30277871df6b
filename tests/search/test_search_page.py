"""The public search page: a plain GET form that works without JavaScript."""

import pytest

from seutu_search.models import SearchQueryStat
from seutu_search.rebuild import rebuild_index
from seutu_search.backends import get_search_backend

from .contract import PRIVATE_WORDS, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    world = World()
    rebuild_index(get_search_backend())
    return world


def test_the_page_shows_a_search_form_before_any_search(client, world):
    response = client.get("/fi/search/")
    assert response.status_code == 200
    assert b'name="q"' in response.content
    assert b'<html lang="fi"' in response.content


def test_results_are_listed_with_highlighted_words(client, world):
    response = client.get("/fi/search/", {"q": "biotaloudesta"})
    html = response.content.decode()
    assert world.org["bio"].name in html
    assert "<mark>" in html


def test_facet_checkboxes_narrow_the_results(client, world):
    html = client.get("/fi/search/", {"q": "biotalous", "town": "678"}).content.decode()
    assert world.org["bio"].name in html
    assert world.org["university"].name not in html
    assert 'name="town" value="678" checked' in html


def test_the_swedish_page_labels_towns_in_swedish(client, world):
    html = client.get("/sv/search/", {"q": "skogsindustri"}).content.decode()
    assert "Kristinestad" in html
    assert '<html lang="sv"' in html


def test_nothing_found_offers_related_competences(client, world):
    html = client.get("/fi/search/", {"q": "akku", "town": "305"}).content.decode()
    assert "Akkumateriaalit" in html
    assert "Raahe" in html


def test_bad_parameters_rerender_with_a_message(client, world):
    response = client.get("/fi/search/", {"q": "biotalous", "page": "zero"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_private_words_are_never_shown(client, world):
    for word in PRIVATE_WORDS:
        response = client.get("/fi/search/", {"q": word})
        assert response.context["results"].total == 0
        assert 'class="hit ' not in response.content.decode()
    listing = client.get("/fi/search/", {"q": "biotalous"}).content.decode()
    assert PRIVATE_WORDS[0] not in listing


def test_a_search_is_counted_by_week_without_who_searched(client, world):
    client.get("/fi/search/", {"q": "  Biotalous "})
    client.get("/fi/search/", {"q": "biotalous"})
    client.get("/fi/search/", {"q": "biotalous", "page": "2"})
    stat = SearchQueryStat.objects.get()
    assert (stat.text, stat.searches, stat.zero_results) == ("biotalous", 2, 0)
    assert {f.name for f in SearchQueryStat._meta.fields} == {
        "id", "week", "text", "searches", "zero_results"
    }


def test_zero_result_searches_are_counted_as_such(client, world):
    client.get("/fi/search/", {"q": "kvanttilaskenta"})
    assert SearchQueryStat.objects.get().zero_results == 1
