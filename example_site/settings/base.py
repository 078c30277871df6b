"""Settings shared by every environment of the example site.

Everything that differs between machines comes from the environment:
DATABASE_URL (default: a SQLite file in var/), SEUTU_SEARCH_BACKEND, SECRET_KEY.
"""

import os
from pathlib import Path

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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "example_site.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite's default page cache is 2 MB: search reads entries of thousands of hits at
    # random, and pages outside the cache cost a system call each. WAL lets pages be read
    # while the search outbox is drained, and commits without waiting for the disk twice.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "init_command",
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
        "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
