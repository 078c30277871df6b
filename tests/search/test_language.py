"""The language layer every backend relies on: tokens, lemmas, compounds, typos, synonyms,
highlighting. No database: these are functions of text."""

import pytest

from seutu_search import language
from seutu_search.language import (
    SynonymMap,
    Vocabulary,
    analyse_query,
    analyse_text,
    damerau_levenshtein,
    highlight,
    index_forms,
    query_forms,
    tokenize,
)


def test_tokens_are_casefolded_words_and_numbers():
    assert tokenize("Raahen AKKU-tehdas, 2024!") == ["raahen", "akku", "tehdas", "2024"]


def test_query_syntax_characters_separate_words():
    assert tokenize('"biotalous" AND (metsä*) OR a:b^2 -x') == [
        "biotalous", "and", "metsä", "or", "a", "b", "2", "x"
    ]


@pytest.mark.parametrize("word, lemma", [
    ("biotaloudesta", "biotalous"),  # Finnish elative
    ("kaupungista", "kaupunki"),
    ("skogsindustrin", "skogsindustri"),  # Swedish definite
    ("batteries", "battery"),  # English plural
])
def test_an_inflected_word_is_indexed_and_queried_under_its_lemma(word, lemma):
    assert lemma in index_forms(word)
    assert lemma in query_forms(word)


@pytest.mark.parametrize("compound, part", [
    ("metsäteollisuus", "teollisuus"),
    ("metsäteollisuuden", "teollisuus"),  # inflected: the lemma is split
    ("akkumateriaalit", "akku"),
    ("tekoälyosaaminen", "äly"),
    ("skogsindustrin", "industri"),  # Swedish, with the linking -s-
])
def test_compound_parts_are_indexed(compound, part):
    assert part in index_forms(compound)


def test_a_query_word_does_not_match_by_its_parts():
    # "metsäteollisuus" must not find every document that mentions "teollisuus".
    assert "teollisuus" not in query_forms("metsäteollisuus")


def test_words_that_are_not_compounds_stay_whole():
    assert index_forms("kuusamo") == ("kuusamo",)


def test_edit_distance_counts_a_transposition_as_one():
    assert damerau_levenshtein("tekoäly", "tekoäyl", 2) == 1
    assert damerau_levenshtein("abc", "xyz", 1) == 2  # stops counting past the limit


def test_the_vocabulary_corrects_a_typo_to_the_nearest_indexed_term():
    vocabulary = Vocabulary(["metsäteollisuus", "metsä", "teollisuus"])
    assert vocabulary.correct("metsäteolisuus") == "metsäteollisuus"


def test_short_words_are_not_corrected():
    assert Vocabulary(["akku"]).correct("akki") is None


def test_a_query_with_a_typo_says_what_it_searched_instead():
    vocabulary = Vocabulary(["metsäteollisuus", "raahe"])
    analysed = analyse_query("metsäteolisuus Raahe", vocabulary)
    assert analysed.corrections == {"metsäteolisuus": "metsäteollisuus"}
    assert analysed.did_you_mean == "metsäteollisuus raahe"


def test_known_words_are_left_alone():
    analysed = analyse_query("raahe", Vocabulary(["raahe", "raate"]))
    assert analysed.corrections == {} and analysed.did_you_mean is None


def test_a_synonym_expands_to_the_competences_names_in_every_language():
    synonyms = SynonymMap([["Metsäteollisuus", "Skogsindustri", "puunjalostus"]])
    analysed = analyse_query("puunjalostus", synonyms=synonyms)
    alternatives = analysed.clauses[0].alternatives
    assert ("metsäteollisuus",) in alternatives and ("skogsindustri",) in alternatives


def test_a_multi_word_synonym_is_one_clause():
    synonyms = SynonymMap([["Akkumateriaalit", "battery materials"]])
    analysed = analyse_query("battery materials", synonyms=synonyms)
    assert len(analysed.clauses) == 1
    assert ("akkumateriaali",) in analysed.clauses[0].alternatives


def test_stopwords_are_dropped_unless_nothing_else_is_left():
    assert [c.text for c in analyse_query("akut ja kennot").clauses] == ["akut", "kennot"]
    assert [c.text for c in analyse_query("ja").clauses] == ["ja"]


def test_a_query_is_capped_in_words():
    assert len(analyse_query(" ".join(f"sana{i}" for i in range(100))).clauses) == (
        language.MAX_QUERY_TOKENS
    )


def test_highlighting_marks_inflected_forms_and_escapes_the_rest():
    terms = analyse_query("biotalous").terms
    marked = highlight("<b>Biotalouden</b> ratkaisuja & muuta", terms)
    assert marked == "&lt;b&gt;<mark>Biotalouden</mark>&lt;/b&gt; ratkaisuja &amp; muuta"


def test_highlighting_cuts_long_text_to_a_snippet_around_the_match():
    text = " ".join(["sana"] * 200 + ["akkutehdas"] + ["sana"] * 200)
    marked = highlight(text, {"akkutehdas"})
    assert marked.startswith("… ") and marked.endswith(" …")
    assert "<mark>akkutehdas</mark>" in marked and len(marked) < 300


def test_nothing_to_highlight_gives_an_empty_string():
    assert highlight("Raahen Akku Oy", {"kuusamo"}) == ""


def test_indexed_text_keeps_each_words_forms_together():
    assert analyse_text("Metsäteollisuuden").split() == list(index_forms("metsäteollisuuden"))


def test_compound_splitting_ends_when_lemmas_grow_longer_than_the_word(monkeypatch):
    # A lemma may be longer than its inflected form; splitting it again must still end.
    monkeypatch.setattr(language, "_known", lambda word, lang: True)
    monkeypatch.setattr(language, "_lemma", lambda word, lang: word + "nen")
    language.dictionary_compound_parts.cache_clear()
    try:
        assert language.dictionary_compound_parts("abcdefghijkl", "fi")
    finally:
        language.dictionary_compound_parts.cache_clear()  # drop the made-up splits
