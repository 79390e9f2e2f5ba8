"""The database backend: the embedded default, on SQLite and PostgreSQL alike.

A faceted index (search.faceted) lives in search.CaseDocument (one row per document:
its single-valued facets and sort fields as columns, the rest as JSON),
search.CaseDocumentTerm (one row per value of a multi-valued facet) and
search.CaseDocumentStem (one row per distinct stem of the text: the inverted index).
The table's columns are those of the portal's faceted index (the casebook's): an index
whose single-valued facet or sort field has no column is refused with a clear error.
The stems are made here (search.text) from the document's `title` and `text`.

Free text matches stems, every query stem required; relevance counts title hits
(heavier) and occurrences in the text. A search costs two queries whatever the number of
documents (see `_FacetedSql`): one statement for the total, every facet's counts and the
page's ids, one for the page's rows; a third only when the page asked for is past the
last one.

The SQL is built here from identifiers of the models and fixed keywords only; every
value (stems, facet values, limits) is a query parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from itertools import islice
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connection, models, transaction
from django.db.models import Count, Q

from ..faceted import (
    FacetDefinition,
    FacetedIndex,
    FacetedQuery,
    FacetedResult,
    Operator,
    facet_from_counts,
    num_pages_for,
)
from ..models import CaseDocument, CaseDocumentStem, CaseDocumentTerm
from ..synonyms import EXACT_WEIGHT, query_groups, required_groups
from ..text import TITLE_WEIGHT, document_stems, searchable_stems, stemmed_text
from .database_site import DatabaseSiteSearchMixin
from .write_lock import index_write_lock

BATCH_SIZE = 500
#: Columns of search.CaseDocument that the backend itself fills.
_OWN_COLUMNS = frozenset({"page", "title_stems", "text_stems", "data", "indexed_at"})
#: Document keys that are not kept in the JSON of a row.
_NOT_STORED = frozenset({"text", "title_stems", "text_stems"})
#: How many cases sharing domains or laws are compared on text for `similar_case_ids`.
SIMILAR_CANDIDATES = 100


class DatabaseBackend(DatabaseSiteSearchMixin):
    name = "database"

    # -- searching -----------------------------------------------------------------
    def faceted_search(self, index: FacetedIndex, params: FacetedQuery) -> FacetedResult:
        query = _FacetedSql(index, params)
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
        counts: list[dict] = [{} for _facet in index.facets]
        for kind, value, count in rows:
            if kind >= 0:
                counts[kind][index.facets[kind].parse(value)] = count
        facets = [
            facet_from_counts(facet, counts[position], params.selected(facet))
            for position, facet in enumerate(index.facets)
        ]
        return FacetedResult(
            total=total,
            documents=[data[pk] for pk in ids if pk in data],
            facets=facets,
            page=page,
            num_pages=num_pages,
            backend=self.name,
        )

    def faceted_document(self, index: FacetedIndex, *, doc_id: int) -> dict | None:
        row = CaseDocument.objects.filter(pk=doc_id).values("data", "text_stems").first()
        if row is None:
            return None
        return {**row["data"], "text_stems": row["text_stems"]}

    def faceted_similar_ids(self, index: FacetedIndex, *, document: dict, limit: int) -> list[int]:
        shared_terms = Q(pk__in=[])
        for field in index.similarity_fields:
            shared_terms |= Q(terms__facet=field, terms__value__in=document.get(field) or [])
        candidates = list(
            CaseDocument.objects.exclude(pk=document["id"])
            .annotate(shared=Count("terms", filter=shared_terms))
            .filter(shared__gt=0)
            .order_by("-shared", "pk")
            .values_list("pk", "shared", "text_stems")[:SIMILAR_CANDIDATES]
        )
        text_stems = document.get("text_stems")
        if text_stems is None:  # a document built on the fly, not read from the index
            text_stems = searchable_stems(document.get("text", ""))
        own = set(text_stems.split())

        def text_similarity(other_stems: str) -> float:
            other = set(other_stems.split())
            union = own | other
            return len(own & other) / len(union) if union else 0.0

        ranked = sorted(candidates, key=lambda row: (-row[1], -text_similarity(row[2]), row[0]))
        return [pk for pk, _shared, _text in ranked[:limit]]

    # -- indexing ------------------------------------------------------------------
    def faceted_index_update(
        self, index: FacetedIndex, *, documents: Iterable[dict], removed_ids: Iterable[int]
    ) -> None:
        documents = list(documents)
        stale = {*removed_ids, *(document["id"] for document in documents)}
        with transaction.atomic():
            index_write_lock(index.name)
            if stale:
                CaseDocumentStem.objects.filter(document_id__in=stale).delete()
                CaseDocumentTerm.objects.filter(document_id__in=stale).delete()
                CaseDocument.objects.filter(pk__in=stale).delete()
            _insert(index, documents)

    def faceted_index_rebuild(
        self,
        index: FacetedIndex,
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
            index_write_lock(index.name)
            CaseDocumentStem.objects.all().delete()
            CaseDocumentTerm.objects.all().delete()
            CaseDocument.objects.all().delete()
            while batch := list(islice(iterator, BATCH_SIZE)):
                _insert(index, batch)
                done += len(batch)
                if progress:
                    progress(done, total)
        return done


# -- storage -------------------------------------------------------------------------------
def _model_field(name: str) -> models.Field:
    """The column of search.CaseDocument holding the document field `name`."""
    if name == "id":
        return CaseDocument._meta.pk
    try:
        field = CaseDocument._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is None or name in _OWN_COLUMNS or not field.concrete:
        raise ImproperlyConfigured(
            f"The database search backend keeps no column for the document field {name!r}: "
            "a single-valued facet or a sort field needs a column of search.CaseDocument."
        )
    return field


def _column(name: str) -> str:
    """The quoted column of `name` (see _model_field)."""
    return connection.ops.quote_name(_model_field(name).column)


def _stored(value: Any) -> Any:
    """A document value as JSON holds it (amounts as text, exact when read back)."""
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row(index: FacetedIndex, document: dict) -> tuple[CaseDocument, dict[str, int]]:
    """The row of a document and its stems with their relevance."""
    values: dict[str, Any] = {}
    for field in CaseDocument._meta.concrete_fields:
        if field.name in _OWN_COLUMNS or field.name not in document:
            continue
        value = document[field.name]
        if isinstance(field, models.CharField) and isinstance(value, str):
            value = value[: field.max_length]
        values[field.attname] = value
    text_stems, weights = document_stems(
        text=document.get("text") or document["title"],
        weighted={
            name: (document.get(name) or "", weight)
            for name, weight in index.weighted_fields.items()
        },
    )
    not_stored = {*_NOT_STORED, *(name for name in index.weighted_fields if name != "title")}
    row = CaseDocument(
        page_id=document["id"],
        title_stems=stemmed_text(document["title"]),
        text_stems=text_stems,
        data={key: _stored(value) for key, value in document.items() if key not in not_stored},
        **values,
    )
    return row, weights


def _insert(index: FacetedIndex, documents: list[dict]) -> None:
    if not documents:
        return
    analysed = [_row(index, document) for document in documents]
    CaseDocument.objects.bulk_create([row for row, _weights in analysed], batch_size=BATCH_SIZE)
    _insert_rows(
        CaseDocumentTerm,
        ("document", "facet", "value"),
        (
            (document["id"], field, str(value))
            for document in documents
            for field in index.multi_valued_fields
            for value in dict.fromkeys(document.get(field) or [])
        ),
    )
    _insert_rows(
        CaseDocumentStem,
        ("document", "stem", "weight"),
        (
            (row.page_id, stem, weight)
            for row, weights in analysed
            for stem, weight in weights.items()
        ),
    )


def _insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]) -> None:
    """INSERT plain value rows in batches (executemany): a document has about a hundred
    stem rows, and building a model instance per row cost more than the insert itself."""
    qn = connection.ops.quote_name
    columns = ", ".join(qn(model._meta.get_field(name).column) for name in fields)
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({columns})"  # noqa: S608 (identifiers only; values are parameters)
        f" VALUES ({', '.join(['%s'] * len(fields))})"
    )
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, BATCH_SIZE * 10)):
            cursor.executemany(sql, batch)


def _condition(facet: FacetDefinition, values: Sequence, *, document: str) -> tuple[str, list]:
    """SQL condition (with its parameters) on the row `document` of search.CaseDocument
    for the selected values of a facet: a column test for a single-valued facet; for a
    multi-valued one, membership of the ids found on the covering index of
    search.CaseDocumentTerm (with AND: the ids having every value)."""
    values = list(dict.fromkeys(values if not facet.multi_valued else map(str, values)))
    placeholders = ", ".join(["%s"] * len(values))
    if not facet.multi_valued:
        return f"{document}.{_column(facet.field)} IN ({placeholders})", values
    subquery = (
        f"SELECT document_id FROM {connection.ops.quote_name(CaseDocumentTerm._meta.db_table)}"  # noqa: S608 (identifiers only; values are parameters)
        f" WHERE facet = %s AND value IN ({placeholders})"
    )
    params: list = [facet.field, *values]
    if facet.operator is Operator.AND and len(values) > 1:
        subquery += " GROUP BY document_id HAVING COUNT(*) = %s"
        params.append(len(values))
    pk = connection.ops.quote_name(CaseDocument._meta.pk.column)
    return f"{document}.{pk} IN ({subquery})", params


#: Row kinds of the search statement besides a facet's position in the index's facets.
_TOTAL = -1
_HIT = -2


#: A matched query group outweighs any relevance: documents matching every group first,
#: then those matching the most (the engines score the same way).
COVERAGE_WEIGHT = 1000
#: A query word found as a whole word (not only as a compound part inside another
#: word): "vrouwenopvang" itself above "kinderopvang" for "vrouwenopvang".
EXACT_BONUS = 100


class _FacetedSql:
    """The SQL of one faceted search, as one statement whatever the facets:

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

    def __init__(self, index: FacetedIndex, params: FacetedQuery) -> None:
        self.index = index
        self.params = params
        qn = connection.ops.quote_name
        self.pk = qn(CaseDocument._meta.pk.column)
        groups = query_groups(params.q)
        qn_stems = qn(CaseDocumentStem._meta.db_table)
        documents = qn(CaseDocument._meta.db_table)
        like = connection.operators["contains"]
        # The free text: a document matches when it matches `required_groups(n)` of the
        # query's n groups (search.synonyms.query_groups). Single stems are looked up in
        # the stem index (one grouped pass: per group a 0/1 column, and the summed
        # weights); phrases and stems too long for the index on the stemmed text.
        matched_parts: list[str] = []
        matched_params: list = []
        score_parts: list[str] = []
        score_params: list = []
        source_params: list = []
        stem_columns: list[str] = []
        all_stems = sorted({stem for group in groups for stem in group.stems})
        for number, group in enumerate(groups):
            tests = []
            if group.stems:
                stems = sorted(group.stems)
                stem_columns.append(
                    f"MAX(CASE WHEN stem IN ({', '.join(['%s'] * len(stems))}) THEN 1 ELSE 0 END)"
                    f" AS g{number}"
                )
                source_params += stems
                tests.append(f"COALESCE(s.g{number}, 0) = 1")
            if group.exact:
                # The group's whole word itself (not only inside a compound): a bonus
                # above any relevance, below a matched group.
                exact_stems = sorted(group.exact)
                stem_columns.append(
                    f"MAX(CASE WHEN stem IN ({', '.join(['%s'] * len(exact_stems))})"
                    f" THEN 1 ELSE 0 END) AS e{number}"
                )
                source_params += exact_stems
                score_parts.append(f"{EXACT_BONUS} * COALESCE(s.e{number}, 0)")
            for phrase in sorted(group.phrases):
                padded = f" {phrase} "
                pattern = f"%{connection.ops.prep_for_like_query(padded)}%"
                tests.append(f"d.text_stems {like}")
                matched_params.append(pattern)
                score_parts.append(
                    f"(CASE WHEN d.title_stems {like} THEN {TITLE_WEIGHT} ELSE 0 END)"
                    " + (LENGTH(d.text_stems) - LENGTH(REPLACE(d.text_stems, %s, ' '))) / %s"
                )
                score_params += [pattern, padded, len(padded) - 1]
            matched_parts.append(f"(CASE WHEN {' OR '.join(tests)} THEN 1 ELSE 0 END)")
        if all_stems:
            # A query's whole words weigh EXACT_WEIGHT times a compound part's stem.
            exact = sorted({stem for group in groups for stem in group.exact})
            weight = "weight"
            if exact:
                weight = (
                    f"weight * CASE WHEN stem IN ({', '.join(['%s'] * len(exact))})"
                    f" THEN {EXACT_WEIGHT} ELSE 1 END"
                )
            stem_source = (
                f"(SELECT document_id, SUM({weight}) AS w, {', '.join(stem_columns)}"  # noqa: S608 (identifiers only; values are parameters)
                f" FROM {qn_stems} WHERE stem IN ({', '.join(['%s'] * len(all_stems))})"
                " GROUP BY document_id) s"
            )
            source_params = [*exact, *source_params, *all_stems]
            # Only phrases can match a document without any of the stems: then every
            # document is read, otherwise only those the stem index found.
            join = "LEFT JOIN" if any(group.phrases for group in groups) else "JOIN"
            source = f"{documents} d {join} {stem_source} ON d.{self.pk} = s.document_id"
            score_parts.insert(0, "COALESCE(s.w, 0)")
        else:
            source = f"{documents} d"
        if groups:
            matched = " + ".join(matched_parts)
            score = f"{COVERAGE_WEIGHT} * ({matched}) + {' + '.join(score_parts)}"
            score_params = [*matched_params, *score_params]
        else:
            matched, score = "0", "0"
        by_score, order = index.order_for(params, ranked=bool(groups))
        self.sort_fields = [name.lstrip("-") for name in order if name.lstrip("-") != "id"]
        self.order = ", ".join(
            [
                *(["score DESC"] if by_score else []),
                *(
                    f"{qn('s_' + name.lstrip('-'))}{' DESC' if name.startswith('-') else ''}"
                    if name.lstrip("-") != "id"
                    else f"id{' DESC' if name.startswith('-') else ''}"
                    for name in order
                ),
            ]
        )

        self.flags: list[int] = []
        columns = [f"d.{self.pk} AS id", f"{matched} AS matched", f"{score} AS score"]
        column_params = [*matched_params, *score_params]
        columns += [f"d.{_column(name)} AS {qn('s_' + name)}" for name in self.sort_fields]
        for position, facet in enumerate(index.facets):
            if not facet.multi_valued:
                columns.append(f"d.{_column(facet.field)} AS v{position}")
            values = params.selected(facet)
            if values:
                condition, values_params = _condition(facet, values, document="d")
                columns.append(f"CASE WHEN {condition} THEN 1 ELSE 0 END AS f{position}")
                column_params += values_params
                self.flags.append(position)
        inner = f"SELECT {', '.join(columns)} FROM {source}"  # noqa: S608 (identifiers only; values are parameters)
        if groups:
            self.cte = f"WITH m AS (SELECT * FROM ({inner}) x WHERE x.matched >= %s)"  # noqa: S608 (identifiers only; values are parameters)
            self.cte_params = [*column_params, *source_params, required_groups(len(groups))]
        else:
            self.cte = f"WITH m AS ({inner})"
            self.cte_params = [*column_params, *source_params]

    def _where(self, *conditions: str, without: int | None = None) -> str:
        """WHERE clause: `conditions` and every facet flag but `without`."""
        flags = [*conditions, *(f"m.f{index} = 1" for index in self.flags if index != without)]
        return f" WHERE {' AND '.join(flags)}" if flags else ""

    def _hits(self, *, page: int) -> tuple[str, list]:
        """The ids of the page with their position: the page is cut by a LIMIT (a top-N
        sort), and only its rows are numbered."""
        qn = connection.ops.quote_name
        selected = ", ".join(
            ["m.id", "m.score", *(f"m.{qn('s_' + name)}" for name in self.sort_fields)]
        )
        per_page = self.params.per_page
        sql = (
            f"SELECT {_HIT}, CAST(id AS TEXT), ROW_NUMBER() OVER (ORDER BY {self.order}) FROM"  # noqa: S608 (identifiers only; values are parameters)
            f" (SELECT {selected} FROM m{self._where()}"
            f" ORDER BY {self.order} LIMIT %s OFFSET %s) hits"
        )
        return sql, [per_page, (page - 1) * per_page]

    def counts_and_page(self, *, page: int) -> tuple[str, list]:
        terms = connection.ops.quote_name(CaseDocumentTerm._meta.db_table)
        parts = [
            f"SELECT {_TOTAL} AS kind, CAST(NULL AS TEXT) AS value, COUNT(*) AS n"  # noqa: S608 (identifiers only; values are parameters)
            f" FROM m{self._where()}"
        ]
        params: list = []
        for position, facet in enumerate(self.index.facets):
            without = None if facet.operator is Operator.AND else position
            if facet.multi_valued:
                # CROSS JOIN: SQLite reads m first and looks its terms up on the
                # (document, facet, value) index (PostgreSQL plans as it likes).
                where = self._where("t.document_id = m.id", "t.facet = %s", without=without)
                parts.append(
                    f"SELECT {position}, t.value, COUNT(*) FROM m CROSS JOIN {terms} t{where}"  # noqa: S608 (identifiers only; values are parameters)
                    " GROUP BY t.value"
                )
                params.append(facet.field)
            else:
                where = self._where(without=without)
                parts.append(
                    f"SELECT {position}, CAST(m.v{position} AS TEXT), COUNT(*) FROM m{where}"  # noqa: S608 (identifiers only; values are parameters)
                    f" GROUP BY m.v{position}"
                )
        hits, hits_params = self._hits(page=page)
        parts.append(hits)
        sql = f"{self.cte} {' UNION ALL '.join(parts)}"
        return sql, [*self.cte_params, *params, *hits_params]

    def page(self, *, page: int) -> tuple[str, list]:
        hits, hits_params = self._hits(page=page)
        return f"{self.cte} {hits}", [*self.cte_params, *hits_params]
