"""Finnish, Swedish and English text made searchable, once, in Python, for every backend.

Snowball stemmers (PostgreSQL's and Elasticsearch's ``finnish``) neither reduce
``biotaloudesta`` to ``biotalous`` nor let ``teollisuus`` find ``metsäteollisuus``. Here:

* :func:`tokenize` splits on anything that is not a letter or digit and casefolds;
* :func:`index_forms` gives every form a token is indexed under: itself, its dictionary
  lemmas in Finnish, Swedish and English (``simplemma``; the text's language is often unknown,
  a company name or a visitor's query may be in any of them), and the lemmas of its compound
  parts, so a compound is found by its head and its modifiers. Compounds are split by the
  dictionary (both halves must be known words; microseconds a word); with
  ``SEUTU_SEARCH["COMPOUND_SPLITTER"] = "voikko"`` long words no dictionary knows go to Voikko's
  morphology as well (``pyvoikko``, optional and GPL-3; 5–20 ms a word, so a first rebuild with
  many unknown words is much slower — ``bench/search_recall.py`` measures both);
* :func:`query_forms` gives the alternatives a query word matches: itself and its lemmas, not
  its compound parts (``metsäteollisuus`` must not match every ``teollisuus``);
* :class:`Vocabulary` corrects words that are not in the index to the closest indexed term
  (trigram candidates, Damerau-Levenshtein distance), which also drives "did you mean";
* :class:`SynonymMap` expands a query word or phrase that names a competence (by any of its
  translated names or synonyms) to all the others;
* :func:`analyse_query` puts these together into an :class:`AnalysedQuery`: an AND of clauses,
  each an OR of alternatives, each an AND of plain terms. Terms are ``[^\\W_]+`` strings, so a
  backend can quote them without any escaping worries;
* :func:`highlight` marks the original words whose forms matched.

Every analysis is cached (``lru_cache``): Voikko takes milliseconds a word.
"""

import html
import re
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma

LANGUAGES = ("fi", "sv", "en")
TOKEN_RE = re.compile(r"[^\W_]+")
MAX_TOKEN_LENGTH = 60
MAX_QUERY_TOKENS = 12
MIN_PART_LENGTH = 3

# Words that carry no meaning in a search box; dropped from queries that have other words.
STOPWORDS = frozenset(
    """ja tai sekä on ovat ei kuin että joka jotka mikä missä the and or of in on for with to a an
    och eller i på av för med till som en ett det den är""".split()
)

# Switches measured by the benchmark / recall table (bench and tests may turn them off).
# ``compounds``: "dictionary" (default; fast), "voikko" (dictionary, then Voikko's morphology
# for long unknown words; needs the optional GPL-licensed pyvoikko), or False; None = read
# SEUTU_SEARCH["COMPOUND_SPLITTER"] on first use.
FEATURES = {"lemmas": True, "compounds": None, "typos": True, "synonyms": True}


def tokenize(text):
    """Casefolded word tokens of ``text`` (letters and digits; everything else separates)."""
    if not text:
        return []
    return [t for t in TOKEN_RE.findall(text.casefold()) if len(t) <= MAX_TOKEN_LENGTH]


# -- morphology ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _voikko():
    """pyvoikko's analyser, or None when it is not installed (an optional extra, GPL-3)."""
    try:
        import pyvoikko
    except ImportError:
        return None
    return pyvoikko


@lru_cache(maxsize=200_000)
def lemmas(token):
    """Dictionary lemmas of a casefolded token in each language (without the token itself)."""
    if not FEATURES["lemmas"] or token.isdigit():
        return ()
    found = []
    for language in LANGUAGES:
        lemma = _lemma(token, language)
        if lemma != token and lemma not in found and TOKEN_RE.fullmatch(lemma):
            found.append(lemma)
    return tuple(found)


def warm_up():
    """Load the lemmatiser dictionaries now (seconds, once per process) rather than during
    the first search."""
    for language in LANGUAGES:
        _lemma("seutu", language)


def _known(word, lang):
    return simplemma.is_known(word, lang=lang)


def _lemma(word, lang):
    return simplemma.lemmatize(word, lang=lang).casefold()


