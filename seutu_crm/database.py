"""What erasure needs from the database file: erased personal data must not linger in it.

On SQLite a deleted or overwritten value stays in free pages, and in the write-ahead log
until a checkpoint. Every SQLite connection of a site with the CRM therefore runs with
``secure_delete`` (freed content is overwritten), and an erasure ends with a checkpoint that
writes the log back and truncates it. PostgreSQL needs neither: its old row versions are
reclaimed by autovacuum and are not readable through SQL.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)


def enable_secure_delete(sender, connection, **kwargs):
    """``connection_created`` receiver: overwrite freed content on SQLite connections."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


def checkpoint_wal(connection=None):
    """Write SQLite's write-ahead log back into the database (default: the site's) and
    truncate it."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _log_frames, _checkpointed = cursor.fetchone()
    except DatabaseError:
        # Inside a still-open transaction (a caller's atomic block): the erasure stands, and
        # SQLite's own automatic checkpoints write the log back later.
        logger.warning("Could not checkpoint the WAL after an erasure", exc_info=True)
        return
    if busy:
        # A reader held the log: the next checkpoint (SQLite runs them by itself) finishes it.
        logger.warning("The WAL checkpoint after an erasure was blocked by a reader")
