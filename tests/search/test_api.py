"""The JSON API: GET /api/search/ and /api/search/suggest/ (shape documented in the README)."""

import json

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings
from hypothesis import strategies as st

from seutu_search.backends.base import SearchBackendError
from seutu_search.params import without_control_characters
from seutu_search.rebuild import rebuild_index

from .backends import search_backend  # noqa: F401  (the fixture, parametrised per engine)
from .contract import PRIVATE_WORDS, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(search_backend):  # noqa: F811
    world = World()
    rebuild_index(search_backend)
    return world


def get(client, path="/api/search/", **params):
    return client.get(path, params)


def test_results_have_the_documented_shape(client, world):
    body = get(client, q="akkumateriaalit").json()
    assert set(body) >= {"total", "page", "results", "facets"}
    hit = body["results"][0]
    assert set(hit) >= {"kind", "id", "name", "business_id", "town", "url", "highlights"}
    assert hit["id"] == world.org["battery"].pk
    assert hit["town"] == {"code": "678", "name": "Raahe"}
    assert set(body["facets"]) >= {"town", "type", "competence", "region"}
    assert set(body["facets"]["town"][0]) == {"value", "label", "count"}


def test_an_inflected_word_finds_bioeconomy_actors_with_highlights(client, world):
    body = get(client, q="biotaloudesta").json()
    found = {hit["id"] for hit in body["results"]}
    assert {world.org["bio"].pk, world.org["university"].pk} <= found
    assert any("<mark>" in text for hit in body["results"] for text in hit["highlights"].values())


def test_town_filters_narrow_the_results_and_keep_their_own_counts(client, world):
    everything = get(client, q="biotalous").json()
    raahe = get(client, q="biotalous", town="678").json()
    assert raahe["total"] < everything["total"]
    assert {hit["town"]["code"] for hit in raahe["results"]} == {"678"}
    # A facet's counts ignore its own filter, so other towns can still be ticked.
    assert {v["value"] for v in raahe["facets"]["town"]} >= {"678", "305"}


def test_several_towns_are_or_ed(client, world):
    body = get(client, q="biotalous", town=["678", "305"]).json()
    assert {hit["town"]["code"] for hit in body["results"]} == {"678", "305"}


def test_swedish_town_name_finds_the_towns_actors(client, world):
    body = get(client, q="Kristinestad").json()
    assert world.org["saw"].pk in {hit["id"] for hit in body["results"]}


def test_labels_follow_the_language(client, world):
    body = get(client, q="skogsindustri", lang="sv").json()
    labels = {v["value"]: v["label"] for v in body["facets"]["town"]}
    assert labels.get("287") == "Kristinestad"


def test_near_a_town_limits_by_distance(client, world):
    body = get(client, near="678", radius="30").json()
    assert {hit["town"]["code"] for hit in body["results"]} == {"678"}


@pytest.mark.parametrize(
    "params, field",
    [
        ({"page": "zero"}, "page"),
        ({"page": "0"}, "page"),
        ({"page_size": "100000"}, "page_size"),
        ({"lang": "de"}, "lang"),
        ({"sort": "price"}, "sort"),
        ({"sort": "distance"}, "sort"),
        ({"near": "999"}, "near"),
        ({"lat": "north", "lon": "25"}, None),
        ({"radius": "-5", "near": "678"}, None),
    ],
)
def test_bad_parameters_get_a_400_with_a_message(client, world, params, field):
    response = get(client, **params)
    assert response.status_code == 400
    assert response.json()["error"]
    if field:
        assert response.json()["field"] == field


def test_a_failing_engine_gives_503_not_500(client, world, monkeypatch):
    from seutu_search.backends import get_search_backend

    def fail(*args, **kwargs):
        raise SearchBackendError("connection refused")

    monkeypatch.setattr(get_search_backend(), "search", fail)
    response = get(client, q="biotalous")
    assert response.status_code == 503
    assert "error" in response.json()


def test_private_data_never_appears(client, world):
    for word in PRIVATE_WORDS:
        response = get(client, q=word)
        assert response.status_code == 200
        assert response.json()["total"] == 0
        assert word not in response.content.decode()
    everything = get(client, page_size="100").content.decode()
    assert PRIVATE_WORDS[0] not in everything


def test_suggest_offers_battery_competences_for_akku(client, world):
    body = get(client, "/api/search/suggest/", q="akku").json()
    texts = [s["text"] for s in body["suggestions"]]
    assert "Akkumateriaalit" in texts
    competence = next(s for s in body["suggestions"] if s["text"] == "Akkumateriaalit")
    assert competence == {"text": "Akkumateriaalit", "kind": "competence", "value": "akkumateriaalit"}


def test_suggest_speaks_the_asked_language(client, world):
    body = get(client, "/api/search/suggest/", q="batter", lang="en").json()
    assert "Battery materials" in [s["text"] for s in body["suggestions"]]


def test_suggest_without_text_is_empty(client, world):
    assert get(client, "/api/search/suggest/", q="  ").json() == {"suggestions": []}


def test_the_same_query_finds_the_same_ids_on_every_backend(client, world, search_backend):  # noqa: F811
    # Each parametrisation of ``search_backend`` must give this exact answer.
    body = get(client, q="metsäteollisuus", sort="name").json()
    expected = sorted(
        [world.org["forest"].pk, world.org["saw"].pk, world.org["university"].pk],
    )
    assert sorted(hit["id"] for hit in body["results"]) == expected


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_text_gives_a_json_answer_never_a_500(client, world, text):
    for path in ("/api/search/", "/api/search/suggest/"):
        # Control characters are refused with a 400 (test_api_fuzz.py); any other text is searched.
        response = client.get(path, {"q": without_control_characters(text)})
        assert response.status_code == 200, (path, text)
        json.loads(response.content)
