"""The contract every search backend keeps.

A backend stores :class:`~seutu_search.documents.SearchDocument` values and answers
:class:`~seutu_search.query.SearchQuery` values with :class:`SearchResults`. Language work
(tokenising, lemmas, compound parts, synonyms, typo correction) happens before a backend sees
anything: documents arrive with their normalised ``terms`` and queries are compiled by
:mod:`seutu_search.language` into an :class:`~seutu_search.language.AnalysedQuery`
(AND of clauses, each an OR of alternative terms or phrases), so every engine matches the same
way and only ranking differs.

A subclass implements the ``_``-free methods marked *abstract* below. The shared test suite
``tests/search/contract.py`` (``BackendContract``) states the behaviour; each backend's test
module subclasses it.

Lifecycle of a rebuild (bounded memory, and nothing written during it is lost)::

    token = backend.begin_rebuild()
    for batch in batches:
        backend.index(batch, rebuild=token)
    backend.finish_rebuild(token)       # or abort_rebuild(token) on error

Between ``begin`` and ``finish``, ordinary ``index()``/``delete()`` calls (the outbox drainer)
must reach the index that ``finish`` makes live: the database backend upserts in place and
``finish`` sweeps documents the rebuild did not see; Elasticsearch writes to both indexes.
"""

import logging
import math
import time
from dataclasses import dataclass, field
from typing import Optional

logger = logging.getLogger(__name__)


class SearchBackendError(Exception):
    """The search engine failed or is unreachable. Callers show a message and log; never a 500."""


@dataclass
class SearchHit:
    """One result. ``highlights`` maps a field (name, description, competences) to HTML with
    matched words in ``<mark>``; source text is escaped first, so the HTML is safe to output."""

    id: str  # "<kind>:<object id>", e.g. "organisation:42"
    kind: str
    object_id: int
    name: str
    score: float = 0.0
    url: str = ""
    business_id: str = ""
    town_code: str = ""
    town_name: str = ""
    actor_type: str = ""
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    distance_km: Optional[float] = None
    highlights: dict = field(default_factory=dict)


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False


@dataclass
class Facet:
    """Counts per value of one facet. ``approximate`` is True when the counts were taken over a
    bounded sample of the hits (broad queries on large indexes) and scaled, not counted exactly."""

    name: str
    values: list = field(default_factory=list)
    approximate: bool = False


@dataclass
class Suggestion:
    """An autocomplete entry: ``kind`` is competence, organisation or town; ``value`` is what a
    filter or link takes (competence slug, document id, municipality code)."""

    text: str
    kind: str
    value: str = ""


@dataclass
class ZeroResultHelp:
    """What to offer when nothing matched: competences near the words typed, and the towns
    (nearest first when a location or town is known) whose public actors have them."""

    competences: list = field(default_factory=list)  # [{"slug", "name", "count"}]
    towns: list = field(default_factory=list)  # [{"code", "name", "count", "distance_km"}]


