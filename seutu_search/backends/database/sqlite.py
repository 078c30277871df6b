"""SQLite: FTS5 external-content tables over ``seutu_search_body``, bm25 ranking.

The FTS tables hold no text of their own (``content=``); the backend writes them beside the
body rows, in the same transaction (:meth:`SQLiteSearchBackend.write_fulltext` /
``delete_fulltext``): explicit writes bulk-load several times faster than triggers did.

``seutu_search_fts`` is what queries match and rank: names weigh 10, competences, places and
industries 4, descriptions 1. It keeps positions (``detail='full'``): with less, bm25 has to
tokenise each hit's text again and ranks four times slower. ``seutu_search_names`` holds
names only, with prefix indexes, for autocomplete; prefix indexes on the big table would
double the cost of every write. Terms arrive normalised and are matched as quoted strings, so
FTS5 query syntax in what a visitor typed never reaches MATCH.
"""

from .base import DatabaseSearchBackend, _chunks

FTS_TABLE = "seutu_search_fts"
NAMES_TABLE = "seutu_search_names"
COLUMNS = ("name_terms", "keyword_terms", "text_terms")
WEIGHTS = "10.0, 4.0, 1.0"
TABLES = {FTS_TABLE: COLUMNS, NAMES_TABLE: ("name_terms",)}

INSTALL = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        {", ".join(COLUMNS)}, content='seutu_search_body', content_rowid='entry_id',
        tokenize='unicode61 remove_diacritics 0', detail='full')""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {NAMES_TABLE} USING fts5(
        name_terms, content='seutu_search_body', content_rowid='entry_id',
        prefix='2 3', tokenize='unicode61 remove_diacritics 0', detail='full')""",
    # Index what the body table already holds (a database migrated from an older layout).
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
    f"INSERT INTO {NAMES_TABLE}({NAMES_TABLE}) VALUES ('rebuild')",
]

UNINSTALL = [
    # Triggers kept the index in step up to migration 0005.
    *(f"DROP TRIGGER IF EXISTS seutu_search_{table}_{event}"
      for table in ("entry", "body") for event in ("ai", "ad", "au")),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    f"DROP TABLE IF EXISTS {NAMES_TABLE}",
]


def install(schema_editor):
    for statement in INSTALL:
        schema_editor.execute(statement)


def uninstall(schema_editor):
    for statement in UNINSTALL:
        schema_editor.execute(statement)


def _quote(term):
    return '"' + term.replace('"', '""') + '"'


def match_expression(analysed):
    """An FTS5 query: clauses AND-ed (or OR-ed), alternatives OR-ed, terms of one AND-ed."""
    clauses = []
    for clause in analysed.clauses:
        alternatives = [
            "(" + " AND ".join(_quote(t) for t in alternative) + ")"
            for alternative in clause.alternatives
            if alternative
        ]
        if alternatives:
            clauses.append("(" + " OR ".join(alternatives) + ")")
    return (" OR " if analysed.match_any else " AND ").join(clauses)


class SQLiteSearchBackend(DatabaseSearchBackend):
    least = "min"
    name_ordered_entries = "seutu_search_entry e INDEXED BY seutu_search_entry_name"

    def match(self, analysed, prominent=False):
        expression = match_expression(analysed)
        if prominent:
            expression = "{name_terms keyword_terms} : (" + expression + ")"
        return (
            f"{FTS_TABLE} JOIN seutu_search_entry e ON e.id = {FTS_TABLE}.rowid",
            f"{FTS_TABLE} MATCH %s",
            [expression],
            f"bm25({FTS_TABLE}, {WEIGHTS})",
            [],
        )

    def prefix_match(self, terms, prefix):
        parts = [_quote(t) for t in terms] + [_quote(prefix) + " *"]
        return (
            f"{NAMES_TABLE} JOIN seutu_search_entry e ON e.id = {NAMES_TABLE}.rowid",
            f"{NAMES_TABLE} MATCH %s",
            [" AND ".join(parts)],
            f"bm25({NAMES_TABLE})",
        )

    def write_fulltext(self, cursor, bodies):
        for table, columns in TABLES.items():
            cursor.executemany(
                f"INSERT INTO {table}(rowid, {', '.join(columns)}) "
                f"VALUES (%s, {', '.join(['%s'] * len(columns))})",
                [(body[0], *body[1 : 1 + len(columns)]) for body in bodies],
            )

    def delete_fulltext(self, cursor, entry_ids, indexed_terms=None):
        # External content: FTS5 removes a row's terms given the text it was indexed with.
        if indexed_terms is not None:  # in hand: reading body rows again costs a third more
            for table, columns in TABLES.items():
                cursor.executemany(
                    f"INSERT INTO {table}({table}, rowid, {', '.join(columns)}) "
                    f"VALUES ('delete', %s, {', '.join(['%s'] * len(columns))})",
                    [(entry_id, *indexed_terms[entry_id][: len(columns)])
                     for entry_id in entry_ids],
                )
            return
        for chunk in _chunks(entry_ids):
            placeholders = ", ".join(["%s"] * len(chunk))
            for table, columns in TABLES.items():
                cursor.execute(
                    f"INSERT INTO {table}({table}, rowid, {', '.join(columns)}) "
                    f"SELECT 'delete', entry_id, {', '.join(columns)} FROM seutu_search_body "
                    f"WHERE entry_id IN ({placeholders})",
                    list(chunk),
                )

    def clear_fulltext(self, cursor):
        for table in TABLES:
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")

    def after_bulk_load(self):
        from django.db import connection

        with connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
            cursor.execute("ANALYZE seutu_search_entry")
            cursor.execute("ANALYZE seutu_search_facet")
