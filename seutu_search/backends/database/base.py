"""What the SQLite and PostgreSQL backends share: storage, filters, facets, geo, suggestions.

A vendor subclass says only how to match an :class:`~seutu_search.language.AnalysedQuery`
against its full-text index and how to rank (:meth:`DatabaseSearchBackend.match`).

A search matches its text once (:meth:`DatabaseSearchBackend._one_pass`): the hits without the
facet filters come back with a bit per filter they fail, and the total, every facet and the
page are taken from them in Python. At scale, when there are more of them than
``FACET_SAMPLE_SIZE``, facets are counted over that many hits (the index's own order, not the
top of the ranking, so the sample is not biased towards one kind of name), scaled up to the
total and marked ``approximate``; the total is counted up to ``TOTAL_LIMIT`` and the page ranked
among ``RANK_CANDIDATES``.
"""

import dataclasses
import heapq
import math
from collections import Counter
from operator import itemgetter

import orjson
from django.db import connection, transaction
from django.utils import timezone

from ... import language as analysis
from ...documents import TERM_FIELDS, SearchDocument, analyse_terms, term_digests
from ..base import BaseSearchBackend, RawHit, RawResults, SearchBackendError, Suggestion
from .models import IndexBody, IndexEntry

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = 111.195
# Facets stored as columns of the entry (one value per document); the rest in the facet table.
COLUMN_FACETS = {"town": "e.town_code", "region": "e.region_code", "type": "e.actor_type"}
#: The entry columns of a cell (:class:`~.models.IndexCell`), in its key's order.
CELL_COLUMNS = ("kind", "town_code", "actor_type", "region_code")
_CELL_KEY = ", ".join([*CELL_COLUMNS, "facet", "value"])
#: Count every cell again from the entries (after a rebuild; by migration 0007).
COUNT_CELLS = [
    "DELETE FROM seutu_search_cell",
    f"INSERT INTO seutu_search_cell ({_CELL_KEY}, count) "
    f"SELECT {', '.join(CELL_COLUMNS)}, '', '', count(*) FROM seutu_search_entry "
    f"GROUP BY {', '.join(CELL_COLUMNS)}",
    f"INSERT INTO seutu_search_cell ({_CELL_KEY}, count) "
    f"SELECT {', '.join('e.' + c for c in CELL_COLUMNS)}, f.facet, f.value, count(*) "
    "FROM seutu_search_facet f JOIN seutu_search_entry e ON e.id = f.entry_id "
    "WHERE f.facet NOT IN ('town', 'region', 'type') "
    f"GROUP BY {', '.join('e.' + c for c in CELL_COLUMNS)}, f.facet, f.value",
]


