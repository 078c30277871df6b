"""The app's settings: one dict, ``SEUTU_CRM``, read through :func:`get_setting`.

Defaults (override any key in ``settings.SEUTU_CRM``):

``STALE_DAYS``
    Days without activity after which a lead in a stage counts as stale, per stage.
``RETENTION_YEARS``
    Contacts untouched this many years are anonymised by ``seutu_retention``.
``IMPORT_BATCH_SIZE``
    Rows written per batch by the organisation importer.
``IMPORT_MAX_FILE_BYTES``
    The largest file an import accepts, uploaded or given to ``seutu_import`` (50 MB).
``IMPORT_MAX_UNCOMPRESSED_BYTES``
    The most an XLSX file may expand to when unzipped (200 MB): the sum of the sizes its zip
    directory declares, checked before anything is unpacked.
``IMPORT_MAX_ROWS``
    The most rows a file may hold below its header (100,000). A sheet that declares more is
    refused before its rows are read; reading any file stops as soon as it passes the limit.
``IMPORT_BACKGROUND_ROWS``
    An admin upload of more rows than this (as the file declares them) is checked and
    written by a django-tasks task, with a progress page; smaller ones within the request.
``POPULATION_INDICATORS``
    Codes of imported key figures (:class:`~seutu_crm.models.TownIndicator`) that hold a
    town's population, tried in order: per-capita figures divide by the first one present.
``WORKPLACE_INDICATORS``
    Codes of key figures that count workplaces; broken down by TOL section, they give the
    location quotients against Finland.
``ECOSYSTEM_CACHE_SECONDS``
    How long the ecosystem figures counted for a register version stay in the cache (an
    hour); 0 counts them on every view. A change to the register is seen at once whatever it is.
``BOARD_CARDS_PER_STAGE``
    Cards shown per stage column of the pipeline board (the column totals count them all).
``GAP_PRIOR_ACTORS``
    The pseudo-actors that smooth a town's location quotient in the gap analysis (10): a
    town is compared as if it had this many more actors, spread as the network's are, so
    that one actor more or less in a small town does not swing it from gap to strength.
``GAP_MIN_SPECIALISED_ACTORS``
    The fewest actors with a competence that make another town a partner for it (2).
``GAP_WEIGHTS``
    How the gap score weighs what is missing: ``base`` for any shortfall, ``relatedness``
    for closeness to the town's strengths, ``focus`` for its strategy (0.4, 0.35, 0.25).
``GAP_MIN_SCORE``
    The gap score (0–100) from which a competence counts as a gap a lead or a candidate
    closes (30).
"""

from django.conf import settings

DEFAULTS = {
    "STALE_DAYS": {
        "identified": 60,
        "contacted": 30,
        "qualified": 30,
        "active": 21,
        "decision": 14,
        "won": 90,
        "aftercare": 180,
        "on_hold": 120,
    },
    "RETENTION_YEARS": 3,
    "IMPORT_BATCH_SIZE": 2000,
    "IMPORT_MAX_FILE_BYTES": 50 * 1024 * 1024,
    "IMPORT_MAX_UNCOMPRESSED_BYTES": 200 * 1024 * 1024,
    "IMPORT_MAX_ROWS": 100_000,
    "IMPORT_BACKGROUND_ROWS": 2000,
    "BOARD_CARDS_PER_STAGE": 50,
    "ECOSYSTEM_CACHE_SECONDS": 3600,
    # vaesto: StatFin's population tables; M411: the municipal key figures ("Väkiluku").
    "POPULATION_INDICATORS": ["vaesto", "M411"],
    # tyopaikat: workplaces by industry (StatFin's employment statistics).
    "WORKPLACE_INDICATORS": ["tyopaikat", "M130"],
    "GAP_PRIOR_ACTORS": 10,
    "GAP_MIN_SPECIALISED_ACTORS": 2,
    "GAP_WEIGHTS": {"base": 0.4, "relatedness": 0.35, "focus": 0.25},
    "GAP_MIN_SCORE": 30,
}


def get_setting(name):
    """Return ``SEUTU_CRM[name]``, falling back to the documented default."""
    configured = getattr(settings, "SEUTU_CRM", {}) or {}
    if name in configured:
        return configured[name]
    return DEFAULTS[name]
