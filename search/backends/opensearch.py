"""The OpenSearch 2 backend: the Elasticsearch backend's code (queries, mappings, Dutch
analysis, alias rebuilds, outbox, breaker) on OpenSearch's client.

Chosen when `OPENSEARCH_URL` is set or `SEARCH_ENGINE = "opensearch"` (see
`search.backends.backend_path`). Many Dutch public-sector hosts offer OpenSearch
(Apache 2.0) rather than Elasticsearch; the site behaves the same on either.
"""

from __future__ import annotations

from . import OPENSEARCH
from .elasticsearch import ElasticsearchBackend


class OpenSearchBackend(ElasticsearchBackend):
    name = OPENSEARCH