@lru_cache(maxsize=200_000)
def dictionary_compound_parts(token, lang):
    """Split a compound where both halves are dictionary words: ``metsäteollisuus`` → metsä,
    teollisuus; ``skogsindustrin`` → skog, industri (Swedish linking -s- allowed).

    The first split from the left wins, which keeps the longest head; the modifier is split
    again (``tekoälyosaaminen`` → tekoäly, osaaminen, teko, äly). Dictionary lookups only:
    microseconds a word, against Voikko's milliseconds.
    """
    if len(token) < 2 * MIN_PART_LENGTH or token.isdigit():
        return ()
    for cut in range(MIN_PART_LENGTH, len(token) - MIN_PART_LENGTH + 1):
        left, right = token[:cut], token[cut:]
        if not _known(right, lang):
            continue
        if _known(left, lang):
            modifier = left
        elif lang == "sv" and left.endswith("s") and len(left) > MIN_PART_LENGTH and _known(
            left[:-1], lang
        ):
            modifier = left[:-1]
        else:
            continue
        modifier, head = _lemma(modifier, lang), _lemma(right, lang)
        # Split the modifier again only while it is shorter than the word: a lemma can be
        # longer than its inflected form, and splitting it could otherwise go round for ever.
        deeper = dictionary_compound_parts(modifier, lang) if len(modifier) < len(token) else ()
        parts = [modifier, head, *deeper]
        return tuple(p for p in dict.fromkeys(parts) if p != token and TOKEN_RE.fullmatch(p))
    return ()


@lru_cache(maxsize=200_000)
def voikko_compound_parts(token):
    """Lemmas of the parts of a Finnish compound by Voikko's morphology; () if none."""
    voikko = _voikko()
    if voikko is None or len(token) < 2 * MIN_PART_LENGTH or token.isdigit():
        return ()
    parts = []
    try:
        analyses = voikko.analyse(token)
    except Exception:  # a morphology failure must not stop indexing
        return ()
    for analysis in analyses[:3]:
        compound = analysis.COMPOUND_PARTS or []
        if len(compound) < 2:
            continue
        for part in [analysis, *compound]:
            base = (part.BASEFORM or "").casefold()
            if len(base) >= MIN_PART_LENGTH and base != token and base not in parts:
                parts.append(base)
    return tuple(p for p in parts if TOKEN_RE.fullmatch(p))


def compound_mode():
    """``FEATURES["compounds"]``, read from the setting on first use."""
    mode = FEATURES["compounds"]
    if mode is None:
        from .conf import get_setting

        mode = FEATURES["compounds"] = get_setting("COMPOUND_SPLITTER")
    return mode


def compound_parts(token):
    """Parts of a compound token: the dictionary splitter for Finnish and Swedish, and, with
    ``FEATURES["compounds"] == "voikko"``, Voikko for long words no dictionary knows."""
    mode = compound_mode()
    if not mode:
        return ()
    parts = dictionary_compound_parts(token, "fi") or dictionary_compound_parts(token, "sv")
    if (
        not parts
        and mode == "voikko"
        and len(token) >= 8
        and not any(_known(token, lang) for lang in LANGUAGES)
    ):
        parts = voikko_compound_parts(token)
    return parts


@lru_cache(maxsize=200_000)
def index_forms(token):
    """Every form ``token`` is indexed under, the token itself first."""
    forms = [token, *lemmas(token)]
    # Split the lemmas too: the dictionary knows "teollisuus", not every inflected compound.
    for base in list(forms):
        for part in compound_parts(base):
            if part not in forms:
                forms.append(part)
    return tuple(forms)


@lru_cache(maxsize=50_000)
def query_forms(token):
    """The forms a query word matches: itself and its lemmas."""
    return (token, *lemmas(token))


def canonical(token):
    """One form of a token for comparing phrases (synonyms): its first lemma, else itself."""
    found = lemmas(token)
    return found[0] if found else token


#: Raise when a change here makes :func:`analyse_text` give other terms for the same text:
#: terms stored under another :func:`analysis_signature` are analysed again, not reused.
ANALYSIS_VERSION = 1


