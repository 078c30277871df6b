"""Formerly made the full-text index over the entry table; 0004 makes it over the body table
(and drops this one where it was made). Kept as a no-op so applied histories stay valid."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("seutu_search", "0001_search_index")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
