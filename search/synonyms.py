"""Editor synonyms (search.Synonym), applied at query time.

Each Synonym row is one group of equivalent words: its term plus its synonyms
("PW" = "Participatiewet", "bijzondere bijstand"). A search for any of them finds the
others. Groups are read once and cached until an editor changes one.

- `synonym_rules()`: the groups in Solr format ("pw, participatiewet, bijzondere
  bijstand"), for Elasticsearch's synonym filters.
- `expand_query_terms(terms)`: for the database backend, the query's words grouped into
  alternatives of stemmed phrases; a document matches when it has one alternative of
  every group.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.cache import cache

from .text import normalise, stem_words, tokens

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
