"""A search server for the Elasticsearch backend's tests.

``SEUTU_TEST_ELASTICSEARCH_URL`` points the tests at a real Elasticsearch 8 or 9; without it
they start ``osmem-server`` (an in-memory OpenSearch-compatible server, a test dependency) on a
free port of 127.0.0.1. The same server can be stopped and started again on its port, to test
what happens while the search server is down.
"""

import os
import socket
import uuid

ELASTICSEARCH_URL = os.environ.get("SEUTU_TEST_ELASTICSEARCH_URL", "")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OsmemProcess:
    """osmem-server on a fixed local port, stoppable and restartable (it loses its data)."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = None

    def start(self):
        from osmem_server import OsmemServer

        self.server = OsmemServer.start(
            freeze=False, japanese=False, addr=f"127.0.0.1:{self.port}"
        )
        return self

    def stop(self):
        if self.server is not None:
            self.server.process.terminate()
            self.server.process.wait(10)
            self.server = None

    @property
    def running(self):
        return self.server is not None and self.server.process.poll() is None


def backend_settings(url, prefix=None, **options):
    """A SEUTU_SEARCH dict for the Elasticsearch backend at ``url`` with its own index prefix."""
    options = {
        "HOSTS": [url],
        "INDEX_PREFIX": prefix or f"seutu-test-{uuid.uuid4().hex[:10]}",
        "TIMEOUT": 5,
        "MAX_RETRIES": 0,
        **options,
    }
    if not ELASTICSEARCH_URL:
        options.setdefault("NODE_CLASS", "plain-json")
    return {"BACKEND": "seutu_search.backends.elasticsearch", "OPTIONS": options}
