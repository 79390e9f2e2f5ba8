"""Rebuilding an Elasticsearch index behind its alias (mixed into ElasticsearchBackend).

A new timestamped index is filled (streaming bulk, no refreshes while loading),
refreshed, and the alias moves to it in one `update_aliases` call; older indexes are
deleted after. Readers use the alias, so they see the old index until the new one is
complete. A rebuild writes the database index in the same pass (in its transaction), so
the fallback stays complete.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.dsl import Index

from ...faceted import FacetedIndex
from ...indexes.site import site_documents
from ..database import DatabaseBackend
from .client import UNAVAILABLE, es_timeout
from .mappings import (
    SITE_INDEX_NAME,
    alias_for,
    faceted_index,
    faceted_source,
    new_index_name,
    pattern_for,
    site_index,
    site_source,
)

logger = logging.getLogger("search.backends.elasticsearch")

BULK_CHUNK = 500
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IndexKind:
    """What differs between indexes in a rebuild: names, definition, ids and sources."""

    name: str
    index: Callable[[str], Index]
    doc_id: Callable[[Any], str]
    source: Callable[[Any], dict]

    @classmethod
    def faceted(cls, definition: FacetedIndex) -> IndexKind:
        return cls(
            name=definition.name,
            index=lambda name: faceted_index(definition, name),
            doc_id=lambda document: str(document["id"]),
            source=lambda document: faceted_source(definition, document),
        )

    @classmethod
    def site(cls) -> IndexKind:
        return cls(
            name=SITE_INDEX_NAME,
            index=site_index,
            doc_id=lambda document: document.key,
            source=site_source,
        )


class BulkItemFailed(Exception):
    """Elasticsearch refused a document of a rebuild."""


class AliasRebuild:
    """Fill a new timestamped index, then move the alias to it and drop older ones.

    Not strict (the site's rebuilds): a failure while loading is logged and the new index
    dropped; the alias stays on the old, complete index. Strict: failures raise.
    """

    def __init__(self, client: Elasticsearch, *, kind: IndexKind, strict: bool = False) -> None:
        # Bulk loads and index creation get more time than a search.
        self.client = client.options(request_timeout=max(60.0, es_timeout()))
        self.strict = strict
        self.kind = kind
        self.name = ""
        self.buffer: list[Any] = []
        self.failed = False
        self.count = 0

    def start(self) -> None:
        self.name = new_index_name(self.kind.name)
        index = self.kind.index(self.name)
        index.settings(refresh_interval="-1")  # no refreshes while loading
        index.create(using=self.client)

    def add(self, document: Any) -> None:
        if self.failed:
            return
        self.buffer.append(document)
        if len(self.buffer) >= BULK_CHUNK:
            self._flush()

    def _flush(self) -> None:
        batch, self.buffer = self.buffer, []
        actions = (
            {"_index": self.name, "_id": self.kind.doc_id(doc), "_source": self.kind.source(doc)}
            for doc in batch
        )
        try:
            for ok, item in self.client.streaming_bulk(
                actions, chunk_size=BULK_CHUNK, raise_on_error=False
            ):
                if not ok:
                    raise BulkItemFailed(str(item)[:500])
                self.count += 1
        except (*UNAVAILABLE, BulkItemFailed) as error:
            self._fail(error)

    def _fail(self, error: Exception) -> None:
        self.failed = True
        logger.warning("Elasticsearch rebuild failed, the alias keeps the old index: %s", error)
        try:
            self.client.indices.delete(index=self.name, ignore_unavailable=True)
        except UNAVAILABLE:
            pass
        if self.strict:
            raise error

    def finish(self) -> None:
        if not self.failed and self.buffer:
            self._flush()
        if self.failed:
            return
        alias = alias_for(self.kind.name)
        try:
            self.client.indices.put_settings(
                index=self.name, settings={"index": {"refresh_interval": "1s"}}
            )
            self.client.indices.refresh(index=self.name)
            current = (
                list(self.client.indices.get_alias(name=alias))
                if self.client.indices.exists_alias(name=alias)
                else []
            )
            actions = [{"remove": {"index": old, "alias": alias}} for old in current]
            actions.append({"add": {"index": self.name, "alias": alias}})
            self.client.indices.update_aliases(actions=actions)
            old = [
                name
                for name in self.client.indices.get(index=pattern_for(self.kind.name))
                if name != self.name
            ]
            if old:
                self.client.indices.delete(index=",".join(old), ignore_unavailable=True)
        except UNAVAILABLE as error:
            self._fail(error)


class RebuildMixin:
    client: Elasticsearch
    database: DatabaseBackend

    def faceted_index_rebuild(
        self,
        index: FacetedIndex,
        *,
        documents: Iterable[dict],
        total: int,
        progress: Progress | None = None,
        engine_rebuilt: Callable[[], object] | None = None,
    ) -> int:
        """Rebuild both engines from one pass over `documents`: the database index in
        its transaction, the engine in a new index behind the alias. `engine_rebuilt` is
        called once the alias points at the new, complete index (not when the engine was
        unavailable): the index outbox marks done what the rebuild covered."""
        rebuild: AliasRebuild | None = AliasRebuild(self.client, kind=IndexKind.faceted(index))
        try:
            rebuild.start()
        except UNAVAILABLE as error:
            logger.warning(
                "Elasticsearch unavailable: rebuilding the database index only (%s)", error
            )
            rebuild = None

        def both() -> Iterator[dict]:
            for document in documents:
                if rebuild is not None:
                    rebuild.add(document)
                yield document

        count = self.database.faceted_index_rebuild(
            index, documents=both(), total=total, progress=progress
        )
        if rebuild is not None:
            rebuild.finish()
            if not rebuild.failed and engine_rebuilt is not None:
                engine_rebuilt()
        return count

    def es_faceted_index_rebuild(
        self,
        index: FacetedIndex,
        *,
        documents: Iterable[dict],
        total: int,
        progress: Progress | None = None,
    ) -> int:
        """Rebuild the Elasticsearch index only (the benchmark; raises when unavailable)."""
        rebuild = AliasRebuild(self.client, kind=IndexKind.faceted(index), strict=True)
        rebuild.start()
        done = 0
        iterator = iter(documents)
        while batch := list(islice(iterator, BULK_CHUNK)):
            for document in batch:
                rebuild.add(document)
            done += len(batch)
            if progress:
                progress(done, total)
        rebuild.finish()
        return done

    def engine_faceted_rebuild(self, index: FacetedIndex) -> int:
        """Rebuild the engine's copy of a faceted index from the visible objects (the
        index outbox, after a rebuild that could not reach the engine); raises when the
        engine is unavailable or refuses a document, leaving the old index in place."""
        queryset = index.queryset()
        return self.es_faceted_index_rebuild(
            index, documents=index.documents(queryset), total=queryset.count()
        )

    def engine_site_rebuild(self) -> int:
        """Rebuild the engine's site index only (as `engine_faceted_rebuild`)."""
        rebuild = AliasRebuild(self.client, kind=IndexKind.site(), strict=True)
        rebuild.start()
        for document in site_documents():
            rebuild.add(document)
        rebuild.finish()
        return rebuild.count

    def site_index_rebuild(
        self,
        progress: Progress | None = None,
        engine_rebuilt: Callable[[], object] | None = None,
    ) -> int:
        """Rebuild the database site index (in its transaction, so the fallback stays
        complete), then a new engine site index behind the alias. An unreachable engine
        leaves its old index in place (logged); `engine_rebuilt` as for a faceted index."""
        count = self.database.site_index_rebuild(progress=progress)
        rebuild = AliasRebuild(self.client, kind=IndexKind.site())
        try:
            rebuild.start()
        except UNAVAILABLE as error:
            logger.warning(
                "Elasticsearch unavailable: rebuilt the database site index only (%s)", error
            )
            return count
        for document in site_documents():
            rebuild.add(document)
        rebuild.finish()
        if not rebuild.failed and engine_rebuilt is not None:
            engine_rebuilt()
        return count
