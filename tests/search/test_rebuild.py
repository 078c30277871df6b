"""Full rebuilds: complete, in batches, and losing nothing written while they run."""

import pytest
from django.core.management import call_command
from django.db import transaction

from seutu_search import outbox
from seutu_search.documents import ORGANISATION, document_id
from seutu_search.outbox import IndexRebuild, OutboxEntry
from seutu_search.query import SearchQuery
from seutu_search.rebuild import rebuild_index
from tests.factories import OrganisationFactory

from .backends import search_backend  # noqa: F401


def test_a_rebuild_indexes_every_public_organisation_and_nothing_private(search_backend):
    public = OrganisationFactory.create_batch(5)
    private = OrganisationFactory(is_public=False)
    OutboxEntry.objects.all().delete()  # as if never drained
    report = rebuild_index(search_backend, batch_size=2)
    indexed = set(search_backend.indexed_versions(ORGANISATION))
    assert indexed == {document_id(ORGANISATION, o.pk) for o in public}
    assert document_id(ORGANISATION, private.pk) not in indexed
    assert report.documents >= 5
    assert search_backend.check().ok


def test_a_rebuild_drops_documents_of_records_gone_since(search_backend):
    organisation = OrganisationFactory()
    outbox.drain(search_backend)
    OutboxEntry.objects.all().delete()
    organisation.is_public = False
    organisation.save()
    OutboxEntry.objects.all().delete()  # the change was never drained
    assert not search_backend.check().ok
    rebuild_index(search_backend)
    assert search_backend.check().ok


def test_a_change_made_during_a_rebuild_reaches_the_new_index(
    search_backend, django_capture_on_commit_callbacks
):
    organisations = OrganisationFactory.create_batch(4, name="Alkuperäinen Oy")
    changed = organisations[0]
    done = []

    def save_meanwhile(documents):
        # The first batch was read with the old name; before it is written, a user renames the
        # organisation and the change commits and drains while the rebuild runs.
        if not done:
            with django_capture_on_commit_callbacks(execute=True):
                with transaction.atomic():
                    changed.name = "Muutettu Oy"
                    changed.save()
            assert OutboxEntry.objects.filter(held=True).exists()  # kept for the replay
            done.append(True)

    report = rebuild_index(search_backend, batch_size=2, before_batch=save_meanwhile)
    assert report.replayed >= 1
    assert search_backend.search(SearchQuery(text="muutettu")).ids == [
        document_id(ORGANISATION, changed.pk)
    ]
    assert not OutboxEntry.objects.exists()
    assert not IndexRebuild.objects.exists()
    assert search_backend.check().ok


def test_the_drain_holds_entries_while_a_rebuild_runs(search_backend):
    IndexRebuild.objects.create()
    organisation = OrganisationFactory(name="Odottava Oy")
    report = outbox.drain(search_backend)
    # Written to the live index at once, but kept for the rebuild to replay.
    assert report.held_for_rebuild
    assert search_backend.search(SearchQuery(text="odottava")).total == 1
    assert list(OutboxEntry.objects.values_list("object_id", "held")) == [(organisation.pk, True)]


def test_a_stale_rebuild_lease_does_not_stop_the_drain(search_backend):
    from django.utils import timezone

    IndexRebuild.objects.create(heartbeat=timezone.now() - IndexRebuild.stale_after * 2)
    OrganisationFactory()
    outbox.drain(search_backend)
    assert not OutboxEntry.objects.exists()


def test_the_rebuild_command_shows_progress_and_a_summary(search_backend, capsys):
    OrganisationFactory.create_batch(3)
    call_command("seutu_search_rebuild", batch_size=2)
    captured = capsys.readouterr()
    assert "documents" in captured.err and "%" in captured.err
    assert "Indexed" in captured.out
    assert search_backend.check().ok
