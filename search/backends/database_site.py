"""The database backend's site search (mixed into DatabaseBackend).

Documents live in search.SiteDocument, one row per visible page of a registered type
(see search.indexes.site), with the stems of title and text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice

from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length, Replace

from ..indexes.site import (
    SiteDocumentData,
    site_documents,
    site_documents_count,
    site_documents_for_keys,
)
from ..models import SiteDocument
from ..site import (
    SUGGEST_BELOW,
    SiteHit,
    SiteSearchParams,
    SiteSearchResult,
    highlight_stems,
    pages_for,
    snippet_html,
    suggestion_for,
    type_facets_from_counts,
    type_label,
    vocabulary_from_titles,
)
from ..synonyms import expand_query_terms, synonym_vocabulary
from ..text import MAX_QUERY_TERMS, normalise, tokens
from .write_lock import index_write_lock

SITE_INDEX_LOCK = "site"

BATCH_SIZE = 500


#: Cache key of the "bedoelde u" vocabulary; every write to the site index drops it.
SITE_VOCABULARY_CACHE_KEY = "search:site-vocabulary:v1"
SITE_VOCABULARY_SECONDS = 60 * 60


class DatabaseSiteSearchMixin:
    """Site search on the database: every query group (a word with its synonyms) must
    match the stems of a document; relevance counts title hits (heavier) and
    occurrences. A search costs a fixed number of queries: the counts per type (which
    give the total), a page of rows, and when there are few results, the vocabulary
    (cached) and one count for the "bedoelde u" suggestion."""

    name = "database"

    def site_search(self, params: SiteSearchParams) -> SiteSearchResult:
        groups = expand_query_terms(tokens(params.q))[:MAX_QUERY_TERMS]
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
        base = _site_matching(groups)
        counts = dict(base.order_by().values_list("type").annotate(n=Count("pk")))
        total = counts.get(params.type, 0) if params.type else sum(counts.values())
        results = base.filter(type=params.type) if params.type else base
        page, num_pages = pages_for(total, params)
        offset = (page - 1) * params.per_page
        rows = _site_ordered(results, groups).values("type", "title", "url", "text", "date")[
            offset : offset + params.per_page
        ]
        marked = highlight_stems(groups)
        hits = [
            SiteHit(
                type=row["type"],
                type_label=type_label(row["type"]),
                title=row["title"],
                url=row["url"],
                snippet_html=snippet_html(row["text"], marked),
                date=row["date"],
            )
            for row in (rows if total else [])
        ]
        suggestion = None
        if total < SUGGEST_BELOW:
            suggestion = self._site_suggestion(params, total)
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

    def _site_suggestion(self, params: SiteSearchParams, total: int) -> str | None:
        vocabulary = cache.get(SITE_VOCABULARY_CACHE_KEY)
        if vocabulary is None:
            titles = SiteDocument.objects.values_list("title", flat=True).iterator()
            vocabulary = vocabulary_from_titles(titles) | synonym_vocabulary()
            cache.set(SITE_VOCABULARY_CACHE_KEY, vocabulary, SITE_VOCABULARY_SECONDS)
        suggestion = suggestion_for(params.q, vocabulary)
        if not suggestion:
            return None
        groups = expand_query_terms(tokens(suggestion))[:MAX_QUERY_TERMS]
        found = _site_matching(groups)
        if params.type:
            found = found.filter(type=params.type)
        return suggestion if found.count() > total else None

    def title_autocomplete(self, prefix: str, limit: int) -> list[SiteHit]:
        words = _WORDS.findall(normalise(prefix))
        if not words:
            return []
        *complete, last = words
        queryset = SiteDocument.objects.filter(title_words__contains=f" {last}")
        for word in complete:
            queryset = queryset.filter(title_words__contains=f" {word} ")
        starts = Case(
            When(title_words__startswith=f" {' '.join(words)}", then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        rows = (
            queryset.annotate(starts=starts)
            .order_by("starts", "title", "key")
            .values("type", "title", "url", "date")[:limit]
        )
        return [
            SiteHit(
                type=row["type"],
                type_label=type_label(row["type"]),
                title=row["title"],
                url=row["url"],
                snippet_html="",
                date=row["date"],
            )
            for row in rows
        ]

    # -- site indexing -----------------------------------------------------------------
    def site_index_update(self, keys: Iterable[str]) -> None:
        """Store the current documents of `keys`; keys that are no longer visible (or
        gone) are removed."""
        keys = set(keys)
        if not keys:
            return
        documents = site_documents_for_keys(keys)
        with transaction.atomic():
            index_write_lock(SITE_INDEX_LOCK)
            SiteDocument.objects.filter(key__in=keys).delete()
            SiteDocument.objects.bulk_create(
                [_site_row(document) for document in documents], batch_size=BATCH_SIZE
            )
        cache.delete(SITE_VOCABULARY_CACHE_KEY)

    def site_index_delete(self, keys: Iterable[str]) -> None:
        keys = set(keys)
        if keys:
            with transaction.atomic():
                index_write_lock(SITE_INDEX_LOCK)
                SiteDocument.objects.filter(key__in=keys).delete()
            cache.delete(SITE_VOCABULARY_CACHE_KEY)

    def site_index_rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Replace every site document in one transaction: until it commits, searches
        read the old rows, so search never goes empty."""
        total = site_documents_count()
        done = 0
        iterator = site_documents()
        with transaction.atomic():
            index_write_lock(SITE_INDEX_LOCK)
            SiteDocument.objects.all().delete()
            while batch := list(islice(iterator, BATCH_SIZE)):
                SiteDocument.objects.bulk_create([_site_row(document) for document in batch])
                done += len(batch)
                if progress:
                    progress(done, total)
        cache.delete(SITE_VOCABULARY_CACHE_KEY)
        return done


_WORDS = re.compile(r"\w+", re.UNICODE)


def _site_matching(groups: list[set[str]]) -> QuerySet[SiteDocument]:
    queryset = SiteDocument.objects.all()
    for group in groups:
        condition = Q()
        for phrase in sorted(group):
            condition |= Q(text_stems__contains=f" {phrase} ")
        queryset = queryset.filter(condition)
    return queryset


def _site_ordered(queryset: QuerySet, groups: list[set[str]]) -> QuerySet:
    score = Value(0)
    for group in groups:
        title_condition = Q()
        for phrase in sorted(group):
            padded = f" {phrase} "
            title_condition |= Q(title_stems__contains=padded)
            score = score + (
                Length("text_stems") - Length(Replace("text_stems", Value(padded), Value(" ")))
            ) / Value(len(padded) - 1)
        score = score + Case(
            When(title_condition, then=Value(5)), default=Value(0), output_field=IntegerField()
        )
    return queryset.annotate(search_score=score).order_by("-search_score", "title", "key")


def _site_row(document: SiteDocumentData) -> SiteDocument:
    return SiteDocument(
        key=document.key,
        page_id=document.page_id,
        type=document.type,
        title=document.title[:255],
        title_words=document.title_words[:300],
        url=document.url,
        text=document.text,
        title_stems=document.title_stems,
        text_stems=document.text_stems,
        date=document.date,
    )
