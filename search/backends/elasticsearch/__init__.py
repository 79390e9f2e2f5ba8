"""The Elasticsearch 8 backend, with the database backend as its safety net.

Chosen when `ELASTICSEARCH_URL` is set (see `search.backends.backend_path`). One module
per concern:

- `client`: the client, what counts as unavailable, and the fallback notice;
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

from elasticsearch import Elasticsearch

from ..database import DatabaseBackend
from .client import FALLBACK_NOTICE, UNAVAILABLE, es_client
from .faceted import FacetedSearchMixin
from .indexing import IndexingMixin
from .rebuild import BulkItemFailed, RebuildMixin
from .site import SiteSearchMixin

__all__ = [
    "FALLBACK_NOTICE",
    "UNAVAILABLE",
    "BulkItemFailed",
    "ElasticsearchBackend",
    "es_client",
]


class ElasticsearchBackend(FacetedSearchMixin, SiteSearchMixin, IndexingMixin, RebuildMixin):
    name = "elasticsearch"

    def __init__(self) -> None:
        self.database = DatabaseBackend()

    @property
    def client(self) -> Elasticsearch:
        return es_client()
