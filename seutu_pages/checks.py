"""System checks for ``SEUTU_PAGES``: each message names the setting and the fix."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .conf import get_setting


@register()
def check_settings(app_configs=None, **kwargs):
    errors = []
    for name in (
        "INVEST_IN_RATE_LIMIT",
        "INVEST_IN_RATE_WINDOW",
        "EVENTS_PER_PAGE",
        "ACTORS_PER_PAGE",
        "STORIES_PER_PAGE",
    ):
        value = get_setting(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(
                Error(
                    f'SEUTU_PAGES["{name}"] must be a positive whole number, not {value!r}.',
                    hint="Set it to an integer of 1 or more, or remove it to use the default.",
                    id="seutu_pages.E001",
                )
            )
    cache_alias = get_setting("RATE_LIMIT_CACHE")
    if cache_alias not in getattr(settings, "CACHES", {"default": {}}):
        errors.append(
            Error(
                f'SEUTU_PAGES["RATE_LIMIT_CACHE"] names the cache {cache_alias!r}, which is not '
                "in CACHES.",
                hint="Name a cache alias from CACHES, e.g. \"default\".",
                id="seutu_pages.E002",
            )
        )
    return errors


# Caches whose counts are not shared by every worker process, or not incremented atomically.
UNSHARED_CACHES = {
    "django.core.cache.backends.dummy.DummyCache": "keeps nothing, so nothing is ever limited",
    "django.core.cache.backends.locmem.LocMemCache": "counts in each process apart",
    "django.core.cache.backends.filebased.FileBasedCache": "loses counts made at the same time",
    "django.core.cache.backends.db.DatabaseCache": "loses counts made at the same time",
}


@register(Tags.caches, deploy=True)
def check_rate_limit_cache(app_configs=None, **kwargs):
    """With ``check --deploy``: the rate limit needs a cache every worker shares."""
    alias = get_setting("RATE_LIMIT_CACHE")
    backend = getattr(settings, "CACHES", {}).get(alias, {}).get("BACKEND", "")
    if backend not in UNSHARED_CACHES:
        return []
    return [
        Warning(
            f'SEUTU_PAGES["RATE_LIMIT_CACHE"] names the cache {alias!r}, a {backend.rsplit(".", 1)[-1]}, '
            f"which {UNSHARED_CACHES[backend]}: the Invest-in rate limit is not enforced as set.",
            hint="Point it at a Redis or Memcached cache that every worker process uses, e.g. "
            "django.core.cache.backends.redis.RedisCache.",
            id="seutu_pages.W001",
        )
    ]
