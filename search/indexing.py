"""Keeping the indexes up to date: the faceted indexes apps register and the site index.

- `faceted_index_schedule(index=..., ids=...)` (an app's signal handlers call it, inside
  the change's transaction): with an external engine, records an operation per object in
  the index outbox (`search.outbox`) in that transaction; after the commit, the database
  index is updated and a drain of the outbox is enqueued (`search.tasks`), which writes
  the engine and retries until it succeeds. Several signals for one object in one
  transaction cost one update. Nothing happens when updates are switched off: by the
  setting `SEARCH_AUTO_UPDATE = False` or, for a bulk load, inside
  `search_updates_paused()`, after which a rebuild (or an update of what was loaded)
  catches up.
- `faceted_index_update(index=..., ids=...)` does it now (imports, tests): re-reads those
  objects, stores the documents of the ones that are visible in the database index and
  removes the others (unpublished, restricted, deleted); records the operations and
  drains the outbox, so the engine is written through the outbox as well.
- `faceted_index_rebuild(index=...)` replaces a whole index; `search_index_rebuild()`
  rebuilds every index. A rebuild the engine completed marks done the outbox operations
  of that index recorded before it started (it read their changes).
- The site index works the same with keys ("<app_label>.<model>:<pk>").
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction

from .backends import get_backend
from .backends.write_lock import engine_writer
from .faceted import FacetedIndex, faceted_index, faceted_indexes
from .outbox import (
    SITE_INDEX,
    WHOLE_INDEX,
    faceted_documents,
    outbox_drain,
    outbox_enabled,
    outbox_mark_done,
    outbox_pending_ids,
    outbox_record,
)
from .tasks import outbox_drain_enqueue, outbox_drain_schedule

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


# -- after the commit ---------------------------------------------------------------------
def _pending() -> dict[str, set[int]]:
    if not hasattr(_state, "pending"):
        _state.pending = {}
    return _state.pending


def _site_pending() -> set[str]:
    if not hasattr(_state, "site_pending"):
        _state.site_pending = set()
    return _state.site_pending


def _flush() -> None:
    """After the commit: the database index of what changed, then a drain of the outbox
    (which holds the operations recorded in the transaction)."""
    pending, site_pending = _pending(), _site_pending()
    if not pending and not site_pending:
        return
    while pending:
        name, ids = pending.popitem()
        _faceted_database_update(faceted_index(name), ids)
    if site_pending:
        keys = set(site_pending)
        site_pending.clear()
        get_backend().site_index_update(keys=keys)
    if outbox_enabled():
        outbox_drain_enqueue()


def _drain_now() -> None:
    """Drain what is due now, in this thread (a direct update: its caller expects the
    engine written when it returns), and schedule the next drain for what waits. Callers
    call it after their transaction (the import does)."""
    outbox_drain()
    outbox_drain_schedule()


@contextmanager
def _rebuilding() -> Iterator[None]:
    """A rebuild holds the engine's writer lock (waiting for a running drain), so no
    drain writes a change to the old index while the new one is filled; what was recorded
    meanwhile is drained right after."""
    if not outbox_enabled():
        yield
        return
    with engine_writer(blocking=True):
        yield
    outbox_drain()


# -- faceted indexes -------------------------------------------------------------------
def faceted_index_schedule(*, index: str, ids: Iterable[int]) -> None:
    """Update these objects in the index: the outbox operations now (in the transaction),
    the database index and the engine once it commits (at once when there is no
    transaction)."""
    if not search_updates_enabled():
        return
    ids = {int(pk) for pk in ids if pk is not None}
    if not ids:
        return
    name = faceted_index(index).name
    outbox_record(index=name, keys=ids)
    _pending().setdefault(name, set()).update(ids)
    transaction.on_commit(_flush)


def _faceted_database_update(definition: FacetedIndex, ids: set[int]) -> None:
    documents, removed = faceted_documents(definition, ids)
    get_backend().faceted_index_update(definition, documents=documents, removed_ids=removed)


def faceted_index_update(*, index: str | FacetedIndex, ids: Iterable[int]) -> None:
    """Store the visible documents of `ids` now; the others are removed. The engine is
    written through the outbox (recorded, then drained)."""
    ids = {int(pk) for pk in ids if pk is not None}
    if not ids:
        return
    definition = faceted_index(index)
    if outbox_record(index=definition.name, keys=ids):
        _faceted_database_update(definition, ids)
        _drain_now()
    else:
        _faceted_database_update(definition, ids)


@contextmanager
def _covered_by_rebuild(index: str) -> Iterator[dict]:
    """The rebuild's `engine_rebuilt` callback: the operations of `index` recorded so far
    are done once the engine holds the rebuilt index. When the rebuild could not reach
    the engine, the outbox gets an operation for the whole index instead (the engine is
    rebuilt when it is back, and the backlog shows meanwhile). Nothing without an engine."""
    if not outbox_enabled():
        yield {}
        return
    covered = outbox_pending_ids(index=index)
    rebuilt: list[bool] = []

    def engine_rebuilt() -> None:
        outbox_mark_done(ids=covered)
        rebuilt.append(True)

    yield {"engine_rebuilt": engine_rebuilt}
    if not rebuilt:
        outbox_record(index=index, keys=[WHOLE_INDEX])


def faceted_index_rebuild(*, index: str | FacetedIndex, progress: Progress | None = None) -> int:
    """Rebuild a faceted index from its visible objects; returns the number indexed."""
    definition = faceted_index(index)
    # The outbox's ids are read before the rebuild reads anything.
    with _rebuilding(), _covered_by_rebuild(definition.name) as covered:
        queryset = definition.queryset()
        return get_backend().faceted_index_rebuild(
            definition,
            documents=definition.documents(queryset),
            total=queryset.count(),
            progress=progress,
            **covered,
        )


# -- the site index (search.site) ------------------------------------------------------
def site_index_schedule(*, keys: Iterable[str]) -> None:
    """Update these site documents ("<app_label>.<model>:<pk>"): recorded in the outbox
    now, written once the transaction commits; switched off like the faceted indexes
    (setting, `search_updates_paused()`)."""
    if not search_updates_enabled():
        return
    keys = {key for key in keys if key}
    if not keys:
        return
    outbox_record(index=SITE_INDEX, keys=keys)
    _site_pending().update(keys)
    transaction.on_commit(_flush)


def site_index_update(*, keys: Iterable[str]) -> None:
    """Store the visible documents of `keys` now; the others are removed. The engine is
    written through the outbox (recorded, then drained)."""
    keys = {key for key in keys if key}
    if not keys:
        return
    recorded = outbox_record(index=SITE_INDEX, keys=keys)
    get_backend().site_index_update(keys=keys)
    if recorded:
        _drain_now()


def site_index_rebuild(*, progress: Progress | None = None) -> int:
    """Rebuild the site index from the visible pages; returns the number indexed."""
    with _rebuilding(), _covered_by_rebuild(SITE_INDEX) as covered:
        return get_backend().site_index_rebuild(progress=progress, **covered)


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


__all__ = [
    "SITE_INDEX",
    "faceted_index_rebuild",
    "faceted_index_schedule",
    "faceted_index_update",
    "search_index_rebuild",
    "search_updates_are_paused",
    "search_updates_enabled",
    "search_updates_paused",
    "site_index_rebuild",
    "site_index_schedule",
    "site_index_update",
]
