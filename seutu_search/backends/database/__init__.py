"""The embedded default backend: the site's own database.

SQLite gets an FTS5 table with bm25 ranking (:mod:`.sqlite`); PostgreSQL a ``tsvector`` column
with a GIN index and ``ts_rank`` (:mod:`.postgres`). ``SearchBackend`` picks by the vendor of
the connection, like Wagtail's ``modelsearch.backends.database``.
"""

from django.db import connection


def _backend_class():
    if connection.vendor == "postgresql":
        from .postgres import PostgresSearchBackend

        return PostgresSearchBackend
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"seutu_search's database backend supports SQLite and PostgreSQL, not "
        f"{connection.vendor}; set SEUTU_SEARCH['BACKEND'] to the elasticsearch backend."
    )


class SearchBackend:
    """Factory: ``SearchBackend(options)`` returns the backend for the default connection."""

    def __new__(cls, options=None):
        return _backend_class()(options)


def install(schema_editor):
    """Create the vendor's full-text structures (called by this app's migration)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from .sqlite import install as install_vendor
    elif vendor == "postgresql":
        from .postgres import install as install_vendor
    else:
        return
    install_vendor(schema_editor)


def uninstall(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from .sqlite import uninstall as uninstall_vendor
    elif vendor == "postgresql":
        from .postgres import uninstall as uninstall_vendor
    else:
        return
    uninstall_vendor(schema_editor)
