"""Dutch text for the database backend: normalise, tokenise and stem.

SQLite's FTS has no Dutch stemmer, so the database backend stems on index and on query
with Snowball's classic Dutch (Porter) stemmer: the same algorithm as PostgreSQL's
`dutch` text search configuration and Elasticsearch's `dutch` analyzer, so "schulden"
finds "schuld" and "woningen" finds "woning" on every engine. (Snowball 3's new `dutch`
algorithm stems "schulden" to "schul" but "schuld" to "schuld": not usable here.)
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

#: Longest query text that is looked at; the rest of a (pasted) text is ignored.
MAX_QUERY_CHARS = 500
#: Most distinct terms a query is matched on.
MAX_QUERY_TERMS = 12

_WORD = re.compile(r"\w+", re.UNICODE)

# Words that carry no meaning for finding a case; they would match nearly everything.
STOPWORDS = frozenset(
    """
    de het een en of in op van voor met aan bij naar om te tot uit door over als dat die
    dit deze er is zijn was waren wordt worden werd heeft hebben had ook niet geen wel maar
    dan nog al zo hij zij ze we wij je jij u ik hun haar zijn mijn ons onze hem
    """.split()
)


#: Most distinct words whose stem (and compound parts) are remembered (a few MB). Case
#: texts reuse a small vocabulary: 1,000 imported cases hold about 1,100 distinct words.
STEM_CACHE_SIZE = 50_000

#: Dutch compound parts, one a line: the same list for this module and for the
#: engines' `dictionary_decompounder` (search.backends.elasticsearch.mappings).
COMPOUND_PARTS_FILE = Path(__file__).resolve().parent / "data" / "compound_parts_nl.txt"
#: The decompounder's limits, as Lucene's DictionaryCompoundWordTokenFilter reads them:
#: words shorter than MIN_COMPOUND_WORD are not split; parts are MIN_PART to MAX_PART
#: letters long.
MIN_COMPOUND_WORD = 5
MIN_PART = 4
MAX_PART = 15

_local = threading.local()


def _stemmer():
    """This thread's stemmer: Snowball's stemmer objects keep state while they stem, so
    one object shared by the threads of the server gives wrong stems and errors."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("dutch_porter")
    return stemmer


@lru_cache(maxsize=STEM_CACHE_SIZE)
def stem_word(word: str) -> str:
    """The stem of one normalised word. Cached (lru_cache is safe across threads; each
    miss stems with the calling thread's own stemmer)."""
    return _stemmer().stemWord(word)


@cache
def compound_dictionary() -> frozenset[str]:
    """The shipped compound parts (normalised; comments and blank lines skipped)."""
    words = set()
    for line in COMPOUND_PARTS_FILE.read_text(encoding="utf-8").splitlines():
        word = normalise(line.split("#", 1)[0].strip())
        if word:
            words.add(word)
    return frozenset(words)


@lru_cache(maxsize=STEM_CACHE_SIZE)
def compound_parts(word: str) -> tuple[str, ...]:
    """The dictionary words inside a normalised word, as Lucene's dictionary
    decompounder finds them (every substring of MIN_PART..MAX_PART letters that is in
    the list, overlapping, the word itself included when listed): "energieschuld" ->
    ("energie", "schuld"), "kinderen" -> ("kind",)."""
    if len(word) < MIN_COMPOUND_WORD:
        return ()
    dictionary = compound_dictionary()
    found: dict[str, None] = {}
    for start in range(len(word) - MIN_PART + 1):
        for size in range(MIN_PART, min(MAX_PART, len(word) - start) + 1):
            part = word[start : start + size]
            if part in dictionary:
                found.setdefault(part, None)
    return tuple(found)


@lru_cache(maxsize=STEM_CACHE_SIZE)
def word_stems(word: str) -> tuple[str, ...]:
    """The stem of a normalised word, then the stems of its compound parts (distinct,
    without the word's own stem). Cached: each distinct word is split and stemmed once."""
    own = stem_word(word)
    parts = dict.fromkeys(stem_word(part) for part in compound_parts(word))
    parts.pop(own, None)
    return (own, *parts)


def stem_words(words: Iterable[str]) -> list[str]:
    return [stem_word(word) for word in words]


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_combining_marks(match: re.Match) -> str:
    return "".join(char for char in match.group() if not unicodedata.combining(char))


