"""Is the search engine there? For the health endpoint: the database engine always is;
Elasticsearch is asked with a short ping. When it does not answer, searches still work
(they come from the database), so the site is degraded, not down."""

from __future__ import annotations

from .backends import ELASTICSEARCH_BACKEND, backend_path
from .backends.elasticsearch.client import UNAVAILABLE, es_client

#: Seconds the health check waits for Elasticsearch.
PING_TIMEOUT = 1.0


def search_health() -> dict[str, str]:
    """{"engine": "database" | "elasticsearch", "status": "ok" | "degraded"}."""
    if backend_path() != ELASTICSEARCH_BACKEND:
        return {"engine": "database", "status": "ok"}
    try:
        reachable = es_client(timeout=PING_TIMEOUT).ping()
    except UNAVAILABLE:
        reachable = False
    return {"engine": "elasticsearch", "status": "ok" if reachable else "degraded"}
