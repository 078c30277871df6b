"""SQLite: an FTS5 external-content table over ``seutu_search_body``, bm25 ranking.

The FTS table holds no text of its own (``content=``); triggers keep it in step with the
body table, so the ORM writes bodies and the index follows in the same transaction. Names
weigh 10, competences/places/industries 4, descriptions 1. Terms arrive normalised and are
matched as quoted strings, so FTS5 query syntax in what a visitor typed never reaches MATCH.
"""

from .base import DatabaseSearchBackend

FTS_TABLE = "seutu_search_fts"
COLUMNS = ("name_terms", "keyword_terms", "text_terms")
WEIGHTS = "10.0, 4.0, 1.0"

INSTALL = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        {", ".join(COLUMNS)}, content='seutu_search_body', content_rowid='entry_id',
        prefix='2 3', tokenize='unicode61 remove_diacritics 0', detail='column')""",
    f"""CREATE TRIGGER IF NOT EXISTS seutu_search_body_ai AFTER INSERT ON seutu_search_body
    BEGIN
        INSERT INTO {FTS_TABLE}(rowid, {", ".join(COLUMNS)})
        VALUES (new.entry_id, {", ".join("new." + c for c in COLUMNS)});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS seutu_search_body_ad AFTER DELETE ON seutu_search_body
    BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {", ".join(COLUMNS)})
        VALUES ('delete', old.entry_id, {", ".join("old." + c for c in COLUMNS)});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS seutu_search_body_au AFTER UPDATE ON seutu_search_body
    BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {", ".join(COLUMNS)})
        VALUES ('delete', old.entry_id, {", ".join("old." + c for c in COLUMNS)});
        INSERT INTO {FTS_TABLE}(rowid, {", ".join(COLUMNS)})
        VALUES (new.entry_id, {", ".join("new." + c for c in COLUMNS)});
    END""",
    # Rebuild from the content table in case entries existed before the index did.
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]

UNINSTALL = [
    *(f"DROP TRIGGER IF EXISTS seutu_search_{table}_{event}"
      for table in ("entry", "body") for event in ("ai", "ad", "au")),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
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
        expression = "{name_terms} : (" + " AND ".join(parts) + ")"
        return (
            f"{FTS_TABLE} JOIN seutu_search_entry e ON e.id = {FTS_TABLE}.rowid",
            f"{FTS_TABLE} MATCH %s",
            [expression],
            f"bm25({FTS_TABLE}, {WEIGHTS})",
        )

    def after_bulk_load(self):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
            cursor.execute("ANALYZE seutu_search_entry")
            cursor.execute("ANALYZE seutu_search_facet")
