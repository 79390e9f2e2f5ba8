"""OpenSearch 2 behind the part of Elasticsearch 8's client API the backend uses.

elasticsearch-py refuses servers that are not Elasticsearch, so OpenSearch needs its own
client (`opensearch-py`). Rather than a second backend, this adapter lets the one backend
(queries built with `elasticsearch.dsl`, the same mappings and analysis) talk to either
engine. What differs is small and kept here:

- Elasticsearch 8 takes body fields as keyword arguments (`query=...`,
  `update_aliases(actions=...)`, `put_settings(settings=...)`); opensearch-py takes a
  `body`;
- Elasticsearch's answers carry their JSON in `.body` (read by `elasticsearch.dsl`);
  opensearch-py returns the dict itself;
- per-request options: `options(ignore_status=..., request_timeout=...)` become
  opensearch-py's `ignore` and `request_timeout` arguments;
- the bulk helpers are each client's own (same action format).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy import helpers as os_helpers

#: Keyword arguments Elasticsearch 8's `search`/`count` take that belong in the body.
_BODY_FIELDS = frozenset(
    {
        "query",
        "aggs",
        "aggregations",
        "post_filter",
        "sort",
        "size",
        "from_",
        "highlight",
        "suggest",
        "track_total_hits",
        "source",
        "_source",
        "min_score",
        "collapse",
        "search_after",
    }
)


class ApiBody(dict):
    """A JSON answer that also reads as Elasticsearch's `ObjectApiResponse` (`.body`)."""

    @property
    def body(self) -> dict:
        return self


def _answer(value: Any) -> Any:
    return ApiBody(value) if isinstance(value, dict) else value


def _split_body(kwargs: dict[str, Any], body: dict | None) -> tuple[dict | None, dict]:
    fields = {key: kwargs.pop(key) for key in list(kwargs) if key in _BODY_FIELDS}
    if not fields:
        return body, kwargs
    merged = dict(body or {})
    for key, value in fields.items():
        merged["from" if key == "from_" else "_source" if key == "source" else key] = value
    return merged, kwargs


class _Namespace:
    """`client.indices` (and friends) with the per-request options applied."""

    def __init__(self, target: Any, options: dict[str, Any]) -> None:
        self._target = target
        self._options = options

    def __getattr__(self, name: str) -> Any:
        function = getattr(self._target, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            return _answer(function(*args, **{**self._options, **kwargs}))

        return call

    # Elasticsearch 8 spells these bodies as keyword arguments.
    def update_aliases(self, *, actions: list[dict], **kwargs: Any) -> Any:
        return _answer(
            self._target.update_aliases(body={"actions": actions}, **{**self._options, **kwargs})
        )

    def put_settings(self, *, settings: dict, index: str | None = None, **kwargs: Any) -> Any:
        return _answer(
            self._target.put_settings(body=settings, index=index, **{**self._options, **kwargs})
        )


class OpenSearchClient:
    """An `opensearchpy.OpenSearch` that answers the calls the backend makes the way
    Elasticsearch 8's client does."""

    def __init__(self, client: OpenSearch, options: dict[str, Any] | None = None) -> None:
        self._client = client
        self._options = dict(options or {})

    def options(
        self,
        *,
        ignore_status: int | Iterable[int] | None = None,
        request_timeout: float | None = None,
        **_ignored: Any,
    ) -> OpenSearchClient:
        options = dict(self._options)
        if ignore_status is not None:
            options["ignore"] = (
                ignore_status if isinstance(ignore_status, int) else tuple(ignore_status)
            )
        if request_timeout is not None:
            options["request_timeout"] = request_timeout
        return OpenSearchClient(self._client, options)

    def _with_options(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        return {**self._options, **kwargs}

    @property
    def indices(self) -> _Namespace:
        return _Namespace(self._client.indices, self._options)

    @property
    def cluster(self) -> _Namespace:
        return _Namespace(self._client.cluster, self._options)

    def ping(self, **kwargs: Any) -> bool:
        return bool(self._client.ping(**self._with_options(kwargs)))

    def info(self, **kwargs: Any) -> Any:
        return _answer(self._client.info(**self._with_options(kwargs)))

    def search(self, *, index: Any = None, body: dict | None = None, **kwargs: Any) -> ApiBody:
        body, params = _split_body(kwargs, body)
        return ApiBody(self._client.search(index=index, body=body, **self._with_options(params)))

    def count(self, *, index: Any = None, body: dict | None = None, **kwargs: Any) -> ApiBody:
        body, params = _split_body(kwargs, body)
        return ApiBody(self._client.count(index=index, body=body, **self._with_options(params)))

    def get(self, *, index: str, id: str, **kwargs: Any) -> ApiBody:  # noqa: A002 (API name)
        return ApiBody(self._client.get(index=index, id=id, **self._with_options(kwargs)))

    def exists(self, *, index: str, id: str, **kwargs: Any) -> bool:  # noqa: A002
        return bool(self._client.exists(index=index, id=id, **self._with_options(kwargs)))

    def index(self, *, index: str, document: dict, id: str | None = None, **kwargs: Any) -> Any:  # noqa: A002
        return _answer(
            self._client.index(index=index, body=document, id=id, **self._with_options(kwargs))
        )

    def delete(self, *, index: str, id: str, **kwargs: Any) -> Any:  # noqa: A002
        return _answer(self._client.delete(index=index, id=id, **self._with_options(kwargs)))

    # -- bulk -------------------------------------------------------------------------------
    def bulk_helper(self, actions: Iterable[dict], **kwargs: Any) -> tuple[int, Any]:
        return os_helpers.bulk(self._client, actions, **self._with_options(kwargs))

    def streaming_bulk_helper(self, actions: Iterable[dict], **kwargs: Any) -> Iterator[tuple]:
        return os_helpers.streaming_bulk(self._client, actions, **self._with_options(kwargs))