@lru_cache(maxsize=1)
def _simplemma_version():
    from importlib.metadata import version

    return version("simplemma")


def analysis_signature():
    """What the terms of a text depend on besides the text: this module's version, its
    switches and the lemmatiser's dictionaries."""
    return (f"{ANALYSIS_VERSION}|{FEATURES['lemmas']}|{compound_mode()}|{MIN_PART_LENGTH}|"
            f"{_simplemma_version()}")


def analyse_text(text):
    """Index terms of a text, space-separated, in reading order (each token's forms together)."""
    terms = []
    for token in tokenize(text):
        terms.extend(index_forms(token))
    return " ".join(terms)


@lru_cache(maxsize=100_000)
def analyse_phrase(text):
    """:func:`analyse_text` of a short text that recurs across documents (a competence name,
    a place, a label), cached: most of an organisation's keywords are shared with others."""
    return analyse_text(text)


@lru_cache(maxsize=20_000)
def analyse_phrases(texts):
    """:func:`analyse_text` of a tuple of texts (a document's places, its type labels, its
    competences), joined; whole tuples recur too (every actor of a town has its places)."""
    return " ".join(filter(None, map(analyse_phrase, texts)))


# -- typo correction -----------------------------------------------------------------------------


def damerau_levenshtein(a, b, limit):
    """Optimal string alignment distance of ``a`` and ``b``, or ``limit + 1`` once over it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(word):
    """Typos tolerated in a word of this length: none under 5 letters, then one, then two."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 9 else 2


def _trigrams(word):
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Vocabulary:
    """The set of indexed terms, with a trigram index for finding the closest one."""

    def __init__(self, terms=(), last_id=0):
        self.terms = set()
        self._by_trigram = {}
        self.last_id = last_id  # the highest table id loaded, for incremental refreshes
        self.add(terms)

    def add(self, terms):
        for term in terms:
            if term not in self.terms:
                self.terms.add(term)
                for gram in _trigrams(term):
                    self._by_trigram.setdefault(gram, []).append(term)

    def __contains__(self, term):
        return term in self.terms

    def __len__(self):
        return len(self.terms)

    def correct(self, word):
        """The closest indexed term within :func:`allowed_edits`, or None."""
        limit = allowed_edits(word)
        if not limit or word.isdigit():
            return None
        grams = _trigrams(word)
        shared = {}
        for gram in grams:
            for term in self._by_trigram.get(gram, ()):
                shared[term] = shared.get(term, 0) + 1
        # An edit changes at most three trigrams; demand what is left.
        needed = max(1, len(grams) - 3 * limit)
        candidates = sorted(
            (t for t, n in shared.items() if n >= needed and abs(len(t) - len(word)) <= limit),
            key=lambda t: (-shared[t], t),
        )[:200]
        best, best_distance = None, limit + 1
        for term in candidates:
            distance = damerau_levenshtein(word, term, limit)
            if distance < best_distance or (
                distance == best_distance and best is not None and len(term) < len(best)
            ):
                best, best_distance = term, distance
        return best if best_distance <= limit else None


# -- synonyms ------------------------------------------------------------------------------------


class SynonymMap:
    """Competence names and synonyms, grouped per competence (all translations together).

    ``groups`` is a list of lists of phrases (strings). Looking up a phrase (as canonical
    forms) gives the other phrases of its groups as tuples of query terms.
    """

    MAX_PHRASE = 3

    def __init__(self, groups):
        self._expansions = {}
        for phrases in groups:
            keyed = []
            for phrase in phrases:
                tokens = tokenize(phrase)
                if tokens and len(tokens) <= self.MAX_PHRASE:
                    keyed.append(tuple(canonical(t) for t in tokens))
            for key in keyed:
                others = self._expansions.setdefault(key, [])
                for other in keyed:
                    if other != key and other not in others:
                        others.append(other)

    def __len__(self):
        return len(self._expansions)

    def expand(self, tokens):
        """Other phrases for ``tokens`` (a tuple of casefolded tokens), or []."""
        return list(self._expansions.get(tuple(canonical(t) for t in tokens), ()))


# -- queries -------------------------------------------------------------------------------------


