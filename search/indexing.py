"""Keeping the case index up to date.

- `case_index_update(page_ids=...)` re-reads those pages and stores the documents of the
  ones that are visible; the others are removed (unpublished, restricted, deleted).
- `case_index_schedule(page_ids=...)` does that after the current transaction commits
  (signal handlers call it), unless updates are switched off: by the setting
  `SEARCH_AUTO_UPDATE = False` or, for a bulk load, inside `search_updates_paused()`,
  after which one `case_index_rebuild()` catches up.
- `case_index_rebuild(progress=...)` replaces the whole index.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction

from .backends import get_backend
from .indexes import CASE_INDEX

_state = threading.local()


def search_updates_enabled() -> bool:
    return getattr(settings, "SEARCH_AUTO_UPDATE", True) and not getattr(_state, "paused", 0)


@contextmanager
def search_updates_paused() -> Iterator[None]:
    """Switch index updates off in this thread (bulk loading); rebuild afterwards."""
    _state.paused = getattr(_state, "paused", 0) + 1
    try:
        yield
    finally:
        _state.paused -= 1


def _pending() -> set[int]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
    return _state.pending


def case_index_schedule(*, page_ids: Iterable[int]) -> None:
    """Update these cases in the index once the transaction commits (at once when there
    is no transaction). Several signals for one page in one transaction cost one update."""
    if not search_updates_enabled():
        return
    ids = {int(pk) for pk in page_ids if pk is not None}
    if not ids:
        return
    _pending().update(ids)
    transaction.on_commit(_flush)


def _flush() -> None:
    pending = _pending()
    if not pending:
        return
    ids = set(pending)
    pending.clear()
    case_index_update(page_ids=ids)


def case_index_update(*, page_ids: Iterable[int]) -> None:
    ids = set(page_ids)
    if not ids:
        return
    queryset = CASE_INDEX.queryset().filter(pk__in=ids)
    documents = list(CASE_INDEX.documents(queryset))
    visible = {document["id"] for document in documents}
    get_backend().case_index_update(documents=documents, removed_ids=ids - visible)


def case_index_rebuild(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the case index from the visible cases; returns the number indexed."""
    queryset = CASE_INDEX.queryset()
    total = queryset.count()
    return get_backend().case_index_rebuild(
        documents=CASE_INDEX.documents(queryset), total=total, progress=progress
    )


# -- the site index (search.site) ------------------------------------------------------
def _site_pending() -> set[str]:
    if not hasattr(_state, "site_pending"):
        _state.site_pending = set()
    return _state.site_pending


def site_index_schedule(*, keys: Iterable[str]) -> None:
    """Update these site documents ("<app_label>.<model>:<pk>") once the transaction
    commits; switched off like the case index (setting, `search_updates_paused()`)."""
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


def site_index_rebuild(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the site index from the visible pages; returns the number indexed."""
    return get_backend().site_index_rebuild(progress=progress)
