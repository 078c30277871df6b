"""The Elasticsearch backend (Elasticsearch 8 and 9, and OpenSearch-compatible servers).

Language work is done in Python (:mod:`seutu_search.language`) before anything reaches the
engine, so the mapping uses only plain analyzers: the normalised terms of a document are indexed
in three ``whitespace``-analysed fields (``name_terms``, ``keyword_terms``, ``text_terms``,
weighted like the database backend's), facets are ``keyword`` fields, the coordinates a
``geo_point``, and the whole :class:`~seutu_search.documents.SearchDocument` is kept, unindexed,
in ``stored`` for hits and highlighting (done by the base class, identically for every backend).

Indexes are versioned: documents live in ``<prefix>-<timestamp>`` behind the alias ``<prefix>``.
A rebuild fills a new index and swaps the alias in one atomic ``_aliases`` call only when it is
complete; while it runs, the alias ``<prefix>-rebuild`` names the new index and ordinary writes
(the outbox drain, in any process) go to both, so nothing written meanwhile is lost.

``SEUTU_SEARCH["OPTIONS"]``:

``HOSTS``
    List of server URLs (default ``["http://127.0.0.1:9200"]``).
``INDEX_PREFIX``
    Name of the alias and prefix of the versioned indexes (default ``"seutu"``).
``NODE_CLASS``
    elastic-transport node class: a class, a dotted path, ``"urllib3"`` (default) or
    ``"plain-json"`` (:class:`PlainJsonNode`, for OpenSearch-compatible servers such as
    osmem-server that refuse Elasticsearch 8's compatibility mime types).
``TIMEOUT``
    Request timeout in seconds (default 10).
``MAX_RETRIES``
    Retries of a failed request on another node (default 1).
``BULK_CHUNK_SIZE``
    Documents per bulk request (default 500).
``REFRESH``
    Refresh after ordinary writes so that they are searchable at once (default True; turn it
    off on a busy production cluster and let the refresh interval do it).
``CLIENT_OPTIONS``
    Further keyword arguments for :class:`elasticsearch.Elasticsearch` (``api_key``,
    ``basic_auth``, ``ca_certs`` …).
``FACET_SIZE``
    Most values counted per facet (default 500).
``FACET_SAMPLE_SIZE``
    Facets of a query with more hits are counted over that many top hits (a ``sampler``
    aggregation), scaled up and marked approximate, like the database backend's (default 5000).
"""

import logging
from datetime import datetime, timezone

from django.db import transaction
from django.utils.module_loading import import_string
from elastic_transport import TransportError, Urllib3HttpNode
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch_dsl import (
    A,
    Document,
    GeoPoint,
    Index,
    Keyword,
    Long,
    Object,
    Q,
    Search,
    Text,
)

from .. import language as analysis
from ..documents import COMPETENCE, ORGANISATION, SearchDocument
from .base import (
    BaseSearchBackend,
    RawHit,
    RawResults,
    SearchBackendError,
    Suggestion,
    haversine_km,
)

logger = logging.getLogger(__name__)

#: Weights of the three term fields, as in the database backend (name, keywords, text).
FIELD_BOOSTS = {"name_terms": 10.0, "keyword_terms": 4.0, "text_terms": 1.0}
#: SearchQuery facet name -> keyword field.
FACET_FIELDS = {
    "town": "town_code",
    "region": "region_code",
    "type": "actor_type",
    "competence": "competence",
    "industry_section": "industry_section",
}
#: Enough for the deepest page a SearchQuery allows (MAX_PAGE × MAX_PAGE_SIZE).
MAX_RESULT_WINDOW = 100_000


class PlainJsonNode(Urllib3HttpNode):
    """An elastic-transport node that sends plain ``application/json``.

    The Elasticsearch 8 client asks for ``application/vnd.elasticsearch+json;
    compatible-with=8``; OpenSearch-compatible servers (osmem-server in the tests) answer
    that with 406. The body is the same JSON either way.
    """

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                value = headers.get(name)
                if value and "vnd.elasticsearch+" in value:
                    headers[name] = "application/x-ndjson" if "x-ndjson" in value else (
                        "application/json"
                    )
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


NODE_CLASSES = {"urllib3": Urllib3HttpNode, "plain-json": PlainJsonNode}


