"""The database backend's one-pass facet counts agree with counting every document by hand.

Runs on the suite's database (SQLite, or PostgreSQL with DATABASE_URL)."""

import pytest

from seutu_crm.models import Organisation, Town
from seutu_search.backends.database import SearchBackend
from seutu_search.backends.database.models import IndexCell
from seutu_search.documents import ORGANISATION, documents_for, iter_document_batches
from seutu_search.query import FACETS, SearchQuery
from tests.factories import OrganisationFactory

from .contract import World, index_everything

pytestmark = pytest.mark.django_db

FILTER_SETS = [
    {},
    {"town": ["678", "305"]},
    {"competence": ["biotalous"]},
    {"town": ["678"], "competence": ["biotalous"]},
    {"region": ["17"], "type": ["company", "research"], "industry_section": ["M"]},
    {"town": ["678", "305", "140"], "type": ["company"], "competence": ["metsateollisuus"]},
]


@pytest.fixture
def backend(db):
    return SearchBackend()


@pytest.fixture
def documents(backend):
    World()
    index_everything(backend)
    return indexed_documents()


def indexed_documents():
    return [d for batch in iter_document_batches(kinds=(ORGANISATION,)) for d in batch]


def values_of(document, facet):
    return {
        "town": [document.town_code],
        "region": [document.region_code],
        "type": [document.actor_type],
        "competence": document.competences,
        "industry_section": document.industry_sections,
    }[facet]


def passes(document, filters, skip=None):
    return all(
        set(values_of(document, facet)) & set(values)
        for facet, values in filters.items()
        if facet != skip
    )


def counted_by_hand(documents, filters, facet):
    counts = {}
    for document in documents:
        if passes(document, filters, skip=facet):
            for value in values_of(document, facet):
                if value:
                    counts[value] = counts.get(value, 0) + 1
    return counts


@pytest.mark.parametrize("filters", FILTER_SETS, ids=lambda f: "+".join(f) or "none")
def test_total_and_every_facet_match_a_count_by_hand(backend, documents, filters):
    results = backend.search(SearchQuery(filters=filters))
    assert results.total == sum(passes(d, filters) for d in documents)
    for facet in FACETS:
        counted = {v.value: v.count for v in results.facets[facet].values if v.count}
        assert counted == counted_by_hand(documents, filters, facet), facet
        assert not results.facets[facet].approximate


@pytest.mark.parametrize("filters", FILTER_SETS, ids=lambda f: "+".join(f) or "none")
def test_a_small_sample_scales_to_the_total_and_says_so(backend, documents, filters):
    backend.facet_sample_size = 1
    results = backend.search(SearchQuery(filters=filters))
    expected = sum(passes(d, filters) for d in documents)
    assert results.total == expected
    sampled = any(facet.approximate for facet in results.facets.values())
    browsing = set(filters) <= {"town", "type", "region"}  # summed from the cells: exact
    assert sampled == (not browsing
                       and len([d for d in documents if _fails_at_most_one(d, filters)]) > 1)


def _fails_at_most_one(document, filters):
    return sum(not passes(document, {f: v}) for f, v in filters.items()) <= 1


# -- browsing (no text, filters on town, type and region): counts summed from the cells ------


BROWSE_FILTERS = {"town": ["678", "305"], "type": ["company"]}


def assert_browse_counts_exact(backend, filters=BROWSE_FILTERS):
    documents = indexed_documents()
    results = backend.search(SearchQuery(filters=filters))
    assert results.total == sum(passes(d, filters) for d in documents)
    for facet in FACETS:
        counted = {v.value: v.count for v in results.facets[facet].values if v.count}
        assert counted == counted_by_hand(documents, filters, facet), facet


def reindex(backend, organisation):
    built, gone = documents_for(ORGANISATION, [organisation.pk])
    backend.index(built)
    backend.delete(gone)


def test_browse_counts_follow_an_actor_moving_town(backend, documents):
    organisation = Organisation.objects.filter(is_public=True, town__code="678").first()
    organisation.town = Town.objects.get(code="305")
    organisation.save()
    reindex(backend, organisation)
    assert_browse_counts_exact(backend)


def test_browse_counts_follow_an_actor_made_private_and_a_new_one(backend, documents):
    gone = Organisation.objects.filter(is_public=True, town__code="305").first()
    gone.is_public = False
    gone.save()
    reindex(backend, gone)
    new = OrganisationFactory(town=Town.objects.get(code="678"), actor_type="company",
                              is_public=True)
    reindex(backend, new)
    assert_browse_counts_exact(backend)


def test_a_rebuild_counts_the_cells_again(backend, documents):
    IndexCell.objects.update(count=1000)  # however they went wrong
    index_everything(backend)
    assert_browse_counts_exact(backend)


def test_browse_counts_stay_exact_with_more_hits_than_the_sample(backend, documents):
    backend.facet_sample_size = 1
    assert_browse_counts_exact(backend)
    results = backend.search(SearchQuery(filters=BROWSE_FILTERS))
    assert not results.total_approximate
    assert not any(facet.approximate for facet in results.facets.values())