@dataclass
class Clause:
    """One word (or synonym phrase) of a query: matches a document containing any alternative;
    an alternative is a tuple of terms that must all be present."""

    text: str
    alternatives: list = field(default_factory=list)


@dataclass
class AnalysedQuery:
    clauses: list = field(default_factory=list)
    match_any: bool = False  # OR the clauses instead of AND (related-competence lookups)
    corrections: dict = field(default_factory=dict)  # typed word -> indexed term used instead
    did_you_mean: str = None

    def __bool__(self):
        return bool(self.clauses)

    @property
    def terms(self):
        """Every term any clause matches: what highlighting marks."""
        return {term for clause in self.clauses for alt in clause.alternatives for term in alt}

    def any(self):
        return AnalysedQuery(clauses=self.clauses, match_any=True)


def analyse_query(text, vocabulary=None, synonyms=None):
    """Reduce free text to an :class:`AnalysedQuery` (empty when no word is left)."""
    tokens = tokenize(text)
    meaningful = [t for t in tokens if t not in STOPWORDS]
    tokens = (meaningful or tokens)[:MAX_QUERY_TOKENS]
    query = AnalysedQuery()
    corrected_tokens = list(tokens)
    i = 0
    while i < len(tokens):
        # Longest synonym phrase starting here (up to three words).
        if synonyms is not None and FEATURES["synonyms"]:
            matched = False
            for size in range(min(SynonymMap.MAX_PHRASE, len(tokens) - i), 1, -1):
                phrase = tuple(tokens[i : i + size])
                expansions = synonyms.expand(phrase)
                if expansions:
                    alternatives = [tuple(canonical(t) for t in phrase), *expansions]
                    query.clauses.append(Clause(" ".join(phrase), _unique(alternatives)))
                    i += size
                    matched = True
                    break
            if matched:
                continue
        token = tokens[i]
        forms = query_forms(token)
        if (
            vocabulary is not None
            and FEATURES["typos"]
            and len(vocabulary)
            and not any(f in vocabulary for f in forms)
        ):
            correction = vocabulary.correct(token)
            if correction:
                query.corrections[token] = correction
                corrected_tokens[i] = correction
                forms = (correction, *lemmas(correction))
        alternatives = [(f,) for f in forms]
        if synonyms is not None and FEATURES["synonyms"]:
            alternatives.extend(synonyms.expand((forms[0],)))
        query.clauses.append(Clause(token, _unique(alternatives)))
        i += 1
    if query.corrections:
        query.did_you_mean = " ".join(corrected_tokens)
    return query


def _unique(items):
    return list(dict.fromkeys(items))


# -- highlighting --------------------------------------------------------------------------------


