"""The app's settings: one dict, ``SEUTU_PAGES``, read through :func:`get_setting`.

Defaults (override any key in ``settings.SEUTU_PAGES``):

``INVEST_IN_RATE_LIMIT``
    Invest-in form submissions accepted from one client address to one town per window
    (default 5): a town's forms in every language count together, other towns apart.
``INVEST_IN_RATE_WINDOW``
    The length of that window in seconds (default 600).
``RATE_LIMIT_CACHE``
    The Django cache alias that counts submissions (default ``"default"``). When the site
    runs in several processes, use one cache they all share with atomic increments (Redis,
    Memcached); ``check --deploy`` warns otherwise (seutu_pages.W001).
``EVENTS_PER_PAGE``
    Events per page in an event index's upcoming and past lists (default 10).
``ACTORS_PER_PAGE``
    Organisations per page in an actor directory (default 20).
``STORIES_PER_PAGE``
    Stories per page in a story index (default 12).
"""

from django.conf import settings

DEFAULTS = {
    "INVEST_IN_RATE_LIMIT": 5,
    "INVEST_IN_RATE_WINDOW": 600,
    "RATE_LIMIT_CACHE": "default",
    "EVENTS_PER_PAGE": 10,
    "ACTORS_PER_PAGE": 20,
    "STORIES_PER_PAGE": 12,
}


def get_setting(name):
    """Return ``SEUTU_PAGES[name]``, falling back to the documented default."""
    configured = getattr(settings, "SEUTU_PAGES", {}) or {}
    if name in configured:
        return configured[name]
    return DEFAULTS[name]
