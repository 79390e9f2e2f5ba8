"""Index updates on Elasticsearch (mixed into ElasticsearchBackend).

Every write goes to both engines: the database index first (it stays complete, so the
fallback has everything), then Elasticsearch. A failed Elasticsearch write is logged and
skipped, so publishing keeps working; `search_index --rebuild` catches up.
"""

from __future__ import annotations

from collections.abc import Iterable

from elasticsearch import Elasticsearch, helpers

from ...faceted import FacetedIndex
from ...indexes.site import site_documents_for_keys
from ..database import DatabaseBackend
from .client import UNAVAILABLE, log_write_skipped
from .mappings import (
    SITE_INDEX_NAME,
    alias_for,
    faceted_index,
    faceted_source,
    new_index_name,
    site_alias,
    site_index,
    site_source,
)


class IndexingMixin:
    client: Elasticsearch
    database: DatabaseBackend

    # -- faceted indexes -----------------------------------------------------------------
    def faceted_index_update(
        self, index: FacetedIndex, *, documents: Iterable[dict], removed_ids: Iterable[int]
    ) -> None:
        documents = list(documents)
        removed_ids = set(removed_ids)
        self.database.faceted_index_update(index, documents=documents, removed_ids=removed_ids)
        try:
            self.es_faceted_index_update(index, documents=documents, removed_ids=removed_ids)
        except UNAVAILABLE as error:
            log_write_skipped(f"{index.name} document(s)", len(documents) + len(removed_ids), error)

    def es_faceted_index_update(
        self, index: FacetedIndex, *, documents: list[dict], removed_ids: set[int]
    ) -> None:
        if not documents and not removed_ids:
            return
        alias = self.ensure_faceted_index(index)
        actions = [
            {
                "_op_type": "index",
                "_index": alias,
                "_id": str(document["id"]),
                "_source": faceted_source(index, document),
            }
            for document in documents
        ] + [{"_op_type": "delete", "_index": alias, "_id": str(pk)} for pk in sorted(removed_ids)]
        # refresh: an editor sees the change in the next search at once.
        helpers.bulk(self.client, actions, refresh=True, raise_on_error=False)

    def ensure_faceted_index(self, index: FacetedIndex) -> str:
        """The alias of a faceted index, created on a new empty index when there is none."""
        alias = alias_for(index.name)
        if not self.client.indices.exists_alias(name=alias):
            name = new_index_name(index.name)
            faceted_index(index, name).create(using=self.client)
            self.client.indices.put_alias(index=name, name=alias)
        return alias

    # -- the site index ------------------------------------------------------------------
    def site_index_update(self, keys: Iterable[str]) -> None:
        keys = set(keys)
        if not keys:
            return
        self.database.site_index_update(keys)
        try:
            self.es_site_index_update(keys)
        except UNAVAILABLE as error:
            log_write_skipped("site document(s)", len(keys), error)

    def es_site_index_update(self, keys: set[str]) -> None:
        documents = site_documents_for_keys(keys)
        alias = self.ensure_site_index()
        found = {document.key for document in documents}
        actions = [
            {
                "_op_type": "index",
                "_index": alias,
                "_id": document.key,
                "_source": site_source(document),
            }
            for document in documents
        ] + [{"_op_type": "delete", "_index": alias, "_id": key} for key in sorted(keys - found)]
        helpers.bulk(self.client, actions, refresh=True, raise_on_error=False)

    def site_index_delete(self, keys: Iterable[str]) -> None:
        keys = set(keys)
        if not keys:
            return
        self.database.site_index_delete(keys)
        try:
            alias = self.ensure_site_index()
            actions = [{"_op_type": "delete", "_index": alias, "_id": key} for key in sorted(keys)]
            helpers.bulk(self.client, actions, refresh=True, raise_on_error=False)
        except UNAVAILABLE as error:
            log_write_skipped("site document(s)", len(keys), error, done="removed")

    def ensure_site_index(self) -> str:
        """The site alias, created on a new empty index when there is none yet."""
        alias = site_alias()
        if not self.client.indices.exists_alias(name=alias):
            name = new_index_name(SITE_INDEX_NAME)
            site_index(name).create(using=self.client)
            self.client.indices.put_alias(index=name, name=alias)
        return alias
