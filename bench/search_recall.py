"""What each piece of the language layer buys: recall on Finnish, Swedish and English queries.

    .venv/bin/python bench/search_recall.py

Indexes a small corpus of actors (names, competences with translations and synonyms, places,
descriptions in the language their writers used) with :mod:`seutu_search.language`, matches
queries the way every backend does (AND of words, OR of each word's alternatives) and prints
recall and precision per configuration: plain casefolded words, then adding lemmas, compound
splitting (dictionary; then Voikko as well), typo correction and synonym expansion.
No database needed: this measures the language work alone.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from seutu_search import language  # noqa: E402

COMPETENCES = {
    "bio": ["Biotalous", "Bioekonomi", "Bioeconomy", "kiertotalous"],
    "forest": ["Metsäteollisuus", "Skogsindustri", "Forest industry", "puunjalostus"],
    "battery": ["Akkumateriaalit", "Batterimaterial", "Battery materials", "litiumioniakut"],
    "ai": ["Tekoäly", "Artificiell intelligens", "Artificial intelligence", "koneoppiminen"],
    "marine": ["Meriteollisuus", "Marinindustri", "Marine industry", "laivanrakennus"],
    "food": ["Elintarvikkeet", "Livsmedel", "Food", "ruoantuotanto"],
    "wind": ["Tuulivoima", "Vindkraft", "Wind power", "tuulienergia"],
    "tourism": ["Matkailu", "Turism", "Tourism", "elämysmatkailu"],
    "hydrogen": ["Vetytalous", "Vätgasekonomi", "Hydrogen economy", "vihreä vety"],
}

# key: (name, competences, places, description)
CORPUS = {
    "bio": ("Pohjolan Biojalostamo Oy", ["bio"], "Raahe Brahestad",
            "Kehitämme biotalouden ratkaisuja teollisuuden sivuvirroista."),
    "forest": ("Kuusamon Metsäpalvelu Oy", ["forest"], "Kuusamo",
               "Metsäteollisuuden palveluja ja puunkorjuuta."),
    "battery": ("Raahen Akkutekniikka Oy", ["battery"], "Raahe Brahestad",
                "We develop battery materials and recycle batteries."),
    "saw": ("Skärgårdens Trä Ab", ["forest"], "Kristiinankaupunki Kristinestad",
            "Vi arbetar inom skogsindustrin och driver ett sågverk."),
    "ai": ("Iisalmen Data Oy", ["ai"], "Iisalmi Idensalmi",
           "Tekoälyratkaisuja ja koneoppimista pk-yrityksille."),
    "ship": ("Rauman Laivatekniikka Oy", ["marine"], "Rauma Raumo",
             "Laivanrakennuksen ja telakoiden alihankintaa."),
    "bakery": ("Kauhajoen Leipomo Oy", ["food"], "Kauhajoki",
               "Leipomotuotteita ja elintarviketurvallisuutta."),
    "wind": ("Kristinestads Vindkraft Ab", ["wind"], "Kristiinankaupunki Kristinestad",
             "Vi bygger vindkraftparker i Österbotten."),
    "safari": ("Kuusamon Elämysmatkat Oy", ["tourism"], "Kuusamo",
               "Ohjelmapalveluja ja matkailua Rukalla."),
    "h2": ("Raahen Vetylaboratorio", ["hydrogen"], "Raahe Brahestad",
           "Vedyn tuotannon tutkimusta terästeollisuudelle."),
    "page": ("Metsäalan tulevaisuus", [], "", "Katsaus metsäteollisuuden investointeihin."),
}

QUERIES = {
    # Finnish inflection
    "biotaloudesta": {"bio"}, "metsäteollisuudelle": {"forest", "saw", "page"},
    "akkumateriaaleja": {"battery"}, "tekoälyä": {"ai"}, "laivanrakennusta": {"ship"},
    "tuulivoimaa": {"wind"}, "vedyn": {"h2"}, "matkailua Kuusamossa": {"safari"},
    "Raahessa": {"bio", "battery", "h2"},
    # compound heads and parts
    "teollisuus": {"forest", "saw", "ship", "bio", "h2", "page"}, "akku": {"battery"},
    "talous": {"bio", "h2"}, "industri": {"forest", "saw", "ship"}, "vety": {"h2"},
    "turvallisuus": {"bakery"}, "kraft": {"wind"},
    # Swedish
    "Kristinestad": {"saw", "wind"}, "skogsindustrin": {"forest", "saw", "page"},
    "vindkraften": {"wind"}, "batterier": {"battery"}, "Brahestad": {"bio", "battery", "h2"},
    # English
    "batteries": {"battery"}, "wind power": {"wind"}, "hydrogen": {"h2"},
    "forest industry": {"forest", "saw", "page"}, "artificial intelligence": {"ai"},
    # typos
    "metsäteolisuus": {"forest", "saw", "page"}, "biotalos": {"bio"}, "tekoäyl": {"ai"},
    "kristinestadt": {"saw", "wind"}, "vetytalos": {"h2"}, "akkumateriaalti": {"battery"},
    # synonyms (the page names no competence)
    "puunjalostus": {"forest", "saw", "page"},
}

CONFIGURATIONS = [
    ("casefolded words only", dict(lemmas=False, compounds=False, typos=False, synonyms=False)),
    ("+ lemmas (simplemma fi/sv/en)", dict(lemmas=True, compounds=False, typos=False,
                                          synonyms=False)),
    ("+ compounds (dictionary)", dict(lemmas=True, compounds="dictionary", typos=False,
                                      synonyms=False)),
    ("+ typo correction", dict(lemmas=True, compounds="dictionary", typos=True,
                               synonyms=False)),
    ("+ synonym expansion (default)", dict(lemmas=True, compounds="dictionary", typos=True,
                                           synonyms=True)),
    ("default, compounds also by Voikko", dict(lemmas=True, compounds="voikko", typos=True,
                                               synonyms=True)),
]


def clear_caches():
    for function in (language.lemmas, language.index_forms, language.query_forms,
                     language.dictionary_compound_parts, language.voikko_compound_parts):
        function.cache_clear()


def index():
    documents = {}
    for key, (name, competences, places, description) in CORPUS.items():
        words = [w for c in competences for w in COMPETENCES[c]]
        text = " ".join([name, *words, places, description])
        documents[key] = set(language.analyse_text(text).split())
    return documents


def matches(analysed, terms):
    def clause_ok(clause):
        return any(all(t in terms for t in alternative) for alternative in clause.alternatives)

    if not analysed.clauses:
        return False
    results = [clause_ok(c) for c in analysed.clauses]
    return any(results) if analysed.match_any else all(results)


def evaluate():
    documents = index()
    vocabulary = language.Vocabulary({t for terms in documents.values() for t in terms})
    synonyms = language.SynonymMap(COMPETENCES.values())
    recalls, precisions, missed = [], [], []
    for text, expected in QUERIES.items():
        analysed = language.analyse_query(text, vocabulary, synonyms)
        found = {key for key, terms in documents.items() if matches(analysed, terms)}
        recalls.append(len(found & expected) / len(expected))
        precisions.append(len(found & expected) / len(found) if found else 1.0)
        if expected - found:
            missed.append(text)
    return statistics.mean(recalls), statistics.mean(precisions), missed


def main():
    language.warm_up()
    print(f"{len(QUERIES)} queries over {len(CORPUS)} documents\n")
    print(f"{'configuration':<36}{'recall':>8}{'precision':>11}{'index ms':>10}  missed")
    for label, features in CONFIGURATIONS:
        language.FEATURES.update(features)
        clear_caches()
        started = time.perf_counter()
        index()
        index_ms = (time.perf_counter() - started) * 1000
        recall, precision, missed = evaluate()
        print(f"{label:<36}{recall:>8.2f}{precision:>11.2f}{index_ms:>10.0f}  "
              f"{', '.join(missed) or '-'}")


if __name__ == "__main__":
    main()
