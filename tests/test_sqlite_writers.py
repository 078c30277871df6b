"""Two requests that write at once on the example site's SQLite both succeed: the one that
comes second waits for the lock instead of failing with "database is locked"."""

import threading
import time

from django.db.backends.sqlite3.base import DatabaseWrapper

from example_site.settings.base import sqlite_options


def connect(path, **options):
    settings = {
        "ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": options,
        "TIME_ZONE": None, "CONN_HEALTH_CHECKS": False, "CONN_MAX_AGE": 0, "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
    }
    return DatabaseWrapper(settings)


def begin(connection):
    """The transaction of a request, begun as Django's atomic() begins it with these options."""
    connection.ensure_connection()
    raw = connection.connection  # in autocommit: Django begins transactions itself
    raw.execute(f"BEGIN {connection.transaction_mode or 'DEFERRED'}")
    return raw


def read_then_write(connection, other_wrote, errors):
    """A request that reads, lets another request write meanwhile, then writes itself."""
    def work(raw):
        raw.execute("SELECT count(*) FROM note").fetchall()
        other_wrote.wait(timeout=0.5)
        raw.execute("INSERT INTO note (text) VALUES ('first')")

    run_request(connection, work, errors)


def write(connection, other_wrote, errors):
    run_request(connection, lambda raw: raw.execute("INSERT INTO note (text) VALUES ('second')"),
                errors)
    other_wrote.set()


def run_request(connection, work, errors):
    """``work`` in one transaction; an error is kept, as the request would have answered it."""
    try:
        raw = begin(connection)
        work(raw)
        raw.execute("COMMIT")
    except Exception as error:  # noqa: BLE001
        errors.append(error)
    finally:
        connection.close()


def two_writers(path, options):
    setup = connect(path, **options)
    setup.ensure_connection()
    setup.connection.execute("CREATE TABLE IF NOT EXISTS note (text TEXT)")
    setup.close()
    errors, other_wrote = [], threading.Event()
    def run(request):  # each request has its own connection, made in its own thread
        return threading.Thread(target=lambda: request(connect(path, **options), other_wrote,
                                                       errors))

    first, second = run(read_then_write), run(write)
    first.start()
    time.sleep(0.1)  # the first has read before the second writes
    second.start()
    first.join(10)
    second.join(10)
    return errors


def test_the_example_sites_options_let_both_writers_succeed(tmp_path, django_db_blocker):
    django_db_blocker.unblock()  # files of this test's own, not the test database
    assert two_writers(tmp_path / "site.sqlite3", sqlite_options()) == []


def test_without_them_the_reader_that_writes_later_fails(tmp_path, django_db_blocker):
    django_db_blocker.unblock()
    # What the example site did before: WAL, but transactions begun on their first read.
    options = {key: value for key, value in sqlite_options().items() if key == "init_command"}
    errors = two_writers(tmp_path / "old.sqlite3", options)
    assert [str(error) for error in errors] == ["database is locked"]
