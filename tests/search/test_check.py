"""Drift between database and index: the backend's check() and ``seutu_search_check``."""

import pytest
from django.core.management import CommandError, call_command

from seutu_crm.models import Organisation
from seutu_search import outbox
from seutu_search.documents import ORGANISATION, document_id
from seutu_search.outbox import OutboxEntry
from tests.factories import OrganisationFactory

from .backends import search_backend  # noqa: F401


def forget_outbox():
    OutboxEntry.objects.all().delete()


def test_an_index_in_step_with_the_database_reports_no_drift(search_backend):
    OrganisationFactory.create_batch(3)
    outbox.drain(search_backend)
    assert search_backend.check().ok


def test_check_reports_missing_stale_and_extra_documents(search_backend):
    missing, stale, extra = OrganisationFactory.create_batch(3)
    outbox.drain(search_backend)
    search_backend.delete([document_id(ORGANISATION, missing.pk)])
    Organisation.objects.filter(pk=stale.pk).update(name="Muuttunut Oy")
    Organisation.objects.filter(pk=extra.pk).update(is_public=False)
    forget_outbox()  # as if these changes had been lost
    report = search_backend.check()
    assert report.missing == [document_id(ORGANISATION, missing.pk)]
    assert report.stale == [document_id(ORGANISATION, stale.pk)]
    assert report.extra == [document_id(ORGANISATION, extra.pk)]


def test_the_check_command_exits_non_zero_on_drift(search_backend, capsys):
    organisation = OrganisationFactory()
    forget_outbox()
    with pytest.raises(CommandError) as raised:
        call_command("seutu_search_check")
    assert raised.value.returncode == 1
    assert f"missing: 1 ({document_id(ORGANISATION, organisation.pk)})" in capsys.readouterr().out


def test_the_check_command_passes_when_in_step(search_backend, capsys):
    OrganisationFactory()
    outbox.drain(search_backend)
    call_command("seutu_search_check")
    assert "missing: 0" in capsys.readouterr().out


def test_check_fix_repairs_the_drift(search_backend, capsys):
    OrganisationFactory.create_batch(2)
    forget_outbox()
    call_command("seutu_search_check", fix=True)
    assert search_backend.check().ok
