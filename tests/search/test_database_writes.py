"""How the database backend writes: only what changed, the full-text index in step.

Runs on the suite's database (SQLite, or PostgreSQL with DATABASE_URL)."""

import pytest
from django.db import connection

from seutu_search import language
from seutu_search.backends.database import SearchBackend
from seutu_search.backends.database.models import IndexEntry
from seutu_search.documents import ORGANISATION, TERM_FIELDS, analyse_terms, documents_for
from seutu_search.models import SearchTerm
from seutu_search.query import SearchQuery

from .contract import World, index_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(db):
    return SearchBackend()


@pytest.fixture
def world(backend):
    world = World()
    index_everything(backend)
    return world


def reindex(backend, organisation):
    documents, _ = documents_for(ORGANISATION, [organisation.pk])
    backend.index(documents)


def doc_id(organisation):
    return f"{ORGANISATION}:{organisation.pk}"


def found(backend, text):
    return backend.search(SearchQuery(text=text)).ids


def entry_of(organisation):
    return IndexEntry.objects.get(doc_id=doc_id(organisation))


def fulltext_rows():
    if connection.vendor != "sqlite":
        return None  # PostgreSQL's vector is a column of the body row: nothing apart to count
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM seutu_search_fts")
        return cursor.fetchone()[0]


def test_an_unchanged_document_keeps_its_entry(backend, world):
    before = entry_of(world.org["battery"])
    reindex(backend, world.org["battery"])
    after = entry_of(world.org["battery"])
    assert after.pk == before.pk and after.version == before.version
    assert after.indexed_at >= before.indexed_at


def test_a_change_outside_the_searched_text_is_written_in_place(backend, world):
    organisation = world.org["battery"]
    before = entry_of(organisation)
    organisation.website = "https://akku.example.fi/"
    organisation.save()
    reindex(backend, organisation)
    after = entry_of(organisation)
    assert after.pk == before.pk and after.version != before.version
    hit = backend.search(SearchQuery(text="Akkutekniikka")).hits[0]
    assert hit.url == "https://akku.example.fi/"


def test_a_changed_name_replaces_the_full_text_rows(backend, world):
    organisation = world.org["battery"]
    rows_before = fulltext_rows()
    organisation.name = "Raahen Energiavarasto Oy"
    organisation.save()
    reindex(backend, organisation)
    assert found(backend, "energiavarasto") == [doc_id(organisation)]
    assert backend.search(SearchQuery(text="Akkutekniikka")).total == 0
    assert fulltext_rows() == rows_before  # the old row went, one new one came


def test_competence_counts_follow_a_changed_competence_list(backend, world):
    organisation = world.org["battery"]
    competence = organisation.competences.first()
    organisation.competences.remove(competence)
    organisation.save()
    reindex(backend, organisation)
    results = backend.search(SearchQuery(filters={"town": [organisation.town.code]}))
    counts = {v.value: v.count for v in results.facets["competence"].values}
    still_having = competence.organisations.filter(
        is_public=True, town=organisation.town
    ).count()
    assert counts.get(competence.slug, 0) == still_having
    assert f"competence:{competence.slug}" not in entry_of(organisation).facet_list.split("\n")


def test_clearing_empties_the_full_text_index(backend, world):
    backend.clear()
    assert backend.search(SearchQuery(text="Akkutekniikka")).total == 0
    assert fulltext_rows() in (0, None)


@pytest.fixture
def analysed_fields(monkeypatch):
    """The terms fields the backend analyses (rather than keeps from the index), in order."""
    from seutu_search.backends.database import base

    fields = []

    def recording(field_name, source):
        fields.append(field_name)
        return analyse_terms(field_name, source)

    monkeypatch.setattr(base, "analyse_terms", recording)
    return fields


def test_a_changed_name_is_the_only_field_analysed_again(backend, world, analysed_fields):
    organisation = world.org["battery"]
    organisation.name = "Raahen Energiavarasto Oy"
    organisation.save()
    reindex(backend, organisation)
    assert analysed_fields == ["name"]
    assert found(backend, "akkumateriaaleja") == [doc_id(organisation)]


def test_a_changed_description_is_analysed_and_found(backend, world, analysed_fields):
    organisation = world.org["battery"]
    description = organisation.descriptions.get(language="en")
    description.text = "We make hydrogen fuel cells."
    description.save()
    reindex(backend, organisation)
    assert analysed_fields == ["text"]
    assert found(backend, "hydrogen") == [doc_id(organisation)]
    assert found(backend, "recycle") == []


def test_a_new_analysis_version_analyses_every_field_again(backend, world, analysed_fields,
                                                         monkeypatch):
    monkeypatch.setattr(language, "ANALYSIS_VERSION", language.ANALYSIS_VERSION + 1)
    reindex(backend, world.org["battery"])
    assert analysed_fields == list(TERM_FIELDS)


def test_a_rebuild_records_the_vocabulary_of_terms_it_kept(backend, world):
    language.forget_vocabulary()
    index_everything(backend)  # every document as indexed: no field is analysed again
    assert SearchTerm.objects.filter(term="akkumateriaaleja").exists()
