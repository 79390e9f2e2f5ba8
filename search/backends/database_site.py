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
from ..synonyms import QueryGroup, query_groups, required_groups, synonym_vocabulary
from ..text import normalise
from .write_lock import index_write_lock

SITE_INDEX_LOCK = "site"
#: A matched query group outweighs any relevance (as in the case index).
COVERAGE_WEIGHT = 1000

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
        groups = query_groups(params.q)
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
        marked = highlight_stems(group.alternatives for group in groups)
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
        found = _site_matching(query_groups(suggestion))
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


def _group_condition(group: QueryGroup, field: str = "text_stems") -> Q:
    condition = Q()
    for alternative in sorted(group.alternatives):
        condition |= Q(**{f"{field}__contains": f" {alternative} "})
    return condition


def _matched_groups(groups: list[QueryGroup]):
    """How many of the query's groups a row matches (an SQL expression)."""
    total = Value(0)
    for group in groups:
        total = total + Case(
            When(_group_condition(group), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return total


def _site_matching(groups: list[QueryGroup]) -> QuerySet[SiteDocument]:
    """The rows matching `required_groups(n)` of the n groups: the same definition of a
    match as the case index's (search.backends.database._FacetedSql)."""
    if not groups:
        return SiteDocument.objects.none()
    return SiteDocument.objects.alias(search_matched=_matched_groups(groups)).filter(
        search_matched__gte=required_groups(len(groups))
    )


def _site_ordered(queryset: QuerySet, groups: list[QueryGroup]) -> QuerySet:
    """Most groups matched first, then title hits (heavier) and occurrences."""
    score = COVERAGE_WEIGHT * _matched_groups(groups)
    for group in groups:
        for alternative in sorted(group.alternatives):
            padded = f" {alternative} "
            score = score + (
                Length("text_stems") - Length(Replace("text_stems", Value(padded), Value(" ")))
            ) / Value(len(padded) - 1)
        score = score + Case(
            When(_group_condition(group, "title_stems"), then=Value(5)),
            default=Value(0),
            output_field=IntegerField(),
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
