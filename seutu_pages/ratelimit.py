"""A fixed-window rate limit per form and client address, counted in a Django cache.

The count is only as shared as the cache: with several worker processes ``RATE_LIMIT_CACHE``
must name a cache they all reach whose ``add()`` and ``incr()`` are atomic (Redis,
Memcached). A per-process cache (LocMemCache) multiplies the limit by the number of
processes; the database and file caches increment by reading and writing, and lose counts.
"""

from django.core.cache import caches

from .conf import get_setting


def client_address(request):
    """The address the request came from.

    Only ``REMOTE_ADDR`` is trusted: a site behind a reverse proxy should set it from the
    proxy's header in middleware, since a visitor can forge ``X-Forwarded-For``.
    """
    return request.META.get("REMOTE_ADDR", "")


def allow(scope, request, *, limit=None, window=None):
    """Count one attempt for the client in ``scope``; False once it is over the limit.

    ``scope`` names what is limited (one form, say): each scope counts on its own.
    """
    limit = get_setting("INVEST_IN_RATE_LIMIT") if limit is None else limit
    window = get_setting("INVEST_IN_RATE_WINDOW") if window is None else window
    cache = caches[get_setting("RATE_LIMIT_CACHE")]
    key = f"seutu_pages:ratelimit:{scope}:{client_address(request) or 'unknown'}"
    # add() starts the window only if no count exists; incr() is atomic in shared caches.
    if cache.add(key, 1, timeout=window):
        return 1 <= limit
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, timeout=window)
        count = 1
    if count == 1:
        # Only a key that expired between the cache's existence test and its increment
        # counts 1 here (Redis's INCR then creates it), and it has no expiry: give it one,
        # or this address stays limited for good once it reaches the limit.
        cache.touch(key, timeout=window)
    return count <= limit
