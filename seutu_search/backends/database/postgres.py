"""PostgreSQL: a generated ``tsvector`` column with a GIN index, ``ts_rank`` ranking.

The ``simple`` configuration only lowercases: terms arrive already normalised by
:mod:`seutu_search.language` (PostgreSQL's ``finnish`` Snowball stemmer would neither find
``biotalous`` from ``biotaloudesta`` nor split compounds). Names are weight A, competences,
places and industries B, descriptions C. Terms are quoted lexemes in ``to_tsquery``, so
tsquery syntax in what a visitor typed never reaches the parser.
"""

from django.db import connection, transaction

from .base import DatabaseSearchBackend

VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, name_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, keyword_terms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, text_terms), 'C')"
)

INSTALL = [
    "ALTER TABLE seutu_search_body ADD COLUMN IF NOT EXISTS search_vector tsvector "
    f"GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX IF NOT EXISTS seutu_search_body_vector ON seutu_search_body "
    "USING GIN (search_vector)",
]

UNINSTALL = [
    "DROP INDEX IF EXISTS seutu_search_entry_vector",
    "DROP INDEX IF EXISTS seutu_search_body_vector",
    "ALTER TABLE IF EXISTS seutu_search_entry DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE IF EXISTS seutu_search_body DROP COLUMN IF EXISTS search_vector",
]


def install(schema_editor):
    for statement in INSTALL:
        schema_editor.execute(statement)


def uninstall(schema_editor):
    for statement in UNINSTALL:
        schema_editor.execute(statement)


def _lexeme(term, suffix=""):
    return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'" + suffix


def tsquery_expression(analysed, weights=""):
    suffix = f":{weights}" if weights else ""
    clauses = []
    for clause in analysed.clauses:
        alternatives = [
            "(" + " & ".join(_lexeme(t, suffix) for t in alternative) + ")"
            for alternative in clause.alternatives
            if alternative
        ]
        if alternatives:
            clauses.append("(" + " | ".join(alternatives) + ")")
    return (" | " if analysed.match_any else " & ").join(clauses)


#: Hits whose vectors a broad query reads to find matches in names and keywords.
PROMINENT_SCAN = 20_000

#: The advisory lock that index writes hold until they commit (see ``lock_for_writing``).
WRITE_LOCK = 0x5E0705EA


class PostgresSearchBackend(DatabaseSearchBackend):
    least = "least"
    json_placeholder = "%s::jsonb"

    def match(self, analysed, prominent=False):
        # Names are weight A, keywords B: "prominent" matches only those. The plan is fixed:
        # matches first (fenced by OFFSET 0), then each hit's entry by its key (LATERAL).
        # Left to itself the planner underestimates the entries a facet filter keeps and
        # tests every entry's vector, or hashes every entry.
        expression = ranked = tsquery_expression(analysed)
        matched, where, params = "", "TRUE", [expression]
        if prominent:
            ranked = tsquery_expression(analysed, "AB")
            # GIN cannot test weights: every hit's vector is read to find the few matching
            # in names. For a word in most documents that is all of them, so the test is
            # made on a bounded number of hits (the candidates are bounded anyway).
            matched = f" LIMIT {int(PROMINENT_SCAN)}"
            where = "b.search_vector @@ to_tsquery('simple'::regconfig, %s)"
            params = [expression, ranked]
        return (
            "(SELECT entry_id, search_vector FROM seutu_search_body "
            f"WHERE search_vector @@ to_tsquery('simple'::regconfig, %s) OFFSET 0{matched}) b "
            "CROSS JOIN LATERAL (SELECT * FROM seutu_search_entry x "
            "WHERE x.id = b.entry_id OFFSET 0) e",
            where,
            params,
            "-ts_rank(b.search_vector, to_tsquery('simple'::regconfig, %s))",
            [ranked],
        )

    def prefix_match(self, terms, prefix):
        parts = [_lexeme(t, ":A") for t in terms] + [_lexeme(prefix, ":*A")]
        expression = " & ".join(parts)
        return (
            "seutu_search_body b JOIN seutu_search_entry e ON e.id = b.entry_id",
            "b.search_vector @@ to_tsquery('simple'::regconfig, %s)",
            [expression],
            "e.sort_name",
        )

    def _execute(self, query, analysed):
        with transaction.atomic():
            with connection.cursor() as cursor:
                # The planner prices testing a vector per row far below what reading it
                # costs, and prefers a sequential scan to the GIN index for most words.
                cursor.execute("SET LOCAL enable_seqscan = off")
            return super()._execute(query, analysed)

    def lock_for_writing(self, cursor):
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])

    def after_bulk_load(self):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE seutu_search_entry")
            cursor.execute("ANALYZE seutu_search_body")
            cursor.execute("ANALYZE seutu_search_facet")
