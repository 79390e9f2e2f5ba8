"""Faceted search, for any app that registers a faceted index (the casebook does).

An app describes its index once, with a `FacetedIndex` subclass: the objects that are
visible, the plain document of one object, its facets (`FacetDefinition`), its sorts
(`SortDefinition`) and the types of the fields it stores. It registers the definition in
its `AppConfig.ready()`:

    faceted_index_register(CASE_INDEX)

and then asks through `search.queries` only, getting plain data back from whichever
engine the settings chose:

    result = faceted_search(index="cases", params=params)   # FacetedResult
    result.total, result.documents, result.facets

A facet definition says what the facet is (its parameter, its label, the document field
it reads, whether a document holds one value or several) and how its values combine:

- `AND`: a document must have every selected value. The count beside a value is the
  number of results you get when you *add* that value: a count over the current
  results, own filter included.
- `OR`: a document must have one of the selected values. The count beside a value is
  taken with every other facet's filter but not its own ("exclude own filter"), so
  ticking a second value shows how many it adds.

Each backend turns a definition into its own query part and aggregation, so every engine
gives the same counts (a contract test suite runs on each).
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from django.db.models import Model, QuerySet


class Operator(StrEnum):
    AND = "and"
    OR = "or"


@dataclass(frozen=True)
class FacetDefinition:
    #: Name in the search parameters and in FacetedResult.facets.
    name: str
    #: The document field the facet reads (a list when `multi_valued`).
    field: str
    #: Query-string parameter of listings and APIs (repeatable).
    param: str
    label: Any
    operator: Operator = Operator.OR
    #: True when a document holds several values (a list), not one.
    multi_valued: bool = False
    #: "text" or "int": the type of a value.
    value_type: str = "text"
    #: Fixed value -> label for choice facets; options follow this order.
    choices: tuple[tuple[str, Any], ...] = ()
    #: Options newest first (years) instead of alphabetically.
    descending: bool = False
    help_text: Any = ""

    def label_for(self, value: Any) -> str:
        return str(dict(self.choices).get(value, value))

    def sort_key(self, value: Any) -> Any:
        if self.choices:
            order = [choice for choice, _label in self.choices]
            return (order.index(value) if value in order else len(order), str(value))
        if self.value_type == "int":
            return -value if self.descending else value
        return str(value).casefold()

    def values_of(self, document: dict) -> list:
        """The document's values of this facet, as a list."""
        value = document.get(self.field)
        if self.multi_valued:
            return list(value or [])
        return [] if value in (None, "") else [value]

    def parse(self, value: Any) -> Any:
        """A value as an engine returns it (keys are text on some engines) in its type."""
        if value is not None and self.value_type == "int":
            return int(value)
        return value


@dataclass(frozen=True)
class SortDefinition:
    """One way to order results. `order` names document fields, "-" for descending;
    "title" and "id" are always there. A relevance sort puts the match score first and
    uses `order` to break ties; without free text it falls back to the index's
    `unranked_sort`."""

    name: str
    label: Any
    order: tuple[str, ...]
    relevance: bool = False


class FacetedQuery(Protocol):
    """What a backend reads of the search parameters (an app's own dataclass)."""

    q: str
    sort: str
    page: int
    per_page: int

    def selected(self, facet: FacetDefinition) -> tuple: ...


