"""A fixture giving each test an index in step with its database, on every backend: the
database backend and Elasticsearch (osmem-server, or SEUTU_TEST_ELASTICSEARCH_URL)."""

import pytest

from seutu_search.backends import get_search_backend
from seutu_search.rebuild import rebuild_index

from .search_server import backend_settings


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, settings, db):
    if request.param == "elasticsearch":
        settings.SEUTU_SEARCH = backend_settings(request.getfixturevalue("elasticsearch_url"))
    backend = get_search_backend()
    rebuild_index(backend)  # the pages the migrations made, and nothing else
    yield backend
    if hasattr(backend, "drop"):
        backend.drop()
