"""The search app's interface: every question the site asks, answered by whichever
engine the settings chose (search.backends), as plain data.

- Faceted indexes that apps register (search.faceted): `faceted_search`,
  `faceted_document`, `faceted_similar_ids`.
- The site index (search.site): `site_search` and `title_autocomplete`.
"""

from __future__ import annotations

from .backends import get_backend
from .faceted import FacetedIndex, FacetedQuery, FacetedResult, faceted_index
from .site import AUTOCOMPLETE_LIMIT, SiteHit, SiteSearchParams, SiteSearchResult
from .text import normalise


def faceted_search(*, index: str | FacetedIndex, params: FacetedQuery) -> FacetedResult:
    """Free text, facet filters, facet counts, sort and page over a faceted index."""
    return get_backend().faceted_search(faceted_index(index), params)


def faceted_document(*, index: str | FacetedIndex, doc_id: int) -> dict | None:
    """The stored document of `doc_id`, or None when it is not in the index."""
    return get_backend().faceted_document(faceted_index(index), doc_id=doc_id)


def faceted_similar_ids(*, index: str | FacetedIndex, document: dict, limit: int) -> list[int]:
    """Ids of indexed documents like `document` (which need not be indexed itself):
    those sharing the most values of the index's similarity fields first, then the most
    similar text."""
    return get_backend().faceted_similar_ids(faceted_index(index), document=document, limit=limit)


def site_search(*, params: SiteSearchParams) -> SiteSearchResult:
    """Search every visible page type: free text, one type, counts per type, a page."""
    return get_backend().site_search(params)


def title_autocomplete(*, prefix: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[SiteHit]:
    """Visible pages whose title has a word starting with `prefix` (the last word typed;
    earlier words must appear in the title too), best first."""
    prefix = (prefix or "")[:100].strip()
    if len(normalise(prefix).strip()) < 2:
        return []
    return get_backend().title_autocomplete(prefix=prefix, limit=max(1, min(limit, 20)))