@dataclass(frozen=True)
class FacetOption:
    value: Any
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    param: str
    label: str
    help_text: str
    operator: str
    options: list[FacetOption]

    @property
    def selected_options(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


@dataclass(frozen=True)
class FacetedResult:
    """A page of results: plain documents as the index definition built them (without
    their full text), every facet with its counts, and where the answer came from."""

    total: int
    documents: list[dict]
    facets: list[Facet]
    page: int
    num_pages: int
    #: Document id -> an escaped fragment of its text with <mark> around the matches.
    highlights: dict[int, str] = field(default_factory=dict)
    #: Set when the answer did not come from the configured engine (e.g. a fallback).
    notice: str = ""
    backend: str = ""


class FacetedIndex(ABC):
    """The definition of a faceted index. Subclass it, fill in the class attributes and
    `queryset()` and `document()`, and register an instance.

    A document is a dict with at least `id` (int), `title` and `text` (the free text,
    title and every weighted field included), one key per facet field and per sort
    field, one per `weighted_fields` (text), and the `stored_fields` that results show."""

    name: str
    #: How people call the index and its documents (command output): "Casusindex", "casussen".
    label: str
    plural: str
    facets: tuple[FacetDefinition, ...]
    sorts: tuple[SortDefinition, ...]
    #: The sort used when a relevance sort has no free text to rank by.
    unranked_sort: str
    #: Sortable fields besides the facets: name -> "int", "money" or "keyword".
    sort_fields: Mapping[str, str] = {}
    #: Fields kept for the results, not searched: name -> "keyword" or "object".
    stored_fields: Mapping[str, str] = {}
    #: Text fields of a document searched with extra weight on top of `text` (which holds
    #: them too): name -> weight (a hit in `text` weighs 1). Every engine ranks with
    #: these, e.g. {"title": 3, "labels": 2}.
    weighted_fields: Mapping[str, int] = {"title": 3}
    #: Facet fields whose shared values make two documents similar, most telling first.
    similarity_fields: tuple[str, ...] = ()
    chunk_size: int = 500

    @abstractmethod
    def queryset(self) -> QuerySet:
        """What an anonymous visitor may see: only these objects are indexed."""

    @abstractmethod
    def document(self, obj: Model) -> dict:
        """The plain document of one object."""

    def documents(self, queryset: QuerySet | None = None) -> Iterator[dict]:
        """The documents of `queryset` (default: every visible object), read in chunks."""
        queryset = self.queryset() if queryset is None else queryset
        for obj in queryset.iterator(chunk_size=self.chunk_size):
            yield self.document(obj)

    def sort(self, name: str) -> SortDefinition:
        for definition in self.sorts:
            if definition.name == name:
                return definition
        raise ValueError(f"Unknown sort {name!r} of the index {self.name!r}")

    def order_for(self, params: FacetedQuery, *, ranked: bool) -> tuple[bool, tuple[str, ...]]:
        """(by score first?, the fields to order by) for these parameters."""
        definition = self.sort(params.sort)
        if definition.relevance and not ranked:
            definition = self.sort(self.unranked_sort)
        return definition.relevance, definition.order

    @property
    def multi_valued_fields(self) -> tuple[str, ...]:
        return tuple(facet.field for facet in self.facets if facet.multi_valued)


# -- the registry ------------------------------------------------------------------------
_REGISTRY: dict[str, FacetedIndex] = {}


def faceted_index_register(index: FacetedIndex) -> FacetedIndex:
    """Add (or replace) a faceted index; an app calls this in its AppConfig.ready()."""
    _REGISTRY[index.name] = index
    return index


def faceted_index(name: str | FacetedIndex) -> FacetedIndex:
    """The registered index called `name` (an index passes through)."""
    if isinstance(name, FacetedIndex):
        return name
    try:
        return _REGISTRY[name]
    except KeyError:
        raise LookupError(f"No faceted index {name!r} is registered") from None


def faceted_indexes() -> list[FacetedIndex]:
    return list(_REGISTRY.values())


# -- shared by the backends ----------------------------------------------------------------
def num_pages_for(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page))


def facet_from_counts(facet: FacetDefinition, counts: dict[Any, int], selected: tuple) -> Facet:
    """Options of a facet from the counts a backend found: every value with a count,
    plus the selected values (with 0 when nothing matches), in the facet's order."""
    values = {value for value, count in counts.items() if count} | set(selected)
    options = [
        FacetOption(
            value=value,
            label=facet.label_for(value),
            count=counts.get(value, 0),
            selected=value in selected,
        )
        for value in sorted(values, key=facet.sort_key)
    ]
    return Facet(
        name=facet.name,
        param=facet.param,
        label=str(facet.label),
        help_text=str(facet.help_text),
        operator=str(facet.operator),
        options=options,
    )
