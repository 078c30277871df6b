"""Settings shared by every environment of the example site.

Everything that differs between machines comes from the environment:
DATABASE_URL (default: a SQLite file in var/), SEUTU_SEARCH_BACKEND, SECRET_KEY.
The security settings (CSP, login throttling) are here too, so that development and the
tests run under the same policy as production; production.py adds HTTPS and Redis.
"""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("SEUTU_VAR_DIR", PROJECT_DIR / "var"))


def database_from_env(default_url):
    """Parse DATABASE_URL with dj-database-url when present, else a minimal SQLite/PostgreSQL parser."""
    url = os.environ.get("DATABASE_URL", default_url)
    try:
        import dj_database_url
    except ImportError:  # pragma: no cover - dj-database-url ships with the dev extra
        from urllib.parse import urlparse

        parsed = urlparse(url)
        if parsed.scheme == "sqlite":
            return {"ENGINE": "django.db.backends.sqlite3", "NAME": parsed.path[1:] or ":memory:"}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parsed.path.lstrip("/"),
            "USER": parsed.username or "",
            "PASSWORD": parsed.password or "",
            "HOST": parsed.hostname or "",
            "PORT": parsed.port or "",
        }
    return dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")))


INSTALLED_APPS = [
    "seutu_search",
    "seutu_pages",
    "seutu_crm",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: everything after it reads the visitor's address from REMOTE_ADDR.
    "example_site.middleware.ForwardedClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "example_site.middleware.InlineScriptMiddleware",  # Wagtail's inline scripts, see CSP below
    "django.contrib.sessions.middleware.SessionMiddleware",
    "example_site.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "example_site.wsgi.application"

DATABASES = {"default": database_from_env(f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}


def sqlite_options():
    """The example site's SQLite connection options."""
    return {
        # SQLite's default page cache is 2 MB: search reads entries of thousands of hits at
        # random, and pages outside the cache cost a system call each. WAL lets pages be read
        # while the search outbox is drained, and commits without waiting for the disk twice.
        "init_command": (
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
            "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456"
        ),
        # A transaction takes the write lock when it begins: one that read first and writes
        # later cannot wait for a busy database (SQLite fails it at once, "database is
        # locked": a 500 when two requests save). Others wait up to 20 s for the lock.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }


if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        **sqlite_options(), **DATABASES["default"].get("OPTIONS", {})}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

# Finnish first; Swedish and English beside it, for the site and the admin alike.
LANGUAGE_CODE = "fi"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Seutukaupungit"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]

# Background work (search outbox, e-mail) runs through django-tasks; the database backend
# needs no broker. Run `manage.py db_worker` beside the site, or use the immediate backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "SEUTU_TASKS_BACKEND", "django_tasks_db.backend.DatabaseBackend"
        )
    }
}

SEUTU_CRM = {}
SEUTU_SEARCH = {"BACKEND": os.environ.get("SEUTU_SEARCH_BACKEND", "seutu_search.backends.database")}
if os.environ.get("SEUTU_SEARCH_URL"):
    SEUTU_SEARCH["OPTIONS"] = {"HOSTS": [os.environ["SEUTU_SEARCH_URL"]]}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "seutu@localhost"

# How many reverse proxies in front of the site append to X-Forwarded-For. 0: none, and the
# header is ignored (anyone can forge it). production.py reads TRUSTED_PROXY_COUNT.
TRUSTED_PROXY_COUNT = 0

# Content Security Policy (django-csp), enforced. Scripts only from our own origin, never
# inline: the site's scripts are static files configured through data- attributes and
# json_script blocks, and InlineScriptMiddleware turns the Wagtail admin's inline
# initialisers into data blocks that a static script runs. Styles allow 'unsafe-inline':
# the Wagtail admin sets style= attributes and <style> elements from its scripts, and
# inline styles cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        # data: for the admin's inline SVG and image previews, blob: for upload previews.
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        # The admin previews pages in a same-origin iframe; video blocks embed these players.
        "frame-src": [
            SELF,
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
# Wagtail would load editors' avatars from gravatar.com: a request outside CSP's img-src,
# and each editor's hashed e-mail address given to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for news (outside connect-src): upgrades
# are the maintainers' business, not the editors'.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Login throttling (django-axes). Five wrong passwords for one username from one address
# lock that pair out for 30 minutes, the right password included; a try during the lockout
# starts the 30 minutes again. Pairing the address with the username keeps an attacker
# from locking an editor out from elsewhere. The lockout page is templates/login_locked_out.html.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_LOCKOUT_TEMPLATE = "login_locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The address comes from REMOTE_ADDR only, which ForwardedClientAddressMiddleware sets
# from the trusted proxy's header; axes would otherwise believe X-Forwarded-For as sent.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
