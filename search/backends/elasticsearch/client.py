"""The engine client (Elasticsearch 8 or OpenSearch 2) and the fallback policy.

- One client per engine, URL and timeout (a shared connection pool), without retries: a
  node that does not answer in time is "down" for this request.
- Both engines are reached through the same calls: Elasticsearch's client as it is,
  OpenSearch's through a small adapter (`opensearch_client.OpenSearchClient`) that speaks
  the part of Elasticsearch's client API the backend uses. The query bodies, mappings and
  analysis chains are shared.
- Every call goes through the engine's circuit breaker (`search.backends.breaker`): after
  a failure the engine is not asked until the cool-off has passed (`BreakerOpen`), so a
  search waits for a timeout at most once per cool-off.
- What counts as unavailable (`UNAVAILABLE`): no connection, a timeout, an error answer,
  an open breaker. A search then answers from the database backend with
  `FALLBACK_NOTICE`; an index write stays in the index outbox (`search.outbox`) and is
  applied when the engine is back.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from elastic_transport import SerializationError, TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch import helpers as es_helpers
from elasticsearch.dsl import Search
from elasticsearch.dsl.response import Response
from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_exceptions

from ...faceted import num_pages_for
from .. import ELASTICSEARCH, OPENSEARCH, engine_kind, engine_url_for
from ..breaker import BreakerOpen, CircuitBreaker, engine_breaker
from .opensearch_client import OpenSearchClient

logger = logging.getLogger("search.backends.elasticsearch")

FALLBACK_NOTICE = _(
    "De uitgebreide zoekmachine is even niet bereikbaar; "
    "deze resultaten komen uit de eenvoudige zoekfunctie."
)
#: What counts as "the engine is not there": no connection, a timeout, an error answer
#: (from either engine's client), or a breaker that is open.
UNAVAILABLE = (TransportError, ApiError, os_exceptions.OpenSearchException, BreakerOpen)
REBUILD_HINT = "the index outbox applies it when the engine is back"

#: Status codes of an engine in trouble (rather than of a request it refused).
_OUTAGE_STATUS = frozenset({429, 500, 502, 503, 504})


def es_url() -> str:
    """The URL of the configured engine (Elasticsearch or OpenSearch), or ""."""
    return engine_url_for(engine_kind())


def es_timeout() -> float:
    return float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 2))


def is_outage(error: BaseException) -> bool:
    """Does this error say the engine is down or overloaded (open the breaker), rather
    than that it refused one request (a bad query, a missing document)?"""
    if isinstance(error, BreakerOpen | SerializationError | os_exceptions.SerializationError):
        return False  # our own data could not be written or read: not the engine's state
    if isinstance(error, ApiError):
        return error.meta.status in _OUTAGE_STATUS
    if isinstance(error, TransportError):  # elastic_transport: connection, timeout, TLS
        return True
    if isinstance(error, os_exceptions.ConnectionError):  # includes ConnectionTimeout
        return True
    if isinstance(error, os_exceptions.TransportError):
        return error.status_code in _OUTAGE_STATUS
    return False


def engine_answered(error: BaseException) -> bool:
    """Did the engine answer (with an error status) before this error was raised?"""
    if isinstance(error, ApiError):
        return True
    if isinstance(error, os_exceptions.TransportError) and not isinstance(
        error, os_exceptions.ConnectionError
    ):
        return isinstance(error.status_code, int)
    return False


@lru_cache(maxsize=8)
def _raw_client(engine: str, url: str, timeout: float) -> Elasticsearch | OpenSearchClient:
    if engine == OPENSEARCH:
        return OpenSearchClient(
            OpenSearch(hosts=[url], timeout=timeout, max_retries=0, retry_on_timeout=False)
        )
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def engine_client(engine: str, *, timeout: float | None = None) -> GuardedClient:
    """The client of `engine` ("elasticsearch" or "opensearch") at its configured URL,
    behind that URL's circuit breaker."""
    url = engine_url_for(engine)
    if not url:
        name = "OPENSEARCH_URL" if engine == OPENSEARCH else "ELASTICSEARCH_URL"
        raise ValueError(f"{name} is not set")
    raw = _raw_client(engine, url, es_timeout() if timeout is None else timeout)
    return GuardedClient(raw, breaker=engine_breaker(url))


