"""Site search on Elasticsearch (mixed into ElasticsearchBackend): free text over every
visible page type with the editors' synonyms, counts per type, highlighted snippets,
"bedoelde u" and the title autocomplete; the database backend answers when
Elasticsearch is unavailable."""

from __future__ import annotations

import dataclasses
import datetime
import re

from django.core.cache import cache
from django.utils.safestring import mark_safe
from elasticsearch import Elasticsearch
from elasticsearch.dsl import Q, Search

from ...models import SiteDocument
from ...site import (
    SUGGEST_BELOW,
    SiteHit,
    SiteSearchParams,
    SiteSearchResult,
    suggestion_for,
    type_facets_from_counts,
    type_label,
    vocabulary_from_titles,
)
from ...synonyms import synonym_vocabulary
from ...text import normalise
from ..database import DatabaseBackend
from ..database_site import SITE_VOCABULARY_CACHE_KEY, SITE_VOCABULARY_SECONDS
from .client import FALLBACK_NOTICE, UNAVAILABLE, execute_page, log_fallback
from .faceted import text_query
from .mappings import FACET_SIZE, site_alias


class SiteSearchMixin:
    client: Elasticsearch
    database: DatabaseBackend
    name: str

    def site_search(self, params: SiteSearchParams) -> SiteSearchResult:
        try:
            return self.es_site_search(params)
        except UNAVAILABLE as error:
            log_fallback("site search", error)
            result = self.database.site_search(params)
            return dataclasses.replace(result, notice=str(FALLBACK_NOTICE))

    def es_site_search(self, params: SiteSearchParams) -> SiteSearchResult:
        """Site search on Elasticsearch only (raises when it is not available).

        The same match as the case index's (search.synonyms.query_groups, see
        faceted.text_query); title hits weigh three times more. The type is a
        post_filter, so the terms aggregation on `type` counts every type."""
        text = text_query(params.q, fields=SITE_SCORE_FIELDS, match_fields=SITE_MATCH_FIELDS)
        if not text:
            return SiteSearchResult(
                params=params,
                total=0,
                results=[],
                type_facets=type_facets_from_counts({}, params.type),
                page=1,
                num_pages=1,
                backend=self.name,
            )
        search = (
            Search(using=self.client, index=site_alias())
            .extra(track_total_hits=True)
            .query(Q("bool", must=text))
            .sort("_score", {"title.raw": "asc"}, {"key": "asc"})
            .source(excludes=["text"])
            .highlight_options(encoder="html")  # top level: OpenSearch refuses it per field
            .highlight(
                "text",
                fragment_size=200,
                number_of_fragments=1,
                no_match_size=200,
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
            )
        )
        if params.type:
            search = search.post_filter(Q("term", type=params.type))
        search.aggs.bucket("types", "terms", field="type", size=FACET_SIZE)

        response, page, num_pages = execute_page(search, page=params.page, per_page=params.per_page)
        total = response.hits.total.value

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
        """ "Bedoelde je": the closest title words (search.site.suggestion_for over the
        cached vocabulary the database backend keeps), offered only when the suggestion
        finds more on Elasticsearch. Elasticsearch's term suggester would offer stems
        ("huurachterstand" -> "huurachterstand", "woningen" -> "woning"), not words."""
        suggestion = suggestion_for(params.q, site_vocabulary())
        if not suggestion:
            return None
        text = text_query(suggestion, fields={"text": 1}, match_fields=SITE_MATCH_FIELDS)
        if not text:
            return None
        query = Q("bool", must=text, filter=[Q("term", type=params.type)] if params.type else [])
        found = self.client.count(index=site_alias(), query=query.to_dict())["count"]
        return suggestion if found > total else None

    def title_autocomplete(self, prefix: str, limit: int) -> list[SiteHit]:
        try:
            return self.es_title_autocomplete(prefix=prefix, limit=limit)
        except UNAVAILABLE as error:
            log_fallback("autocomplete", error)
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


_AUTOCOMPLETE_WORDS = re.compile(r"\w+", re.UNICODE)
#: Fields of the site index that free text scores on, with their weight.
SITE_SCORE_FIELDS = {"title": 3, "text": 1}
#: The site index keeps the title apart from the text: a query matches on both.
SITE_MATCH_FIELDS = ("title", "text")


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
