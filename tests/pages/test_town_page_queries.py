"""A town page's query count stays small and flat however many actors it features."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CompetenceFactory, OrganisationFactory, TownFactory

from .page_factories import make_story, make_story_index, make_town_page, translate
from .site_tree import event_index, event_page

MAX_QUERIES = 25


def build_town_page(home, actors, stories=10, events=10):
    town = TownFactory()
    competences = [CompetenceFactory() for _ in range(5)]
    organisations = [
        OrganisationFactory(town=town, competences=competences[n % 5 : n % 5 + 2])
        for n in range(actors)
    ]
    page = make_town_page(
        home, town=town, actors=organisations, slug=f"kaupunki-{actors}"
    )
    page.focus_competences.set(competences[:3])
    page.save_revision().publish()
    index = make_story_index(page)
    for n in range(stories):
        make_story(index, n, towns=[town])
    events_index = event_index(page)
    for n in range(events):
        event_page(events_index, slug=f"tapahtuma-{actors}-{n}")
    return page


def queries_to_render(client, url):
    client.get(url)  # warm: site root paths and templates are cached after the first visit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def test_town_page_renders_everything_it_promises(client, home):
    page = build_town_page(home, actors=5, stories=3, events=3)

    response, _count = queries_to_render(client, page.url)

    assert len(response.context["featured_actors"]) == 5
    assert len(response.context["stories"]) == 3
    assert len(response.context["events"]) == 3
    assert len(response.context["focus_competences"]) == 3


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_town_page_query_count_is_small_and_flat(client, home, language):
    small = build_town_page(home, actors=50)
    large = build_town_page(home, actors=120)
    if language != "fi":
        translate(home, language, title="Regionstäderna")
        small = translate(small, language)
        large = translate(large, language)

    _response, small_count = queries_to_render(client, small.url)
    _response, large_count = queries_to_render(client, large.url)

    print(f"{language}: {small_count} queries with 50 actors, {large_count} with 120")
    assert small_count <= MAX_QUERIES
    assert large_count == small_count
