"""Search backends behind one interface, chosen in settings.

`SEARCH_BACKEND` is a dotted path to a backend class. When it is not set, the default
is the database backend (the embedded engine); the Elasticsearch backend will be chosen
when `ELASTICSEARCH_URL` is configured. The site never imports a backend directly: it
calls `search.cases` (case search) which calls `get_backend()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..cases import CaseSearchParams, CaseSearchResult
    from ..site import SiteHit, SiteSearchParams, SiteSearchResult

DATABASE_BACKEND = "search.backends.database.DatabaseBackend"
ELASTICSEARCH_BACKEND = "search.backends.elasticsearch.ElasticsearchBackend"


class SearchBackend(Protocol):
    """What every backend implements for the case index."""

    name: str

    def case_search(self, params: CaseSearchParams) -> CaseSearchResult: ...

    def case_document(self, *, case_id: int) -> dict | None:
        """The stored document of a case (with `text_stems`), or None if not indexed."""

    def similar_case_ids(self, *, document: dict, limit: int) -> list[int]:
        """Ids of visible cases like the case of `document`, most similar first."""

    def case_index_update(self, *, documents: Iterable[dict], removed_ids: Iterable[int]) -> None:
        """Store `documents` (replacing older versions) and drop `removed_ids`."""

    def case_index_rebuild(
        self, *, documents: Iterable[dict], total: int, progress: Callable[[int, int], None] | None
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
    path = getattr(settings, "SEARCH_BACKEND", None)
    if path:
        return path
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        # Falls back to the database backend by itself when Elasticsearch is down.
        return ELASTICSEARCH_BACKEND
    return DATABASE_BACKEND


def get_backend(path: str | None = None) -> SearchBackend:
    return import_string(path or backend_path())()
