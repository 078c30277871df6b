"""Erased personal data does not linger in the SQLite file: secure_delete and a checkpoint."""

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test.utils import CaptureQueriesContext

from seutu_crm.database import checkpoint_wal
from seutu_crm.models import Role
from seutu_crm.services.personal_data import erase_person
from tests.crm.pipeline_helpers import crm_member
from tests.factories import ContactFactory, TownFactory

SECRET = "Kyllikki Salainen-Henkilö"
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite only: PostgreSQL keeps no readable copies in free pages or a WAL file",
)


@pytest.fixture
def wal_database(tmp_path, django_db_blocker):
    """A file database in WAL mode, opened the way the site opens its own."""
    path = tmp_path / "probe.sqlite3"
    settings_dict = {
        **connection.settings_dict,
        "NAME": str(path),
        "OPTIONS": {"init_command": "PRAGMA journal_mode = WAL"},
        "TEST": {},
    }
    probe = DatabaseWrapper(settings_dict, alias="erasure_probe")
    with django_db_blocker.unblock():
        yield probe, path
        probe.close()


def file_bytes(path):
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


@sqlite_only
@pytest.mark.django_db
def test_sqlite_connections_overwrite_deleted_content():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


@sqlite_only
def test_a_deleted_value_is_gone_from_the_file_and_its_log_after_the_checkpoint(wal_database):
    probe, path = wal_database
    with probe.cursor() as cursor:
        cursor.execute("CREATE TABLE person (name TEXT)")
        cursor.execute("INSERT INTO person VALUES (%s)", [SECRET])
        cursor.execute("DELETE FROM person")
    assert SECRET.encode() in file_bytes(path)  # the log still holds the inserted page

    checkpoint_wal(probe)

    assert SECRET.encode() not in file_bytes(path)


@pytest.mark.django_db
def test_erasure_checkpoints_the_database_after_it_commits(django_capture_on_commit_callbacks):
    raahe = TownFactory(code="678")
    coordinator = crm_member(None, role=Role.COORDINATOR, username="coordinator")
    contact = ContactFactory(town=raahe, first_name="Kyllikki", last_name="Salainen")
    with django_capture_on_commit_callbacks() as callbacks:
        erase_person(contact, coordinator)
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    checkpoints = [q["sql"] for q in queries if "wal_checkpoint" in q["sql"]]
    assert checkpoints == (["PRAGMA wal_checkpoint(TRUNCATE)"] if connection.vendor == "sqlite" else [])
