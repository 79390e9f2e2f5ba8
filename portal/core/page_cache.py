"""Caches of what the page tree looks like: the same for every visitor, so built once
and kept in Django's cache until the tree changes.

One token, the *page-tree generation*, stands for the state of the tree. Every cached
value's key holds the generation it was built under, so a change makes every old value
unreachable at once (they expire on their own). The token changes, after the
transaction commits, when a page is saved, published, unpublished, moved or deleted,
when a page's privacy (view restriction) changes and when a site changes.

Thread-safe, and safe across processes that share the cache (Redis; see the timeouts
for a process-local cache): a value is only ever read under the generation it was
built under; a request that builds a value from the old tree while a change
commits stores it under the old generation, where no later request looks. Building is
idempotent, so two requests that build at once both store the same value.

Users of the cache (the main menu, course outlines, the footer) build plain values
(or page objects without per-request state); `page_is_public` answers Wagtail's
`.public()` for one page from a cached list of restricted paths, without a query.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

T = TypeVar("T")

#: The cache key of the generation token; "v1" changes when the shape of cached values does.
GENERATION_KEY = "portal:page-tree:v1:generation"
KEY_PREFIX = "portal:page-tree:v1"
#: How long a value lives. With a shared cache (Redis) a change reaches every process at
#: once, so the hour is only a backstop. A process-local cache (LocMem, the embedded
#: default) cannot tell other worker processes of a change (the process that made it
#: knows at once): there a value lives ten seconds, so a change (a page made private
#: too) shows in every worker within ten seconds, and a busy worker still builds each
#: value only once in ten seconds. Set REDIS_URL to run several workers without it.
SHARED_TIMEOUT = 60 * 60
LOCAL_TIMEOUT = 10
_MISSING = object()


def generation_token(key: str) -> str:
    """The current token under `key` (a new one when the cache lost it): values cached
    under a token become unreachable at once when `generation_renew(key)` runs."""
    generation = cache.get(key)
    if generation is None:
        cache.add(key, uuid.uuid4().hex, None)
        generation = cache.get(key) or "fallback"
    return generation


def generation_renew(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, None)


def page_tree_generation() -> str:
    """The current page-tree generation token."""
    return generation_token(GENERATION_KEY)


def _new_generation() -> None:
    generation_renew(GENERATION_KEY)


def page_tree_changed() -> None:
    """Start a new generation now (this request sees its own change) and again once the
    transaction commits, so a value another request built from the tree before the
    change became visible is left behind too."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _timeout() -> int:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    local = backend.endswith(("LocMemCache", "DummyCache"))
    return LOCAL_TIMEOUT if local else SHARED_TIMEOUT


def page_tree_cached(key: str, build: Callable[[], T], *, timeout: int | None = None) -> T:
    """`build()`'s value for `key` under the current generation, built on a miss."""
    full_key = f"{KEY_PREFIX}:{page_tree_generation()}:{key}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(full_key, value, timeout if timeout is not None else _timeout())
    return value  # type: ignore[return-value]


def restricted_paths() -> tuple[str, ...]:
    """The tree paths of every page with a view restriction (its subtree is private)."""
    return page_tree_cached(
        "restricted-paths",
        lambda: tuple(
            PageViewRestriction.objects.order_by("page__path").values_list("page__path", flat=True)
        ),
    )


def page_is_public(page: Page) -> bool:
    """What Wagtail's `.public()` says of `page`: neither it nor an ancestor is
    restricted. No query once the restricted paths are cached."""
    return not any(page.path.startswith(path) for path in restricted_paths())


# --------------------------------------------------------------------- invalidation


def _changed(**_kwargs: Any) -> None:
    page_tree_changed()


def _page_saved_or_deleted(sender: type, **kwargs: Any) -> None:
    if issubclass(sender, Page):
        page_tree_changed()


def page_cache_connect() -> None:
    """Connect the signals that start a new generation (from CoreConfig.ready)."""
    uid = "portal.core.page_cache"
    page_published.connect(_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(_changed, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(_changed, dispatch_uid=f"{uid}.moved")
    post_save.connect(_page_saved_or_deleted, dispatch_uid=f"{uid}.saved")
    post_delete.connect(_page_saved_or_deleted, dispatch_uid=f"{uid}.deleted")
    for model in (PageViewRestriction, Site):
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.saved")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.deleted")
