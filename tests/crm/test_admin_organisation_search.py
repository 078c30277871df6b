"""The admin's organisation search asks the search engine too (inflections, compounds,
synonyms), and still finds private organisations by their columns."""

import pytest
from django.urls import reverse

from seutu_search.backends import get_search_backend
from seutu_search.backends.base import SearchBackendError
from seutu_search.rebuild import rebuild_index
from tests.crm.admin_users import (  # noqa: F401  (fixtures)
    business_developer,
    groups,
    superuser,
    town,
    viewer,
)
from tests.search.contract import PRIVATE_WORDS, World

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_seutu_crm_organisation:list")


@pytest.fixture
def world(db):
    world = World()
    rebuild_index(get_search_backend())
    return world


def listed(client, text):
    return client.get(LIST_URL, {"q": text}).content.decode()


def test_an_inflected_word_finds_actors_whose_names_lack_it(client, superuser, world):
    client.force_login(superuser)
    html = listed(client, "biotaloudesta")
    assert world.org["bio"].name in html
    assert world.org["university"].name in html
    assert world.org["ai"].name not in html


def test_a_private_organisation_is_still_found_by_its_name(client, superuser, world):
    client.force_login(superuser)
    assert world.private.name in listed(client, PRIVATE_WORDS[0])


def test_an_unavailable_engine_leaves_the_column_search(client, superuser, world, monkeypatch):
    def fail(query):
        raise SearchBackendError("down")

    monkeypatch.setattr(get_search_backend(), "search", fail)
    client.force_login(superuser)
    html = listed(client, "Akkutekniikka")
    assert world.org["battery"].name in html


def test_business_developers_see_the_import_button(client, business_developer):
    client.force_login(business_developer)
    html = client.get(LIST_URL).content.decode()
    assert f'<a href="{reverse("seutu_crm_import_organisations")}" class="w-header-button' in html


def test_viewers_do_not_see_the_import_button(client, viewer):
    client.force_login(viewer)
    html = client.get(LIST_URL).content.decode()
    assert reverse("seutu_crm_import_organisations") not in html