def es_client(*, timeout: float | None = None) -> GuardedClient:
    """The client of the configured engine (see `search.backends.engine_kind`)."""
    engine = engine_kind() or ELASTICSEARCH
    return engine_client(engine, timeout=timeout)


#: Attributes of a client that are groups of calls (`client.indices.create(...)`).
_NAMESPACES = frozenset({"indices", "cluster", "nodes", "cat"})


class GuardedClient:
    """A client (Elasticsearch's, or the OpenSearch adapter) whose every call passes the
    circuit breaker: refused at once while it is open; an outage opens it; an answer
    closes it. Namespaces (`indices`) and `options(...)` keep the guard."""

    __slots__ = ("_breaker", "_target")

    def __init__(self, target: Any, *, breaker: CircuitBreaker) -> None:
        self._target = target
        self._breaker = breaker

    @property
    def raw(self) -> Any:
        return self._target

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if name == "options":
            return lambda **kwargs: GuardedClient(value(**kwargs), breaker=self._breaker)
        if name in _NAMESPACES:
            return GuardedClient(value, breaker=self._breaker)
        if callable(value):
            return functools.partial(self._call, value, name)
        return value

    def _call(
        self, function: Callable[..., Any], call_name: str, /, *args: Any, **kwargs: Any
    ) -> Any:
        breaker = self._breaker
        if not breaker.allow():
            raise BreakerOpen(f"search engine breaker open since {breaker.opened_at}")
        reported = False
        try:
            result = function(*args, **kwargs)
        except Exception as error:
            reported = _report(breaker, error)
            raise
        else:
            if call_name == "ping" and result is False:  # the clients' ping swallows errors
                breaker.record_failure("ping failed")
            else:
                breaker.record_success()
            reported = True
        finally:
            if not reported:
                breaker.release_probe()
        return result

    # -- bulk helpers (each engine's own, on the same action format) ----------------------
    def bulk_actions(self, actions: Iterable[dict], **kwargs: Any) -> tuple[int, Any]:
        """`helpers.bulk` of the engine: (number done, errors)."""
        target = self._target
        if isinstance(target, OpenSearchClient):
            return self._call(target.bulk_helper, "bulk", actions, **kwargs)
        return self._call(es_helpers.bulk, "bulk", target, actions, **kwargs)

    def streaming_bulk(self, actions: Iterable[dict], **kwargs: Any) -> Iterator[tuple]:
        """`helpers.streaming_bulk` of the engine: (ok, item) per action."""
        breaker = self._breaker
        if not breaker.allow():
            raise BreakerOpen(f"search engine breaker open since {breaker.opened_at}")
        target = self._target
        reported = False
        try:
            if isinstance(target, OpenSearchClient):
                yield from target.streaming_bulk_helper(actions, **kwargs)
            else:
                yield from es_helpers.streaming_bulk(target, actions, **kwargs)
        except Exception as error:
            reported = _report(breaker, error)
            raise
        else:
            breaker.record_success()
            reported = True
        finally:
            # Also when the consumer stops early (GeneratorExit): a probe must never stay
            # out, or the breaker would refuse every call from then on.
            if not reported:
                breaker.release_probe()


def _report(breaker: CircuitBreaker, error: BaseException) -> bool:
    """Tell the breaker what an error says about the engine; False when it says
    nothing (the call failed before or after the engine's part)."""
    if is_outage(error):
        breaker.record_failure(error)
        return True
    if engine_answered(error):
        breaker.record_success()  # it answered: it is there
        return True
    return False


def log_fallback(what: str, error: Exception) -> None:
    """A search answered from the database because the engine was unavailable."""
    if isinstance(error, BreakerOpen):
        logger.info("Search engine breaker open, %s from the database", what)
    else:
        logger.warning("Search engine unavailable, %s from the database: %s", what, error)


def log_write_skipped(what: str, count: int, error: Exception, *, done: str = "updated") -> None:
    """An index write that reached the database index but not the engine (yet)."""
    logger.warning(
        "Search engine unavailable: %d %s not %s there; %s (%s)",
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
