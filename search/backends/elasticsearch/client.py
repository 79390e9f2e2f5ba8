"""The Elasticsearch client and the fallback policy.

- One client per URL and timeout (a shared connection pool), without retries: a node
  that does not answer in time is "down" for this request.
- What counts as unavailable (`UNAVAILABLE`): no connection, a timeout, an error answer.
  A search then answers from the database backend with `FALLBACK_NOTICE`; an index write
  is logged and skipped (the database index is always written too, so the fallback has
  everything; `search_index --rebuild` catches Elasticsearch up).
"""

from __future__ import annotations

import logging
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.dsl import Search
from elasticsearch.dsl.response import Response

from ...faceted import num_pages_for

logger = logging.getLogger("search.backends.elasticsearch")

FALLBACK_NOTICE = _(
    "De uitgebreide zoekmachine is even niet bereikbaar; "
    "deze resultaten komen uit de eenvoudige zoekfunctie."
)
#: What counts as "Elasticsearch is not there": no connection, a timeout, an error answer.
UNAVAILABLE = (TransportError, ApiError)
REBUILD_HINT = "run `manage.py search_index --rebuild` when it is back"


def es_url() -> str:
    return getattr(settings, "ELASTICSEARCH_URL", "") or ""


def es_timeout() -> float:
    return float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 2))


@lru_cache(maxsize=8)
def _client(url: str, timeout: float) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def es_client(*, timeout: float | None = None) -> Elasticsearch:
    """The client for ELASTICSEARCH_URL (shared, one connection pool per URL)."""
    url = es_url()
    if not url:
        raise ValueError("ELASTICSEARCH_URL is not set")
    return _client(url, es_timeout() if timeout is None else timeout)


def log_fallback(what: str, error: Exception) -> None:
    """A search answered from the database because Elasticsearch was unavailable."""
    logger.warning("Elasticsearch unavailable, %s from the database: %s", what, error)


def log_write_skipped(what: str, count: int, error: Exception, *, done: str = "updated") -> None:
    """An index write that reached the database index but not Elasticsearch."""
    logger.warning(
        "Elasticsearch unavailable: %d %s not %s there; %s (%s)",
        count,
        what,
        done,
        REBUILD_HINT,
        error,
    )


#: Deepest result a page may reach (from + size); the indexes allow this window.
MAX_RESULT_WINDOW = 100_000


def execute_page(search: Search, *, page: int, per_page: int) -> tuple[Response, int, int]:
    """Run `search` for one page: (response, page, number of pages). A page past the end
    gives the last page, as the database backend does."""
    page = min(page, max(1, MAX_RESULT_WINDOW // per_page))
    response = search[(page - 1) * per_page : page * per_page].execute()
    num_pages = num_pages_for(response.hits.total.value, per_page)
    if page > num_pages:
        page = min(num_pages, max(1, MAX_RESULT_WINDOW // per_page))
        response = search[(page - 1) * per_page : page * per_page].execute()
    return response, page, num_pages
