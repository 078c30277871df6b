"""What the SQLite and PostgreSQL backends share: storage, filters, facets, geo, suggestions.

A vendor subclass says only how to match an :class:`~seutu_search.language.AnalysedQuery`
against its full-text index and how to rank (:meth:`DatabaseSearchBackend.match`).

Facets at scale: counting facet values over every hit of a broad word is what costs (a GROUP BY
over hundreds of thousands of rows). When a facet's hit set is larger than
``FACET_SAMPLE_SIZE``, its values are counted over that many hits (the index's own order, not
the top of the ranking, so the sample is not biased towards one kind of name), scaled up to the
total, and the facet is marked ``approximate``. Totals above ``TOTAL_LIMIT`` are not counted
further and are marked approximate too.
"""

import json
import math

from django.db import connection, transaction
from django.utils import timezone

from ... import language as analysis
from ...documents import SearchDocument
from ..base import BaseSearchBackend, RawHit, RawResults, SearchBackendError, Suggestion
from .models import IndexBody, IndexEntry

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = 111.195
# Facets stored as columns of the entry (one value per document); the rest in the facet table.
COLUMN_FACETS = {"town": "e.town_code", "region": "e.region_code", "type": "e.actor_type"}


class DatabaseSearchBackend(BaseSearchBackend):
    total_limit = 10_000
    rank_candidates = 5_000
    json_placeholder = "%s"
    #: SQL for the smaller of two numbers (SQLite ``min``, PostgreSQL ``least``).
    least = "min"

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

    def after_bulk_load(self):
        """Optimise the index after a rebuild (statistics, merges)."""

    # -- writing ---------------------------------------------------------------------------------

    def index(self, documents, rebuild=None):
        documents = list({d.id: d for d in documents}.values())
        if not documents:
            return 0
        now = timezone.now()
        entries, bodies, facets, vocabulary = [], [], [], set()
        for document in documents:
            terms = document.terms()
            stored = document.to_dict()
            for text in terms.values():
                vocabulary.update(text.split())
            entries.append(
                IndexEntry(
                    doc_id=document.id,
                    kind=document.kind,
                    object_id=document.object_id,
                    language=document.language,
                    name=document.name[:255],
                    sort_name=document.name.casefold()[:255],
                    town_code=document.town_code,
                    region_code=document.region_code,
                    actor_type=document.actor_type,
                    latitude=document.latitude,
                    longitude=document.longitude,
                    version=document.version_of(stored),
                    indexed_at=now,
                )
            )
            bodies.append(
                [terms["name"], terms["keywords"], terms["text"], json.dumps(stored, default=str)]
            )
        with transaction.atomic():
            self._delete_entries([d.id for d in documents])
            IndexEntry.objects.bulk_create(entries, batch_size=500)
            if any(e.pk is None for e in entries):  # a database that returns no ids
                ids = dict(
                    IndexEntry.objects.filter(doc_id__in=[e.doc_id for e in entries]).values_list(
                        "doc_id", "pk"
                    )
                )
                for entry in entries:
                    entry.pk = ids[entry.doc_id]
            for entry, body, document in zip(entries, bodies, documents):
                body.insert(0, entry.pk)
                facets.extend(
                    (entry.pk, facet, value[:150]) for facet, value in document.facet_values()
                )
            # Plain executemany: ORM objects cost more than the insert for these two tables.
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO seutu_search_body (entry_id, name_terms, keyword_terms, "
                    f"text_terms, stored) VALUES (%s, %s, %s, %s, {self.json_placeholder})",
                    bodies,
                )
                cursor.executemany(
                    "INSERT INTO seutu_search_facet (entry_id, facet, value) VALUES (%s, %s, %s)",
                    facets,
                )
            analysis.record_vocabulary(vocabulary)
        if any(d.kind == "competence" for d in documents):
            analysis.synonym_cache.invalidate()
        return len(documents)

    def _delete_entries(self, doc_ids):
        # Plain SQL: the ORM's delete() would load every row when delete signals are connected.
        with connection.cursor() as cursor:
            for start in range(0, len(doc_ids), 500):
                chunk = doc_ids[start : start + 500]
                cursor.execute(
                    "SELECT id FROM seutu_search_entry WHERE doc_id IN "
                    f"({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
                entry_ids = [row[0] for row in cursor.fetchall()]
                if not entry_ids:
                    continue
                placeholders = ", ".join(["%s"] * len(entry_ids))
                for table, column in (("seutu_search_facet", "entry_id"),
                                      ("seutu_search_body", "entry_id"),
                                      ("seutu_search_entry", "id")):
                    cursor.execute(
                        f"DELETE FROM {table} WHERE {column} IN ({placeholders})", entry_ids
                    )

    def delete(self, ids):
        ids = [str(i) for i in ids]
        with transaction.atomic():
            before = IndexEntry.objects.filter(doc_id__in=ids).count() if ids else 0
            self._delete_entries(ids)
        return before

    def clear(self):
        with transaction.atomic(), connection.cursor() as cursor:
            for table in ("seutu_search_facet", "seutu_search_body", "seutu_search_entry"):
                cursor.execute(f"DELETE FROM {table}")
            analysis.forget_vocabulary()

    def begin_rebuild(self):
        # Documents are upserted in place; finish_rebuild() sweeps the ones not written since.
        # Writes by the outbox drainer during the rebuild are newer, so they are kept.
        analysis.forget_vocabulary()
        return timezone.now()

    def finish_rebuild(self, token):
        stale = IndexEntry.objects.filter(indexed_at__lt=token).values_list("doc_id", flat=True)
        with transaction.atomic():
            self._delete_entries(list(stale))
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

    def _filters(self, query, skip_facet=None):
        """WHERE fragments and params for kind, facet filters and geo (without ``skip_facet``)."""
        where, params = [], []
        kinds = list(query.kinds)
        where.append(f"e.kind IN ({', '.join(['%s'] * len(kinds))})")
        params.extend(kinds)
        if "page" in kinds:
            where.append("(e.kind <> 'page' OR e.language = %s)")
            params.append(query.language)
        for facet, values in sorted(query.filters.items()):
            if facet == skip_facet:
                continue
            placeholders = ", ".join(["%s"] * len(values))
            if facet in COLUMN_FACETS:
                where.append(f"{COLUMN_FACETS[facet]} IN ({placeholders})")
            else:
                where.append(
                    "e.id IN (SELECT entry_id FROM seutu_search_facet "
                    f"WHERE facet = %s AND value IN ({placeholders}))"
                )
                params.append(facet)
            params.extend(values)
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

    def _source(self, query, analysed, skip_facet=None):
        """``(from_sql, where_sql, params)`` of the hits, with or without one facet's filter."""
        where, params = self._filters(query, skip_facet)
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
        from_sql, where_sql, params = self._source(query, analysed)
        total, approximate = self._count(cursor, from_sql, where_sql, params)
        results = RawResults(total=total, total_approximate=approximate)
        if total:
            results.hits = self._page(
                cursor, query, analysed, from_sql, where_sql, params, broad=approximate
            )
        # Disjunctive facets: a facet with a filter of its own is counted without it. Facets
        # that see the same hits are counted together, in one statement per table.
        groups = {}
        for facet in query.facets:
            groups.setdefault(facet if facet in query.filters else None, []).append(facet)
        for skip, facets in groups.items():
            if skip is None:
                source, counted = (from_sql, where_sql, params), (total, approximate)
            else:
                source = self._source(query, analysed, skip_facet=skip)
                if facets == [skip] and skip in COLUMN_FACETS:
                    exact = self._column_counts_if_few(cursor, skip, source)
                    if exact is not None:
                        results.facets[skip] = (exact, False)
                        continue
                counted = self._count(cursor, *source)
            results.facets.update(self._facet_counts(cursor, facets, source, *counted))
        return results

    def _column_counts_if_few(self, cursor, facet, source):
        """Exact counts of a one-value-per-document facet in one statement (the counts add up
        to the total), or None when there are more hits than the facet sample."""
        from_sql, where_sql, params = source
        column = COLUMN_FACETS[facet].replace("e.", "x.")
        cursor.execute(
            f"SELECT {column}, count(*) FROM seutu_search_entry x WHERE x.id IN "
            f"(SELECT e.id FROM {from_sql} WHERE {where_sql} "
            f"LIMIT {int(self.facet_sample_size) + 1}) GROUP BY {column}",
            params,
        )
        rows = cursor.fetchall()
        if sum(count for _, count in rows) > self.facet_sample_size:
            return None
        return [(value, count) for value, count in rows if value]

    def _count(self, cursor, from_sql, where_sql, params):
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {from_sql} WHERE {where_sql} LIMIT %s) hits",
            [*params, self.total_limit + 1],
        )
        count = cursor.fetchone()[0]
        if count > self.total_limit:
            return self.total_limit, True
        return count, False

    def _facet_counts(self, cursor, facets, source, total, total_approximate):
        """``{facet: ([(value, count)], approximate)}`` over the hits of ``source``."""
        if not total:
            return {facet: ([], False) for facet in facets}
        from_sql, where_sql, params = source
        sampled = total > self.facet_sample_size or total_approximate
        limit = f" LIMIT {int(self.facet_sample_size)}" if sampled else ""
        hits = f"SELECT e.id FROM {from_sql} WHERE {where_sql}{limit}"
        counts = {facet: {} for facet in facets}
        columns = [f for f in facets if f in COLUMN_FACETS]
        if columns:
            names = ", ".join(COLUMN_FACETS[f].replace("e.", "x.") for f in columns)
            cursor.execute(
                f"SELECT {names}, count(*) FROM seutu_search_entry x WHERE x.id IN ({hits}) "
                f"GROUP BY {names}",
                params,
            )
            for row in cursor.fetchall():
                for facet, value in zip(columns, row[:-1]):
                    if value:
                        counts[facet][value] = counts[facet].get(value, 0) + row[-1]
        tabled = [f for f in facets if f not in COLUMN_FACETS]
        if tabled:
            cursor.execute(
                "SELECT f.facet, f.value, count(*) FROM seutu_search_facet f "
                f"WHERE f.facet IN ({', '.join(['%s'] * len(tabled))}) "
                f"AND f.entry_id IN ({hits}) GROUP BY f.facet, f.value",
                [*tabled, *params],
            )
            for facet, value, count in cursor.fetchall():
                counts[facet][value] = count
        if sampled:
            # Counted over the first FACET_SAMPLE_SIZE hits, scaled to the total: an estimate.
            sample = min(self.facet_sample_size, total)
            scale = total / sample
            counts = {
                facet: {v: max(1, round(n * scale)) for v, n in values.items()}
                for facet, values in counts.items()
            }
        return {facet: (list(values.items()), sampled) for facet, values in counts.items()}

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
    return json.loads(value) if isinstance(value, (str, bytes)) else value


