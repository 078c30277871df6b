"""Stopping the search server while records are saved loses nothing.

An osmem-server of this test's own is stopped while organisations are saved: the writes
succeed, the drain fails and keeps the entries. The server comes back empty (it is in-memory),
so the drift check reports the lost documents; a rebuild (or check --fix) repairs it, and the
check then reports zero drift, with the changes made during the outage in the index.
"""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.models import Locale

from seutu_search import outbox
from seutu_search.backends import get_search_backend
from seutu_search.documents import ORGANISATION, document_id
from seutu_search.outbox import OutboxEntry
from seutu_search.query import SearchQuery
from seutu_search.rebuild import rebuild_index
from tests.factories import OrganisationFactory

from .search_server import OsmemProcess, backend_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(osmem):
    if osmem is None:
        pytest.skip("stopping the server needs osmem-server; a real Elasticsearch is configured")
    process = OsmemProcess().start()
    yield process
    process.stop()


@pytest.fixture
def backend(server, settings):
    Locale.objects.get_or_create(language_code="fi")
    settings.SEUTU_SEARCH = backend_settings(server.url, TIMEOUT=2)
    backend = get_search_backend()
    rebuild_index(backend)
    return backend


def save_and_commit(capture, **fields):
    with capture(execute=True), transaction.atomic():
        return OrganisationFactory(**fields)


def test_saves_while_the_server_is_down_stay_in_the_outbox(
    backend, server, django_capture_on_commit_callbacks
):
    server.stop()
    organisation = save_and_commit(django_capture_on_commit_callbacks, name="Katkos Oy")
    # The writer's commit succeeded; the drain task failed and kept the entry.
    entry = OutboxEntry.objects.get(object_id=organisation.pk)
    assert entry.attempts == 1
    assert "Elasticsearch" in entry.last_error


def test_after_an_outage_the_check_reports_drift_until_repaired_then_zero(
    backend, server, django_capture_on_commit_callbacks, capsys
):
    before = save_and_commit(django_capture_on_commit_callbacks, name="Ennen Oy")
    assert backend.check().ok
    server.stop()
    during = [
        save_and_commit(django_capture_on_commit_callbacks, name=f"Katkos {n} Oy")
        for n in range(3)
    ]
    assert outbox.drain(backend).failed
    assert OutboxEntry.objects.count() == 3

    server.start()  # same port, but an in-memory server comes back empty
    report = backend.check()
    assert document_id(ORGANISATION, before.pk) in report.missing
    with pytest.raises(CommandError):
        call_command("seutu_search_check")

    # The kept entries drain now; what the server lost needs the rebuild.
    drained = outbox.drain(backend)
    assert drained.indexed == 3 and not OutboxEntry.objects.exists()
    assert backend.search(SearchQuery(text="katkos")).total == 3
    assert document_id(ORGANISATION, before.pk) in backend.check().missing

    call_command("seutu_search_rebuild", no_progress=True)
    assert backend.check().ok
    call_command("seutu_search_check")
    assert "missing: 0" in capsys.readouterr().out
    assert set(backend.search(SearchQuery(text="oy", page_size=10)).ids) >= {
        document_id(ORGANISATION, o.pk) for o in [before, *during]
    }


def test_check_fix_also_repairs_a_server_that_lost_its_data(backend, server):
    OrganisationFactory.create_batch(2)
    outbox.drain(backend)
    server.stop()
    server.start()
    assert not backend.check().ok
    call_command("seutu_search_check", fix=True)
    assert backend.check().ok
