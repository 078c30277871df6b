"""The contract every search backend keeps: one suite, subclassed per engine.

A backend's test module subclasses :class:`BackendContract` and provides a ``backend`` fixture
(an empty backend; the database is rolled back after each test, other engines clean up in the
fixture). Relevance assertions live here, so an engine passes only if it finds what visitors
look for in Finnish, Swedish and English.
"""

import json
import os

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Locale, Page

from seutu_crm.models import ActorType, Competence, OrganisationDescription
from seutu_search import language
from seutu_search.backends.base import SearchBackendError
from seutu_search.documents import (
    ORGANISATION,
    documents_for,
    iter_document_batches,
)
from seutu_search.query import GeoFilter, InvalidQuery, SearchQuery
from tests.factories import (
    CompetenceFactory,
    ContactFactory,
    IndustryFactory,
    OrganisationFactory,
    RegionFactory,
    TownFactory,
)

FUZZ_EXAMPLES = int(os.environ.get("SEUTU_SEARCH_FUZZ_EXAMPLES", "150"))
PRIVATE_WORDS = ("Zyxwvuprivat", "Qwertyuiopnimi", "qwertyuiop.secret@example.fi", "0401234567")


class World:
    """Towns, competences and actors the contract searches; ``org[name]`` by short name."""

    def __init__(self):
        fi = Locale.objects.get_or_create(language_code="fi")[0]
        sv = Locale.objects.get_or_create(language_code="sv")[0]
        en = Locale.objects.get_or_create(language_code="en")[0]
        north = RegionFactory(code="17", name_fi="Pohjois-Pohjanmaa", name_sv="Norra Österbotten")
        ostro = RegionFactory(code="15", name_fi="Pohjanmaa", name_sv="Österbotten")
        savo = RegionFactory(code="11", name_fi="Pohjois-Savo", name_sv="Norra Savolax")
        self.towns = {
            "raahe": TownFactory(code="678", name_fi="Raahe", name_sv="Brahestad", region=north,
                                 latitude=64.6847, longitude=24.4792),
            "kuusamo": TownFactory(code="305", name_fi="Kuusamo", name_sv="Kuusamo", region=north,
                                   latitude=65.9667, longitude=29.1833),
            "kristiinankaupunki": TownFactory(
                code="287", name_fi="Kristiinankaupunki", name_sv="Kristinestad", region=ostro,
                latitude=62.2736, longitude=21.3761, swedish_majority=True),
            "iisalmi": TownFactory(code="140", name_fi="Iisalmi", name_sv="Idensalmi", region=savo,
                                   latitude=63.5611, longitude=27.1889),
            "kiuruvesi": TownFactory(code="402", name_fi="Kiuruvesi", name_sv="Kiuruvesi",
                                     region=savo, in_network=False,
                                     latitude=63.6528, longitude=26.6194),
        }

        def competence(slug, name, synonyms="", translations=()):
            row = CompetenceFactory(slug=slug, name=name, synonyms=synonyms, locale=fi)
            for locale, translated in translations:
                Competence.objects.create(
                    slug=slug, name=translated, locale=locale, translation_key=row.translation_key
                )
            return row

        self.competences = {
            "biotalous": competence("biotalous", "Biotalous", "kiertotalous",
                                    [(sv, "Bioekonomi"), (en, "Bioeconomy")]),
            "metsateollisuus": competence("metsateollisuus", "Metsäteollisuus", "puunjalostus",
                                          [(sv, "Skogsindustri"), (en, "Forest industry")]),
            "akkumateriaalit": competence(
                "akkumateriaalit", "Akkumateriaalit", "litiumioniakut\nbattery chemicals",
                [(sv, "Batterimaterial"), (en, "Battery materials")]),
            "tekoaly": competence("tekoaly", "Tekoäly", "koneoppiminen",
                                  [(en, "Artificial intelligence")]),
        }
        manufacturing = IndustryFactory(code="C", name_fi="Teollisuus", name_sv="Tillverkning",
                                        name_en="Manufacturing")
        sawmills = IndustryFactory(code="16", name_fi="Sahatavaran valmistus",
                                   name_sv="Sågning av trä", name_en="Sawmilling",
                                   parent=manufacturing)
        research = IndustryFactory(code="M", name_fi="Ammatillinen toiminta",
                                   name_sv="Verksamhet inom juridik", name_en="Professional activities")
        c = self.competences

        def actor(key, name, town, descriptions, competences=(), industries=(),
                  actor_type=ActorType.COMPANY, public=True):
            organisation = OrganisationFactory(
                name=name, town=self.towns[town], actor_type=actor_type, is_public=public,
                competences=[c[k] for k in competences], industries=industries,
            )
            for lang, text in descriptions.items():
                OrganisationDescription.objects.create(
                    organisation=organisation, language=lang, text=text
                )
            return organisation

        self.org = {
            "bio": actor("bio", "Pohjolan Biojalostamo Oy", "raahe",
                         {"fi": "Kehitämme biotalouden ratkaisuja teollisuuden sivuvirroista."},
                         ["biotalous"], [research]),
            "forest": actor("forest", "Kuusamon Metsäpalvelu Oy", "kuusamo",
                            {"fi": "Metsäteollisuuden palveluja ja puunkorjuuta."},
                            ["metsateollisuus"], [sawmills]),
            "battery": actor("battery", "Raahen Akkutekniikka Oy", "raahe",
                             {"en": "We develop battery materials and recycle batteries.",
                              "fi": "Kehitämme akkumateriaaleja."},
                             ["akkumateriaalit"], [manufacturing], ActorType.STARTUP),
            "saw": actor("saw", "Skärgårdens Trä Ab", "kristiinankaupunki",
                         {"sv": "Vi arbetar inom skogsindustrin och driver ett sågverk."},
                         ["metsateollisuus"], [sawmills]),
            "ai": actor("ai", "Iisalmen Data Oy", "iisalmi",
                        {"fi": "Tekoälyratkaisuja ja koneoppimista pk-yrityksille."},
                        ["tekoaly"], [research]),
            "workshop": actor("workshop", "Kiuruveden Konepaja Oy", "kiuruvesi",
                              {"fi": "Konepajatyöt ja hitsaus <script>alert(1)</script>."},
                              [], [manufacturing]),
            "university": actor("university", "Kuusamon Luonnonvarakeskus", "kuusamo",
                                {"fi": "Tutkimusta biotaloudesta ja metsistä."},
                                ["biotalous", "metsateollisuus"], [research],
                                ActorType.RESEARCH),
        }
        self.private = actor(
            "private", f"{PRIVATE_WORDS[0]} Oy", "raahe",
            {"fi": f"Salainen {PRIVATE_WORDS[0]} biotalous"}, ["biotalous"], public=False,
        )
        ContactFactory(organisation=self.org["bio"], town=self.towns["raahe"],
                       first_name=PRIVATE_WORDS[1], last_name="Henkilö",
                       email=PRIVATE_WORDS[2], phone=PRIVATE_WORDS[3])
        root = Page.get_first_root_node()
        self.page = root.add_child(instance=Page(
            title="Metsäteollisuuden tulevaisuus seutukaupungeissa", slug="metsa-tulevaisuus",
            locale=fi, search_description="Katsaus puun jalostuksen investointeihin.",
        ))