class DatabaseSearchBackend(BaseSearchBackend):
    # A query with more hits than these says "over 5,000" and ranks its page among the first
    # 2,000 matching in names or keywords: counting and ranking every one of a million
    # documents' hits is what a broad word would otherwise cost (bench/search_query.py).
    total_limit = 5_000
    rank_candidates = 2_000
    json_placeholder = "%s"
    #: SQL for the smaller of two numbers (SQLite ``min``, PostgreSQL ``least``).
    least = "min"

    #: The entry table read in name order (a vendor may name the index to use).
    name_ordered_entries = "seutu_search_entry e"

    def __init__(self, options=None):
        super().__init__(options)
        self.total_limit = int(self.options.get("TOTAL_LIMIT", self.total_limit))
        self.rank_candidates = int(self.options.get("RANK_CANDIDATES", self.rank_candidates))

    # -- vendor hooks ----------------------------------------------------------------------------

    def match(self, analysed, prominent=False):
        """``(from_sql, where_sql, params, rank_sql, rank_params)`` for a non-empty analysed
        query; rank ascending is best first. ``prominent``: match in names and keywords only.
        *Abstract.*"""
        raise NotImplementedError

    def prefix_match(self, terms, prefix):
        """``(from_sql, where_sql, params, rank_sql)`` matching names having every one of
        ``terms`` and a term starting with ``prefix``. *Abstract.*"""
        raise NotImplementedError

    def write_fulltext(self, cursor, bodies):
        """Index ``bodies`` (rows of entry id, name, keyword and text terms, stored) just
        written to the body table. Default: nothing (PostgreSQL's vector is a generated
        column)."""

    def delete_fulltext(self, cursor, entry_ids, indexed_terms=None):
        """Unindex the body rows of ``entry_ids`` before they are deleted or rewritten;
        ``indexed_terms`` (``{entry id: (name, keyword, text terms)}``), when the caller has
        read them already."""

    def clear_fulltext(self, cursor):
        """Empty the full-text index, before every body row is deleted."""

    def after_bulk_load(self):
        """Optimise the index after a rebuild (statistics, merges)."""

    def lock_for_writing(self, cursor):
        """Take the index's write lock for the rest of the transaction, before reading what
        is indexed: cell counts change by what a write changes, so two writers must not
        read the same old state. Default: nothing (SQLite has one writer at a time)."""

    # -- writing ---------------------------------------------------------------------------------

    def index(self, documents, rebuild=None):
        """Write ``documents``, doing only what changed: a document whose terms and content
        are as indexed is only marked seen; one whose terms are the same but content is not
        (a website, a coordinate) is updated in place, leaving the full-text index alone;
        one whose terms changed is updated in place with its full-text rows. Re-indexing
        unchanged data (a rebuild, a save that changed nothing searchable) is thus cheap."""
        documents = list({d.id: d for d in documents}.values())
        if not documents:
            return 0
        now = timezone.now()
        with transaction.atomic(), connection.cursor() as cursor:
            self.lock_for_writing(cursor)
            existing = self._existing(cursor, [document.id for document in documents])
            prepared = [_Prepared(document, existing.get(document.id)) for document in documents]
            # A rebuild starts the vocabulary afresh; otherwise terms that were stored before
            # were recorded then.
            vocabulary = set()
            for item in prepared:
                for text in (item.terms if rebuild is not None else item.analysed):
                    vocabulary.update(text.split())
            fresh, updated, retermed, unchanged = [], [], [], []
            indexed_terms = {}  # of the retermed: what the full-text index holds for them now
            cells_before, cells_after = [], []  # (cell, facet list) of entries that moved
            for item in prepared:
                old = existing.get(item.doc_id)
                if old is not None and (old[10], old[8]) != item.cell:
                    cells_before.append((old[10], old[8]))
                    cells_after.append(item.cell)
                if old is None:
                    fresh.append(item)
                    cells_after.append(item.cell)
                elif old[2:5] != item.terms:
                    retermed.append((old[0], item, old[5:9] != item.facet_columns))
                    indexed_terms[old[0]] = old[2:5]
                elif old[1] != item.version or old[9] != item.digests:
                    updated.append((old[0], item, old[5:9] != item.facet_columns))
                else:
                    unchanged.append(old[0])
            for chunk in _chunks(unchanged):
                cursor.execute(
                    f"UPDATE seutu_search_entry SET indexed_at = %s WHERE id IN "
                    f"({', '.join(['%s'] * len(chunk))})",
                    [now, *chunk],
                )
            if updated:
                self._update_in_place(cursor, updated, now)
            if retermed:
                self._update_in_place(cursor, retermed, now, indexed_terms=indexed_terms)
            if fresh:
                self._insert(cursor, fresh, now)
            self._move_cells(cursor, cells_before, cells_after)
            analysis.record_vocabulary(vocabulary)
        if any(d.kind == "competence" for d in documents):
            analysis.synonym_cache.invalidate()
        return len(documents)

    def _existing(self, cursor, doc_ids):
        """``{doc id: (entry id, version, name terms, keyword terms, text terms, town,
        region, type, facet list, term digests, cell)}``."""
        found = {}
        for chunk in _chunks(doc_ids):
            cursor.execute(
                "SELECT e.doc_id, e.id, e.version, b.name_terms, b.keyword_terms, b.text_terms, "
                "e.town_code, e.region_code, e.actor_type, e.facet_list, b.term_digests, "
                f"{', '.join('e.' + column for column in CELL_COLUMNS)} "
                "FROM seutu_search_entry e JOIN seutu_search_body b ON b.entry_id = e.id "
                f"WHERE e.doc_id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            found.update((row[0], (*row[1:11], tuple(row[11:]))) for row in cursor.fetchall())
        return found

    def _move_cells(self, cursor, before, after):
        """Count entries out of the cells ``before`` and into the cells ``after``, both
        ``[(cell, facet list)]``: the cell's own count and one per competence or section."""

        def keys(entries):
            for cell, facet_list in entries:
                yield (*cell, "", "")
                for pair in filter(None, facet_list.split("\n")):
                    facet, _, value = pair.partition(":")
                    yield (*cell, facet, value[:150])

        change = Counter(keys(after))
        change.subtract(Counter(keys(before)))
        rows = [(*key, delta) for key, delta in sorted(change.items()) if delta]
        if rows:
            # In key order: two PostgreSQL transactions lock the rows in the same order.
            cursor.executemany(
                f"INSERT INTO seutu_search_cell ({_CELL_KEY}, count) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s) "
                f"ON CONFLICT ({_CELL_KEY}) "
                "DO UPDATE SET count = seutu_search_cell.count + excluded.count",
                rows,
            )

    def _insert(self, cursor, items, now):
        entries = [IndexEntry(doc_id=item.doc_id, indexed_at=now, **item.columns) for item in items]
        IndexEntry.objects.bulk_create(entries, batch_size=500)
        if any(e.pk is None for e in entries):  # a database that returns no ids
            ids = dict(
                IndexEntry.objects.filter(doc_id__in=[e.doc_id for e in entries]).values_list(
                    "doc_id", "pk"
                )
            )
            for entry in entries:
                entry.pk = ids[entry.doc_id]
        bodies = [(entry.pk, *item.terms, item.stored, item.digests)
                  for entry, item in zip(entries, items)]
        # Plain executemany: ORM objects cost more than the insert for these two tables.
        cursor.executemany(
            "INSERT INTO seutu_search_body (entry_id, name_terms, keyword_terms, "
            f"text_terms, stored, term_digests) VALUES (%s, %s, %s, %s, "
            f"{self.json_placeholder}, %s)",
            bodies,
        )
        self.write_fulltext(cursor, bodies)
        self._insert_facets(cursor, [(entry.pk, item) for entry, item in zip(entries, items)])

    def _update_in_place(self, cursor, updated, now, indexed_terms=None):
        """Rewrite entries ``[(entry id, _Prepared, facets changed)]`` under their ids; given
        the ``indexed_terms`` of their changed terms, their full-text rows too."""
        names = list(_Prepared.COLUMNS)
        cursor.executemany(
            f"UPDATE seutu_search_entry SET {', '.join(f'{n} = %s' for n in names)}, "
            "indexed_at = %s WHERE id = %s",
            [[*(item.columns[n] for n in names), now, entry_id] for entry_id, item, _ in updated],
        )
        if indexed_terms is not None:
            self.delete_fulltext(cursor, [entry_id for entry_id, _, _ in updated], indexed_terms)
            cursor.executemany(
                "UPDATE seutu_search_body SET name_terms = %s, keyword_terms = %s, "
                f"text_terms = %s, stored = {self.json_placeholder}, term_digests = %s "
                "WHERE entry_id = %s",
                [(*item.terms, item.stored, item.digests, entry_id)
                 for entry_id, item, _ in updated],
            )
            self.write_fulltext(
                cursor, [(entry_id, *item.terms, item.stored) for entry_id, item, _ in updated]
            )
        else:
            cursor.executemany(
                f"UPDATE seutu_search_body SET stored = {self.json_placeholder}, "
                "term_digests = %s WHERE entry_id = %s",
                [(item.stored, item.digests, entry_id) for entry_id, item, _ in updated],
            )
        refaceted = [(entry_id, item) for entry_id, item, changed in updated if changed]
        for chunk in _chunks([entry_id for entry_id, _ in refaceted]):
            cursor.execute(
                "DELETE FROM seutu_search_facet WHERE entry_id IN "
                f"({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
        self._insert_facets(cursor, refaceted)

    def _insert_facets(self, cursor, items):
        cursor.executemany(
            "INSERT INTO seutu_search_facet (entry_id, facet, value) VALUES (%s, %s, %s)",
            [(entry_id, facet, value[:150])
             for entry_id, item in items for facet, value in item.facets],
        )

    def _delete_entries(self, doc_ids):
        # Plain SQL: the ORM's delete() would load every row when delete signals are connected.
        with connection.cursor() as cursor:
            for chunk in _chunks(doc_ids):
                cursor.execute(
                    "SELECT id FROM seutu_search_entry WHERE doc_id IN "
                    f"({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
                self._delete_entry_ids(cursor, [row[0] for row in cursor.fetchall()])

    def _delete_entry_ids(self, cursor, entry_ids):
        self.lock_for_writing(cursor)
        for chunk in _chunks(entry_ids):
            self.delete_fulltext(cursor, chunk)
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT {', '.join(CELL_COLUMNS)}, facet_list FROM seutu_search_entry "
                f"WHERE id IN ({placeholders})",
                chunk,
            )
            self._move_cells(cursor, [(tuple(row[:4]), row[4]) for row in cursor.fetchall()], [])
            for table, column in (("seutu_search_facet", "entry_id"),
                                  ("seutu_search_body", "entry_id"),
                                  ("seutu_search_entry", "id")):
                cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({placeholders})", chunk)

    def delete(self, ids):
        ids = [str(i) for i in ids]
        with transaction.atomic():
            before = IndexEntry.objects.filter(doc_id__in=ids).count() if ids else 0
            self._delete_entries(ids)
        return before

    def clear(self):
        with transaction.atomic(), connection.cursor() as cursor:
            self.clear_fulltext(cursor)
            for table in ("seutu_search_facet", "seutu_search_body", "seutu_search_entry",
                          "seutu_search_cell"):
                cursor.execute(f"DELETE FROM {table}")
            analysis.forget_vocabulary()

    def begin_rebuild(self):
        # Documents are upserted in place; finish_rebuild() sweeps the ones not written since.
        # Writes by the outbox drainer during the rebuild are newer, so they are kept.
        analysis.forget_vocabulary()
        return timezone.now()

    def finish_rebuild(self, token):
        stale = IndexEntry.objects.filter(indexed_at__lt=token).values_list("doc_id", flat=True)
        with transaction.atomic(), connection.cursor() as cursor:
            self._delete_entries(list(stale))
            # Counted again from the entries: whatever a write may have miscounted is gone.
            self.lock_for_writing(cursor)
            for statement in COUNT_CELLS:
                cursor.execute(statement)
        self.after_bulk_load()

    # -- reading ---------------------------------------------------------------------------------

    def ping(self):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as error:  # pragma: no cover - the site is down anyway
            raise SearchBackendError(str(error)) from error

    def indexed_versions(self, kind=None):
        entries = IndexEntry.objects.all()
        if kind:
            entries = entries.filter(kind=kind)
        return dict(entries.values_list("doc_id", "version").iterator(chunk_size=10_000))

    def get_documents(self, ids):
        rows = IndexBody.objects.filter(entry__doc_id__in=list(ids)).values_list("stored", flat=True)
        return [_json(row) for row in rows]

    def _stored(self, cursor, entry_ids):
        """``{entry id: stored document}`` for a page of hits."""
        if not entry_ids:
            return {}
        cursor.execute(
            "SELECT entry_id, stored FROM seutu_search_body WHERE entry_id IN "
            f"({', '.join(['%s'] * len(entry_ids))})",
            list(entry_ids),
        )
        return {entry_id: _json(stored) for entry_id, stored in cursor.fetchall()}

    def _filters(self, query):
        """WHERE fragments and params for kind, facet filters and geo."""
        where, params = [], []
        kinds = list(query.kinds)
        where.append(f"e.kind IN ({', '.join(['%s'] * len(kinds))})")
        params.extend(kinds)
        if "page" in kinds:
            where.append("(e.kind <> 'page' OR e.language = %s)")
            params.append(query.language)
        for test, test_params in self._facet_tests(query):
            where.append(test)
            params.extend(test_params)
        if query.geo is not None:
            geo = query.geo
            dlat = geo.radius_km / KM_PER_DEGREE
            cos_lat = max(math.cos(math.radians(geo.lat)), 0.01)
            dlon = min(180.0, geo.radius_km / (KM_PER_DEGREE * cos_lat))
            # Bounding box first (indexed), the exact great-circle distance after.
            where.append("e.latitude BETWEEN %s AND %s AND e.longitude BETWEEN %s AND %s")
            params.extend([geo.lat - dlat, geo.lat + dlat, geo.lon - dlon, geo.lon + dlon])
            distance, distance_params = self._distance_sql(geo)
            where.append(f"{distance} <= %s")
            params.extend([*distance_params, geo.radius_km])
        return where, params

    def _distance_sql(self, geo):
        return (
            f"(2 * {EARTH_RADIUS_KM} * asin({self.least}(1.0, sqrt("
            "power(sin(radians(e.latitude - %s) / 2), 2) + "
            "cos(radians(%s)) * cos(radians(e.latitude)) * "
            "power(sin(radians(e.longitude - %s) / 2), 2)))))",
            [geo.lat, geo.lat, geo.lon],
        )

    def _source(self, query, analysed):
        """``(from_sql, where_sql, params)`` of the hits of ``query``."""
        where, params = self._filters(query)
        from_sql = "seutu_search_entry e"
        if analysed:
            from_sql, match_where, match_params, _, _ = self.match(analysed)
            where.insert(0, match_where)
            params[:0] = match_params
        return from_sql, " AND ".join(where), params

    def _execute(self, query, analysed):
        try:
            with connection.cursor() as cursor:
                return self._run(cursor, query, analysed)
        except SearchBackendError:
            raise
        except Exception as error:
            raise SearchBackendError(f"{type(error).__name__}: {error}") from error

    def _run(self, cursor, query, analysed):
        if (not analysed and query.geo is None and "page" not in query.kinds
                and set(query.filters) <= set(COLUMN_FACETS)):
            return self._browse(cursor, query)
        tally, page = self._one_pass(cursor, query, analysed)
        if not tally.sampled:
            results = RawResults(total=tally.total)
            results.hits = self._hits(cursor, page)
        else:
            # More hits than the sample: count and page over all of them (bounded too).
            from_sql, where_sql, params = self._source(query, analysed)
            total, approximate = self._count(cursor, from_sql, where_sql, params)
            results = RawResults(total=total, total_approximate=approximate)
            if total:
                if not analysed and query.sort != "distance":
                    # Thousands of hits in name order: walking the name index and testing
                    # each entry finds a page sooner than sorting them all.
                    from_sql = self.name_ordered_entries
                results.hits = self._page(
                    cursor, query, analysed, from_sql, where_sql, params, broad=approximate
                )
        results.facets = tally.facets(query.facets, results.total)
        return results

    # -- browsing: no text, filters on town, type and region -------------------------------------

    def _browse(self, cursor, query):
        """The total and every facet count summed from the cells: exact at any size, from a
        few thousand rows however many hits there are. Town, type and region counts are
        summed in Python from the cells' own counts (a few hundred), competences and
        sections in SQL from the cells passing every filter."""
        kinds = list(query.kinds)
        cursor.execute(
            "SELECT town_code, actor_type, region_code, count FROM seutu_search_cell "
            f"WHERE kind IN ({', '.join(['%s'] * len(kinds))}) AND facet = '' AND count > 0",
            kinds,
        )
        position = {"town": 0, "type": 1, "region": 2}
        # Per cell, a bit per filter it fails (as in _one_pass): it counts in the total with
        # none, and in a facet with none but that facet's own.
        bits = {facet: 1 << index for index, facet in enumerate(sorted(query.filters))}
        tests = [(position[facet], set(values), bits[facet])
                 for facet, values in query.filters.items()]
        cells = []
        for *values, count in cursor.fetchall():
            failed = 0
            for index, allowed, bit in tests:
                if values[index] not in allowed:
                    failed |= bit
            if failed & (failed - 1) == 0:  # failing two or more, it counts nowhere
                cells.append((values, failed, count))
        results = RawResults(total=sum(count for _, failed, count in cells if not failed))
        facets = {}
        for facet in set(query.facets) & set(position):
            index, own = position[facet], bits.get(facet, 0)
            counts = Counter()
            for values, failed, count in cells:
                if values[index] and not failed & ~own:
                    counts[values[index]] += count
            facets[facet] = (list(counts.items()), False)
        listed = [facet for facet in query.facets if facet not in position]
        if listed:
            # The cells have the entry's column names: the entry filters apply as they are.
            filters = self._facet_tests(query)
            cursor.execute(
                "SELECT facet, value, sum(count) FROM seutu_search_cell e "
                f"WHERE kind IN ({', '.join(['%s'] * len(kinds))}) "
                f"AND facet IN ({', '.join(['%s'] * len(listed))})"
                f"{''.join(' AND ' + test for test, _ in filters)} "
                "GROUP BY facet, value HAVING sum(count) > 0",
                [*kinds, *listed, *(p for _, test_params in filters for p in test_params)],
            )
            counts = {facet: [] for facet in listed}
            for facet, value, count in cursor.fetchall():
                counts[facet].append((value, int(count)))
            facets.update((facet, (values, False)) for facet, values in counts.items())
        results.facets = facets
        if results.total:
            from_sql, where_sql, params = self._source(query, None)
            if results.total > self.facet_sample_size:
                from_sql = self.name_ordered_entries  # see _run
            results.hits = self._page(cursor, query, None, from_sql, where_sql, params)
        return results

    # -- one pass: total, facets and page from one evaluation of the match ----------------------

    def _facet_tests(self, query):
        """``[(sql, params)]``: per filtered facet (in ``sorted`` order), a test of a hit."""
        tests = []
        for facet, values in sorted(query.filters.items()):
            placeholders = ", ".join(["%s"] * len(values))
            if facet in COLUMN_FACETS:
                tests.append((f"{COLUMN_FACETS[facet]} IN ({placeholders})", list(values)))
            else:
                tests.append((
                    "e.id IN (SELECT entry_id FROM seutu_search_facet "
                    f"WHERE facet = %s AND value IN ({placeholders}))",
                    [facet, *values],
                ))
        return tests

    def _one_pass(self, cursor, query, analysed):
        """One statement, one evaluation of the match: the hits of the query *without* its
        facet filters, each with a bit per filter it fails, at most ``facet_sample_size + 1``
        of them and only those failing at most one filter (a hit failing two counts
        nowhere). Python then counts the total and every facet (each over the hits passing
        every *other* filter: disjunctive facets) and picks the page. Fetching a few thousand
        narrow rows costs less than grouping and joining them again in SQL.

        Returns ``(_Tally, page rows)``; the page is only valid when the tally is not sampled.
        """
        from_sql, where_sql, params = self._source(dataclasses.replace(query, filters={}),
                                                   analysed)
        tests = self._facet_tests(query)
        failed = " + ".join(
            f"CASE WHEN {test} THEN 0 ELSE {1 << index} END"
            for index, (test, _) in enumerate(tests)
        ) or "0"
        failed_params = [p for _, test_params in tests for p in test_params]
        rank_sql, rank_params = "0", []
        if analysed and query.sort == "relevance":
            _, _, _, rank, rank_params = self.match(analysed)
            # Ranked only when it can be on the page: bm25/ts_rank is the costly part.
            passes_all = " AND ".join(test for test, _ in tests) or "1 = 1"
            rank_sql = f"CASE WHEN {passes_all} THEN {rank} END"
            rank_params = [*failed_params, *rank_params]
        distance_sql, distance_params = "NULL", []
        if query.geo is not None:
            distance_sql, distance_params = self._distance_sql(query.geo)
        sql = (
            f"SELECT e.id, e.town_code, e.region_code, e.actor_type, e.facet_list, "
            f"{failed} AS failed, {rank_sql} AS rank, {distance_sql} AS distance, e.sort_name "
            f"FROM {from_sql} WHERE {where_sql}"
        )
        sql_params = [*failed_params, *rank_params, *distance_params, *params]
        if len(tests) > 1:
            sql = f"SELECT * FROM ({sql}) x WHERE (x.failed & (x.failed - 1)) = 0"
        cursor.execute(f"{sql} LIMIT {int(self.facet_sample_size) + 1}", sql_params)
        rows = cursor.fetchall()
        tally = _Tally([facet for facet, _ in sorted(query.filters.items())], query.facets)
        passing = tally.count(rows)
        tally.sampled = len(rows) > self.facet_sample_size
        if tally.sampled:
            return tally, []
        if query.sort == "distance" and query.geo is not None:
            columns = (7, 8, 0)  # distance, name, id
        elif query.sort == "relevance" and analysed:
            columns = (6, 8, 0)  # rank, name, id
        else:
            columns = (8, 0)
        wanted = query.offset + query.page_size
        if len(passing) > wanted:
            # Narrowed on the first column alone (no key tuple built per hit), ties kept,
            # then ordered by the whole key.
            first = itemgetter(columns[0])
            bound = heapq.nsmallest(wanted, map(first, passing))[-1]
            passing = [row for row in passing if first(row) <= bound]
        page = sorted(passing, key=itemgetter(*columns))[query.offset:wanted]
        return tally, [(row[0], row[6], row[7]) for row in page]

    def _count(self, cursor, from_sql, where_sql, params):
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {from_sql} WHERE {where_sql} LIMIT %s) hits",
            [*params, self.total_limit + 1],
        )
        count = cursor.fetchone()[0]
        if count > self.total_limit:
            return self.total_limit, True
        return count, False

    def _ranked_candidates(self, cursor, query, analysed):
        """The page of a broad query, ranked among a bounded set of candidates: the first
        RANK_CANDIDATES hits that match in names or keywords (what bm25/ts_rank would put
        first anyway), else the first RANK_CANDIDATES hits. Ranking every one of 100,000 hits
        is what makes a broad word slow; this keeps it bounded, and says so."""
        for prominent in (True, False):
            where, params = self._filters(query)
            from_sql, match_where, match_params, rank_sql, rank_params = self.match(
                analysed, prominent=prominent
            )
            sql = (
                f"SELECT c.id, c.rank, NULL FROM (SELECT e.id AS id, {rank_sql} AS rank, "
                f"e.sort_name AS sort_name FROM {from_sql} WHERE {' AND '.join([match_where, *where])} "
                f"LIMIT {int(self.rank_candidates)}) c "
                "ORDER BY c.rank ASC, c.sort_name ASC, c.id ASC LIMIT %s OFFSET %s"
            )
            cursor.execute(
                sql, [*rank_params, *match_params, *params, query.page_size, query.offset]
            )
            rows = cursor.fetchall()
            if len(rows) == query.page_size or not prominent:
                return rows

    def _page(self, cursor, query, analysed, from_sql, where_sql, params, broad=False):
        if broad and analysed and query.sort == "relevance":
            return self._hits(cursor, self._ranked_candidates(cursor, query, analysed))
        columns, order_params = ["e.id"], []
        rank_sql = None
        if analysed:
            _, _, _, rank_sql, rank_params = self.match(analysed)
            columns.append(rank_sql)
            order_params.extend(rank_params)
        else:
            columns.append("0")
        distance_params = []
        if query.geo is not None:
            distance, distance_params = self._distance_sql(query.geo)
            columns.append(distance)
        else:
            columns.append("NULL")
        if query.sort == "distance":
            order = "3 ASC, e.sort_name ASC, e.id ASC"
        elif query.sort == "relevance" and rank_sql:
            order = "2 ASC, e.sort_name ASC, e.id ASC"
        else:
            order = "e.sort_name ASC, e.id ASC"
        sql = (
            f"SELECT {', '.join(columns)} FROM {from_sql} WHERE {where_sql} "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        cursor.execute(
            sql, [*order_params, *distance_params, *params, query.page_size, query.offset]
        )
        return self._hits(cursor, cursor.fetchall())

    def _hits(self, cursor, rows):
        stored = self._stored(cursor, [row[0] for row in rows])
        return [
            RawHit(
                document=stored[entry_id],
                score=-float(rank or 0),
                distance_km=None if distance is None else round(float(distance), 2),
            )
            for entry_id, rank, distance in rows
            if entry_id in stored
        ]

    # -- autocomplete ----------------------------------------------------------------------------

    def suggest(self, prefix, language="fi", limit=10):
        tokens = analysis.tokenize(prefix)[: analysis.MAX_QUERY_TOKENS]
        if not tokens:
            return []
        *words, last = tokens
        terms = list(words)
        suggestions = []
        try:
            with connection.cursor() as cursor:
                from_sql, where_sql, params, rank_sql = self.prefix_match(terms, last)
                for kind, share in (("competence", limit), ("organisation", limit)):
                    cursor.execute(
                        f"SELECT e.id FROM {from_sql} WHERE {where_sql} AND e.kind = %s "
                        f"ORDER BY {rank_sql}, e.sort_name LIMIT %s",
                        [*params, kind, share],
                    )
                    found = [row[0] for row in cursor.fetchall()]
                    stored = self._stored(cursor, found)
                    for entry_id in found:
                        if entry_id not in stored:
                            continue
                        document = SearchDocument.from_dict(stored[entry_id])
                        value = document.competences[0] if kind == "competence" else document.id
                        suggestions.append(Suggestion(document.name_in(language), kind, value))
        except Exception as error:
            raise SearchBackendError(f"{type(error).__name__}: {error}") from error
        towns = self._town_suggestions(tokens, language, limit)
        competences = [s for s in suggestions if s.kind == "competence"]
        organisations = [s for s in suggestions if s.kind == "organisation"]
        ordered = competences[: max(3, limit - len(towns) - 3)] + towns
        ordered += organisations[: limit - len(ordered)]
        return _unique_suggestions(ordered)[:limit]

    def _town_suggestions(self, tokens, language, limit):
        from seutu_crm.models import Town

        text = " ".join(tokens)
        candidates = []
        for town in Town.objects.filter(in_network=True):
            names = [town.name_fi, town.name_sv]
            if any(n and n.casefold().startswith(text) for n in names):
                shown = (town.name_sv if language == "sv" else "") or town.name_fi
                candidates.append(Suggestion(shown, "town", town.code))
        if not candidates:
            return []
        codes = set(
            IndexEntry.objects.filter(town_code__in=[c.value for c in candidates])
            .values_list("town_code", flat=True)
            .distinct()
        )
        return [c for c in candidates if c.value in codes][:limit]


def _unique_suggestions(suggestions):
    seen, unique = set(), []
    for suggestion in suggestions:
        key = (suggestion.kind, suggestion.value)
        if key not in seen:
            seen.add(key)
            unique.append(suggestion)
    return unique


def _json(value):
    return orjson.loads(value) if isinstance(value, (str, bytes)) else value


def _chunks(items, size=500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Prepared:
    """A document as the tables hold it: entry columns, terms, stored JSON and facet rows."""

    COLUMNS = ("kind", "object_id", "language", "name", "sort_name", "town_code", "region_code",
               "actor_type", "latitude", "longitude", "facet_list", "version")
    #: The columns the facet rows are made from: unchanged, the facet rows stay.
    FACET_COLUMNS = ("town_code", "region_code", "actor_type", "facet_list")

    def __init__(self, document, indexed=None):
        """``indexed``: the row ``_existing`` found for the document, if any; a field whose
        source has the digest stored there keeps its stored terms instead of being analysed
        again (a drain after a name change analyses the name, not the descriptions)."""
        sources = document.term_sources()
        digests = term_digests(sources)
        self.digests = "".join(digests)
        stored_digests = indexed[9] if indexed else ""
        terms, self.analysed = [], []  # analysed: the terms made afresh, for the vocabulary
        for position, name in enumerate(TERM_FIELDS):
            width = len(digests[position])
            if stored_digests[position * width : (position + 1) * width] == digests[position]:
                terms.append(indexed[2 + position])
            else:
                terms.append(analyse_terms(name, sources[name]))
                self.analysed.append(terms[-1])
        self.doc_id = document.id
        self.terms = tuple(terms)
        self.stored, self.version = document.serialise(document.to_dict())
        self.facets = document.facet_values()
        self.columns = {
            "kind": document.kind,
            "object_id": document.object_id,
            "language": document.language,
            "name": document.name[:255],
            "sort_name": document.name.casefold()[:255],
            "town_code": document.town_code,
            "region_code": document.region_code,
            "actor_type": document.actor_type,
            "latitude": document.latitude,
            "longitude": document.longitude,
            "facet_list": "\n".join(f"{facet}:{value}" for facet, value in self.facets
                                    if facet not in COLUMN_FACETS),
            "version": self.version,
        }
        self.facet_columns = tuple(self.columns[name] for name in self.FACET_COLUMNS)
        self.cell = (tuple(self.columns[name] for name in CELL_COLUMNS),
                     self.columns["facet_list"])


def _lines(texts):
    """The lines of every text in ``texts``, as one list (empty texts give one "")."""
    return "\n".join(texts).split("\n")


class _Tally:
    """Counts over the sampled hits: the total (hits passing every filter) and, per facet, its
    values over the hits passing every *other* filter (disjunctive facets)."""

    def __init__(self, filtered, facets):
        self.filtered = filtered  # names of the filtered facets; facet i is bit 1 << i
        self.wanted = set(facets)
        self.total = 0
        self.counts = {facet: {} for facet in facets}
        self.sampled = False

    def count(self, rows):
        """Count hit ``rows`` of ``_one_pass``; returns those passing every filter.

        Counting goes through ``Counter`` over whole lists (C speed): a hit passing every
        filter counts in every facet; a hit failing one filter only in that filter's facet.
        """
        own = {facet: 1 << index for index, facet in enumerate(self.filtered)}
        passing, failing_one = rows, {}  # with no filters, nothing to fail
        if self.filtered:
            passing = []
            for row in rows:
                if row[5]:
                    failing_one.setdefault(row[5], []).append(row)
                else:
                    passing.append(row)
        self.total = len(passing)
        for index, facet in ((1, "town"), (2, "region"), (3, "type")):
            if facet in self.wanted:
                hits = passing + failing_one.get(own[facet], []) if facet in own else passing
                counts = Counter(map(itemgetter(index), hits))
                counts.pop("", None)
                counts.pop(None, None)
                self.counts[facet] = counts
        # One join and one split for all hits: splitting hit by hit costs three times more.
        pairs = Counter(_lines(map(itemgetter(4), passing)))
        for facet in self.wanted - set(COLUMN_FACETS):
            if facet in own:
                prefix = facet + ":"
                pairs.update(pair for pair in _lines(map(itemgetter(4),
                                                         failing_one.get(own[facet], [])))
                             if pair.startswith(prefix))
        pairs.pop("", None)
        for pair, count in pairs.items():
            facet, _, value = pair.partition(":")
            if facet in self.wanted:
                self.counts[facet][value] = count
        return passing

    def facets(self, names, total):
        """``{facet: ([(value, count)], approximate)}``: counts over a sample are scaled from
        the sample's hits to ``total`` and marked approximate."""
        scale = total / self.total if self.sampled and self.total else 1
        return {
            name: (
                [(value, max(1, round(count * scale)) if self.sampled else count)
                 for value, count in self.counts.get(name, {}).items()],
                self.sampled,
            )
            for name in names
        }
