"""Search backends behind one interface, chosen in settings.

`SEARCH_BACKEND` is a dotted path to a backend class. When it is not set, the default
is the database backend (the embedded engine); the Elasticsearch backend is chosen when
`ELASTICSEARCH_URL` is configured. The site never imports a backend directly: it calls
`search.faceted` (faceted indexes such as the casebook's) and `search.site` (site
search), which call `get_backend()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..faceted import FacetedIndex, FacetedQuery, FacetedResult
    from ..site import SiteHit, SiteSearchParams, SiteSearchResult

DATABASE_BACKEND = "search.backends.database.DatabaseBackend"
ELASTICSEARCH_BACKEND = "search.backends.elasticsearch.ElasticsearchBackend"
OPENSEARCH_BACKEND = "search.backends.opensearch.OpenSearchBackend"

DATABASE = "database"
ELASTICSEARCH = "elasticsearch"
OPENSEARCH = "opensearch"
_ENGINE_BACKENDS = {
    DATABASE: DATABASE_BACKEND,
    ELASTICSEARCH: ELASTICSEARCH_BACKEND,
    OPENSEARCH: OPENSEARCH_BACKEND,
}


class SearchBackend(Protocol):
    """What every backend implements: faceted indexes (registered by apps, see
    search.faceted) and the site index."""

    name: str

    def faceted_search(self, index: FacetedIndex, params: FacetedQuery) -> FacetedResult: ...

    def faceted_document(self, index: FacetedIndex, *, doc_id: int) -> dict | None:
        """The stored document (with the database engine's `text_stems`), or None."""

    def faceted_similar_ids(self, index: FacetedIndex, *, document: dict, limit: int) -> list[int]:
        """Ids of indexed documents like `document`, most similar first."""

    def faceted_index_update(
        self, index: FacetedIndex, *, documents: Iterable[dict], removed_ids: Iterable[int]
    ) -> None:
        """Store `documents` (replacing older versions) and drop `removed_ids`."""

    def faceted_index_rebuild(
        self,
        index: FacetedIndex,
        *,
        documents: Iterable[dict],
        total: int,
        progress: Callable[[int, int], None] | None,
    ) -> int:
        """Replace the whole index by `documents`; readers never see it empty."""

    # -- site search (search.site) ---------------------------------------------------
    def site_search(self, params: SiteSearchParams) -> SiteSearchResult:
        """Free text over every visible page type, one type filter, counts per type,
        highlighted snippets, a "bedoelde u" suggestion where the engine can."""

    def title_autocomplete(self, prefix: str, limit: int) -> list[SiteHit]:
        """Visible pages whose title has a word starting with the last word of `prefix`."""

    def site_index_update(self, keys: Iterable[str]) -> None:
        """Re-read the documents of `keys` (search.indexes.site.site_documents_for_keys):
        store the visible ones, remove the rest."""

    def site_index_delete(self, keys: Iterable[str]) -> None:
        """Remove the documents of `keys`."""

    def site_index_rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Replace the whole site index by `site_documents()`; readers never see it
        empty. Returns the number of documents."""


def backend_path() -> str:
    """The backend class: `SEARCH_BACKEND` (a dotted path) when set; else the engine
    `SEARCH_ENGINE` names; else OpenSearch when `OPENSEARCH_URL` is set, Elasticsearch
    when `ELASTICSEARCH_URL` is; else the database engine. Both external engines fall
    back to the database engine by themselves when they are down."""
    path = getattr(settings, "SEARCH_BACKEND", None)
    if path:
        return path
    engine = (getattr(settings, "SEARCH_ENGINE", "") or "").strip().lower()
    if engine:
        if engine not in _ENGINE_BACKENDS:
            raise ImproperlyConfigured(
                f"SEARCH_ENGINE must be one of {', '.join(_ENGINE_BACKENDS)}, not {engine!r}"
            )
        return _ENGINE_BACKENDS[engine]
    if getattr(settings, "OPENSEARCH_URL", ""):
        return OPENSEARCH_BACKEND
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return ELASTICSEARCH_BACKEND
    return DATABASE_BACKEND


def engine_kind() -> str:
    """The external engine the chosen backend uses: "elasticsearch", "opensearch", or ""
    for the database engine alone."""
    path = backend_path()
    if path == OPENSEARCH_BACKEND:
        return OPENSEARCH
    if path == ELASTICSEARCH_BACKEND:
        return ELASTICSEARCH
    return ""


def has_engine() -> bool:
    """Is an external engine (Elasticsearch or OpenSearch) configured?"""
    return bool(engine_kind())


def engine_url_for(engine: str) -> str:
    """The configured URL of `engine` ("" when not set or not an external engine)."""
    if engine == OPENSEARCH:
        return getattr(settings, "OPENSEARCH_URL", "") or ""
    if engine == ELASTICSEARCH:
        return getattr(settings, "ELASTICSEARCH_URL", "") or ""
    return ""


def get_backend(path: str | None = None) -> SearchBackend:
    return import_string(path or backend_path())()
