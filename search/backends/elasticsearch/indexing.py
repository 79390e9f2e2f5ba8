"""Index updates on Elasticsearch or OpenSearch (mixed into ElasticsearchBackend).

Two kinds of writes:

- `faceted_index_update`, `site_index_update`, `site_index_delete` (the backend
  interface) write the database index only, after the change's commit, so the fallback
  always has everything at once;
- `engine_faceted_apply` and `engine_site_apply` write the engine only, and raise when it
  is unavailable (`UNAVAILABLE`) or refuses documents (`DocumentsRefused`). The index
  outbox (`search.outbox`) calls them for the operations recorded with each change, and
  retries until they succeed: an engine outage loses no update.
"""

from __future__ import annotations

from collections.abc import Iterable

from elasticsearch import Elasticsearch

from ...faceted import FacetedIndex
from ...indexes.site import site_documents_for_keys
from ..database import DatabaseBackend
from .client import es_timeout
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
from .rebuild import BULK_CHUNK, BulkItemFailed

#: Seconds an index creation may take.
ADMIN_TIMEOUT = 30.0


class DocumentsRefused(BulkItemFailed):
    """The engine refused some documents of a write (bulk item errors); the others were
    written. `errors`: the refused document ids with the reason for each."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        shown = "; ".join(f"{doc_id}: {reason}" for doc_id, reason in list(errors.items())[:3])
        super().__init__(f"{len(errors)} document(s) refused ({shown})")


class IndexingMixin:
    client: Elasticsearch
    database: DatabaseBackend

    # -- the database index (after the commit) -------------------------------------------
    def faceted_index_update(
        self, index: FacetedIndex, *, documents: Iterable[dict], removed_ids: Iterable[int]
    ) -> None:
        self.database.faceted_index_update(index, documents=documents, removed_ids=removed_ids)

    def site_index_update(self, keys: Iterable[str]) -> None:
        self.database.site_index_update(keys)

    def site_index_delete(self, keys: Iterable[str]) -> None:
        self.database.site_index_delete(keys)

    # -- the engine (the outbox's writes) ------------------------------------------------
    def engine_faceted_apply(
        self, index: FacetedIndex, *, documents: Iterable[dict], removed_ids: Iterable[int]
    ) -> None:
        """Store `documents` in the engine and drop `removed_ids`, in bulk; raises when the
        engine is unavailable or refuses a document."""
        documents = list(documents)
        removed_ids = set(removed_ids)
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
        self._engine_bulk(actions, alias=alias)

    def engine_site_apply(self, keys: Iterable[str]) -> None:
        """Write the current documents of `keys` to the engine's site index (the visible
        ones stored, the others removed); raises like `engine_faceted_apply`."""
        keys = set(keys)
        if not keys:
            return
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
        self._engine_bulk(actions, alias=alias)

    def _engine_bulk(self, actions: list[dict], *, alias: str) -> None:
        """Send `actions` in bulk, then refresh once (an editor sees the change in the next
        search). Deleting a document that is not there is fine; any other refused item
        raises `DocumentsRefused` after the rest is written."""
        errors: dict[str, str] = {}
        for ok, item in self.client.streaming_bulk(
            actions, chunk_size=BULK_CHUNK, raise_on_error=False
        ):
            if ok:
                continue
            (op_type, info), *_ = item.items()
            if op_type == "delete" and info.get("status") == 404:
                continue
            errors[str(info.get("_id"))] = str(info.get("error") or info.get("status"))[:500]
        self.client.indices.refresh(index=alias)
        if errors:
            raise DocumentsRefused(errors)

    def ensure_faceted_index(self, index: FacetedIndex) -> str:
        """The alias of a faceted index, created on a new empty index when there is none."""
        alias = alias_for(index.name)
        if not self.client.indices.exists_alias(name=alias):
            name = new_index_name(index.name)
            client = self._admin_client()
            faceted_index(index, name).create(using=client)
            client.indices.put_alias(index=name, name=alias)
        return alias

    def ensure_site_index(self) -> str:
        """The site alias, created on a new empty index when there is none yet."""
        alias = site_alias()
        if not self.client.indices.exists_alias(name=alias):
            name = new_index_name(SITE_INDEX_NAME)
            client = self._admin_client()
            site_index(name).create(using=client)
            client.indices.put_alias(index=name, name=alias)
        return alias

    def _admin_client(self) -> Elasticsearch:
        """The client with time for creating an index (a node that just answered may
        need longer for that than for a search); a timeout there would leave an index
        without its alias."""
        return self.client.options(request_timeout=max(ADMIN_TIMEOUT, es_timeout()))
