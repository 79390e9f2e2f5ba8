"""The database backend: the embedded default, on SQLite and PostgreSQL alike.

Documents live in search.CaseDocument (one row per case) and search.CaseDocumentTerm
(one row per value of a multi-valued facet). Free text matches stems (see search.text)
with `LIKE '% stem %'`, every query stem required; relevance counts title hits (heavier)
and occurrences in the text. A search costs a fixed number of queries: a count, a page
of rows and one GROUP BY per facet, whatever the number of cases.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from itertools import islice

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length, Replace

from ..cases import (
    SORT_COSTS_PREVENTED,
    SORT_YEAR,
    CaseHit,
    CaseSearchParams,
    CaseSearchResult,
    facet_from_counts,
    num_pages_for,
)
from ..facets import CASE_FACETS, Operator
from ..models import CaseDocument, CaseDocumentTerm
from ..text import query_stems
from .database_site import DatabaseSiteSearchMixin

TERM_FIELDS = tuple(facet.field for facet in CASE_FACETS if facet.multi_valued)
BATCH_SIZE = 500
#: How many cases sharing domains or laws are compared on text for `similar_case_ids`.
SIMILAR_CANDIDATES = 100


class DatabaseBackend(DatabaseSiteSearchMixin):
    name = "database"

    # -- searching -----------------------------------------------------------------
    def case_search(self, params: CaseSearchParams) -> CaseSearchResult:
        stems = query_stems(params.q)
        base = CaseDocument.objects.all()
        for stem in stems:
            base = base.filter(text_stems__contains=f" {stem} ")
        conditions = {
            facet.name: facet.database_filter(params.selected(facet)) for facet in CASE_FACETS
        }
        results = base.filter(*conditions.values())

        total = results.count()
        num_pages = num_pages_for(total, params.per_page)
        page = min(params.page, num_pages)
        offset = (page - 1) * params.per_page
        ordered = self._ordered(results, params=params, stems=stems)
        rows = ordered.values("data")[offset : offset + params.per_page]
        hits = [CaseHit.from_document(row["data"]) for row in rows] if total else []

        facets = []
        for facet in CASE_FACETS:
            if facet.operator is Operator.AND:
                documents = results
            else:
                others = [q for name, q in conditions.items() if name != facet.name]
                documents = base.filter(*others)
            counts = facet.database_counts(documents)
            facets.append(facet_from_counts(facet, counts, params.selected(facet)))

        return CaseSearchResult(
            params=params,
            total=total,
            results=hits,
            facets=facets,
            page=page,
            num_pages=num_pages,
            backend=self.name,
        )

    def _ordered(
        self, queryset: QuerySet, *, params: CaseSearchParams, stems: list[str]
    ) -> QuerySet:
        if params.sort == SORT_YEAR:
            return queryset.order_by("-year", "title", "pk")
        if params.sort == SORT_COSTS_PREVENTED:
            return queryset.order_by("-prevented_total", "title", "pk")
        if not stems:
            return queryset.order_by("-year", "title", "pk")
        score = Value(0)
        for stem in stems:
            padded = f" {stem} "
            in_title = Case(
                When(title_stems__contains=padded, then=Value(3)),
                default=Value(0),
                output_field=IntegerField(),
            )
            # Occurrences in the text: how much shorter it gets without them.
            occurrences = (
                Length("text_stems") - Length(Replace("text_stems", Value(padded), Value(" ")))
            ) / Value(len(padded) - 1)
            score = score + in_title + occurrences
        return queryset.annotate(search_score=score).order_by("-search_score", "-year", "pk")

    def case_document(self, *, case_id: int) -> dict | None:
        row = CaseDocument.objects.filter(pk=case_id).values("data", "text_stems").first()
        if row is None:
            return None
        return {**row["data"], "text_stems": row["text_stems"]}

    def similar_case_ids(self, *, document: dict, limit: int) -> list[int]:
        shared_terms = Q(terms__facet="domains", terms__value__in=document.get("domains", []))
        shared_terms |= Q(terms__facet="laws", terms__value__in=document.get("laws", []))
        candidates = list(
            CaseDocument.objects.exclude(pk=document["id"])
            .annotate(shared=Count("terms", filter=shared_terms))
            .filter(shared__gt=0)
            .order_by("-shared", "pk")
            .values_list("pk", "shared", "text_stems")[:SIMILAR_CANDIDATES]
        )
        own = set(document.get("text_stems", "").split())

        def text_similarity(text_stems: str) -> float:
            other = set(text_stems.split())
            union = own | other
            return len(own & other) / len(union) if union else 0.0

        ranked = sorted(candidates, key=lambda row: (-row[1], -text_similarity(row[2]), row[0]))
        return [pk for pk, _shared, _text in ranked[:limit]]

    # -- indexing ------------------------------------------------------------------
    def case_index_update(self, *, documents: Iterable[dict], removed_ids: Iterable[int]) -> None:
        documents = list(documents)
        stale = {*removed_ids, *(document["id"] for document in documents)}
        with transaction.atomic():
            if stale:
                CaseDocumentTerm.objects.filter(document_id__in=stale).delete()
                CaseDocument.objects.filter(pk__in=stale).delete()
            self._insert(documents)

    def case_index_rebuild(
        self,
        *,
        documents: Iterable[dict],
        total: int,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Replace every document in one transaction: until it commits, searches read
        the old index, so search never goes empty."""
        done = 0
        iterator = iter(documents)
        with transaction.atomic():
            CaseDocumentTerm.objects.all().delete()
            CaseDocument.objects.all().delete()
            while batch := list(islice(iterator, BATCH_SIZE)):
                self._insert(batch)
                done += len(batch)
                if progress:
                    progress(done, total)
        return done

    def _insert(self, documents: list[dict]) -> None:
        if not documents:
            return
        CaseDocument.objects.bulk_create(
            [_row(document) for document in documents], batch_size=BATCH_SIZE
        )
        CaseDocumentTerm.objects.bulk_create(
            [
                CaseDocumentTerm(document_id=document["id"], facet=field, value=str(value))
                for document in documents
                for field in TERM_FIELDS
                for value in dict.fromkeys(document.get(field) or [])
            ],
            batch_size=BATCH_SIZE,
        )


def _row(document: dict) -> CaseDocument:
    data = {
        key: document[key]
        for key in (
            "id",
            "title",
            "url",
            "household",
            "summary",
            "domains",
            "laws",
            "articles",
            "legal_bases",
            "region",
            "phase",
            "outcome",
            "year",
        )
    }
    data["prevented_total"] = str(document["prevented_total"])
    return CaseDocument(
        page_id=document["id"],
        title=document["title"][:255],
        url=document["url"],
        household=document["household"][:255],
        summary=document["summary"],
        title_stems=document["title_stems"],
        text_stems=document["text_stems"],
        year=document["year"],
        phase=document["phase"],
        outcome=document["outcome"],
        region=document["region"],
        prevented_total=Decimal(document["prevented_total"]),
        data=data,
    )
