"""The database backend's full-text index: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL
(nothing on other databases, which use the Elasticsearch backend)."""

from django.db import migrations


def install(apps, schema_editor):
    from seutu_search.backends.database import install as install_fulltext

    install_fulltext(schema_editor)


def uninstall(apps, schema_editor):
    from seutu_search.backends.database import uninstall as uninstall_fulltext

    uninstall_fulltext(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("seutu_search", "0001_search_index")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
