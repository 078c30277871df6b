"""Production: HTTPS behind a reverse proxy, Redis for the counters every worker shares.

From the environment: SECRET_KEY (at least 50 random characters), ALLOWED_HOSTS (comma
separated), REDIS_URL (e.g. redis://127.0.0.1:6379/0), and optionally TRUSTED_PROXY_COUNT
(default 1) and SECURE_HSTS_PRELOAD (1 to ask for preloading). The README's "Deployment and
security settings" says what the proxy must do.
"""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE = True
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
)
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# HTTPS. The proxy terminates TLS and must set X-Forwarded-Proto itself, overwriting what
# the client sent: Django believes the header, and a forged "https" would skip the redirect.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is off unless asked for: browsers' preload lists take only a registrable domain
# (not seutu.example.fi), bind all its subdomains to HTTPS and take months to leave. The
# domain's owner decides; until then Django's reminder (security.W021) is silenced.
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "") == "1"
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# The visitor's address: the entry our proxy appended to X-Forwarded-For (see
# example_site.middleware.ForwardedClientAddressMiddleware).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

# One Redis for every worker process: the Invest-in rate limit and the login lockouts count
# with atomic add/incr there, so each process sees the same counts. Lockouts expire with
# their keys; a flood of failed logins writes nothing to the database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "seutu",
    }
}
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "default"
