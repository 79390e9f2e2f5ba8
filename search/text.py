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
from collections.abc import Iterable
from functools import lru_cache

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


#: Most distinct words whose stem is remembered (a few MB). Case texts reuse a small
#: vocabulary: 1,000 imported cases hold about 1,100 distinct words.
STEM_CACHE_SIZE = 100_000

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


def stem_words(words: Iterable[str]) -> list[str]:
    return [stem_word(word) for word in words]


def normalise(text: str) -> str:
    """Lower case without diacritics: "cliënt" and "client" are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


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


def query_stems(query: str) -> list[str]:
    """The distinct stems of a query, in order, within the query limits."""
    seen: dict[str, None] = {}
    for stem in stems(query[:MAX_QUERY_CHARS]):
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
