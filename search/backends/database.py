"""The database backend: the embedded default, on SQLite and PostgreSQL alike.

Documents live in search.CaseDocument (one row per case), search.CaseDocumentTerm
(one row per value of a multi-valued facet) and search.CaseDocumentStem (one row per
distinct stem of the text: the inverted index). Free text matches stems (see
search.text), every query stem required; relevance counts title hits (heavier) and
occurrences in the text. A search costs two queries whatever the number of cases (see
`_CaseQuery`): one statement for the total, every facet's counts and the page's ids,
one for the page's rows; a third only when the page asked for is past the last one.

The SQL is built here from identifiers of the models and fixed keywords only; every
value (stems, facet values, limits) is a query parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from itertools import islice

from django.db import connection, transaction
from django.db.models import Count, Q

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
from ..models import CaseDocument, CaseDocumentStem, CaseDocumentTerm
from ..synonyms import expand_query_terms
from ..text import MAX_INDEXED_STEM, MAX_QUERY_TERMS, TITLE_WEIGHT, stem_weights, tokens
from .database_site import DatabaseSiteSearchMixin

TERM_FIELDS = tuple(facet.field for facet in CASE_FACETS if facet.multi_valued)
BATCH_SIZE = 500
#: How many cases sharing domains or laws are compared on text for `similar_case_ids`.
SIMILAR_CANDIDATES = 100


class DatabaseBackend(DatabaseSiteSearchMixin):
    name = "database"

    # -- searching -----------------------------------------------------------------
    def case_search(self, params: CaseSearchParams) -> CaseSearchResult:
        query = _CaseQuery(params)
        with connection.cursor() as cursor:
            cursor.execute(*query.counts_and_page(page=params.page))
            rows = cursor.fetchall()
            total = next(count for kind, _value, count in rows if kind == _TOTAL)
            num_pages = num_pages_for(total, params.per_page)
            page = min(params.page, num_pages)
            if page != params.page:  # asked past the last page: show the last one
                cursor.execute(*query.page(page=page))
                rows = [row for row in rows if row[0] != _HIT] + cursor.fetchall()

        ranked = sorted((position, value) for kind, value, position in rows if kind == _HIT)
        ids = [int(value) for _position, value in ranked]
        data = (
            dict(CaseDocument.objects.filter(pk__in=ids).values_list("pk", "data")) if ids else {}
        )
        hits = [CaseHit.from_document(data[pk]) for pk in ids if pk in data]

        counts: list[dict] = [{} for _facet in CASE_FACETS]
        for kind, value, count in rows:
            if kind >= 0:
                facet = CASE_FACETS[kind]
                counts[kind][facet.database_value(value)] = count
        facets = [
            facet_from_counts(facet, counts[index], params.selected(facet))
            for index, facet in enumerate(CASE_FACETS)
        ]
        return CaseSearchResult(
            params=params,
            total=total,
            results=hits,
            facets=facets,
            page=page,
            num_pages=num_pages,
            backend=self.name,
        )

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
                CaseDocumentStem.objects.filter(document_id__in=stale).delete()
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
            CaseDocumentStem.objects.all().delete()
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
        CaseDocumentStem.objects.bulk_create(
            [
                CaseDocumentStem(document_id=document["id"], stem=stem, weight=weight)
                for document in documents
                for stem, weight in stem_weights(
                    title_stems=document["title_stems"], text_stems=document["text_stems"]
                ).items()
            ],
            batch_size=BATCH_SIZE,
        )


#: Row kinds of the search statement besides a facet's index in CASE_FACETS.
_TOTAL = -1
_HIT = -2


def _query_groups(query: str) -> tuple[list[str], list[list[str]]]:
    """The query's words as the search needs them: single stems for the stem index, and
    groups of alternatives matched on the stemmed text.

    A word in an editors' synonym group becomes the group of its alternatives ("pw" →
    "pw", "participatiewet", "bijzonder bijstand"); a word without synonyms is its own
    stem, looked up in the stem index unless it is too long for it. Every group is
    required, as every word is.
    """
    indexed: list[str] = []
    phrase_groups: list[list[str]] = []
    for group in expand_query_terms(tokens(query))[:MAX_QUERY_TERMS]:
        if len(group) == 1:
            (stem,) = group
            if " " not in stem and len(stem) <= MAX_INDEXED_STEM:
                if stem not in indexed:
                    indexed.append(stem)
                continue
        phrase_groups.append(sorted(group))
    return indexed, phrase_groups


class _CaseQuery:
    """The SQL of one case search, as one statement whatever the facets:

    - a common table expression `m` finds the matching documents once: the free text
      on the stem index (every query stem required, relevance summed), with per
      selected facet a 0/1 flag telling whether the document passes that facet's
      filter, and the columns that facets and sorts read;
    - then, united, the total (every flag set), one GROUP BY per facet over `m` (an AND
      facet with every flag, an OR facet with every flag but its own, so counts exclude
      their own filter) and the ids of the page in order.

    Both SQLite and PostgreSQL materialise a CTE that is read more than once, so the
    text match and the filters run once per search instead of once per facet.
    """

    def __init__(self, params: CaseSearchParams) -> None:
        self.params = params
        qn = connection.ops.quote_name
        self.pk = qn(CaseDocument._meta.pk.column)
        indexed, phrase_groups = _query_groups(params.q)

        cte_params: list = []
        documents = qn(CaseDocument._meta.db_table)
        if indexed:
            placeholders = ", ".join(["%s"] * len(indexed))
            source = (
                f"(SELECT document_id, SUM(weight) AS score"  # noqa: S608 (identifiers only; values are parameters)
                f" FROM {qn(CaseDocumentStem._meta.db_table)} WHERE stem IN ({placeholders})"
                f" GROUP BY document_id HAVING COUNT(*) = %s) s"
                f" JOIN {documents} d ON d.{self.pk} = s.document_id"
            )
            cte_params += [*indexed, len(indexed)]
            score, score_params = ["s.score"], []
        else:
            source = f"{documents} d"
            score, score_params = ["0"], []
        # Synonym groups (one alternative must match), phrases and stems too long for the
        # stem index: matched and scored on the stemmed text.
        like = connection.operators["contains"]
        conditions, condition_params = [], []
        for alternatives in phrase_groups:
            matches = []
            for alternative in alternatives:
                padded = f" {alternative} "
                pattern = f"%{connection.ops.prep_for_like_query(padded)}%"
                matches.append(f"d.text_stems {like}")
                condition_params.append(pattern)
                score.append(
                    f"(CASE WHEN d.title_stems {like} THEN {TITLE_WEIGHT} ELSE 0 END)"
                    " + (LENGTH(d.text_stems) - LENGTH(REPLACE(d.text_stems, %s, ' '))) / %s"
                )
                score_params += [pattern, padded, len(padded) - 1]
            conditions.append(f"({' OR '.join(matches)})")
        self.ranked = bool(indexed or phrase_groups)

        self.flags: list[int] = []
        columns = [
            f"d.{self.pk} AS id",
            f"{' + '.join(score)} AS score",
            "d.title AS title",
            "d.year AS year",
            "d.prevented_total AS prevented_total",
        ]
        column_params = list(score_params)
        for index, facet in enumerate(CASE_FACETS):
            if not facet.multi_valued:
                columns.append(f"d.{facet.database_column()} AS v{index}")
            values = params.selected(facet)
            if values:
                condition, values_params = facet.database_condition(values, document="d")
                columns.append(f"CASE WHEN {condition} THEN 1 ELSE 0 END AS f{index}")
                column_params += values_params
                self.flags.append(index)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        self.cte = f"WITH m AS (SELECT {', '.join(columns)} FROM {source}{where})"  # noqa: S608 (identifiers only; values are parameters)
        self.cte_params = column_params + cte_params + condition_params

    def _where(self, *conditions: str, without: int | None = None) -> str:
        """WHERE clause: `conditions` and every facet flag but `without`."""
        flags = [*conditions, *(f"m.f{index} = 1" for index in self.flags if index != without)]
        return f" WHERE {' AND '.join(flags)}" if flags else ""

    def _hits(self, *, page: int) -> tuple[str, list]:
        """The ids of the page with their position: the page is cut by a LIMIT (a top-N
        sort), and only its rows are numbered."""
        sort = self.params.sort
        if sort == SORT_COSTS_PREVENTED:
            order = "prevented_total DESC, title, id"
        elif sort == SORT_YEAR or not self.ranked:
            order = "year DESC, title, id"
        else:
            order = "score DESC, year DESC, id"
        per_page = self.params.per_page
        sql = (
            f"SELECT {_HIT}, CAST(id AS TEXT), ROW_NUMBER() OVER (ORDER BY {order}) FROM"  # noqa: S608 (identifiers only; values are parameters)
            f" (SELECT m.id, m.score, m.title, m.year, m.prevented_total FROM m{self._where()}"
            f" ORDER BY {order} LIMIT %s OFFSET %s) hits"
        )
        return sql, [per_page, (page - 1) * per_page]

    def counts_and_page(self, *, page: int) -> tuple[str, list]:
        terms = connection.ops.quote_name(CaseDocumentTerm._meta.db_table)
        parts = [
            f"SELECT {_TOTAL} AS kind, CAST(NULL AS TEXT) AS value, COUNT(*) AS n"  # noqa: S608 (identifiers only; values are parameters)
            f" FROM m{self._where()}"
        ]
        params: list = []
        for index, facet in enumerate(CASE_FACETS):
            without = None if facet.operator is Operator.AND else index
            if facet.multi_valued:
                # CROSS JOIN: SQLite reads m first and looks its terms up on the
                # (document, facet, value) index (PostgreSQL plans as it likes).
                where = self._where("t.document_id = m.id", "t.facet = %s", without=without)
                parts.append(
                    f"SELECT {index}, t.value, COUNT(*) FROM m CROSS JOIN {terms} t{where}"  # noqa: S608 (identifiers only; values are parameters)
                    " GROUP BY t.value"
                )
                params.append(facet.field)
            else:
                where = self._where(without=without)
                parts.append(
                    f"SELECT {index}, CAST(m.v{index} AS TEXT), COUNT(*) FROM m{where}"  # noqa: S608 (identifiers only; values are parameters)
                    f" GROUP BY m.v{index}"
                )
        hits, hits_params = self._hits(page=page)
        parts.append(hits)
        sql = f"{self.cte} {' UNION ALL '.join(parts)}"
        return sql, [*self.cte_params, *params, *hits_params]

    def page(self, *, page: int) -> tuple[str, list]:
        hits, hits_params = self._hits(page=page)
        return f"{self.cte} {hits}", [*self.cte_params, *hits_params]


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
