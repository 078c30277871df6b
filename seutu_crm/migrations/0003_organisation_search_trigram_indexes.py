"""Trigram indexes for the admin's organisation search, on PostgreSQL only.

The admin searches organisations with ``icontains`` (``UPPER(col) LIKE UPPER('%term%')``),
which no B-tree index can answer; a pg_trgm GIN index on the same expression can. SQLite has
no such index and scans the table, which is fast enough at the sizes it is used for.

pg_trgm is a trusted extension (PostgreSQL 13+), so a database owner may create it; where the
site's database role may not, the migration says so and leaves the search unindexed.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

TABLE = "seutu_crm_organisation"
COLUMNS = ("name", "business_id", "street_address")


def index_name(column):
    return f"seutu_crm_org_{column}_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        logger.warning(
            "pg_trgm is not available (%s); the admin's organisation search stays unindexed.",
            error,
        )
        return
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{index_name(column)}" ON "{TABLE}" '
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index_name(column)}"')


class Migration(migrations.Migration):
    dependencies = [
        ("seutu_crm", "0002_leads_activities_tasks"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
