from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests run inside transactions that never commit, and the ecosystem figures' cache follows
# the register's committed changes: tests count afresh, except those of the cache itself.
SEUTU_CRM = {**SEUTU_CRM, "ECOSYSTEM_CACHE_SECONDS": 0}  # noqa: F405
