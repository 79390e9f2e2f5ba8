"""The case index's updates, through the search app's indexing (search.indexing)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from search.indexing import faceted_index_rebuild, faceted_index_schedule, faceted_index_update

from .index import CASE_INDEX_NAME


def case_index_schedule(*, page_ids: Iterable[int]) -> None:
    """Update these cases in the index once the transaction commits."""
    faceted_index_schedule(index=CASE_INDEX_NAME, ids=page_ids)


def case_index_update(*, page_ids: Iterable[int]) -> None:
    """Update these cases in the index now: the visible ones stored, the others removed."""
    faceted_index_update(index=CASE_INDEX_NAME, ids=page_ids)


def case_index_rebuild(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the case index from the visible cases; returns the number indexed."""
    return faceted_index_rebuild(index=CASE_INDEX_NAME, progress=progress)
