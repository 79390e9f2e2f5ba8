"""Faceted search on Elasticsearch (mixed into ElasticsearchBackend).

One request through `elasticsearch.dsl.Search`: the free text (every word required,
title hits weigh more), the AND facets as one term filter per value in the query, the
OR facets (OR within a facet) as a `post_filter`, and per facet a filter aggregation
holding every *other* OR facet's filter around a terms aggregation: the counts equal
the database backend's.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.dsl import A, Q, Search

from ...faceted import (
    FacetDefinition,
    FacetedIndex,
    FacetedQuery,
    FacetedResult,
    Operator,
    facet_from_counts,
)
from ...synonyms import EXACT_WEIGHT, QueryGroup, query_groups, required_groups
from ...text import searchable_stems
from ..database import COVERAGE_WEIGHT, EXACT_BONUS, SIMILAR_CANDIDATES, DatabaseBackend
from .client import FALLBACK_NOTICE, UNAVAILABLE, execute_page, log_fallback
from .mappings import FACET_SIZE, alias_for, document_from_source

#: A shared facet value is worth more than any text similarity.
SHARED_WEIGHT = 1000


class FacetedSearchMixin:
    client: Elasticsearch
    database: DatabaseBackend
    name: str

    def faceted_search(self, index: FacetedIndex, params: FacetedQuery) -> FacetedResult:
        try:
            return self.es_faceted_search(index, params)
        except UNAVAILABLE as error:
            log_fallback(f"search of {index.name}", error)
            result = self.database.faceted_search(index, params)
            return dataclasses.replace(result, notice=str(FALLBACK_NOTICE))

    def es_faceted_search(self, index: FacetedIndex, params: FacetedQuery) -> FacetedResult:
        """The search on Elasticsearch only (raises when it is not available)."""
        filters = {
            facet.name: _facet_filters(facet, params.selected(facet)) for facet in index.facets
        }
        # request_cache: a repeated search (the plain listing, a popular facet) is
        # answered from the shard cache until the index changes; Elasticsearch caches
        # requests with hits only when asked.
        search = (
            Search(using=self.client, index=alias_for(index.name))
            .extra(track_total_hits=True)
            .params(request_cache=True)
        )
        text = text_query(params.q, fields=_score_fields(index))
        and_filters = [
            q
            for facet in index.facets
            if facet.operator is Operator.AND
            for q in filters[facet.name]
        ]
        search = search.query(Q("bool", must=text or [Q("match_all")], filter=and_filters))
        or_facets = [facet for facet in index.facets if facet.operator is Operator.OR]
        post = [q for facet in or_facets for q in filters[facet.name]]
        if post:
            search = search.post_filter(Q("bool", filter=post))
        for facet in index.facets:
            others = [
                q for other in or_facets if other.name != facet.name for q in filters[other.name]
            ]
            bucket = A("filter", filter=Q("bool", filter=others))
            bucket.bucket("values", "terms", field=facet.field, size=FACET_SIZE)
            search.aggs.bucket(facet.name, bucket)
        search = search.sort(*_sort(index, params)).source(
            excludes=["text", *(name for name in index.weighted_fields if name != "title")]
        )
        if params.q:
            # The encoder is a top-level option: OpenSearch refuses it per field.
            search = search.highlight_options(encoder="html").highlight(
                "text",
                fragment_size=160,
                number_of_fragments=1,
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
            )

        response, page, num_pages = execute_page(search, page=params.page, per_page=params.per_page)
        total = response.hits.total.value

        documents = []
        highlights = {}
        for hit in response.hits:
            document = document_from_source(index, hit.to_dict())
            documents.append(document)
            fragments = getattr(getattr(hit.meta, "highlight", None), "text", None)
            if fragments:
                highlights[document["id"]] = fragments[0]
        facets = []
        for facet in index.facets:
            buckets = response.aggregations[facet.name]["values"]["buckets"]
            counts = {facet.parse(bucket["key"]): bucket["doc_count"] for bucket in buckets}
            facets.append(facet_from_counts(facet, counts, params.selected(facet)))
        return FacetedResult(
            total=total,
            documents=documents,
            facets=facets,
            page=page,
            num_pages=num_pages,
            highlights=highlights,
            backend=self.name,
        )

    def faceted_document(self, index: FacetedIndex, *, doc_id: int) -> dict | None:
        try:
            response = self.client.options(ignore_status=404).get(
                index=alias_for(index.name), id=str(doc_id)
            )
        except UNAVAILABLE as error:
            log_fallback(f"document of {index.name}", error)
            return self.database.faceted_document(index, doc_id=doc_id)
        if not response.get("found"):
            return None
        return document_from_source(index, response["_source"])

    def faceted_similar_ids(self, index: FacetedIndex, *, document: dict, limit: int) -> list[int]:
        try:
            return self._es_similar_ids(index, document=document, limit=limit)
        except UNAVAILABLE as error:
            log_fallback(f"similar documents of {index.name}", error)
            if "text_stems" not in document:
                document = {**document, "text_stems": searchable_stems(document.get("text", ""))}
            return self.database.faceted_similar_ids(index, document=document, limit=limit)

    def _es_similar_ids(self, index: FacetedIndex, *, document: dict, limit: int) -> list[int]:
        """Documents sharing the most values of the similarity fields first (each shared
        value weighs SHARED_WEIGHT), then the most similar text (more_like_this)."""
        shared = [
            Q("constant_score", filter=Q("term", **{field: value}), boost=SHARED_WEIGHT)
            for field in index.similarity_fields
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
            Search(using=self.client, index=alias_for(index.name))
            .query(query)
            .sort("_score", {"id": "asc"})
            .source(["id"])
        )
        response = search[: min(limit, SIMILAR_CANDIDATES)].execute()
        return [hit.id for hit in response.hits]


def _facet_filters(facet: FacetDefinition, values: tuple) -> list[Q]:
    """The filters of a facet: one term filter per value for AND, one terms filter for OR."""
    if not values:
        return []
    if facet.operator is Operator.AND:
        return [Q("term", **{facet.field: value}) for value in values]
    return [Q("terms", **{facet.field: list(values)})]


def _score_fields(index: FacetedIndex) -> dict[str, float]:
    return {"text": 1, **index.weighted_fields}


def _alternatives(group: QueryGroup, field: str, *, boost: float = 1) -> list[Q]:
    """One query per alternative of a group on `field`: a stem as a term (the index
    holds stems and compound parts' stems, as search.text makes them), a stemmed phrase
    as a phrase of stems."""
    queries = [
        Q(
            "term",
            **{
                field: {
                    "value": stem,
                    # A whole query word above a compound part found inside it.
                    "boost": boost * (EXACT_WEIGHT if stem in group.exact else 1),
                }
            },
        )
        for stem in sorted(group.stems)
    ]
    queries += [
        Q("match_phrase", **{field: {"query": phrase, "analyzer": "nl_stems", "boost": boost}})
        for phrase in sorted(group.phrases)
    ]
    return queries


def _exact_bonus(group: QueryGroup, match_fields: tuple[str, ...]) -> list[Q]:
    """EXACT_BONUS when the group's whole word is found (not only inside a compound),
    as the database engine scores it."""
    if not group.exact:
        return []
    found = [Q("terms", **{field: sorted(group.exact)}) for field in match_fields]
    return [
        Q(
            "constant_score",
            filter=Q("bool", should=found, minimum_should_match=1),
            boost=EXACT_BONUS,
        )
    ]


def text_query(
    q: str, *, fields: dict[str, float], match_fields: tuple[str, ...] = ("text",)
) -> list[Q]:
    """The free text as every engine matches it (search.synonyms.query_groups): a
    document matches `required_groups(n)` of the query's n groups on `match_fields`
    (together the whole searched text: a faceted index's `text` holds every field).
    Each matched group scores COVERAGE_WEIGHT, so documents matching all groups come
    first, then those matching most; within that, BM25 on `fields` with their weights
    (title and other weighted fields above the text)."""
    groups = query_groups(q)
    if not groups:
        return []
    clauses = [
        Q(
            "bool",
            must=[
                Q(
                    "constant_score",
                    filter=Q(
                        "bool",
                        should=[
                            query for field in match_fields for query in _alternatives(group, field)
                        ],
                        minimum_should_match=1,
                    ),
                    boost=COVERAGE_WEIGHT,
                )
            ],
            should=[
                *_exact_bonus(group, match_fields),
                *(
                    query
                    for field, weight in fields.items()
                    for query in _alternatives(group, field, boost=weight)
                ),
            ],
        )
        for group in groups
    ]
    return [Q("bool", should=clauses, minimum_should_match=required_groups(len(groups)))]


def _sort(index: FacetedIndex, params: FacetedQuery) -> list[Any]:
    by_score, order = index.order_for(params, ranked=bool(params.q and query_groups(params.q)))
    fields: list[Any] = ["_score"] if by_score else []
    for name in order:
        field = name.lstrip("-")
        field = "title.raw" if field == "title" else field
        fields.append({field: "desc" if name.startswith("-") else "asc"})
    return fields
