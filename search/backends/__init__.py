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

DATABASE_BACKEND = "search.backends.database.DatabaseBackend"


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


def backend_path() -> str:
    path = getattr(settings, "SEARCH_BACKEND", None)
    if path:
        return path
    return DATABASE_BACKEND


def get_backend(path: str | None = None) -> SearchBackend:
    return import_string(path or backend_path())()