@dataclass
class SearchResults:
    """The answer to one :class:`SearchQuery`.

    ``total`` counts every hit (exactly unless ``total_approximate``: then it is a lower
    bound, and the page is ranked among a bounded set of candidates); ``hits`` is the page;
    ``facets`` maps facet name to :class:`Facet`; ``did_you_mean`` is a corrected query text
    when some words were not in the index (or None); ``corrections`` maps typed word to the
    word searched instead; ``zero_result_help`` is filled when ``total == 0``.
    """

    query: object
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    did_you_mean: Optional[str] = None
    corrections: dict = field(default_factory=dict)
    total_approximate: bool = False
    zero_result_help: Optional[ZeroResultHelp] = None
    took_ms: float = 0.0

    @property
    def ids(self):
        return [hit.id for hit in self.hits]

    @property
    def num_pages(self):
        size = self.query.page_size
        return max(1, (self.total + size - 1) // size)


@dataclass
class RawHit:
    """What a backend's ``_execute`` returns per hit: the stored document (as
    ``SearchDocument.to_dict()``), its score and, with a geo query, its distance."""

    document: dict
    score: float = 0.0
    distance_km: Optional[float] = None


@dataclass
class RawResults:
    """What a backend's ``_execute`` returns; the base class turns it into SearchResults.
    ``facets`` maps facet name to ``([(value, count)], approximate)``."""

    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    total_approximate: bool = False


@dataclass
class DriftReport:
    """Differences between what the database says should be indexed and what is."""

    missing: list = field(default_factory=list)  # ids expected but not indexed
    stale: list = field(default_factory=list)  # ids indexed with another version
    extra: list = field(default_factory=list)  # ids indexed but not expected (e.g. made private)

    @property
    def ok(self):
        return not (self.missing or self.stale or self.extra)

    @property
    def count(self):
        return len(self.missing) + len(self.stale) + len(self.extra)


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def nearest_towns(town_counts, query, limit=5):
    """``[{"code", "name", "count", "distance_km"}]`` for ``[(code, count)]``: nearest first
    to the query's location (its geo filter, else its first town), else most actors first."""
    from seutu_crm.models import Town

    codes = [code for code, count in town_counts if count]
    towns = {t.code: t for t in Town.objects.filter(code__in=codes)}
    origin = None
    if query.geo is not None:
        origin = (query.geo.lat, query.geo.lon)
    elif query.filters.get("town"):
        town = Town.objects.filter(code=query.filters["town"][0]).first()
        if town and town.latitude is not None:
            origin = (town.latitude, town.longitude)
    rows = []
    for code, count in town_counts:
        town = towns.get(code)
        if town is None or not count:
            continue
        distance = None
        if origin and town.latitude is not None and town.longitude is not None:
            distance = round(haversine_km(*origin, town.latitude, town.longitude), 1)
        name = town.name_sv if query.language == "sv" and town.name_sv else town.name_fi
        rows.append({"code": code, "name": name, "count": count, "distance_km": distance})
    if origin:
        rows.sort(key=lambda r: (r["distance_km"] is None, r["distance_km"] or 0, r["name"]))
    else:
        rows.sort(key=lambda r: (-r["count"], r["name"]))
    return rows[:limit]


def compare_versions(expected, indexed):
    """A :class:`DriftReport` from two ``{id: version}`` mappings."""
    report = DriftReport()
    for doc_id, version in expected.items():
        if doc_id not in indexed:
            report.missing.append(doc_id)
        elif indexed[doc_id] != version:
            report.stale.append(doc_id)
    report.extra = [doc_id for doc_id in indexed if doc_id not in expected]
    for ids in (report.missing, report.stale, report.extra):
        ids.sort()
    return report


class BaseSearchBackend:
    """Base class of the search backends. ``options`` is ``SEUTU_SEARCH["OPTIONS"]``."""

    #: Facet counts over more hits than this are taken from a sample and marked approximate.
    facet_sample_size = 5000

    def __init__(self, options=None):
        self.options = dict(options or {})
        self.facet_sample_size = int(self.options.get("FACET_SAMPLE_SIZE", self.facet_sample_size))

    # -- writing -------------------------------------------------------------------------------

    def index(self, documents, rebuild=None):
        """Add or replace ``documents`` (an iterable of SearchDocument); returns how many.

        *Abstract.* Must also record their normalised terms in the vocabulary
        (:func:`seutu_search.language.record_vocabulary`) for typo correction."""
        raise NotImplementedError

    def delete(self, ids):
        """Remove documents by id ("organisation:42"); unknown ids are ignored. *Abstract.*"""
        raise NotImplementedError

    def clear(self):
        """Remove every document. *Abstract.*"""
        raise NotImplementedError

    def begin_rebuild(self):
        """Start a full rebuild; returns a token passed to index() and finish_rebuild()."""
        raise NotImplementedError

    def finish_rebuild(self, token):
        """Make the rebuilt index live and drop what the rebuild did not index. *Abstract.*"""
        raise NotImplementedError

    def abort_rebuild(self, token):
        """Give up a rebuild, leaving the live index as it was. Default: nothing to undo."""

    # -- reading -------------------------------------------------------------------------------

    def search(self, query):
        """Answer a SearchQuery with SearchResults. Never raises for any text; raises
        SearchBackendError when the engine fails."""
        from ..language import analyse_search_text

        started = time.perf_counter()
        analysed = analyse_search_text(query.text)
        if query.text.strip() and not analysed:
            # Only punctuation or stopwords: nothing can match; say so rather than list all.
            raw = RawResults()
        else:
            raw = self._execute(query, analysed)
        results = SearchResults(
            query=query,
            total=raw.total,
            total_approximate=raw.total_approximate,
            hits=[self._hit(raw_hit, query, analysed) for raw_hit in raw.hits],
            facets=self._facets(raw.facets, query),
        )
        if analysed.corrections and raw.total:
            # Offer a correction only when it finds something: the vocabulary may still hold
            # words of documents since removed.
            results.corrections = dict(analysed.corrections)
            results.did_you_mean = analysed.did_you_mean
        if not raw.total and query.text.strip():
            results.zero_result_help = self.zero_result_help(query, analysed)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    def _execute(self, query, analysed):
        """Run ``query`` whose text is analysed into ``analysed`` (an AnalysedQuery; empty when
        there is no text). Returns RawResults: the page of hits (sorted, paginated, filtered by
        kind, facets and geo), the total and the facet counts asked for in ``query.facets``
        (disjunctive: a facet's counts ignore that facet's own filter). *Abstract.*"""
        raise NotImplementedError

    def _hit(self, raw_hit, query, analysed):
        from ..documents import SearchDocument
        from ..language import highlight

        document = SearchDocument.from_dict(raw_hit.document)
        highlights = {}
        if query.highlight and analysed:
            terms = analysed.terms
            description = document.descriptions.get(query.language) or next(
                (text for lang, text in document.descriptions.items() if lang != query.language
                 and highlight(text, terms)), ""
            )
            for name, text in (
                ("name", document.name_in(query.language)),
                ("description", description),
                ("competences", " · ".join(document.keywords.get("competences", [])
                                             or document.keywords.get("synonyms", []))),
                ("places", " · ".join(document.keywords.get("places", []))),
            ):
                marked = highlight(text, terms)
                if marked:
                    highlights[name] = marked
        return SearchHit(
            id=document.id,
            kind=document.kind,
            object_id=document.object_id,
            name=document.name_in(query.language),
            score=raw_hit.score,
            url=document.url,
            business_id=document.business_id,
            town_code=document.town_code,
            town_name=document.town_name_in(query.language),
            actor_type=document.actor_type,
            latitude=document.latitude,
            longitude=document.longitude,
            distance_km=raw_hit.distance_km,
            highlights=highlights,
        )

    def _facets(self, raw_facets, query):
        from ..labels import facet_labels

        facets = {}
        for name in query.facets:
            counts, approximate = raw_facets.get(name, ([], False))
            selected = set(query.filters.get(name, ()))
            labels = facet_labels(name, [value for value, _ in counts], query.language)
            values = [
                FacetValue(value, count, labels.get(value, value), value in selected)
                for value, count in counts
                if count > 0 or value in selected
            ]
            values.sort(key=lambda v: (-v.count, v.label.casefold()))
            facets[name] = Facet(name, values, approximate)
        return facets

    def zero_result_help(self, query, analysed):
        """Competences whose names or synonyms share a word with the query, and the towns
        whose public actors have them, nearest first when the query has a place."""
        from ..query import SearchQuery

        if not analysed:
            return ZeroResultHelp()
        try:
            related = self._execute(
                SearchQuery(text=query.text, kinds=("competence",), page_size=5, facets=(),
                            language=query.language, highlight=False),
                analysed.any(),
            )
            slugs = [slug for hit in related.hits for slug in hit.document.get("competences", [])]
            help = ZeroResultHelp()
            if not slugs:
                return help
            from ..documents import SearchDocument

            for hit in related.hits:
                document = SearchDocument.from_dict(hit.document)
                help.competences.append(
                    {"slug": document.competences[0], "name": document.name_in(query.language)}
                )
            having = self._execute(
                SearchQuery(filters={"competence": slugs}, facets=("town",), page_size=1,
                            language=query.language, highlight=False),
                analysed.__class__(),
            )
            help.towns = nearest_towns(having.facets.get("town", ([], False))[0], query)
            return help
        except SearchBackendError:
            logger.exception("zero-result help failed")
            return ZeroResultHelp()

    def suggest(self, prefix, language="fi", limit=10):
        """Autocomplete: Suggestion values for names of competences (in ``language``), actors
        and towns that start with ``prefix`` (any word of the name). *Abstract.*"""
        raise NotImplementedError

    def indexed_versions(self, kind=None):
        """``{id: version}`` of every indexed document (of ``kind``). *Abstract.*"""
        raise NotImplementedError

    def get_documents(self, ids):
        """The stored documents as dicts (for inspection and tests). *Abstract.*"""
        raise NotImplementedError

    def check(self, expected=None):
        """A DriftReport comparing ``expected`` ({id: version}, default: built from the
        database by :func:`seutu_search.documents.expected_versions`) with the index."""
        from ..documents import expected_versions

        if expected is None:
            expected = expected_versions()
        return compare_versions(expected, self.indexed_versions())

    def ping(self):
        """Raise SearchBackendError with a readable reason if the backend cannot be used."""

    def count(self):
        return len(self.indexed_versions())
