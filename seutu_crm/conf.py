"""The app's settings: one dict, ``SEUTU_CRM``, read through :func:`get_setting`.

Defaults (override any key in ``settings.SEUTU_CRM``):

``STALE_DAYS``
    Days without activity after which a lead in a stage counts as stale, per stage.
``RETENTION_YEARS``
    Contacts untouched this many years are anonymised by ``seutu_retention``.
``IMPORT_BATCH_SIZE``
    Rows written per batch by the organisation importer.
``BOARD_CARDS_PER_STAGE``
    Cards shown per stage column of the pipeline board (the column totals count them all).
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
    "BOARD_CARDS_PER_STAGE": 50,
}


def get_setting(name):
    """Return ``SEUTU_CRM[name]``, falling back to the documented default."""
    configured = getattr(settings, "SEUTU_CRM", {}) or {}
    if name in configured:
        return configured[name]
    return DEFAULTS[name]
