"""The shared backend contract on SQLite (FTS5). Runs when the suite runs on SQLite."""

import pytest
from django.conf import settings

from seutu_search.backends.database.sqlite import SQLiteSearchBackend

from .contract import BackendContract

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "sqlite" not in settings.DATABASES["default"]["ENGINE"],
        reason="the suite runs on PostgreSQL (DATABASE_URL); the SQLite backend is tested in "
        "the SQLite run",
    ),
]


class TestSQLiteBackend(BackendContract):
    @pytest.fixture
    def backend(self, db):
        return SQLiteSearchBackend()
