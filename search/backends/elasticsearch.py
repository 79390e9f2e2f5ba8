"""The Elasticsearch 8 backend, with the database backend as its safety net.

Chosen when `ELASTICSEARCH_URL` is set (see `search.backends.backend_path`).

- Searching: one request through `elasticsearch.dsl.Search`: the free text (every word
  required, title hits weigh more), the problem domains as one term filter per domain
  (AND) in the query, the other facets (OR within a facet) as a `post_filter`, and per
  facet a filter aggregation holding every *other* facet's filter around a terms
  aggregation: the counts equal the database backend's.
- Failure: if Elasticsearch is unreachable, slow (`ELASTICSEARCH_TIMEOUT`, 2 s) or
  answers with an error, the search is answered by the database backend with a short
  Dutch notice, never a 500.
- Indexing writes to both engines: the database index stays complete, so the fallback
  has every case. A failed Elasticsearch write is logged and skipped (publishing keeps
  working); the next `search_index --rebuild` catches up.
- Rebuild: a new timestamped index is filled (streaming bulk), refreshed, and the alias
  moves to it in one `update_aliases` call; older indexes are deleted after. Readers use
  the alias, so they see the old index until the new one is complete.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch.dsl import A, Index, Q, Search

from ..cases import (
    SORT_COSTS_PREVENTED,
    SORT_YEAR,
    CaseHit,
    CaseSearchParams,
    CaseSearchResult,
    facet_from_counts,
    num_pages_for,
)
from ..es_indexes import (
    FACET_SIZE,
    MAX_RESULT_WINDOW,
    case_alias,
    case_index,
    case_index_pattern,
    es_source,
    new_case_index_name,
    new_site_index_name,
    site_alias,
    site_es_source,
    site_index,
    site_index_pattern,
)
from ..facets import CASE_FACETS, FacetDefinition, Operator
from ..indexes.site import site_documents, site_documents_for_keys
from ..models import SiteDocument
from ..site import (
    SUGGEST_BELOW,
    SiteHit,
    SiteSearchParams,
    SiteSearchResult,
    suggestion_for,
    type_facets_from_counts,
    type_label,
    vocabulary_from_titles,
)
from ..synonyms import synonym_groups, synonym_vocabulary
from ..text import MAX_QUERY_TERMS, normalise, stemmed_text, tokens
from .database import SIMILAR_CANDIDATES, DatabaseBackend
from .database_site import SITE_VOCABULARY_CACHE_KEY, SITE_VOCABULARY_SECONDS

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = _(
    "De uitgebreide zoekmachine is even niet bereikbaar; "
    "deze resultaten komen uit de eenvoudige zoekfunctie."
)
#: What counts as "Elasticsearch is not there": no connection, a timeout, an error answer.
UNAVAILABLE = (TransportError, ApiError)
BULK_CHUNK = 500
#: A case shares a domain or law: worth more than any text similarity.
SHARED_WEIGHT = 1000


def es_url() -> str:
    return getattr(settings, "ELASTICSEARCH_URL", "") or ""


def es_timeout() -> float:
    return float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 2))


@lru_cache(maxsize=8)
def _client(url: str, timeout: float) -> Elasticsearch:
    # No retries: a node that does not answer in time is "down" for this request.
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def es_client(*, timeout: float | None = None) -> Elasticsearch:
    """The client for ELASTICSEARCH_URL (shared, one connection pool per URL)."""
    url = es_url()
    if not url:
        raise ValueError("ELASTICSEARCH_URL is not set")
    return _client(url, es_timeout() if timeout is None else timeout)


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self) -> None:
        self.database = DatabaseBackend()

    @property
    def client(self) -> Elasticsearch:
        return es_client()

    # -- searching -----------------------------------------------------------------
    def case_search(self, params: CaseSearchParams) -> CaseSearchResult:
        try:
            return self.es_case_search(params)
        except UNAVAILABLE as error:
            logger.warning("Elasticsearch unavailable, case search from the database: %s", error)
            result = self.database.case_search(params)
            return dataclasses.replace(result, notice=str(FALLBACK_NOTICE))

    def es_case_search(self, params: CaseSearchParams) -> CaseSearchResult:
        """The search on Elasticsearch only (raises when it is not available)."""
        filters = {
            facet.name: _facet_filters(facet, params.selected(facet)) for facet in CASE_FACETS
        }
        # request_cache: a repeated search (the plain listing, a popular facet) is
        # answered from the shard cache until the index changes; Elasticsearch caches
        # requests with hits only when asked.
        search = (
            Search(using=self.client, index=case_alias())
            .extra(track_total_hits=True)
            .params(request_cache=True)
        )
        text = _text_query(params.q)
        and_filters = [
            q
            for facet in CASE_FACETS
            if facet.operator is Operator.AND
            for q in filters[facet.name]
        ]
        search = search.query(Q("bool", must=text or [Q("match_all")], filter=and_filters))
        or_facets = [facet for facet in CASE_FACETS if facet.operator is Operator.OR]
        post = [q for facet in or_facets for q in filters[facet.name]]
        if post:
            search = search.post_filter(Q("bool", filter=post))
        for facet in CASE_FACETS:
            others = [
                q for other in or_facets if other.name != facet.name for q in filters[other.name]
            ]
            bucket = A("filter", filter=Q("bool", filter=others))
            bucket.bucket("values", "terms", field=facet.field, size=FACET_SIZE)
            search.aggs.bucket(facet.name, bucket)
        search = search.sort(*_sort(params)).source(excludes=["text"])
        if params.q:
            search = search.highlight(
                "text",
                fragment_size=160,
                number_of_fragments=1,
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                encoder="html",
            )

        per_page = params.per_page
        page = min(params.page, max(1, MAX_RESULT_WINDOW // per_page))
        response = search[(page - 1) * per_page : page * per_page].execute()
        total = response.hits.total.value
        num_pages = num_pages_for(total, per_page)
        if page > num_pages:  # past the end: the last page, as the database backend does
            page = min(num_pages, max(1, MAX_RESULT_WINDOW // per_page))
            response = search[(page - 1) * per_page : page * per_page].execute()

        hits = []
        highlights = {}
        for hit in response.hits:
            document = hit.to_dict()
            hits.append(CaseHit.from_document(document))
            fragments = getattr(getattr(hit.meta, "highlight", None), "text", None)
            if fragments:
                highlights[document["id"]] = fragments[0]
        facets = []
        for facet in CASE_FACETS:
            buckets = response.aggregations[facet.name]["values"]["buckets"]
            counts = {_bucket_key(facet, bucket): bucket["doc_count"] for bucket in buckets}
            facets.append(facet_from_counts(facet, counts, params.selected(facet)))
        return CaseSearchResult(
            params=params,
            total=total,
            results=hits,
            facets=facets,
            page=page,
            num_pages=num_pages,
            backend=self.name,
            extra={"highlights": highlights},
        )

    def case_document(self, *, case_id: int) -> dict | None:
        try:
            response = self.client.options(ignore_status=404).get(
                index=case_alias(), id=str(case_id)
            )
        except UNAVAILABLE as error:
            logger.warning("Elasticsearch unavailable, case document from the database: %s", error)
            return self.database.case_document(case_id=case_id)
        if not response.get("found"):
            return None
        return dict(response["_source"])

    def similar_case_ids(self, *, document: dict, limit: int) -> list[int]:
        try:
            return self._es_similar_case_ids(document=document, limit=limit)
        except UNAVAILABLE as error:
            logger.warning("Elasticsearch unavailable, similar cases from the database: %s", error)
            if "text_stems" not in document:
                document = {**document, "text_stems": stemmed_text(document.get("text", ""))}
            return self.database.similar_case_ids(document=document, limit=limit)

    def _es_similar_case_ids(self, *, document: dict, limit: int) -> list[int]:
        """Cases sharing the most domains and laws first (each shared value weighs
        SHARED_WEIGHT), then the most similar text (more_like_this)."""
        shared = [
            Q("constant_score", filter=Q("term", **{field: value}), boost=SHARED_WEIGHT)
            for field in ("domains", "laws")
            for value in dict.fromkeys(document.get(field) or [])
        ]
        if not shared:
            return []
        text = document.get("text") or document.get("title", "")
        should = [*shared]
        if text.strip():
            should.append(
                Q(
                    "more_like_this",
                    fields=["text"],
                    like=text[:5000],
                    min_term_freq=1,
                    min_doc_freq=1,
                    max_query_terms=25,
                )
            )
        query = Q(
            "bool",
            filter=[Q("bool", should=shared, minimum_should_match=1)],
            should=should,
            must_not=[Q("term", id=document["id"])],
        )
        search = (
            Search(using=self.client, index=case_alias())
            .query(query)
            .sort("_score", {"id": "asc"})
            .source(["id"])
        )
        response = search[: min(limit, SIMILAR_CANDIDATES)].execute()
        return [hit.id for hit in response.hits]

    # -- site search -------------------------------------------------------------------
    def site_search(self, params: SiteSearchParams) -> SiteSearchResult:
        try:
            return self.es_site_search(params)
        except UNAVAILABLE as error:
            logger.warning("Elasticsearch unavailable, site search from the database: %s", error)
            result = self.database.site_search(params)
            return dataclasses.replace(result, notice=str(FALLBACK_NOTICE))

    def es_site_search(self, params: SiteSearchParams) -> SiteSearchResult:
        """Site search on Elasticsearch only (raises when it is not available).

        Every query group (a word, or a synonym phrase with its alternatives) must match
        the title or the text; title hits weigh three times more. The type is a
        post_filter, so the terms aggregation on `type` counts every type."""
        groups = _site_query_groups(params.q)
        if not groups:
            return SiteSearchResult(
                params=params,
                total=0,
                results=[],
                type_facets=type_facets_from_counts({}, params.type),
                page=1,
                num_pages=1,
                backend=self.name,
            )
        must = [
            Q(
                "bool",
                should=[
                    Q(
                        "multi_match",
                        query=phrase,
                        fields=["title^3", "text"],
                        type="phrase" if " " in phrase else "best_fields",
                    )
                    for phrase in sorted(group)
                ],
                minimum_should_match=1,
            )
            for group in groups
        ]
        search = (
            Search(using=self.client, index=site_alias())
            .extra(track_total_hits=True)
            .query(Q("bool", must=must))
            .sort("_score", {"title.raw": "asc"}, {"key": "asc"})
            .source(excludes=["text"])
            .highlight(
                "text",
                fragment_size=200,
                number_of_fragments=1,
                no_match_size=200,
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                encoder="html",
            )
        )
        if params.type:
            search = search.post_filter(Q("term", type=params.type))
        search.aggs.bucket("types", "terms", field="type", size=FACET_SIZE)

        per_page = params.per_page
        page = min(params.page, max(1, MAX_RESULT_WINDOW // per_page))
        response = search[(page - 1) * per_page : page * per_page].execute()
        total = response.hits.total.value
        num_pages = num_pages_for(total, per_page)
        if page > num_pages:  # past the end: the last page, as the database backend does
            page = min(num_pages, max(1, MAX_RESULT_WINDOW // per_page))
            response = search[(page - 1) * per_page : page * per_page].execute()

        hits = []
        for hit in response.hits:
            fragments = getattr(getattr(hit.meta, "highlight", None), "text", None)
            # The html encoder escapes the text; only our <mark> tags are markup.
            snippet = mark_safe(fragments[0].replace("\n", " · ")) if fragments else ""  # noqa: S308
            hits.append(
                SiteHit(
                    type=hit.type,
                    type_label=type_label(hit.type),
                    title=hit.title,
                    url=hit.url,
                    snippet_html=snippet,
                    date=_es_date(getattr(hit, "date", None)),
                )
            )
        counts = {
            bucket["key"]: bucket["doc_count"] for bucket in response.aggregations["types"].buckets
        }
        suggestion = None
        if total < SUGGEST_BELOW:
            suggestion = self._es_site_suggestion(params, total)
        return SiteSearchResult(
            params=params,
            total=total,
            results=hits,
            type_facets=type_facets_from_counts(counts, params.type),
            page=page,
            num_pages=num_pages,
            suggestion=suggestion,
            backend=self.name,
        )

    def _es_site_suggestion(self, params: SiteSearchParams, total: int) -> str | None:
        """ "Bedoelde u": the closest title words (search.site.suggestion_for over the
        cached vocabulary the database backend keeps), offered only when the suggestion
        finds more on Elasticsearch. Elasticsearch's term suggester would offer stems
        ("huurachterstand" -> "huurachterstand", "woningen" -> "woning"), not words."""
        suggestion = suggestion_for(params.q, site_vocabulary())
        if not suggestion:
            return None
        groups = _site_query_groups(suggestion)
        if not groups:
            return None
        must = [
            Q(
                "bool",
                should=[
                    Q("multi_match", query=phrase, fields=["title", "text"], type="phrase")
                    for phrase in sorted(group)
                ],
                minimum_should_match=1,
            )
            for group in groups
        ]
        query = Q("bool", must=must, filter=[Q("term", type=params.type)] if params.type else [])
        found = self.client.count(index=site_alias(), query=query.to_dict())["count"]
        return suggestion if found > total else None

    def title_autocomplete(self, prefix: str, limit: int) -> list[SiteHit]:
        try:
            return self.es_title_autocomplete(prefix=prefix, limit=limit)
        except UNAVAILABLE as error:
            logger.warning("Elasticsearch unavailable, autocomplete from the database: %s", error)
            return self.database.title_autocomplete(prefix=prefix, limit=limit)

    def es_title_autocomplete(self, *, prefix: str, limit: int) -> list[SiteHit]:
        """Every typed word is the start of a title word (edge n-grams of the title);
        titles that start with the typed text first."""
        text = " ".join(_AUTOCOMPLETE_WORDS.findall(normalise(prefix)))
        if not text:
            return []
        query = Q(
            "bool",
            must=[Q("match", **{"title.autocomplete": {"query": text, "operator": "and"}})],
            should=[Q("match_phrase_prefix", title={"query": text, "boost": 2})],
        )
        search = (
            Search(using=self.client, index=site_alias())
            .query(query)
            .sort("_score", {"title.raw": "asc"}, {"key": "asc"})
            .source(["type", "title", "url", "date"])
        )
        return [
            SiteHit(
                type=hit.type,
                type_label=type_label(hit.type),
                title=hit.title,
                url=hit.url,
                snippet_html="",
                date=_es_date(getattr(hit, "date", None)),
            )
            for hit in search[:limit].execute().hits
        ]

    # -- site indexing (both engines) ----------------------------------------------------
    def site_index_update(self, keys: Iterable[str]) -> None:
        keys = set(keys)
        if not keys:
            return
        self.database.site_index_update(keys)
        try:
            self.es_site_index_update(keys)
        except UNAVAILABLE as error:
            logger.warning(
                "Elasticsearch unavailable: %d site document(s) not updated there; "
                "run `manage.py search_index --rebuild` when it is back (%s)",
                len(keys),
                error,
            )

    def es_site_index_update(self, keys: set[str]) -> None:
        documents = site_documents_for_keys(keys)
        alias = self.ensure_site_index()
        found = {document.key for document in documents}
        actions = [
            {
                "_op_type": "index",
                "_index": alias,
                "_id": document.key,
                "_source": site_es_source(document),
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
            logger.warning(
                "Elasticsearch unavailable: %d site document(s) not removed there; "
                "run `manage.py search_index --rebuild` when it is back (%s)",
                len(keys),
                error,
            )

    def ensure_site_index(self) -> str:
        """The site alias, created on a new empty index when there is none yet."""
        alias = site_alias()
        if not self.client.indices.exists_alias(name=alias):
            name = new_site_index_name()
            site_index(name).create(using=self.client)
            self.client.indices.put_alias(index=name, name=alias)
        return alias

    def site_index_rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the database site index (in its transaction, so the fallback stays
        complete), then a new Elasticsearch site index behind the alias. An unreachable
        Elasticsearch leaves its old index in place (logged)."""
        count = self.database.site_index_rebuild(progress=progress)
        rebuild = _AliasRebuild(self.client, kind=SITE_KIND)
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
        return count

    # -- indexing ------------------------------------------------------------------
    def case_index_update(self, *, documents: Iterable[dict], removed_ids: Iterable[int]) -> None:
        documents = list(documents)
        removed_ids = set(removed_ids)
        self.database.case_index_update(documents=documents, removed_ids=removed_ids)
        try:
            self.es_case_index_update(documents=documents, removed_ids=removed_ids)
        except UNAVAILABLE as error:
            logger.warning(
                "Elasticsearch unavailable: %d case(s) not updated there; "
                "run `manage.py search_index --rebuild` when it is back (%s)",
                len(documents) + len(removed_ids),
                error,
            )

    def es_case_index_update(self, *, documents: list[dict], removed_ids: set[int]) -> None:
        if not documents and not removed_ids:
            return
        self.ensure_case_index()
        alias = case_alias()
        actions = [
            {"_op_type": "index", "_index": alias, "_id": str(doc["id"]), "_source": es_source(doc)}
            for doc in documents
        ] + [{"_op_type": "delete", "_index": alias, "_id": str(pk)} for pk in sorted(removed_ids)]
        # refresh: an editor sees the change in the next search at once.
        helpers.bulk(self.client, actions, refresh=True, raise_on_error=False)

    def ensure_case_index(self) -> str:
        """The alias, created on a new empty index when there is none yet."""
        alias = case_alias()
        if not self.client.indices.exists_alias(name=alias):
            name = new_case_index_name()
            case_index(name).create(using=self.client)
            self.client.indices.put_alias(index=name, name=alias)
        return alias

    def case_index_rebuild(
        self,
        *,
        documents: Iterable[dict],
        total: int,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Rebuild both indexes from one pass over `documents`: the database index in
        its transaction, Elasticsearch in a new index behind the alias."""
        rebuild: _AliasRebuild | None = _AliasRebuild(self.client)
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

        count = self.database.case_index_rebuild(documents=both(), total=total, progress=progress)
        if rebuild is not None:
            rebuild.finish()
        return count

    def es_case_index_rebuild(
        self,
        *,
        documents: Iterable[dict],
        total: int,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Rebuild the Elasticsearch index only (the benchmark; raises when unavailable)."""
        rebuild = _AliasRebuild(self.client, strict=True)
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


@dataclasses.dataclass(frozen=True)
class _IndexKind:
    """What differs between the case index and the site index in a rebuild."""

    alias: Callable[[], str]
    pattern: Callable[[], str]
    new_name: Callable[[], str]
    index: Callable[[str], Index]
    doc_id: Callable[[Any], str]
    source: Callable[[Any], dict]


CASE_KIND = _IndexKind(
    alias=case_alias,
    pattern=case_index_pattern,
    new_name=new_case_index_name,
    index=case_index,
    doc_id=lambda doc: str(doc["id"]),
    source=es_source,
)
SITE_KIND = _IndexKind(
    alias=site_alias,
    pattern=site_index_pattern,
    new_name=new_site_index_name,
    index=site_index,
    doc_id=lambda doc: doc.key,
    source=site_es_source,
)


class BulkItemFailed(Exception):
    """Elasticsearch refused a document of a rebuild."""


class _AliasRebuild:
    """Fill a new timestamped index, then move the alias to it and drop older ones.

    Not strict (the site's rebuild): a failure while loading is logged and the new index
    dropped; the alias stays on the old, complete index. Strict: failures raise.
    """

    def __init__(
        self, client: Elasticsearch, *, strict: bool = False, kind: _IndexKind | None = None
    ) -> None:
        # Bulk loads and index creation get more time than a search.
        self.client = client.options(request_timeout=max(60.0, es_timeout()))
        self.strict = strict
        self.kind = kind or CASE_KIND
        self.name = ""
        self.buffer: list[dict] = []
        self.failed = False
        self.count = 0

    def start(self) -> None:
        self.name = self.kind.new_name()
        index = self.kind.index(self.name)
        index.settings(refresh_interval="-1")  # no refreshes while loading
        index.create(using=self.client)

    def add(self, document: dict) -> None:
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
            for ok, item in helpers.streaming_bulk(
                self.client, actions, chunk_size=BULK_CHUNK, raise_on_error=False
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
        alias = self.kind.alias()
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
                for name in self.client.indices.get(index=self.kind.pattern())
                if name != self.name
            ]
            if old:
                self.client.indices.delete(index=",".join(old), ignore_unavailable=True)
        except UNAVAILABLE as error:
            self._fail(error)


def _facet_filters(facet: FacetDefinition, values: tuple) -> list[Q]:
    """The filters of a facet: one term filter per value for AND, one terms filter for OR."""
    if not values:
        return []
    if facet.operator is Operator.AND:
        return [Q("term", **{facet.field: value}) for value in values]
    return [Q("terms", **{facet.field: list(values)})]


def _text_query(q: str) -> list[Q]:
    """Every word must be found in the text (which holds the title too); title hits
    weigh more. Like the database backend, only the first MAX_QUERY_TERMS words count."""
    words = list(dict.fromkeys(tokens(q)))[:MAX_QUERY_TERMS]
    if not words:
        return []
    text = " ".join(words)
    return [
        Q(
            "bool",
            must=[Q("match", text={"query": text, "operator": "and"})],
            should=[Q("match", title={"query": text, "boost": 3})],
        )
    ]


def _sort(params: CaseSearchParams) -> list:
    tiebreak = [{"title.raw": "asc"}, {"id": "asc"}]
    if params.sort == SORT_YEAR:
        return [{"year": "desc"}, *tiebreak]
    if params.sort == SORT_COSTS_PREVENTED:
        return [{"prevented_total": "desc"}, *tiebreak]
    if params.q and tokens(params.q):
        return ["_score", {"year": "desc"}, {"id": "asc"}]
    return [{"year": "desc"}, *tiebreak]


def _bucket_key(facet: FacetDefinition, bucket: dict):
    key = bucket["key"]
    return int(key) if facet.value_type == "int" else key


_AUTOCOMPLETE_WORDS = re.compile(r"\w+", re.UNICODE)
#: Longest synonym phrase, in words, looked for in a query (as search.synonyms).
_MAX_PHRASE_WORDS = 6


def _site_query_groups(q: str) -> list[set[str]]:
    """The query's words grouped with the editors' synonyms, as plain phrases (not
    stems: Elasticsearch analyses them): [{"pw", "participatiewet", "bijzondere
    bijstand"}, {"huur"}]. The synonyms are read at query time, so a synonym an editor
    adds works at once, without a rebuild (as in the database backend)."""
    phrase_groups: dict[tuple[str, ...], list[str]] = {}
    for group in synonym_groups():
        for phrase in group:
            phrase_groups.setdefault(tuple(phrase.split()), []).extend(group)
    words = tokens(q)
    groups: list[set[str]] = []
    position = 0
    while position < len(words) and len(groups) < MAX_QUERY_TERMS:
        length, alternatives = 1, {words[position]}
        for size in range(min(_MAX_PHRASE_WORDS, len(words) - position), 0, -1):
            candidate = tuple(words[position : position + size])
            if candidate in phrase_groups:
                length, alternatives = size, set(phrase_groups[candidate])
                break
        if alternatives not in groups:
            groups.append(alternatives)
        position += length
    return groups


def _es_date(value) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def site_vocabulary() -> set[str]:
    """The "bedoelde u" vocabulary: title words and synonym words. Read from the
    database site index (written with every Elasticsearch write, so it holds the same
    titles) and cached under the database backend's key, which every write drops."""
    vocabulary = cache.get(SITE_VOCABULARY_CACHE_KEY)
    if vocabulary is None:
        titles = SiteDocument.objects.values_list("title", flat=True).iterator()
        vocabulary = vocabulary_from_titles(titles) | synonym_vocabulary()
        cache.set(SITE_VOCABULARY_CACHE_KEY, vocabulary, SITE_VOCABULARY_SECONDS)
    return vocabulary
