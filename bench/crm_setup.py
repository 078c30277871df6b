"""Set up Django for a CRM benchmark: a fresh, migrated database and queued (not immediate)
background tasks, so that the figures measure the CRM's writes and not the search indexer.

DATABASE_URL picks the database (default: a new SQLite file in a temporary directory).
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.test")
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="seutu-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    # The search outbox is drained by a worker in production; here the drain task is only
    # queued in the database, as it would be on a real site.
    from django.test.utils import override_settings

    override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    ).enable()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} "
          f"{settings.DATABASES['default']['NAME']}")
