"""The app's settings: one dict, ``SEUTU_SEARCH``, read through :func:`get_setting`.

Defaults (override any key in ``settings.SEUTU_SEARCH``):

``BACKEND``
    Dotted path of the search backend: a module with a ``SearchBackend`` class, or the class
    itself. ``"seutu_search.backends.database"`` (default) needs no server: SQLite FTS5, or
    PostgreSQL full-text search when the site runs on PostgreSQL.
    ``"seutu_search.backends.elasticsearch"`` uses an Elasticsearch 8/9 server.
``OPTIONS``
    Passed to the backend. Database backend: ``FACET_SAMPLE_SIZE`` (default 5000: facets of a
    query with more hits are counted over that many and marked approximate),
    ``TOTAL_LIMIT`` (default 5000: totals above it are counted up to the limit and marked
    approximate), ``RANK_CANDIDATES`` (default 2000: such a query's page is ranked among this
    many hits, name and keyword matches first). Elasticsearch: ``HOSTS`` (list of URLs), ``INDEX_PREFIX`` and the like (see
    that backend's module).
``INDEX_PAGES``
    Whether live public Wagtail pages are indexed (default True).
``AUTO_DRAIN``
    Whether a commit that changed indexed records enqueues the ``drain_outbox`` task (default
    True). Turn it off to drain only by ``manage.py seutu_search_drain`` (cron) or in bulk jobs.
``COMPOUND_SPLITTER``
    How compound words are split for indexing: ``"dictionary"`` (default), ``"voikko"``
    (dictionary, then Voikko's Finnish morphology for long unknown words; needs the optional
    ``pyvoikko`` package, GPL-3), or ``False``. Rebuild the index after changing it.
``BATCH_SIZE``
    Documents built and written per batch by rebuilds and the outbox drainer (default 1000).
"""

from django.conf import settings

DEFAULTS = {
    "BACKEND": "seutu_search.backends.database",
    "OPTIONS": {},
    "INDEX_PAGES": True,
    "BATCH_SIZE": 1000,
    "COMPOUND_SPLITTER": "dictionary",
    "AUTO_DRAIN": True,
}


def get_setting(name):
    """Return ``SEUTU_SEARCH[name]``, falling back to the documented default."""
    configured = getattr(settings, "SEUTU_SEARCH", {}) or {}
    if name in configured:
        return configured[name]
    return DEFAULTS[name]
