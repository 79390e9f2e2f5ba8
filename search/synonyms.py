"""Editor synonyms (search.Synonym), applied at query time.

Each Synonym row is one group of equivalent words: its term plus its synonyms
("PW" = "Participatiewet", "bijzondere bijstand"). A search for any of them finds the
others. Groups are read once and cached until an editor changes one.

- `synonym_rules()`: the groups in Solr format ("pw, participatiewet, bijzondere
  bijstand"), for Elasticsearch's synonym filters.
- `expand_query_terms(terms)`: the query's words grouped into alternatives of stemmed
  phrases (for snippets).
- `query_groups(query)`: what every engine matches a free-text query on (the one
  definition of a matching document): the query's groups (a word with its synonyms
  and its compound parts), of which a document must match `required_groups(n)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache

from .text import (
    MAX_INDEXED_STEM,
    MAX_QUERY_TERMS,
    normalise,
    query_truncate,
    stem_words,
    tokens,
    word_stems,
)

CACHE_KEY = "search:synonym-groups:v1"
CACHE_SECONDS = 60 * 60
#: Longest synonym phrase, in words, looked for in a query.
MAX_PHRASE_WORDS = 6


def synonym_groups() -> list[list[str]]:
    """Every group as normalised phrases (lower case, no diacritics), the term first."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        from .models import Synonym  # noqa: PLC0415

        groups = []
        for synonym in Synonym.objects.order_by("term"):
            phrases = [" ".join(tokens(part)) for part in [synonym.term, *synonym.synonym_list]]
            phrases = list(dict.fromkeys(phrase for phrase in phrases if phrase))
            if len(phrases) > 1:
                groups.append(phrases)
        cache.set(CACHE_KEY, groups, CACHE_SECONDS)
    return groups


def synonyms_changed() -> None:
    """Forget the cached groups (called when an editor saves or deletes a synonym)."""
    cache.delete(CACHE_KEY)


def synonym_rules() -> list[str]:
    """The groups in Solr format for Elasticsearch: "pw, participatiewet, bijzondere
    bijstand". Normalised like the index (lower case, no diacritics), commas removed
    from inside a phrase."""
    return [", ".join(normalise(phrase) for phrase in group) for group in synonym_groups()]


def _stem_phrase(words: Sequence[str]) -> str:
    return " ".join(stem_words(words))


def expand_query_terms(terms: Sequence[str]) -> list[set[str]]:
    """Group the query's words (`search.text.tokens(query)`) into alternatives.

    Returns one set per group of stemmed phrases ("bijzonder bijstand"); the longest
    synonym phrase found at a position wins ("wmo 2015" before "wmo"). A word without
    synonyms is a group of its own stem. Repeated groups are dropped.
    """
    phrase_groups: dict[tuple[str, ...], list[str]] = {}
    for group in synonym_groups():
        for phrase in group:
            phrase_groups.setdefault(tuple(phrase.split()), []).extend(group)

    words = list(terms)
    expanded: list[set[str]] = []
    position = 0
    while position < len(words):
        match = None
        for length in range(min(MAX_PHRASE_WORDS, len(words) - position), 0, -1):
            candidate = tuple(words[position : position + length])
            if candidate in phrase_groups:
                match = (length, phrase_groups[candidate])
                break
        if match:
            length, phrases = match
            alternatives = {_stem_phrase(phrase.split()) for phrase in phrases}
        else:
            length = 1
            alternatives = {_stem_phrase([words[position]])}
        alternatives.discard("")
        if alternatives and alternatives not in expanded:
            expanded.append(alternatives)
        position += length
    return expanded


def synonym_vocabulary() -> set[str]:
    """Every word of every synonym group (for "bedoelde u")."""
    return {word for group in synonym_groups() for phrase in group for word in phrase.split()}


@dataclass(frozen=True)
class QueryGroup:
    """One group of a free-text query: a word as typed (or a synonym phrase) with its
    alternatives. A document matches the group when it holds one alternative:

    - `stems`: single stems (a word's stem, the stems of its compound parts, one-word
      synonyms), each looked up in the index ("energieschuld" -> energieschuld,
      energie, schuld);
    - `phrases`: stemmed phrases of several words ("bijzonder bijstand"), matched as
      consecutive stems, and single stems too long for the stem index.
    """

    stems: frozenset[str]
    phrases: frozenset[str]
    #: The stems of `stems` that are whole words (typed, or a synonym), not compound
    #: parts: a document holding the word itself ranks above one holding it only inside
    #: a compound ("vrouwenopvang" above "kinderopvang" for "vrouwenopvang").
    exact: frozenset[str] = frozenset()

    @property
    def alternatives(self) -> set[str]:
        return {*self.stems, *self.phrases}


#: How much more a query's whole word weighs than a compound part found inside it.
EXACT_WEIGHT = 3


def required_groups(count: int) -> int:
    """How many of `count` query groups a document must match: all of one or two, then
    75 % rounded down (Elasticsearch's minimum_should_match "2<75%"): 2 of 3, 3 of 4,
    3 of 5, 4 of 6. Documents matching more groups rank first."""
    if count <= 2:
        return count
    return max(1, (count * 75) // 100)


def query_groups(query: str) -> list[QueryGroup]:
    """The groups of a free-text query (within MAX_QUERY_CHARS and MAX_QUERY_TERMS), the
    same for every engine and for both the case index and the site index. Repeated
    groups are dropped ("schulden schuld" is one group)."""
    groups: list[QueryGroup] = []
    for phrases in _phrase_groups(tokens(query_truncate(query))):
        stems: set[str] = set()
        stemmed: set[str] = set()
        exact: set[str] = set()
        for phrase in phrases:
            words = phrase.split()
            if len(words) == 1:
                own, *_parts = analysed = word_stems(words[0])
                exact.add(own)
                for stem in analysed:
                    (stems if len(stem) <= MAX_INDEXED_STEM else stemmed).add(stem)
            elif words:
                stemmed.add(_stem_phrase(words))
        stems.discard("")
        stemmed.discard("")
        group = QueryGroup(
            stems=frozenset(stems), phrases=frozenset(stemmed), exact=frozenset(exact & stems)
        )
        if group.alternatives and group not in groups:
            groups.append(group)
        if len(groups) >= MAX_QUERY_TERMS:
            break
    return groups


def _phrase_groups(words: Sequence[str]) -> list[list[str]]:
    """The words grouped with the editors' synonyms, as normalised phrases: the longest
    synonym phrase found at a position wins; a word without synonyms is its own group."""
    phrase_groups: dict[tuple[str, ...], list[str]] = {}
    for group in synonym_groups():
        for phrase in group:
            phrase_groups.setdefault(tuple(phrase.split()), []).extend(group)
    result: list[list[str]] = []
    position = 0
    while position < len(words):
        length, phrases = 1, [words[position]]
        for size in range(min(MAX_PHRASE_WORDS, len(words) - position), 0, -1):
            candidate = tuple(words[position : position + size])
            if candidate in phrase_groups:
                length, phrases = size, list(dict.fromkeys(phrase_groups[candidate]))
                break
        result.append(phrases)
        position += length
    return result
