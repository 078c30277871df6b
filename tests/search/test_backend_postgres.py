"""The shared backend contract on PostgreSQL (tsvector + GIN). Runs when the suite runs on
PostgreSQL (DATABASE_URL=postgres://...)."""

import pytest
from django.conf import settings

from seutu_search.backends.database.postgres import PostgresSearchBackend

from .contract import BackendContract

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="the suite runs on SQLite; the PostgreSQL backend is tested in the PostgreSQL "
        "run (DATABASE_URL=postgres://...)",
    ),
]


class TestPostgresBackend(BackendContract):
    @pytest.fixture
    def backend(self, db):
        return PostgresSearchBackend()
