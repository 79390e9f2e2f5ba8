"""The Elasticsearch 8 backend (and, on the same code, OpenSearch 2), with the database
backend as its safety net.

Chosen when `ELASTICSEARCH_URL` is set (see `search.backends.backend_path`);
`search.backends.opensearch` runs it on OpenSearch. One module per concern:

- `client`: the guarded client of either engine, what counts as unavailable, and the
  fallback notice; `opensearch_client` adapts OpenSearch's client;
- `mappings`: the index definitions (a faceted index's from its definition, the site's);
- `faceted`: faceted search, stored documents and similar documents;
- `site`: site search, "bedoelde u" and the title autocomplete;
- `indexing`: index updates, written to both engines;
- `rebuild`: the rebuild behind an alias.

If Elasticsearch is unreachable, slow (`ELASTICSEARCH_TIMEOUT`, 2 s) or answers with an
error, a search is answered by the database backend with a short Dutch notice, never a
500, and an index write reaches the database index only (logged).
"""

from __future__ import annotations

from .. import ELASTICSEARCH
from ..breaker import OPEN, engine_breaker
from ..database import DatabaseBackend
from .client import FALLBACK_NOTICE, UNAVAILABLE, GuardedClient, engine_client, es_client
from .faceted import FacetedSearchMixin
from .indexing import IndexingMixin
from .rebuild import BulkItemFailed, RebuildMixin
from .site import SiteSearchMixin

__all__ = [
    "FALLBACK_NOTICE",
    "UNAVAILABLE",
    "BulkItemFailed",
    "ElasticsearchBackend",
    "engine_client",
    "es_client",
]


class ElasticsearchBackend(FacetedSearchMixin, SiteSearchMixin, IndexingMixin, RebuildMixin):
    """Elasticsearch 8; `search.backends.opensearch.OpenSearchBackend` is the same
    backend on OpenSearch 2's client."""

    name = ELASTICSEARCH

    def __init__(self) -> None:
        self.database = DatabaseBackend()

    @property
    def client(self) -> GuardedClient:
        return engine_client(self.name)

    def engine_status(self, *, timeout: float = 1.0) -> str:
        """ "up", "down" or "breaker_open" (the engine failed recently and is not asked
        until its cool-off has passed; then this check may be the probe)."""
        breaker = engine_breaker(self.engine_url())
        if breaker.state == OPEN:
            return "breaker_open"
        try:
            reachable = engine_client(self.name, timeout=timeout).ping()
        except (ValueError, *UNAVAILABLE):  # ValueError: no URL configured for the engine
            reachable = False
        if reachable:
            return "up"
        return "breaker_open" if breaker.state == OPEN else "down"

    def engine_url(self) -> str:
        from .. import engine_url_for  # noqa: PLC0415

        return engine_url_for(self.name)
