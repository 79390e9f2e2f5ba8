"""Keeping the indexes up to date: the faceted indexes apps register and the site index.

- `faceted_index_update(index=..., ids=...)` re-reads those objects and stores the
  documents of the ones that are visible; the others are removed (unpublished,
  restricted, deleted).
- `faceted_index_schedule(index=..., ids=...)` does that after the current transaction
  commits (an app's signal handlers call it), unless updates are switched off: by the
  setting `SEARCH_AUTO_UPDATE = False` or, for a bulk load, inside
  `search_updates_paused()`, after which a rebuild (or an update of what was loaded)
  catches up.
- `faceted_index_rebuild(index=...)` replaces a whole index; `search_index_rebuild()`
  rebuilds every index.
- The site index works the same with keys ("<app_label>.<model>:<pk>").
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction

from .backends import get_backend
from .faceted import FacetedIndex, faceted_index, faceted_indexes

Progress = Callable[[int, int], None]

_state = threading.local()


def search_updates_enabled() -> bool:
    return getattr(settings, "SEARCH_AUTO_UPDATE", True) and not search_updates_are_paused()


def search_updates_are_paused() -> bool:
    """Inside `search_updates_paused()` in this thread."""
    return bool(getattr(_state, "paused", 0))


@contextmanager
def search_updates_paused() -> Iterator[None]:
    """Switch index updates off in this thread (bulk loading); update afterwards."""
    _state.paused = getattr(_state, "paused", 0) + 1
    try:
        yield
    finally:
        _state.paused -= 1


# -- faceted indexes -------------------------------------------------------------------
def _pending() -> dict[str, set[int]]:
    if not hasattr(_state, "pending"):
        _state.pending = {}
    return _state.pending


def faceted_index_schedule(*, index: str, ids: Iterable[int]) -> None:
    """Update these objects in the index once the transaction commits (at once when there
    is no transaction). Several signals for one object in one transaction cost one
    update."""
    if not search_updates_enabled():
        return
    ids = {int(pk) for pk in ids if pk is not None}
    if not ids:
        return
    _pending().setdefault(index, set()).update(ids)
    transaction.on_commit(_flush)


def _flush() -> None:
    pending = _pending()
    while pending:
        name, ids = pending.popitem()
        faceted_index_update(index=name, ids=ids)


def faceted_index_update(*, index: str | FacetedIndex, ids: Iterable[int]) -> None:
    """Store the visible documents of `ids` now; the others are removed."""
    ids = set(ids)
    if not ids:
        return
    definition = faceted_index(index)
    documents = list(definition.documents(definition.queryset().filter(pk__in=ids)))
    visible = {document["id"] for document in documents}
    get_backend().faceted_index_update(definition, documents=documents, removed_ids=ids - visible)


def faceted_index_rebuild(*, index: str | FacetedIndex, progress: Progress | None = None) -> int:
    """Rebuild a faceted index from its visible objects; returns the number indexed."""
    definition = faceted_index(index)
    queryset = definition.queryset()
    return get_backend().faceted_index_rebuild(
        definition,
        documents=definition.documents(queryset),
        total=queryset.count(),
        progress=progress,
    )


# -- the site index (search.site) ------------------------------------------------------
def _site_pending() -> set[str]:
    if not hasattr(_state, "site_pending"):
        _state.site_pending = set()
    return _state.site_pending


def site_index_schedule(*, keys: Iterable[str]) -> None:
    """Update these site documents ("<app_label>.<model>:<pk>") once the transaction
    commits; switched off like the faceted indexes (setting, `search_updates_paused()`)."""
    if not search_updates_enabled():
        return
    keys = {key for key in keys if key}
    if not keys:
        return
    _site_pending().update(keys)
    transaction.on_commit(_site_flush)


def _site_flush() -> None:
    pending = _site_pending()
    if not pending:
        return
    keys = set(pending)
    pending.clear()
    site_index_update(keys=keys)


def site_index_update(*, keys: Iterable[str]) -> None:
    """Store the visible documents of `keys` now; the others are removed."""
    keys = set(keys)
    if keys:
        get_backend().site_index_update(keys=keys)


def site_index_rebuild(*, progress: Progress | None = None) -> int:
    """Rebuild the site index from the visible pages; returns the number indexed."""
    return get_backend().site_index_rebuild(progress=progress)


SITE_INDEX = "site"


def search_index_rebuild(
    *, progress: Callable[[str, int, int], None] | None = None
) -> dict[str, int]:
    """Rebuild every registered faceted index and the site index: {index name: count},
    the site index as "site". `progress(name, done, total)` reports as it goes."""

    def reporter(name: str) -> Progress | None:
        return (lambda done, total: progress(name, done, total)) if progress else None

    counts = {
        definition.name: faceted_index_rebuild(index=definition, progress=reporter(definition.name))
        for definition in faceted_indexes()
    }
    counts[SITE_INDEX] = site_index_rebuild(progress=reporter(SITE_INDEX))
    return counts
