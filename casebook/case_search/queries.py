"""The case search: what the casebook listing, the case page and the API call.

    result = case_search(params=CaseSearchParams(q="schulden", domains=("Wonen", "Schulden")))
    result.total, result.results, result.facets

Results are plain data (no pages, no engine objects), the same from every search engine
(the search app's faceted index, see search.faceted). Only live, public cases are in
the index, so nothing here can show a draft or a restricted case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from portal.core.page_cache import page_is_public
from search.faceted import Facet, FacetDefinition, FacetOption
from search.queries import faceted_document, faceted_search, faceted_similar_ids
from search.text import query_truncate

from ..models import CasePage, Outcome, Phase
from .facets import CASE_FACETS, SORT_RELEVANCE, SORTS
from .index import CASE_INDEX

PER_PAGE = 20

__all__ = [
    "PER_PAGE",
    "CaseHit",
    "CaseSearchParams",
    "CaseSearchResult",
    "Facet",
    "FacetOption",
    "LegalBasisHit",
    "case_search",
    "similar_cases",
]


def _as_tuple(value: Any) -> tuple:
    if value is None or value == "":
        return ()
    if isinstance(value, str | int):
        return (value,)
    return tuple(dict.fromkeys(v for v in value if v not in (None, "")))


@dataclass(frozen=True)
class CaseSearchParams:
    """What to search. Facet values are names as shown in the taxonomy; every facet takes
    one value or several (a tuple). `domains` combine with AND (a case must have all of
    them), the values of any other facet with OR; facets combine with AND."""

    q: str = ""
    domains: tuple[str, ...] = ()
    law: tuple[str, ...] = ()
    article: tuple[str, ...] = ()  # "Participatiewet art. 35 lid 1" (facets.article_key)
    region: tuple[str, ...] = ()
    phase: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    outcome: tuple[str, ...] = ()
    sort: str = SORT_RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE

    def __post_init__(self) -> None:
        object.__setattr__(self, "q", query_truncate(self.q or ""))
        for facet in CASE_FACETS:
            object.__setattr__(self, facet.name, _as_tuple(getattr(self, facet.name)))
        object.__setattr__(self, "year", tuple(int(year) for year in self.year))
        if self.sort not in SORTS:
            raise ValueError(f"Unknown sort {self.sort!r}; one of {', '.join(SORTS)}")
        if self.page < 1 or self.per_page < 1:
            raise ValueError("page and per_page start at 1")

    def selected(self, facet: FacetDefinition) -> tuple:
        return getattr(self, facet.name)

    @property
    def has_filters(self) -> bool:
        return bool(self.q) or any(self.selected(facet) for facet in CASE_FACETS)


@dataclass(frozen=True)
class LegalBasisHit:
    law: str
    article: str


@dataclass(frozen=True)
class CaseHit:
    id: int
    title: str
    url: str
    household: str
    summary: str
    domains: list[str]
    legal_bases: list[LegalBasisHit]
    region: str
    phase: str
    outcome: str
    year: int
    prevented_total: Decimal

    @property
    def phase_label(self) -> str:
        return str(dict(Phase.choices).get(self.phase, self.phase))

    @property
    def outcome_label(self) -> str:
        return str(dict(Outcome.choices).get(self.outcome, self.outcome))

    @classmethod
    def from_document(cls, document: dict) -> CaseHit:
        return cls(
            id=document["id"],
            title=document["title"],
            url=document["url"],
            household=document.get("household", ""),
            summary=document.get("summary", ""),
            domains=list(document.get("domains", [])),
            legal_bases=[
                LegalBasisHit(law=basis["law"], article=basis.get("article", ""))
                for basis in document.get("legal_bases", [])
            ],
            region=document["region"],
            phase=document["phase"],
            outcome=document["outcome"],
            year=int(document["year"]),
            prevented_total=Decimal(str(document.get("prevented_total", "0"))),
        )


@dataclass(frozen=True)
class CaseSearchResult:
    params: CaseSearchParams
    total: int
    results: list[CaseHit]
    facets: list[Facet]
    page: int
    num_pages: int
    #: Set when the answer did not come from the configured engine (e.g. a fallback).
    notice: str = ""
    backend: str = ""
    #: Case id -> an escaped fragment of its text with <mark> around the matches.
    highlights: dict[int, str] = field(default_factory=dict)

    @property
    def facets_by_name(self) -> dict[str, Facet]:
        return {facet.name: facet for facet in self.facets}

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def case_search(*, params: CaseSearchParams) -> CaseSearchResult:
    """Search the visible cases: free text, facet filters, facet counts, sort, page."""
    result = faceted_search(index=CASE_INDEX, params=params)
    return CaseSearchResult(
        params=params,
        total=result.total,
        results=[CaseHit.from_document(document) for document in result.documents],
        facets=result.facets,
        page=result.page,
        num_pages=result.num_pages,
        notice=result.notice,
        backend=result.backend,
        highlights=result.highlights,
    )


def similar_cases(*, case: CasePage, limit: int = 5) -> list[CasePage]:
    """Visible cases like `case`: those sharing the most problem domains and laws first,
    then the most words. Works for a draft or restricted case too (its own document is
    built on the fly); the cases returned are always live and public."""
    if case.pk is None:
        return []
    document = faceted_document(index=CASE_INDEX, doc_id=case.pk)
    if document is None:  # not in the index: a draft or restricted case
        source = CASE_INDEX.with_relations(CasePage.objects.filter(pk=case.pk)).first()
        if source is None:
            return []
        document = CASE_INDEX.document(source)
    ids = faceted_similar_ids(index=CASE_INDEX, document=document, limit=limit)
    if not ids:
        return []
    # Privacy from the cached restricted paths (portal.core.page_cache): no query.
    pages = CasePage.objects.live().select_related("region").in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages and page_is_public(pages[pk])]