def normalise(text: str) -> str:
    """Lower case without diacritics: "cliënt" and "client" are the same word.
    (ASCII has no combining marks: only the non-ASCII runs are looked at, char by char.)"""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(_without_combining_marks, unicodedata.normalize("NFKD", lowered))


def tokens(text: str) -> list[str]:
    return [word for word in _WORD.findall(normalise(text)) if word not in STOPWORDS]


def stems(text: str) -> list[str]:
    """The stems of every meaningful word in `text`, in order."""
    return stem_words(tokens(text))


def stemmed_text(*parts: str) -> str:
    """What the index stores: the stems, space separated, with a space at both ends so a
    whole stem is found with `LIKE '% stem %'`."""
    words = stems(" ".join(part for part in parts if part))
    return f" {' '.join(words)} " if words else ""


#: Separates a document's stems (in order, for phrases) from its compound parts' stems
#: in the stemmed text the database engine stores.
PARTS_SEPARATOR = "|"


def searchable_stems(*parts: str) -> str:
    """What the database engine matches a text on: the stems in order (so a stemmed
    phrase is found with `LIKE '% stem stem %'`), then "|" and the distinct stems of the
    compound parts (so "schuld" is found in "energieschuld"); spaces at both ends."""
    return _searchable(tokens(" ".join(part for part in parts if part)))


def _searchable(words: list[str]) -> str:
    if not words:
        return ""
    own = [word_stems(word)[0] for word in words]
    extra = dict.fromkeys(stem for word in words for stem in word_stems(word)[1:])
    if extra:
        return f" {' '.join(own)} {PARTS_SEPARATOR} {' '.join(extra)} "
    return f" {' '.join(own)} "


def document_stems(
    *, text: str, weighted: Mapping[str, tuple[str, int]]
) -> tuple[str, dict[str, int]]:
    """The database engine's analysis of one document, each word split and stemmed once:
    (`searchable_stems(text)`, stem -> relevance). The relevance of a stem is its
    occurrences in `text` (compound parts count as occurrences too), plus, for every
    (field text, weight) of `weighted` ("title", "breakthrough", the taxonomy labels),
    the weight when that field holds the stem. Only stems of at most MAX_INDEXED_STEM
    letters get a relevance (the stem index's column); longer ones are matched on the
    searchable text."""
    words = tokens(text)
    counts: Counter[str] = Counter()
    for word in words:
        counts.update(word_stems(word))
    for field_text, weight in weighted.values():
        for stem in {stem for word in tokens(field_text) for stem in word_stems(word)}:
            counts[stem] += weight
    weights = {stem: count for stem, count in counts.items() if len(stem) <= MAX_INDEXED_STEM}
    return _searchable(words), weights


def query_truncate(query: str) -> str:
    """The query within MAX_QUERY_CHARS, cut at a word boundary: a word cut in half
    would match nothing, and would count as a query word no document holds."""
    query = query.strip()
    if len(query) <= MAX_QUERY_CHARS:
        return query
    cut = query[: MAX_QUERY_CHARS + 1]
    head, _space, _rest = cut.rpartition(" ")
    return (head or cut[:MAX_QUERY_CHARS]).strip()


def query_stems(query: str) -> list[str]:
    """The distinct stems of a query, in order, within the query limits."""
    seen: dict[str, None] = {}
    for stem in stems(query_truncate(query)):
        seen.setdefault(stem, None)
        if len(seen) >= MAX_QUERY_TERMS:
            break
    return list(seen)


#: Longest stem kept in the database backend's stem index (search.CaseDocumentStem);
#: longer "words" (pasted codes, URLs) are matched on the stemmed text instead.
MAX_INDEXED_STEM = 100
#: Relevance of a query stem in the title, on top of its occurrences in the text.
TITLE_WEIGHT = 3


def stem_weights(*, title_stems: str, text_stems: str) -> dict[str, int]:
    """Stem -> relevance of the stem for one document, for every stem of `text_stems`
    short enough to index: TITLE_WEIGHT when the title has it, plus its occurrences in
    the text (counted as `LIKE '% stem %'` matches are: without overlap, so "a a" is
    one). A query's relevance is the sum over its stems."""
    in_title = set(title_stems.split())
    return {
        stem: (TITLE_WEIGHT if stem in in_title else 0) + text_stems.count(f" {stem} ")
        for stem in dict.fromkeys(text_stems.split())
        if len(stem) <= MAX_INDEXED_STEM
    }