def index_everything(backend):
    token = backend.begin_rebuild()
    for batch in iter_document_batches(batch_size=3):
        backend.index(batch, rebuild=token)
    backend.finish_rebuild(token)


def ids(*organisations):
    return {f"{ORGANISATION}:{o.pk}" for o in organisations}


class BackendContract:
    """Subclass and provide ``backend``."""

    @pytest.fixture
    def backend(self):  # pragma: no cover - every engine's module provides it
        raise NotImplementedError("a backend's test module provides the `backend` fixture")

    @pytest.fixture
    def world(self, backend):
        world = World()
        index_everything(backend)
        return world

    @pytest.fixture(autouse=True)
    def _fresh_language_caches(self):
        language.forget_recorded_terms()  # the last test's writes were rolled back
        language.vocabulary_cache.invalidate()
        language.synonym_cache.invalidate()
        yield
        language.vocabulary_cache.invalidate()
        language.synonym_cache.invalidate()

    def search(self, backend, text="", **kwargs):
        return backend.search(SearchQuery(text=text, **kwargs))

    # -- indexing ------------------------------------------------------------------------------

    def test_an_indexed_actor_is_found_by_its_name(self, backend, world):
        results = self.search(backend, "Akkutekniikka")
        assert results.ids == [f"organisation:{world.org['battery'].pk}"]

    def test_a_deleted_document_is_not_found(self, backend, world):
        backend.delete([f"organisation:{world.org['battery'].pk}"])
        assert self.search(backend, "Akkutekniikka").total == 0

    def test_reindexing_replaces_the_document(self, backend, world):
        organisation = world.org["battery"]
        organisation.name = "Raahen Energiavarasto Oy"
        organisation.save()
        documents, _ = documents_for(ORGANISATION, [organisation.pk])
        backend.index(documents)
        assert self.search(backend, "Akkutekniikka").total == 0
        assert self.search(backend, "energiavarasto").ids == [f"organisation:{organisation.pk}"]

    def test_a_finished_rebuild_drops_what_it_did_not_index(self, backend, world):
        token = backend.begin_rebuild()
        documents, _ = documents_for(ORGANISATION, [world.org["bio"].pk])
        backend.index(documents, rebuild=token)
        backend.finish_rebuild(token)
        assert set(backend.indexed_versions()) == ids(world.org["bio"])

    def test_the_drift_check_is_clean_after_a_rebuild_and_reports_a_missing_document(
        self, backend, world
    ):
        assert backend.check().ok
        backend.delete([f"organisation:{world.org['ai'].pk}"])
        report = backend.check()
        assert report.missing == [f"organisation:{world.org['ai'].pk}"]

    # -- language ------------------------------------------------------------------------------

    def test_an_inflected_finnish_word_finds_its_lemma(self, backend, world):
        found = set(self.search(backend, "biotaloudesta").ids)
        assert ids(world.org["bio"], world.org["university"]) <= found

    def test_the_head_of_a_compound_finds_the_compound(self, backend, world):
        found = set(self.search(backend, "teollisuus").ids)
        assert ids(world.org["forest"]) <= found  # Metsäteollisuus

    def test_a_swedish_town_name_finds_the_towns_actors(self, backend, world):
        assert set(self.search(backend, "Kristinestad").ids) == ids(world.org["saw"])

    def test_an_inflected_swedish_compound_is_found_by_its_head(self, backend, world):
        assert ids(world.org["saw"]) <= set(self.search(backend, "industri").ids)
        assert ids(world.org["saw"]) <= set(self.search(backend, "skogsindustri").ids)

    def test_an_english_plural_finds_the_singular(self, backend, world):
        assert ids(world.org["battery"]) <= set(self.search(backend, "battery").ids)

    def test_a_typo_still_finds_the_word_and_says_what_was_meant(self, backend, world):
        results = self.search(backend, "metsäteolisuus")
        assert ids(world.org["forest"]) <= set(results.ids)
        assert results.did_you_mean == "metsäteollisuus"

    def test_a_competence_synonym_expands_the_query(self, backend, world):
        # The page never says "puunjalostus"; the competence Metsäteollisuus has it as synonym.
        results = self.search(backend, "puunjalostus", kinds=("page",))
        assert results.ids == [f"page:{world.page.pk}"]

    def test_a_translated_competence_name_finds_the_actors(self, backend, world):
        assert ids(world.org["bio"], world.org["university"]) <= set(
            self.search(backend, "bioekonomi").ids
        )

    def test_every_word_must_match(self, backend, world):
        assert set(self.search(backend, "biotalous Raahe").ids) == ids(world.org["bio"])

    # -- facets, filters, geo, order -----------------------------------------------------------

    def test_facets_count_the_hits_by_town_type_region_competence_and_section(self, backend, world):
        results = self.search(backend, "biotalous")
        counts = {name: {v.value: v.count for v in facet.values}
                  for name, facet in results.facets.items()}
        assert counts["town"] == {"678": 1, "305": 1}
        assert counts["region"] == {"17": 2}
        assert counts["type"] == {"company": 1, "research": 1}
        assert counts["competence"] == {"biotalous": 2, "metsateollisuus": 1}
        assert counts["industry_section"] == {"M": 2}
        assert not any(facet.approximate for facet in results.facets.values())

    def test_facet_values_have_labels_in_the_visitors_language(self, backend, world):
        results = self.search(backend, "Kristinestad", language="sv")
        assert [(v.value, v.label) for v in results.facets["town"].values] == [
            ("287", "Kristinestad")
        ]
        assert results.facets["competence"].values[0].label == "Skogsindustri"

    def test_several_values_of_one_facet_are_either_or(self, backend, world):
        results = self.search(backend, filters={"town": ["678", "305"]})
        assert set(results.ids) == ids(
            world.org["bio"], world.org["battery"], world.org["forest"], world.org["university"]
        )

    def test_different_facets_must_all_match(self, backend, world):
        results = self.search(backend, filters={"town": ["678", "305"], "type": ["research"]})
        assert set(results.ids) == ids(world.org["university"])

    def test_a_facets_counts_ignore_its_own_filter_but_follow_the_others(self, backend, world):
        results = self.search(backend, filters={"town": ["678"], "competence": ["biotalous"]})
        town_counts = {v.value: v.count for v in results.facets["town"].values}
        assert town_counts == {"678": 1, "305": 1}  # other towns stay offered
        type_counts = {v.value: v.count for v in results.facets["type"].values}
        assert type_counts == {"company": 1}  # narrowed by both filters
        assert [v.value for v in results.facets["town"].values if v.selected] == ["678"]

    def test_facets_over_more_hits_than_the_sample_are_estimated_and_marked(self, backend, world):
        backend.facet_sample_size = 2
        # With text: browsing without it, the database backend counts exactly from its cells.
        results = self.search(backend, "Pohjois-Pohjanmaa", filters={"town": ["678", "305"]})
        assert results.total == 4
        assert all(facet.approximate for facet in results.facets.values())
        region = {v.value: v.count for v in results.facets["region"].values}
        assert region == {"17": 4}  # both sampled hits are in region 17, scaled to the total

    def test_a_broad_query_caps_its_total_and_still_ranks_name_matches_first(
        self, backend, world
    ):
        if not hasattr(backend, "total_limit"):
            pytest.skip(f"{type(backend).__name__} counts every hit; it has no total limit")
        backend.facet_sample_size = 1  # more hits than the one-pass tally samples …
        backend.total_limit = 1  # … and than the total is counted to
        backend.rank_candidates = 1
        results = self.search(backend, "kuusamon")
        assert results.total_approximate and results.total == 1
        assert results.hits[0].name in ("Kuusamon Metsäpalvelu Oy", "Kuusamon Luonnonvarakeskus")

    def test_filtering_by_industry_section_and_region(self, backend, world):
        results = self.search(backend, filters={"industry_section": ["C"], "region": ["11"]})
        assert set(results.ids) == ids(world.org["workshop"])

    def test_a_geo_radius_keeps_actors_within_it(self, backend, world):
        iisalmi = world.towns["iisalmi"]
        results = self.search(backend, geo=GeoFilter(iisalmi.latitude, iisalmi.longitude, 50))
        assert set(results.ids) == ids(world.org["ai"], world.org["workshop"])

    def test_sorting_by_distance_puts_the_nearest_first(self, backend, world):
        iisalmi = world.towns["iisalmi"]
        results = self.search(backend, geo=GeoFilter(iisalmi.latitude, iisalmi.longitude, 400),
                              sort="distance")
        distances = [hit.distance_km for hit in results.hits]
        assert distances == sorted(distances)
        assert results.hits[0].id == f"organisation:{world.org['ai'].pk}"
        assert 25 < results.hits[1].distance_km < 40  # Kiuruvesi is about 33 km away

    def test_sorting_by_name(self, backend, world):
        results = self.search(backend, sort="name", page_size=50)
        names = [hit.name for hit in results.hits]
        assert names == sorted(names, key=str.casefold)
        assert len(names) == 7

    def test_relevance_puts_a_name_match_before_a_description_match(self, backend, world):
        results = self.search(backend, "akkutekniikka akku")
        assert results.hits[0].id == f"organisation:{world.org['battery'].pk}"

    def test_pages_do_not_overlap_and_cover_every_hit(self, backend, world):
        first = self.search(backend, sort="name", page_size=3)
        second = self.search(backend, sort="name", page_size=3, page=2)
        third = self.search(backend, sort="name", page_size=3, page=3)
        seen = first.ids + second.ids + third.ids
        assert first.total == 7 and len(seen) == 7 and len(set(seen)) == 7

    def test_bad_parameters_are_refused_with_a_message(self, backend):
        for kwargs in ({"page": 0}, {"page_size": 1000}, {"sort": "price"},
                       {"filters": {"colour": ["red"]}}, {"sort": "distance"}):
            with pytest.raises(InvalidQuery):
                SearchQuery(**kwargs)

    # -- what a hit shows ----------------------------------------------------------------------

    def test_hits_highlight_the_matching_words_in_the_visitors_language(self, backend, world):
        hit = self.search(backend, "biotaloudesta").hits[0]
        assert "<mark>" in hit.highlights["description"]
        assert "<mark>Biotalous</mark>" in hit.highlights["competences"]

    def test_highlights_escape_the_source_text(self, backend, world):
        hit = self.search(backend, "hitsaus").hits[0]
        assert "<mark>hitsaus</mark>" in hit.highlights["description"]
        assert "<script>" not in hit.highlights["description"]
        assert "&lt;script&gt;" in hit.highlights["description"]

    def test_a_hit_carries_town_name_business_id_and_kind(self, backend, world):
        hit = self.search(backend, "Kristinestad", language="sv").hits[0]
        assert (hit.kind, hit.town_code, hit.town_name) == ("organisation", "287", "Kristinestad")
        assert hit.business_id == world.org["saw"].business_id

    # -- suggestions and help ------------------------------------------------------------------

    def test_autocomplete_offers_competences_in_the_active_language(self, backend, world):
        finnish = backend.suggest("akku", language="fi")
        assert ("Akkumateriaalit", "competence", "akkumateriaalit") in [
            (s.text, s.kind, s.value) for s in finnish
        ]
        swedish = backend.suggest("bio", language="sv")
        assert "Bioekonomi" in [s.text for s in swedish if s.kind == "competence"]

    def test_autocomplete_offers_towns_and_actors(self, backend, world):
        assert ("Kristinestad", "town") in [
            (s.text, s.kind) for s in backend.suggest("kristi", language="sv")
        ]
        assert "Iisalmen Data Oy" in [s.text for s in backend.suggest("iisalmen d")]

    def test_zero_results_offer_related_competences_and_the_nearest_towns_having_them(
        self, backend, world
    ):
        results = self.search(backend, "akkumateriaalit", filters={"town": ["305"]})
        assert results.total == 0
        help = results.zero_result_help
        assert "akkumateriaalit" in [c["slug"] for c in help.competences]
        assert [t["code"] for t in help.towns] == ["678"]

    # -- privacy -------------------------------------------------------------------------------

    def test_no_private_data_reaches_the_index(self, backend, world):
        for word in PRIVATE_WORDS:
            assert self.search(backend, word).total == 0, word
            assert not [s for s in backend.suggest(word[:6])
                        if word.casefold() in s.text.casefold()], word
        assert f"organisation:{world.private.pk}" not in backend.indexed_versions()
        stored = json.dumps(backend.get_documents(backend.indexed_versions()), ensure_ascii=False)
        for word in PRIVATE_WORDS:
            assert word.casefold() not in stored.casefold(), word
        for forbidden in ("street_address", "employees", "email", "phone", "tags"):
            assert f'"{forbidden}"' not in stored

    def test_an_actor_made_private_leaves_the_index(self, backend, world):
        organisation = world.org["bio"]
        organisation.is_public = False
        organisation.save()
        documents, gone = documents_for(ORGANISATION, [organisation.pk])
        backend.index(documents)
        backend.delete(gone)
        assert self.search(backend, "Biojalostamo").total == 0

    # -- robustness ----------------------------------------------------------------------------

    @pytest.mark.parametrize("text", [
        '"', "*", "biotalous*", "(", ")", "a:b", "^", "-", "AND", "OR", "NEAR(a b)", "NOT",
        "\x00", "biotalous\x00raahe", "'; DROP TABLE seutu_search_entry; --", "{name_terms}:x",
        "ä" * 10_000, " ".join(["sana"] * 500), "🦄 🔋", "\u202e\u200b", "%s %(x)s", "\\",
    ])
    def test_query_syntax_in_the_text_never_breaks_a_search(self, backend, world, text):
        results = self.search(backend, text)
        assert results.total >= 0

    def test_generated_queries_never_raise(self, backend, world):
        counter = {"examples": 0}
        alphabet = st.characters(codec="utf-8")
        syntax = st.sampled_from(['"', "*", "(", ")", ":", "^", "-", " AND ", " OR ",
                                  " NEAR ", " NOT ", "\x00", "{", "}", "'", "\\", "%"])
        words = st.sampled_from(["biotalous", "metsä", "akku", "raahe", "oy", "skog"])
        text = st.lists(st.one_of(st.text(alphabet, max_size=30), syntax, words),
                        max_size=12).map("".join) | st.text(alphabet, min_size=500, max_size=3000)

        @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(text=text, page=st.integers(1, 3))
        def run(text, page):
            counter["examples"] += 1
            try:
                with transaction.atomic():
                    backend.search(SearchQuery(text=text, page=page))
                    backend.suggest(text)
            except SearchBackendError as error:
                pytest.fail(f"{text!r} made the backend fail: {error}")

        run()
        print(f"\n{counter['examples']} generated queries, none raised")
        assert counter["examples"] >= min(FUZZ_EXAMPLES, 50)