def highlight(text, terms, context_words=12, max_chars=300):
    """HTML of ``text`` (escaped) with the words whose forms are in ``terms`` in ``<mark>``.

    Long text is cut to a snippet around the first match. Returns "" if nothing matched.
    """
    if not text or not terms:
        return ""
    def is_hit(token):
        return len(token) <= MAX_TOKEN_LENGTH and not terms.isdisjoint(index_forms(token))

    long_text = len(text) > max_chars
    hit_tokens = None
    if not long_text:
        # Most short texts of a hit (places, competences) match nothing: find that out from
        # their distinct words before walking them word by word.
        hit_tokens = set(filter(is_hit, {t.casefold() for t in TOKEN_RE.findall(text)}))
        if not hit_tokens:
            return ""
    matches = []
    words = []
    for match in TOKEN_RE.finditer(text):
        token = match.group().casefold()
        hit = token in hit_tokens if hit_tokens is not None else is_hit(token)
        words.append((match.start(), match.end(), hit))
        if hit:
            matches.append(len(words) - 1)
        elif long_text and matches and len(words) > matches[0] + 2 * context_words + 1:
            break  # the snippet around the first match is complete; the rest is cut anyway
    if not matches:
        return ""
    start_char, end_char, prefix, suffix = 0, len(text), "", ""
    if len(text) > max_chars:
        first = matches[0]
        start_word = max(0, first - context_words)
        end_word = min(len(words) - 1, first + 2 * context_words)
        start_char = words[start_word][0]
        end_char = words[end_word][1]
        prefix = "… " if start_word > 0 else ""
        suffix = " …" if end_word < len(words) - 1 else ""
    out, cursor = [prefix], start_char
    for start, end, hit in words:
        if start < start_char or end > end_char or not hit:
            continue
        out.append(html.escape(text[cursor:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        cursor = end
    out.append(html.escape(text[cursor:end_char]))
    out.append(suffix)
    return "".join(out)


# -- shared, refreshed state ---------------------------------------------------------------------


class _Cached:
    """A value loaded by ``loader(previous)`` and refreshed after ``ttl`` seconds, or loaded
    afresh after invalidate(). A loader may update ``previous`` in place and return it."""

    def __init__(self, loader, ttl):
        self.loader, self.ttl = loader, ttl
        self._value, self._loaded_at = None, 0.0
        self._lock = threading.Lock()

    def get(self):
        with self._lock:
            if self._value is None or time.monotonic() - self._loaded_at > self.ttl:
                self._value = self.loader(self._value)
                self._loaded_at = time.monotonic()
            return self._value

    def invalidate(self):
        with self._lock:
            self._value = None

    def refresh_soon(self):
        """Refresh (incrementally) on the next get()."""
        with self._lock:
            self._loaded_at = 0.0


def _load_vocabulary(previous=None):
    """The vocabulary table; terms are only ever added (a rebuild empties it), so a refresh
    reads just the rows added since, unless the table shrank."""
    from django.db.models import Count, Max

    from .models import SearchTerm

    stats = SearchTerm.objects.aggregate(last=Max("id"), count=Count("id"))
    last, count = stats["last"] or 0, stats["count"]
    if previous is not None and count >= len(previous) and last >= previous.last_id:
        rows = SearchTerm.objects.filter(id__gt=previous.last_id)
        previous.add(rows.values_list("term", flat=True).iterator(chunk_size=20_000))
        previous.last_id = last
        return previous
    rows = SearchTerm.objects.filter(id__lte=last).values_list("term", flat=True)
    return Vocabulary(rows.iterator(chunk_size=20_000), last_id=last)


def _load_synonyms(previous=None):
    from seutu_crm.models import Competence

    groups = {}
    for key, name, synonyms in Competence.objects.values_list(
        "translation_key", "name", "synonyms"
    ):
        phrases = groups.setdefault(key, [])
        phrases.append(name)
        phrases.extend(s.strip() for s in synonyms.replace(",", "\n").splitlines() if s.strip())
    return SynonymMap(groups.values())


vocabulary_cache = _Cached(_load_vocabulary, ttl=10)
synonym_cache = _Cached(_load_synonyms, ttl=60)


_recorded_terms = set()  # terms this process has written to the table already


def record_vocabulary(terms):
    """Add indexed ``terms`` to the vocabulary table (what typo correction chooses from).

    Terms are never removed one by one (a term may be in other documents); a rebuild starts
    the table afresh, and a correction is only offered when it finds something."""
    from django.db import connection

    new = sorted({t[:100] for t in terms if t} - _recorded_terms)
    if not new:
        return
    conflict = "ON CONFLICT (term) DO NOTHING"
    with connection.cursor() as cursor:
        for start in range(0, len(new), 5000):
            chunk = new[start : start + 5000]
            cursor.executemany(
                f"INSERT INTO seutu_search_term (term) VALUES (%s) {conflict}",
                [(t,) for t in chunk],
            )
    _recorded_terms.update(new)
    vocabulary_cache.refresh_soon()


def forget_recorded_terms():
    """Forget which terms this process wrote (after a rollback the table may lack them)."""
    _recorded_terms.clear()


def forget_vocabulary():
    """Empty the vocabulary (before a rebuild, so removed documents leave no terms behind)."""
    from .models import SearchTerm

    SearchTerm.objects.all().delete()
    forget_recorded_terms()
    vocabulary_cache.invalidate()


def analyse_search_text(text):
    """:func:`analyse_query` with the live vocabulary and competence synonyms."""
    if not tokenize(text):
        return AnalysedQuery()
    return analyse_query(text, vocabulary_cache.get(), synonym_cache.get())
