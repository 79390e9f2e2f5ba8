"""The site search: its parameters and results, and the helpers the backends share.
The search page, the autocomplete and the API ask through `search.queries`:

    result = site_search(params=SiteSearchParams(q="schulden", type="case"))
    result.total, result.results, result.type_facets, result.suggestion

Results are plain data, the same from every backend. Only live, public pages (and only
current standards) are in the index, so nothing here can show a draft or a restricted
page. The helpers below (snippets, "bedoelde u") are shared by the backends.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .faceted import FacetOption, num_pages_for
from .indexes.site import site_type, site_types
from .text import (
    MAX_QUERY_TERMS,
    normalise,
    query_truncate,
    stem_word,
    tokens,
    word_stems,
)

PER_PAGE = 20
MAX_PER_PAGE = 50
AUTOCOMPLETE_LIMIT = 8
#: Fewer results than this and the search looks for a "bedoelde u" suggestion.
SUGGEST_BELOW = 3
SNIPPET_WORDS = 32
SNIPPET_WORDS_BEFORE = 8
#: How much of a document's text is scanned for the first match of a snippet.
SNIPPET_SCAN_CHARS = 20_000

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SiteSearchParams:
    """What to search: free text (cut to MAX_QUERY_CHARS), optionally one type."""

    q: str = ""
    type: str | None = None
    page: int = 1
    per_page: int = PER_PAGE

    def __post_init__(self) -> None:
        object.__setattr__(self, "q", query_truncate(self.q or ""))
        object.__setattr__(self, "type", self.type or None)
        if self.type is not None and site_type(self.type) is None:
            raise ValueError(f"Unknown site search type {self.type!r}")
        if self.page < 1 or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise ValueError("page starts at 1; per_page between 1 and MAX_PER_PAGE")


@dataclass(frozen=True)
class SiteHit:
    type: str
    type_label: str
    title: str
    url: str
    #: Escaped text with <mark>…</mark> around the words that matched.
    snippet_html: SafeString | str
    date: datetime.date | None = None


@dataclass(frozen=True)
class SiteSearchResult:
    params: SiteSearchParams
    total: int
    results: list[SiteHit]
    type_facets: list[FacetOption]
    page: int
    num_pages: int
    #: "Bedoelde je …?": a query close to this one that finds more.
    suggestion: str | None = None
    #: Set when the answer did not come from the configured engine (e.g. a fallback).
    notice: str | None = None
    backend: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def all_count(self) -> int:
        return sum(option.count for option in self.type_facets)


# -- shared by the backends ------------------------------------------------------------
def type_label(name: str) -> str:
    registered = site_type(name)
    return str(registered.label) if registered else name


def type_facets_from_counts(counts: dict[str, int], selected: str | None) -> list[FacetOption]:
    """One option per registered type, in registry order, with its count (0 included,
    so the filter does not jump around while typing)."""
    return [
        FacetOption(
            value=registered.name,
            label=str(registered.plural),
            count=counts.get(registered.name, 0),
            selected=registered.name == selected,
        )
        for registered in site_types()
    ]


def pages_for(total: int, params: SiteSearchParams) -> tuple[int, int]:
    """(page, num_pages): a page past the end shows the last page."""
    num_pages = num_pages_for(total, params.per_page)
    return min(params.page, num_pages), num_pages


def highlight_stems(groups: Iterable[set[str]]) -> set[str]:
    """The single-word stems to mark in snippets, from the query's groups of stemmed
    phrases (see synonyms.expand_query_terms)."""
    return {word for group in groups for phrase in group for word in phrase.split()}


def snippet_html(text: str, stems: set[str], *, words: int = SNIPPET_WORDS) -> SafeString:
    """A window of `text` around the first word whose stem is in `stems`, escaped, with
    every matching word inside <mark>. Without a match: the start of the text."""
    text = text[:SNIPPET_SCAN_CHARS]
    matches = list(_WORD.finditer(text))
    if not matches:
        return mark_safe("")  # noqa: S308 - empty

    def is_match(word: str) -> bool:
        # The word's stem or a compound part's ("Energieschuld" for "schuld"); cached.
        return bool(stems) and not stems.isdisjoint(word_stems(normalise(word)))

    first = next((i for i, m in enumerate(matches) if is_match(m.group())), None)
    start = max(0, first - SNIPPET_WORDS_BEFORE) if first is not None else 0
    end = min(len(matches), start + words)
    parts = ["…" if start > 0 else ""]
    position = matches[start].start()
    for match in matches[start:end]:
        parts.append(escape(text[position : match.start()]))
        word = escape(match.group())
        parts.append(f"<mark>{word}</mark>" if is_match(match.group()) else word)
        position = match.end()
    tail = text[position:]
    if end < len(matches) or len(text) >= SNIPPET_SCAN_CHARS:
        parts.append("…")
    elif tail.strip():
        parts.append(escape(tail))
    return mark_safe("".join(parts).replace("\n", " · "))  # noqa: S308 - every part escaped


def vocabulary_from_titles(titles: Iterable[str]) -> set[str]:
    """The words "bedoelde u" may suggest: words of indexed titles (3 letters or more)."""
    return {word for title in titles for word in tokens(title) if len(word) >= 3}


def suggestion_for(query: str, vocabulary: set[str]) -> str | None:
    """The query with each unknown word replaced by the closest known word ("schuldhulp-
    verleninng" -> "schuldhulpverlening"), or None when nothing changes."""
    words = tokens(query_truncate(query))[:MAX_QUERY_TERMS]
    if not words or not vocabulary:
        return None
    known_stems = {stem_word(word) for word in vocabulary}
    changed = False
    suggested = []
    for word in words:
        if word in vocabulary or word.isdigit() or len(word) < 3:
            suggested.append(word)
            continue
        if stem_word(word) in known_stems:
            suggested.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        if close:
            suggested.append(close[0])
            changed = True
        else:
            suggested.append(word)
    return " ".join(suggested) if changed else None