class IndexedDocument(Document):
    """The mapping of one search document (elasticsearch-dsl); the index name is set per call."""

    doc_id = Keyword()
    kind = Keyword()
    object_id = Long()
    language = Keyword()
    sort_name = Keyword()
    name_terms = Text(analyzer="whitespace")
    keyword_terms = Text(analyzer="whitespace")
    text_terms = Text(analyzer="whitespace")
    town_code = Keyword()
    town_names = Keyword(multi=True)  # casefolded Finnish and Swedish name, for suggestions
    region_code = Keyword()
    actor_type = Keyword()
    competence = Keyword(multi=True)
    industry_section = Keyword(multi=True)
    location = GeoPoint()
    version = Keyword()
    stored = Object(enabled=False)

    @classmethod
    def from_search_document(cls, document, index):
        terms = document.terms()
        location = None
        if document.latitude is not None and document.longitude is not None:
            location = {"lat": document.latitude, "lon": document.longitude}
        return cls(
            meta={"id": document.id, "index": index},
            doc_id=document.id,
            kind=document.kind,
            object_id=document.object_id,
            language=document.language,
            sort_name=document.name.casefold()[:255],
            name_terms=terms["name"],
            keyword_terms=terms["keywords"],
            text_terms=terms["text"],
            town_code=document.town_code,
            town_names=[n.casefold() for n in (document.town_name_fi, document.town_name_sv) if n],
            region_code=document.region_code,
            actor_type=document.actor_type,
            competence=list(document.competences),
            industry_section=list(document.industry_sections),
            location=location,
            version=document.version,
            stored=document.to_dict(),
        )


def _term_query(term):
    """A term found in any of the three fields, scored by the field's weight."""
    return Q(
        "bool",
        should=[Q("term", **{name: {"value": term, "boost": boost}}) for name, boost in
                FIELD_BOOSTS.items()],
        minimum_should_match=1,
    )


def match_query(analysed):
    """The engine query of an AnalysedQuery: clauses AND-ed (or OR-ed), alternatives OR-ed,
    the terms of one alternative AND-ed — the same logic as the database backends."""
    clauses = []
    for clause in analysed.clauses:
        alternatives = [
            Q("bool", must=[_term_query(term) for term in alternative])
            for alternative in clause.alternatives
            if alternative
        ]
        if alternatives:
            clauses.append(Q("bool", should=alternatives, minimum_should_match=1))
    if analysed.match_any:
        return Q("bool", should=clauses, minimum_should_match=1)
    return Q("bool", must=clauses)


