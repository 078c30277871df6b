"""Draining the outbox: captured changes reach the backend (the embedded default here) in
batches; failures keep the entries for a later retry."""

import pytest
from django.db import transaction

from seutu_crm.models import Organisation
from seutu_search import outbox
from seutu_search.backends import get_search_backend
from seutu_search.backends.base import SearchBackendError
from seutu_search.documents import ORGANISATION, document_id
from seutu_search.outbox import OutboxEntry
from seutu_search.query import SearchQuery
from tests.factories import CompetenceFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    backend = get_search_backend()
    backend.clear()
    return backend


def indexed_ids(backend):
    return set(backend.indexed_versions())


def test_a_committed_save_is_searchable_through_the_drain_task(
    backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            organisation = OrganisationFactory(name="Akkukemia Oy")
    assert backend.search(SearchQuery(text="akkukemia")).ids == [document_id(ORGANISATION, organisation.pk)]
    assert not OutboxEntry.objects.exists()


def test_a_rolled_back_save_reaches_neither_outbox_nor_index(
    backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            OrganisationFactory(name="Peruttu Oy")
            raise RuntimeError("rolled back")
    assert callbacks == []
    outbox.drain(backend)
    assert not OutboxEntry.objects.exists()
    assert backend.search(SearchQuery(text="peruttu")).total == 0


def test_queryset_update_reaches_the_index(backend):
    organisation = OrganisationFactory(name="Vanhanimi Oy")
    outbox.drain(backend)
    Organisation.objects.filter(pk=organisation.pk).update(name="Uusinimi Oy")
    outbox.drain(backend)
    assert backend.search(SearchQuery(text="uusinimi")).total == 1
    assert backend.search(SearchQuery(text="vanhanimi")).total == 0


def test_making_an_organisation_private_removes_it_from_the_index(backend):
    organisation = OrganisationFactory(name="Salainen Oy")
    outbox.drain(backend)
    assert indexed_ids(backend) == {document_id(ORGANISATION, organisation.pk)}
    organisation.is_public = False
    organisation.save()
    report = outbox.drain(backend)
    assert report.deleted == 1
    assert indexed_ids(backend) == set()


def test_deleting_an_organisation_removes_it_from_the_index(backend):
    organisation = OrganisationFactory()
    outbox.drain(backend)
    organisation.delete()
    outbox.drain(backend)
    assert indexed_ids(backend) == set()


def test_repeated_changes_of_one_record_coalesce_into_one_document(backend):
    organisation = OrganisationFactory()
    for n in range(5):
        organisation.name = f"Nimi {n} Oy"
        organisation.save()
    report = outbox.drain(backend)
    assert report.entries == 6
    assert report.indexed == 1
    assert backend.get_documents([document_id(ORGANISATION, organisation.pk)])[0]["name"] == (
        "Nimi 4 Oy"
    )


def test_the_drain_works_in_batches_and_empties_the_outbox(backend):
    OrganisationFactory.create_batch(7)
    report = outbox.drain(backend, batch_size=3)
    assert (report.batches, report.indexed) == (3, 7)
    assert not OutboxEntry.objects.exists()


def test_a_batch_builds_its_documents_in_a_fixed_number_of_queries(
    backend, django_assert_max_num_queries
):
    competence = CompetenceFactory()
    OrganisationFactory.create_batch(5, competences=[competence])
    outbox.drain(backend)

    def queries_for(n):
        OrganisationFactory.create_batch(n, competences=[competence])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            outbox.drain(backend)
        return len(captured)

    assert queries_for(5) == queries_for(50)


class FailingBackend:
    """Wraps a backend and fails every write, like a search server that is down."""

    def __init__(self, backend):
        self.backend = backend

    def index(self, documents, rebuild=None):
        raise SearchBackendError("connection refused")

    delete = index


def test_a_failing_backend_keeps_the_entries_with_the_error(backend):
    organisation = OrganisationFactory()
    report = outbox.drain(FailingBackend(backend))
    assert report.failed
    entry = OutboxEntry.objects.get()
    assert (entry.object_id, entry.attempts) == (organisation.pk, 1)
    assert "connection refused" in entry.last_error
    outbox.drain(FailingBackend(backend))
    assert OutboxEntry.objects.get().attempts == 2


def test_entries_kept_after_a_failure_are_indexed_by_the_next_drain(backend):
    organisation = OrganisationFactory(name="Sitkeä Oy")
    outbox.drain(FailingBackend(backend))
    report = outbox.drain(backend)
    assert report.indexed == 1
    assert backend.search(SearchQuery(text="sitkeä")).ids == [
        document_id(ORGANISATION, organisation.pk)
    ]
    assert not OutboxEntry.objects.exists()


def test_backoff_grows_and_is_capped():
    assert [outbox.backoff_seconds(n) for n in (1, 2, 3)] == [2, 4, 8]
    assert outbox.backoff_seconds(50) == outbox.MAX_BACKOFF_SECONDS
