import pytest

from .search_server import ELASTICSEARCH_URL, OsmemProcess


@pytest.fixture(scope="session")
def osmem():
    """osmem-server for the session (None when a real Elasticsearch is configured)."""
    if ELASTICSEARCH_URL:
        yield None
        return
    try:
        import osmem_server  # noqa: F401
    except ImportError:
        pytest.skip(
            "osmem-server is not installed (pip install -e '.[test]'); set "
            "SEUTU_TEST_ELASTICSEARCH_URL to test against a real Elasticsearch"
        )
    process = OsmemProcess().start()
    yield process
    process.stop()


@pytest.fixture(scope="session")
def elasticsearch_url(osmem):
    return ELASTICSEARCH_URL or osmem.url