class ElasticsearchSearchBackend(BaseSearchBackend):
    default_hosts = ["http://127.0.0.1:9200"]

    def __init__(self, options=None):
        super().__init__(options)
        hosts = self.options.get("HOSTS") or self.default_hosts
        self.hosts = [hosts] if isinstance(hosts, str) else list(hosts)
        self.alias = self.options.get("INDEX_PREFIX", "seutu")
        self.rebuild_alias = f"{self.alias}-rebuild"
        self.chunk_size = int(self.options.get("BULK_CHUNK_SIZE", 500))
        self.refresh = bool(self.options.get("REFRESH", True))
        self.facet_size = int(self.options.get("FACET_SIZE", 500))
        node_class = self.options.get("NODE_CLASS", "urllib3")
        if isinstance(node_class, str):
            node_class = NODE_CLASSES.get(node_class) or import_string(node_class)
        self.client = Elasticsearch(
            self.hosts,
            node_class=node_class,
            request_timeout=float(self.options.get("TIMEOUT", 10)),
            max_retries=int(self.options.get("MAX_RETRIES", 1)),
            retry_on_timeout=True,
            **self.options.get("CLIENT_OPTIONS", {}),
        )

    # -- indexes and aliases ---------------------------------------------------------------------

    def _new_index_name(self):
        return f"{self.alias}-{datetime.now(timezone.utc):%Y%m%d%H%M%S%f}"

    def _create_index(self, name):
        index = Index(name, using=self.client)
        index.document(IndexedDocument)
        index.settings(number_of_shards=1, max_result_window=MAX_RESULT_WINDOW)
        index.create()
        return name

    def _indexes_behind(self, alias):
        try:
            return sorted(self.client.indices.get_alias(name=alias).body)
        except NotFoundError:
            return []

    def _ensure_alias(self):
        """Create the first versioned index and its alias if there is none (yet, or any more:
        a server that lost its data)."""
        with self._errors():
            if not self.client.indices.exists_alias(name=self.alias):
                name = self._create_index(self._new_index_name())
                self.client.indices.put_alias(index=name, name=self.alias)

    def _write_targets(self):
        """The live alias, and the index a running rebuild fills (written to as well).

        Looked up on every write (one request), so that a write never lands in an index the
        server would create by itself with a guessed mapping."""
        try:
            found = self.client.indices.get_alias(name=f"{self.alias},{self.rebuild_alias}").body
        except NotFoundError as missing:
            # Elasticsearch answers 404 when one of the names is missing, listing the others.
            body = missing.body if isinstance(missing.body, dict) else {}
            found = {k: v for k, v in body.items() if isinstance(v, dict) and "aliases" in v}
        live = [name for name, data in found.items() if self.alias in data.get("aliases", {})]
        if not live:
            self._ensure_alias()
        rebuilding = [
            name for name, data in found.items() if self.rebuild_alias in data.get("aliases", {})
        ]
        return [self.alias, *rebuilding]

    def _errors(self):
        return _EngineErrors()

    # -- writing ---------------------------------------------------------------------------------

    def index(self, documents, rebuild=None):
        documents = list({d.id: d for d in documents}.values())
        if not documents:
            return 0
        with self._errors():
            targets = [rebuild] if rebuild else self._write_targets()
            vocabulary = set()

            def actions():
                for document in documents:
                    for target in targets:
                        indexed = IndexedDocument.from_search_document(document, target)
                        if target is targets[0]:
                            for field_name in ("name_terms", "keyword_terms", "text_terms"):
                                vocabulary.update(getattr(indexed, field_name).split())
                        yield indexed.to_dict(include_meta=True)

            self._bulk(actions())
            if self.refresh and not rebuild:
                self.client.indices.refresh(index=",".join(targets))
        with transaction.atomic():  # one commit, not one per term (SQLite syncs each)
            analysis.record_vocabulary(vocabulary)
        if any(d.kind == COMPETENCE for d in documents):
            analysis.synonym_cache.invalidate()
        return len(documents)

    def _bulk(self, actions):
        """Stream ``actions`` in chunks; raise SearchBackendError naming what failed."""
        failed = []
        for ok, item in helpers.streaming_bulk(
            self.client,
            actions,
            chunk_size=self.chunk_size,
            raise_on_error=False,
            max_retries=2,
            initial_backoff=0.5,
        ):
            if ok:
                continue
            operation, result = next(iter(item.items()))
            if operation == "delete" and result.get("status") == 404:
                continue  # deleting what is not there is fine
            failed.append(f"{operation} {result.get('_id')}: {result.get('error')}")
        if failed:
            raise SearchBackendError(
                f"{len(failed)} bulk operations failed, e.g. {'; '.join(failed[:3])}"
            )

    def delete(self, ids):
        ids = list(dict.fromkeys(str(i) for i in ids))
        if not ids:
            return 0
        with self._errors():
            targets = self._write_targets()
            self._bulk(
                {"_op_type": "delete", "_index": target, "_id": doc_id}
                for doc_id in ids
                for target in targets
            )
            if self.refresh:
                self.client.indices.refresh(index=",".join(targets))
        return len(ids)

    def clear(self):
        token = self.begin_rebuild()
        self.finish_rebuild(token)

    def begin_rebuild(self):
        """Create the next versioned index and point ``<prefix>-rebuild`` at it."""
        self._ensure_alias()
        with self._errors():
            for stale in self._indexes_behind(self.rebuild_alias):
                # A rebuild that died: its half-filled index is of no use.
                self.client.indices.delete(index=stale, ignore_unavailable=True)
            name = self._create_index(self._new_index_name())
            self.client.indices.put_alias(index=name, name=self.rebuild_alias)
        analysis.forget_vocabulary()
        return name

    def finish_rebuild(self, token):
        """Swap the alias to the rebuilt index in one atomic call, then drop the old ones."""
        with self._errors():
            self.client.indices.refresh(index=token)
            old = [name for name in self._indexes_behind(self.alias) if name != token]
            actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
            actions.append({"add": {"index": token, "alias": self.alias}})
            actions.append({"remove": {"index": token, "alias": self.rebuild_alias}})
            self.client.indices.update_aliases(actions=actions)
            for name in old:
                self.client.indices.delete(index=name, ignore_unavailable=True)

    def abort_rebuild(self, token):
        with self._errors():
            self.client.indices.delete(index=token, ignore_unavailable=True)

    def drop(self):
        """Delete every index of this prefix (tests; a site that stops using Elasticsearch)."""
        with self._errors():
            names = set(self._indexes_behind(self.alias)) | set(
                self._indexes_behind(self.rebuild_alias)
            )
            for name in names:
                self.client.indices.delete(index=name, ignore_unavailable=True)

    # -- reading ---------------------------------------------------------------------------------

    def ping(self):
        with self._errors():
            self.client.info()

    def _search(self):
        return Search(using=self.client, index=self.alias)

    def _base_filters(self, query):
        filters = [Q("terms", kind=list(query.kinds))]
        if "page" in query.kinds:
            filters.append(
                Q("bool", should=[~Q("term", kind="page"), Q("term", language=query.language)],
                  minimum_should_match=1)
            )
        if query.geo is not None:
            filters.append(
                Q("geo_distance", distance=f"{query.geo.radius_km}km",
                  location={"lat": query.geo.lat, "lon": query.geo.lon})
            )
        return filters

    @staticmethod
    def _facet_filters(query, skip=None):
        return [
            Q("terms", **{FACET_FIELDS[facet]: list(values)})
            for facet, values in sorted(query.filters.items())
            if facet != skip
        ]

    def _execute(self, query, analysed):
        search = self._search().extra(track_total_hits=True)
        filters = self._base_filters(query)
        if analysed:
            search = search.query(Q("bool", must=[match_query(analysed)], filter=filters))
        else:
            search = search.query(Q("bool", filter=filters))
        # Facet filters apply to the hits (post_filter); each facet is counted with the
        # other facets' filters only, so that ticking a town still shows the other towns.
        facet_filters = self._facet_filters(query)
        if facet_filters:
            search = search.post_filter(Q("bool", filter=facet_filters))
        for facet in query.facets:
            # Each facet: the hits without its own filter -> a sample of at most
            # facet_sample_size of them (the top-scoring; all when fewer) -> counts per value.
            others = self._facet_filters(query, skip=facet)
            universe = A("filter", Q("bool", filter=others) if others else Q("match_all"))
            universe.bucket("sample", A("sampler", shard_size=self.facet_sample_size)).bucket(
                "values", A("terms", field=FACET_FIELDS[facet], size=self.facet_size)
            )
            search.aggs.bucket(facet, universe)
        search = search.sort(*self._sort(query, analysed)).source(["stored"])
        search = search[query.offset : query.offset + query.page_size]
        with self._errors():
            try:
                response = search.execute()
            except NotFoundError:
                return RawResults()  # nothing indexed yet
        raw = response.to_dict()
        results = RawResults(total=raw["hits"]["total"]["value"])
        results.total_approximate = raw["hits"]["total"].get("relation", "eq") != "eq"
        for hit in raw["hits"]["hits"]:
            document = hit["_source"]["stored"]
            distance = None
            if query.geo is not None and document.get("latitude") is not None:
                distance = round(
                    haversine_km(query.geo.lat, query.geo.lon, document["latitude"],
                                 document["longitude"]),
                    2,
                )
            results.hits.append(RawHit(document, float(hit.get("_score") or 0.0), distance))
        aggregations = raw.get("aggregations", {})
        for facet in query.facets:
            universe = aggregations.get(facet, {})
            sample = universe.get("sample", {})
            counts = [(b["key"], b["doc_count"]) for b in sample.get("values", {}).get("buckets", [])]
            sampled = sample.get("doc_count", 0) < universe.get("doc_count", 0)
            if sampled:  # scale the sample's counts up to every hit, as the database backend does
                scale = universe["doc_count"] / max(sample["doc_count"], 1)
                counts = [(value, max(1, round(count * scale))) for value, count in counts]
            results.facets[facet] = (counts, sampled or results.total_approximate)
        return results

    @staticmethod
    def _sort(query, analysed):
        by_name = [{"sort_name": {"order": "asc"}}, {"doc_id": {"order": "asc"}}]
        if query.sort == "distance":
            return [
                {"_geo_distance": {"location": {"lat": query.geo.lat, "lon": query.geo.lon},
                                   "order": "asc", "unit": "km"}},
                *by_name,
            ]
        if query.sort == "relevance" and analysed:
            return [{"_score": {"order": "desc"}}, *by_name]
        return by_name

    # -- autocomplete ----------------------------------------------------------------------------

    def suggest(self, prefix, language="fi", limit=10):
        tokens = analysis.tokenize(prefix)[: analysis.MAX_QUERY_TOKENS]
        if not tokens:
            return []
        *words, last = tokens
        must = [Q("term", name_terms=analysis.query_forms(w)[0]) for w in words]
        must.append(Q("prefix", name_terms=last))
        suggestions = {COMPETENCE: [], ORGANISATION: []}
        with self._errors():
            for kind in suggestions:
                search = (
                    self._search()
                    .query(Q("bool", must=must, filter=[Q("term", kind=kind)]))
                    .sort({"_score": {"order": "desc"}}, {"sort_name": {"order": "asc"}})
                    .source(["stored"])[:limit]
                )
                try:
                    hits = search.execute().to_dict()["hits"]["hits"]
                except NotFoundError:
                    hits = []
                for hit in hits:
                    document = SearchDocument.from_dict(hit["_source"]["stored"])
                    value = document.competences[0] if kind == COMPETENCE else document.id
                    suggestions[kind].append(
                        Suggestion(document.name_in(language), kind, value)
                    )
            towns = self._town_suggestions(tokens, language, limit)
        competences, organisations = suggestions[COMPETENCE], suggestions[ORGANISATION]
        ordered = competences[: max(3, limit - len(towns) - 3)] + towns
        ordered += organisations[: limit - len(ordered)]
        seen, unique = set(), []
        for suggestion in ordered:
            if (suggestion.kind, suggestion.value) not in seen:
                seen.add((suggestion.kind, suggestion.value))
                unique.append(suggestion)
        return unique[:limit]

    def _town_suggestions(self, tokens, language_code, limit):
        """Network towns whose Finnish or Swedish name starts with the text and that have
        indexed actors."""
        from seutu_crm.models import Town

        text = " ".join(tokens)
        candidates = [
            Suggestion((town.name_sv if language_code == "sv" else "") or town.name_fi, "town",
                       town.code)
            for town in Town.objects.filter(in_network=True)
            if any(n and n.casefold().startswith(text) for n in (town.name_fi, town.name_sv))
        ]
        if not candidates:
            return []
        search = self._search().filter("terms", town_code=[c.value for c in candidates])
        search.aggs.bucket("towns", A("terms", field="town_code", size=len(candidates)))
        try:
            buckets = search[:0].execute().to_dict()["aggregations"]["towns"]["buckets"]
        except NotFoundError:
            return []
        having = {b["key"] for b in buckets if b["doc_count"]}
        return [c for c in candidates if c.value in having][:limit]

    # -- inspection ------------------------------------------------------------------------------

    def _scan(self, source, kind=None, page_size=5000):
        """Every document, ``page_size`` at a time, by ``search_after`` on the id (no scroll
        context left open on the server)."""
        after = None
        while True:
            extra = {"search_after": after} if after is not None else {}
            try:
                hits = self.client.search(
                    index=self.alias,
                    size=page_size,
                    sort=[{"doc_id": "asc"}],
                    source=source,
                    query={"term": {"kind": kind}} if kind else {"match_all": {}},
                    **extra,
                )["hits"]["hits"]
            except NotFoundError:
                return
            if not hits:
                return
            yield from hits
            after = hits[-1]["sort"]

    def indexed_versions(self, kind=None):
        with self._errors():
            return {hit["_id"]: hit["_source"].get("version") for hit in
                    self._scan(["version"], kind)}

    def get_documents(self, ids):
        ids = [str(i) for i in ids]
        if not ids:
            return []
        with self._errors():
            try:
                response = self.client.mget(index=self.alias, ids=ids, source=["stored"])
            except NotFoundError:
                return []
        return [d["_source"]["stored"] for d in response["docs"] if d.get("found")]

    def count(self):
        with self._errors():
            try:
                return self.client.count(index=self.alias)["count"]
            except NotFoundError:
                return 0


class _EngineErrors:
    """Turn client and transport errors into SearchBackendError (callers show a message)."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None or isinstance(exc, (SearchBackendError, NotFoundError)):
            return False
        if isinstance(exc, (ApiError, TransportError, helpers.BulkIndexError)):
            raise SearchBackendError(f"Elasticsearch: {type(exc).__name__}: {exc}") from exc
        return False


SearchBackend = ElasticsearchSearchBackend
