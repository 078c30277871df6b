"""The Elasticsearch backend over real HTTP: osmem-server, or a real Elasticsearch 8/9 when
SEUTU_TEST_ELASTICSEARCH_URL is set. The shared contract runs first; then what only this
backend has: versioned indexes behind an alias, the atomic swap, writes during a rebuild."""

import pytest
from wagtail.models import Locale

from seutu_search.backends import get_search_backend
from seutu_search.backends.base import SearchBackendError
from seutu_search.documents import ORGANISATION, SearchDocument
from seutu_search.query import SearchQuery

from .contract import BackendContract
from .search_server import backend_settings, free_port

pytestmark = pytest.mark.django_db


class TestElasticsearchBackend(BackendContract):
    """The shared contract over real HTTP (osmem-server, or SEUTU_TEST_ELASTICSEARCH_URL)."""

    @pytest.fixture
    def backend(self, es_backend):
        return es_backend


@pytest.fixture
def es_settings(settings, elasticsearch_url):
    settings.SEUTU_SEARCH = backend_settings(elasticsearch_url)
    return settings.SEUTU_SEARCH


@pytest.fixture
def es_backend(es_settings, db):
    Locale.objects.get_or_create(language_code="fi")
    backend = get_search_backend()
    yield backend
    backend.drop()


def document(pk, name, **fields):
    return SearchDocument(kind=ORGANISATION, object_id=pk, name=name, town_code="678",
                          region_code="17", actor_type="company", **fields)


def test_the_plain_json_node_lets_the_elasticsearch_8_client_write_and_read(es_backend):
    es_backend.index([document(1, "Akkutehdas Oy")])
    assert es_backend.search(SearchQuery(text="akkutehdas")).ids == ["organisation:1"]


def test_documents_live_in_a_versioned_index_behind_the_alias(es_backend):
    es_backend.index([document(1, "Akkutehdas Oy")])
    behind = es_backend._indexes_behind(es_backend.alias)
    assert len(behind) == 1
    assert behind[0].startswith(es_backend.alias + "-")


def test_a_rebuild_swaps_the_alias_only_when_finished(es_backend):
    es_backend.index([document(1, "Vanha Oy")])
    old_index = es_backend._indexes_behind(es_backend.alias)
    token = es_backend.begin_rebuild()
    es_backend.index([document(2, "Uusi Oy")], rebuild=token)
    # Half-way: visitors still search the complete old index.
    assert es_backend.search(SearchQuery(text="vanha")).ids == ["organisation:1"]
    assert es_backend.search(SearchQuery(text="uusi")).ids == []
    es_backend.finish_rebuild(token)
    assert es_backend.search(SearchQuery(text="uusi")).ids == ["organisation:2"]
    assert es_backend.search(SearchQuery(text="vanha")).ids == []
    assert es_backend._indexes_behind(es_backend.alias) == [token]
    assert not es_backend.client.indices.exists(index=old_index[0])


def test_writes_during_a_rebuild_reach_the_live_and_the_new_index(es_backend):
    token = es_backend.begin_rebuild()
    es_backend.index([document(3, "Kesken Oy")])  # the outbox drain, meanwhile
    assert es_backend.search(SearchQuery(text="kesken")).ids == ["organisation:3"]
    es_backend.finish_rebuild(token)
    assert es_backend.search(SearchQuery(text="kesken")).ids == ["organisation:3"]


def test_an_aborted_rebuild_leaves_the_live_index_alone(es_backend):
    es_backend.index([document(1, "Vanha Oy")])
    token = es_backend.begin_rebuild()
    es_backend.abort_rebuild(token)
    assert es_backend.search(SearchQuery(text="vanha")).ids == ["organisation:1"]
    assert not es_backend.client.indices.exists(index=token)


def test_an_unreachable_server_raises_search_backend_error(settings, db):
    settings.SEUTU_SEARCH = backend_settings(f"http://127.0.0.1:{free_port()}")
    backend = get_search_backend()
    with pytest.raises(SearchBackendError):
        backend.index([document(1, "Ei Oy")])
    with pytest.raises(SearchBackendError):
        backend.search(SearchQuery(text="ei"))
