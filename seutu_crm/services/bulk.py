"""Fast inserts of plain rows, for the demo generator and the importer.

``bulk_create`` builds a model instance and compiles every value of every row; for link
tables and descriptions written by the hundred thousand that is most of the time spent.
:func:`insert_rows` sends plain tuples with ``executemany`` instead. It fires no signals
and fills no defaults: callers give every column and send ``organisations_changed``.
"""

from django.db import connections

DEFAULT_BATCH_SIZE = 5000


def insert_rows(model, fields, rows, *, using="default", batch_size=DEFAULT_BATCH_SIZE):
    """INSERT ``rows`` (tuples in the order of ``fields``, model field names) into
    ``model``'s table."""
    if not rows:
        return 0
    connection = connections[using]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            cursor.executemany(sql, rows[start : start + batch_size])
    return len(rows)
