"""Tables of the database backend: a narrow row per document (what filters and facets scan),
its text and stored document apart (what matching and display read), and its facet values.

The full-text index beside them is vendor-specific and made by :mod:`.sqlite` / :mod:`.postgres`
from the migrations (SQLite: FTS5 external-content tables the backend writes beside the body
rows; PostgreSQL: a generated ``tsvector`` column with a GIN index).
"""

from django.db import models


class IndexEntry(models.Model):
    doc_id = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=16)
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=2, blank=True)
    name = models.CharField(max_length=255)
    sort_name = models.CharField(max_length=255)
    town_code = models.CharField(max_length=3, blank=True)
    region_code = models.CharField(max_length=2, blank=True)
    actor_type = models.CharField(max_length=32, blank=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    # Competences and industry sections, "facet:value" a line: counted per hit in Python,
    # which is cheaper than joining seutu_search_facet for every hit (that table filters).
    facet_list = models.TextField(blank=True)
    version = models.CharField(max_length=40)
    indexed_at = models.DateTimeField()

    class Meta:
        app_label = "seutu_search"
        db_table = "seutu_search_entry"
        indexes = [
            models.Index(fields=["kind", "sort_name"], name="seutu_search_entry_name"),
            models.Index(fields=["latitude", "longitude"], name="seutu_search_entry_geo"),
            models.Index(fields=["indexed_at"], name="seutu_search_entry_indexed"),
            models.Index(fields=["kind", "town_code", "actor_type", "region_code"],
                         name="seutu_search_entry_facets"),
        ]


class IndexBody(models.Model):
    """The bulky part of an entry, kept out of the entry table so that scanning entries for
    filters and facets reads a few bytes a row, not kilobytes."""

    entry = models.OneToOneField(
        IndexEntry, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="body",
    )
    name_terms = models.TextField(blank=True)
    keyword_terms = models.TextField(blank=True)
    text_terms = models.TextField(blank=True)
    stored = models.JSONField(default=dict)  # the SearchDocument, for hits and highlighting
    # documents.term_digests() of the sources of the three terms fields: a field whose
    # source is unchanged keeps its terms without being analysed again.
    term_digests = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        app_label = "seutu_search"
        db_table = "seutu_search_body"


class IndexFacet(models.Model):
    """One facet value of one entry: (entry, "town", "287"), (entry, "competence", "akut")."""

    entry = models.ForeignKey(
        IndexEntry, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=150)

    class Meta:
        app_label = "seutu_search"
        db_table = "seutu_search_facet"
        indexes = [
            models.Index(fields=["facet", "value", "entry"], name="seutu_search_facet_value"),
            # Covering: facet counts over a set of hits read the index only.
            models.Index(fields=["entry", "facet", "value"], name="seutu_search_facet_hit"),
        ]


class IndexCell(models.Model):
    """How many entries of a kind have one town, type and region (``facet`` empty), and how
    many of those have one competence or industry section (``facet``, ``value``): a search
    without text sums its exact total and every facet count from these few thousand rows
    instead of reading every hit. The backend keeps them in step with every write, and a
    rebuild counts them again from the entries."""

    kind = models.CharField(max_length=16)
    town_code = models.CharField(max_length=3, blank=True)
    actor_type = models.CharField(max_length=32, blank=True)
    region_code = models.CharField(max_length=2, blank=True)
    facet = models.CharField(max_length=20, blank=True)
    value = models.CharField(max_length=150, blank=True)
    count = models.BigIntegerField(default=0)

    class Meta:
        app_label = "seutu_search"
        db_table = "seutu_search_cell"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "town_code", "actor_type", "region_code", "facet", "value"],
                name="seutu_search_one_cell",
            )
        ]
