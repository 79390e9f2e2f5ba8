"""The database backend: the embedded default, on SQLite and PostgreSQL alike.

A faceted index (search.faceted) lives in search.CaseDocument (one row per document:
its single-valued facets and sort fields as columns, the rest as JSON),
search.CaseDocumentTerm (one row per value of a multi-valued facet) and
search.CaseDocumentStem (one row per distinct stem of the text, with its relevance).
The table's columns are those of the portal's faceted index (the casebook's): an index
whose single-valued facet or sort field has no column is refused with a clear error.
The stems are made here (search.text) from the document's `title` and `text`; the
analysis is the same for every engine.

Free text: a document matches `required_groups(n)` of the query's n groups
(search.synonyms: a word with its compound parts and synonyms, phrases for synonyms of
several words); relevance counts matched groups, title hits (heavier), occurrences and
weighted fields, and a bonus for the whole word. Where the matches come from (measured
at 100,000 synthetic cases, `search_benchmark`; CPU per query, SQLite):

- SQLite: FTS5 over the stored stemmed text (search_casedocument_fts, migration 0008,
  kept in step by triggers). Finding the documents of "instantie schuld" (80 % of the
  cases) costs 15 ms in FTS5 against 120 ms grouping 160,000 rows of the stem index, and
  a phrase is a phrase query instead of a LIKE over every text. FTS5's bm25 is not used
  for the relevance: it would rank differently from the other engines' agreed relevance
  (search_evaluate) and costs as much (75 ms for 80,000 documents); the relevance is
  read on the stem index, only for a sort by relevance and only for the documents
  passing every filter (`_relevance`). The stored text holds every stem of the stem
  index (`_row`), so FTS5 matches exactly the documents the stem index would.
- PostgreSQL (`_pg_match`, `_pg_relevance`): per query group a semi-join, whatever the
  sort: its stems on the stem index's (stem, document, weight) index, its phrases on a
  GIN index of the text's tsvector ('simple' configuration over the already stemmed
  text, the phrase's words AND-ed, confirmed with LIKE). A sort by relevance reads the
  relevance in the page's part only, for the documents passing every filter: per query
  stem a LEFT JOIN of its stem-index row (hashed, or an index lookup per document when
  few pass), the same integer sum as `_relevance`. Measured at 100,000 (h25): before,
  a search by relevance grouped the stem index's rows per document (177,000 rows for
  two common stems; a hash aggregate that spilled to disk with work_mem 4 MB, built
  again by each parallel worker: 380 ms of a 600 ms query), and matching on the
  tsvector alone let the planner recompute `to_tsvector` per row (a sequential scan, or
  the GIN recheck of a phrase query: 0.8-1 s). Now, on committed data (EXPLAIN
  ANALYZE), "regeling overzicht" with four filters takes 205 ms instead of 440, "woning"
  with two filters 200 instead of 1,020; 200 benchmark queries p95 325 ms instead of
  879. `search_benchmark` measures uncommitted rows (its transaction is rolled back):
  there no index-only scan applies (no visibility map), and its p95 stays above the
  300 ms goal (621 ms at load 2.8).
  The remaining broad cost is the counts of the multi-valued facets over 80,000
  matches (a hash join with 450,000 term rows, about 250 ms). work_mem is left alone.
  The tsvector covers a text's first 100,000 characters (its positions stop at 16,383
  anyway): a phrase past that is not found (single stems are, on the stem index).
- Other databases: the stem index, and LIKE over the texts for phrases.

A search costs two queries whatever the number of documents (see `_FacetedSql`): one
statement for the total, every facet's counts and the page's ids, one for the page's
rows; a third only when the page asked for is past the last one. Facet counts read the
indexes directly when every document counts (the casebook's first page), and a
multi-valued facet's values in the order of its (facet, value, document) index, with
no sort.

The SQL is built here from identifiers of the models and fixed keywords only; every
value (stems, facet values, limits, FTS5 query strings) is a query parameter, and an
FTS5 query string is built of quoted phrases only (`_fts5_phrase`).
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
from ..synonyms import EXACT_WEIGHT, QueryGroup, query_groups, required_groups
from ..text import (
    PARTS_SEPARATOR,
    TITLE_WEIGHT,
    document_stems,
    searchable_stems,
    stemmed_text,
)
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
            _analyse()
        return done


def _analyse() -> None:
    """PostgreSQL: statistics of the rebuilt tables, in the rebuild's transaction. Until
    autovacuum sees the commit, the planner would otherwise plan for the tables as they
    were (measured: a rebuild of 100,000 documents from empty, then a search without
    text ran for minutes on nested loops)."""
    if connection.vendor != "postgresql":
        return
    qn = connection.ops.quote_name
    tables = ", ".join(
        qn(model._meta.db_table) for model in (CaseDocument, CaseDocumentTerm, CaseDocumentStem)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


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
    # Every stem the stem index holds is in the stored text too (a weighted field's word
    # that the text lacks goes after the separator, with the compound parts), so the
    # full-text index over the text matches exactly the documents the stem index does.
    held = set(text_stems.split())
    if missing := [stem for stem in weights if stem not in held]:
        separator = "" if PARTS_SEPARATOR in held else f" {PARTS_SEPARATOR}"
        text_stems = f"{text_stems.rstrip() or ''}{separator} {' '.join(missing)} "
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
    stem rows, and building a model instance per row cost more than the insert itself.
    On PostgreSQL with COPY: its executemany sends a statement per row."""
    qn = connection.ops.quote_name
    columns = ", ".join(qn(model._meta.get_field(name).column) for name in fields)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            statement = f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN"
            with cursor.cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        return
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


#: The SQLite FTS5 table over search.CaseDocument.text_stems, and the expression of the
#: PostgreSQL GIN index over it (both made by migration search 0008, on their vendor only).
FTS_TABLE = "search_casedocument_fts"
PG_TSVECTOR = "to_tsvector('simple'::regconfig, LEFT({column}, 100000))"


def _fts5_phrase(phrase: str) -> str:
    """An FTS5 query string for a stemmed phrase: one quoted phrase (a double quote
    inside is doubled, so the string can only ever be a phrase)."""
    return '"' + phrase.replace('"', '""') + '"'


def _phrase_documents(phrase: str) -> tuple[str, list]:
    """FROM and WHERE (with parameters) selecting the documents `d2` whose stemmed text
    holds `phrase` as consecutive stems: candidates from FTS5's phrase query on SQLite
    (PostgreSQL: see `_pg_match`), each confirmed on its text with the same LIKE as
    always, so the matches are exactly the LIKE's."""
    qn = connection.ops.quote_name
    documents = qn(CaseDocument._meta.db_table)
    pk = qn(CaseDocument._meta.pk.column)
    padded = f" {phrase} "
    like = connection.operators["contains"] % "%s"
    pattern = f"%{connection.ops.prep_for_like_query(padded)}%"
    confirm = f"d2.text_stems {like}"
    if connection.vendor == "sqlite":
        return (
            f"(SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) c"  # noqa: S608 (identifiers only; values are parameters)
            f" JOIN {documents} d2 ON d2.{pk} = c.id WHERE {confirm}",
            [_fts5_phrase(phrase), pattern],
        )
    return f"{documents} d2 WHERE {confirm}", [pattern]


def _covering_hint() -> str:
    """SQLite's hint to read a matched document's facet and sort columns on the covering
    index (search_casedoc_facets) rather than the wide row (measured at 100,000
    documents: the planner, without statistics, seeks the row)."""
    return " INDEXED BY search_casedoc_facets" if connection.vendor == "sqlite" else ""


def _fts5_alternatives(group: QueryGroup) -> str:
    """A group as an FTS5 query: its stems and phrases, each a quoted phrase, OR-ed."""
    return (
        f"({' OR '.join(_fts5_phrase(alternative) for alternative in sorted(group.alternatives))})"
    )


def _fts5_match(
    groups: Sequence[QueryGroup], *, by_score: bool
) -> tuple[str, str, str, list, list]:
    """`_text_match` on SQLite: the documents found by FTS5 (the text's stems are
    indexed as tokens, '|' between the stems in order and the compound parts being a
    token too, so a phrase is found exactly where `LIKE '% a b %'` finds it). With every
    group required, one MATCH of the groups AND-ed; otherwise the groups OR-ed and per
    group a MATCH telling which it matched. No relevance here: a sort by relevance reads
    it for the documents passing every filter only (`_FacetedSql._hits`, `_relevance`)."""
    qn = connection.ops.quote_name
    pk = qn(CaseDocument._meta.pk.column)
    documents = f"{qn(CaseDocument._meta.db_table)} d{_covering_hint()}"
    alternatives = [_fts5_alternatives(group) for group in groups]
    required = required_groups(len(groups))
    params: list = []
    flags: list[str] = []
    if required == len(groups):
        expression = " AND ".join(alternatives)
        matched = str(len(groups))
    else:
        expression = " OR ".join(alternatives)
        for number, alternative in enumerate(alternatives):
            flags.append(
                f"CASE WHEN rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608 (identifiers only; values are parameters)
                f" THEN 1 ELSE 0 END AS g{number}"
            )
            params.append(alternative)
        matched = " + ".join(f"s.g{number}" for number in range(len(groups)))
    columns = ", ".join(["rowid AS document_id", *flags])
    source = (
        f"(SELECT {columns} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) s"  # noqa: S608 (identifiers only; values are parameters)
        f" JOIN {documents} ON d.{pk} = s.document_id"
    )
    params.append(expression)
    return source, matched, "0", [], params


def _pg_match(groups: Sequence[QueryGroup]) -> tuple[str, str, str, list, list]:
    """`_text_match` on PostgreSQL, whatever the sort: per group a semi-join, no
    grouping of the stem index's rows per document (that hash aggregate spilled to disk
    at 100,000 documents). A group's stems are looked up on the stem index (its
    (stem, document, weight) index, read index-only: the same documents as the
    relevance reads); a phrase's candidates on the GIN index of the text's tsvector,
    with the phrase's words AND-ed (`plainto_tsquery`: no positions, so the GIN index
    needs no recheck that recomputes every candidate's tsvector), each confirmed with
    the LIKE that always decided a phrase ('|' is no token there, so a tsvector phrase
    would also bridge the stems in order and the compound parts). No relevance here: a
    sort by relevance reads it in the page's part (`_pg_relevance`). With fewer groups
    required than given, per group a 0/1 flag (hashed subplans)."""
    qn = connection.ops.quote_name
    pk = qn(CaseDocument._meta.pk.column)
    table = qn(CaseDocument._meta.db_table)
    stems_table = qn(CaseDocumentStem._meta.db_table)
    like = connection.operators["contains"] % "%s"
    vector = PG_TSVECTOR.format(column="d2.text_stems")

    def condition(group: QueryGroup) -> tuple[str, list]:
        tests, params = [], []
        if group.stems:
            stems = sorted(group.stems)
            tests.append(
                f"d.{pk} IN (SELECT document_id FROM {stems_table}"  # noqa: S608 (identifiers only; values are parameters)
                f" WHERE stem IN ({', '.join(['%s'] * len(stems))}))"
            )
            params += stems
        for phrase in sorted(group.phrases):
            padded = f" {phrase} "
            tests.append(
                f"d.{pk} IN (SELECT d2.{pk} FROM {table} d2"  # noqa: S608 (identifiers only; values are parameters)
                f" WHERE {vector} @@ plainto_tsquery('simple'::regconfig, %s)"
                f" AND d2.text_stems {like})"
            )
            params += [phrase, f"%{connection.ops.prep_for_like_query(padded)}%"]
        return f"({' OR '.join(tests) or 'FALSE'})", params

    required = required_groups(len(groups))
    conditions = [condition(group) for group in groups]
    where_params = [param for _sql, group in conditions for param in group]
    if required == len(groups):
        where = " AND ".join(sql for sql, _params in conditions)
        return f"{table} d WHERE {where}", str(len(groups)), "0", [], where_params
    flags = [f"CASE WHEN {sql} THEN 1 ELSE 0 END" for sql, _params in conditions]
    where = " OR ".join(sql for sql, _params in conditions)
    # The flags are the `matched` column: their parameters come first (see _text_match).
    return f"{table} d WHERE {where}", f"({' + '.join(flags)})", "0", where_params, where_params


def _relevance(groups: Sequence[QueryGroup], *, document: str) -> tuple[str, list]:
    """The relevance of the document `document` (an SQL expression of its id) for the
    groups, besides the matched groups' weight: its stems' weights from the stem index
    (a whole word EXACT_WEIGHT times a compound part), EXACT_BONUS per group whose whole
    word it holds, and per phrase its title weight and occurrences in the text."""
    qn = connection.ops.quote_name
    like = connection.operators["contains"] % "%s"

    def placeholders(values: Sequence) -> str:
        return ", ".join(["%s"] * len(values))

    parts: list[str] = []
    params: list = []
    all_stems = sorted({stem for group in groups for stem in group.stems})
    if all_stems:
        exact = sorted({stem for group in groups for stem in group.exact})
        weight, weight_params = "weight", []
        if exact:
            weight = (
                f"weight * CASE WHEN stem IN ({placeholders(exact)}) THEN {EXACT_WEIGHT} ELSE 1 END"
            )
            weight_params = exact
        sums = [f"SUM({weight})"]
        for group in groups:
            if group.exact:
                exact_stems = sorted(group.exact)
                sums.append(
                    f"{EXACT_BONUS} * MAX(CASE WHEN stem IN ({placeholders(exact_stems)})"
                    " THEN 1 ELSE 0 END)"
                )
                weight_params += exact_stems
        parts.append(
            f"COALESCE((SELECT {' + '.join(sums)} FROM {qn(CaseDocumentStem._meta.db_table)}"  # noqa: S608 (identifiers only; values are parameters)
            f" WHERE stem IN ({placeholders(all_stems)}) AND document_id = {document}), 0)"
        )
        params += [*weight_params, *all_stems]
    phrases = []
    for group in groups:
        for phrase in sorted(group.phrases):
            sql, phrase_params = _phrase_score(phrase, like=like)
            phrases.append(sql)
            params += phrase_params
    if phrases:
        documents = qn(CaseDocument._meta.db_table)
        pk = qn(CaseDocument._meta.pk.column)
        parts.append(
            f"(SELECT {' + '.join(phrases)} FROM {documents} d2 WHERE d2.{pk} = {document})"  # noqa: S608 (identifiers only; values are parameters)
        )
    return " + ".join(parts) or "0", params


def _phrase_score(phrase: str, *, like: str) -> tuple[str, list]:
    """A phrase's share of relevance on the row `d2`: the title weight when the title
    holds it, plus its occurrences in the text."""
    padded = f" {phrase} "
    pattern = f"%{connection.ops.prep_for_like_query(padded)}%"
    sql = (
        f"(CASE WHEN d2.title_stems {like} THEN {TITLE_WEIGHT} ELSE 0 END)"
        " + (LENGTH(d2.text_stems) - LENGTH(REPLACE(d2.text_stems, %s, ' '))) / %s"
    )
    return sql, [pattern, padded, len(padded) - 1]


def _pg_relevance(groups: Sequence[QueryGroup], *, document: str) -> tuple[str, str, list, list]:
    """`_relevance` on PostgreSQL, as joins instead of a subquery per document: per
    distinct query stem a LEFT JOIN of its stem-index row (at most one: a row per
    distinct stem of a document), per phrase the document's row. Returns (joins to
    follow the page's source, the relevance expression, the expression's parameters,
    the joins' parameters). Same sum as `_relevance` (integer weights, so the order of
    adding changes nothing): each stem's weight (EXACT_WEIGHT times for a whole word),
    EXACT_BONUS per group with a whole word present, each phrase per group holding it."""
    qn = connection.ops.quote_name
    like = connection.operators["contains"] % "%s"
    stems_table = qn(CaseDocumentStem._meta.db_table)
    all_stems = sorted({stem for group in groups for stem in group.stems})
    exact = {stem for group in groups for stem in group.exact}
    joins: list[str] = []
    join_params: list = []
    terms: list[str] = []
    params: list = []
    alias = {stem: f"r{number}" for number, stem in enumerate(all_stems)}
    for stem in all_stems:
        joins.append(
            f" LEFT JOIN {stems_table} {alias[stem]} ON {alias[stem]}.document_id = {document}"
            f" AND {alias[stem]}.stem = %s"
        )
        join_params.append(stem)
        factor = f" * {EXACT_WEIGHT}" if stem in exact else ""
        terms.append(f"COALESCE({alias[stem]}.weight, 0){factor}")
    for group in groups:
        if group.exact:
            present = " OR ".join(
                f"{alias[stem]}.document_id IS NOT NULL" for stem in sorted(group.exact)
            )
            terms.append(f"{EXACT_BONUS} * (CASE WHEN {present} THEN 1 ELSE 0 END)")
    phrases = [phrase for group in groups for phrase in sorted(group.phrases)]
    if phrases:
        documents = qn(CaseDocument._meta.db_table)
        pk = qn(CaseDocument._meta.pk.column)
        joins.append(f" JOIN {documents} d2 ON d2.{pk} = {document}")
        for phrase in phrases:
            sql, phrase_params = _phrase_score(phrase, like=like)
            terms.append(sql)
            params += phrase_params
    return "".join(joins), " + ".join(terms) or "0", params, join_params


def _text_match(
    groups: Sequence[QueryGroup], *, by_score: bool
) -> tuple[str, str, str, list, list]:
    """(FROM clause, matched groups, score, parameters of the FROM clause) of a free
    text: the documents matching at least one of the query's groups, each with per
    group a 0/1 column `s.g<n>` (and `s.e<n>`: the group's whole word itself), and its
    summed relevance `s.w`.

    Single stems are read on the stem index (search.CaseDocumentStem: one row per
    distinct stem of a document, with its relevance: title weight, occurrences,
    weighted fields); phrases (synonyms of several words) and stems too long for the
    stem index on the full-text index (`_phrase_documents`), as extra rows united with
    the stems' before grouping per document. Every match is a join on an index: no
    search reads every document's text. SQLite and PostgreSQL have their own
    (`_fts5_match`, `_pg_match`); this is the other databases'.
    """
    qn = connection.ops.quote_name
    pk = qn(CaseDocument._meta.pk.column)
    documents = f"{qn(CaseDocument._meta.db_table)} d{_covering_hint()}"
    if not groups:
        return documents, "0", "0", [], []
    if connection.vendor == "sqlite":
        return _fts5_match(groups, by_score=by_score)
    if connection.vendor == "postgresql":
        return _pg_match(groups)
    like = connection.operators["contains"] % "%s"
    all_stems = sorted({stem for group in groups for stem in group.stems})
    phrases = sorted({phrase for group in groups for phrase in group.phrases})
    exact_groups = [number for number, group in enumerate(groups) if group.exact]

    def placeholders(values: Sequence) -> str:
        return ", ".join(["%s"] * len(values))

    branches: list[tuple[str, list]] = []
    if all_stems:
        # A query's whole words weigh EXACT_WEIGHT times a compound part's stem.
        exact = sorted({stem for group in groups for stem in group.exact})
        weight, params = "weight", []
        if exact:
            weight = (
                f"weight * CASE WHEN stem IN ({placeholders(exact)}) THEN {EXACT_WEIGHT} ELSE 1 END"
            )
            params += exact
        columns = [f"{weight} AS w"]
        for number, group in enumerate(groups):
            if group.stems:
                stems = sorted(group.stems)
                columns.append(
                    f"CASE WHEN stem IN ({placeholders(stems)}) THEN 1 ELSE 0 END AS g{number}"
                )
                params += stems
            else:
                columns.append(f"0 AS g{number}")
        for number in exact_groups:
            exact_stems = sorted(groups[number].exact)
            columns.append(
                f"CASE WHEN stem IN ({placeholders(exact_stems)}) THEN 1 ELSE 0 END AS e{number}"
            )
            params += exact_stems
        branches.append(
            (
                f"SELECT document_id, {', '.join(columns)}"  # noqa: S608 (identifiers only; values are parameters)
                f" FROM {qn(CaseDocumentStem._meta.db_table)}"
                f" WHERE stem IN ({placeholders(all_stems)})",
                [*params, *all_stems],
            )
        )
    for phrase in phrases:
        holders = [number for number, group in enumerate(groups) if phrase in group.phrases]
        # The phrase's relevance, once for every group holding the phrase.
        phrase_sql, phrase_params = _phrase_score(phrase, like=like)
        score = f"({phrase_sql}) * {len(holders)}"
        columns = [
            f"{score} AS w",
            *(f"{1 if number in holders else 0} AS g{number}" for number in range(len(groups))),
            *(f"0 AS e{number}" for number in exact_groups),
        ]
        source, source_params = _phrase_documents(phrase)
        branches.append(
            (
                f"SELECT d2.{pk} AS document_id, {', '.join(columns)} FROM {source}",  # noqa: S608 (identifiers only; values are parameters)
                [*phrase_params, *source_params],
            )
        )
    grouped = [
        "SUM(w) AS w",
        *(f"MAX(g{number}) AS g{number}" for number in range(len(groups))),
        *(f"MAX(e{number}) AS e{number}" for number in exact_groups),
    ]
    union = " UNION ALL ".join(sql for sql, _params in branches)
    source = (
        f"{documents} JOIN (SELECT document_id, {', '.join(grouped)} FROM ({union}) u"  # noqa: S608 (identifiers only; values are parameters)
        f" GROUP BY document_id) s ON d.{pk} = s.document_id"
    )
    matched = " + ".join(f"s.g{number}" for number in range(len(groups)))
    score = " + ".join(
        [
            f"{COVERAGE_WEIGHT} * ({matched})",
            "s.w",
            *(f"{EXACT_BONUS} * s.e{number}" for number in exact_groups),
        ]
    )
    return source, matched, score, [], [param for _sql, params in branches for param in params]


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
        self.groups = groups
        by_score, order = index.order_for(params, ranked=bool(groups))
        #: The relevance when `m` holds none (SQLite): read in the page's part only, for
        #: the documents passing every filter, on the stem index.
        self.hit_score: tuple[str, list] = ("m.score", [])
        if groups and by_score and connection.vendor == "sqlite":
            relevance, relevance_params = _relevance(groups, document="m.id")
            self.hit_score = (f"{COVERAGE_WEIGHT} * m.matched + {relevance}", relevance_params)
        #: Joins after `m` in the page's part that the relevance reads (PostgreSQL).
        self.hit_joins: tuple[str, list] = ("", [])
        if groups and by_score and connection.vendor == "postgresql":
            joins, relevance, relevance_params, join_params = _pg_relevance(groups, document="m.id")
            self.hit_score = (f"{COVERAGE_WEIGHT} * m.matched + {relevance}", relevance_params)
            self.hit_joins = (joins, join_params)
        source, matched, score, score_params, self.source_params = _text_match(
            groups, by_score=by_score
        )
        documents = qn(CaseDocument._meta.db_table)
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
        column_params: list = list(score_params)
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
        self.inner_params = [*column_params, *self.source_params]
        #: Every document, without the covering index's hint (for a sort's index).
        self.all_documents = f"SELECT {', '.join(columns)} FROM {documents} d"  # noqa: S608 (identifiers only; values are parameters)
        # `m` keeps only the documents some part counts: those passing every AND
        # facet's filter and failing at most one OR facet's (an OR facet's counts leave
        # out its own filter, and only its own).
        keep = [
            f"x.f{flag} = 1" for flag in self.flags if index.facets[flag].operator is Operator.AND
        ]
        either = [flag for flag in self.flags if index.facets[flag].operator is not Operator.AND]
        if len(either) > 1:
            keep.append(f"{' + '.join(f'x.f{flag}' for flag in either)} >= {len(either) - 1}")
        keep_params: list = []
        if groups:
            keep.insert(0, "x.matched >= %s")
            keep_params.append(required_groups(len(groups)))
        where = f" WHERE {' AND '.join(keep)}" if keep else ""
        self.cte = f"WITH m AS (SELECT * FROM ({inner}) x{where})"  # noqa: S608 (identifiers only; values are parameters)
        self.cte_params = [*self.inner_params, *keep_params]

    def _everything(self, *, without: int | None = None) -> bool:
        """Whether a part without the flag `without` reads every document: no free text
        and no other facet's filter. Such a part reads the tables (and their indexes)
        directly instead of the materialised `m`: the counts of the casebook's first
        page, read from an index without sorting 100,000 rows."""
        return not self.groups and not [flag for flag in self.flags if flag != without]

    def _where(self, *conditions: str, without: int | None = None) -> str:
        """WHERE clause: `conditions` and every facet flag but `without`."""
        flags = [*conditions, *(f"m.f{index} = 1" for index in self.flags if index != without)]
        return f" WHERE {' AND '.join(flags)}" if flags else ""

    def _hits(self, *, page: int) -> tuple[str, list]:
        """The ids of the page with their position: the page is cut by a LIMIT (a top-N
        sort, or an index's order when every document is shown), and only its rows are
        numbered."""
        qn = connection.ops.quote_name
        score, score_params = self.hit_score
        selected = ", ".join(
            ["m.id", f"{score} AS score", *(f"m.{qn('s_' + name)}" for name in self.sort_fields)]
        )
        per_page = self.params.per_page
        source, params = f"m{self.hit_joins[0]}", list(self.hit_joins[1])
        if self._everything():
            # Every document, in an index's order (no hint: the sort's index may serve).
            source, params = f"({self.all_documents}) m", list(self.inner_params)
        sql = (
            f"SELECT {_HIT}, CAST(id AS TEXT), ROW_NUMBER() OVER (ORDER BY {self.order}) FROM"  # noqa: S608 (identifiers only; values are parameters)
            f" (SELECT {selected} FROM {source}{self._where()}"
            f" ORDER BY {self.order} LIMIT %s OFFSET %s) hits"
        )
        return sql, [*score_params, *params, per_page, (page - 1) * per_page]

    def counts_and_page(self, *, page: int) -> tuple[str, list]:
        qn = connection.ops.quote_name
        terms = qn(CaseDocumentTerm._meta.db_table)
        documents = qn(CaseDocument._meta.db_table)
        total = f"m{self._where()}"
        if self._everything():
            total = documents
        parts = [
            f"SELECT {_TOTAL} AS kind, CAST(NULL AS TEXT) AS value, COUNT(*) AS n FROM {total}"  # noqa: S608 (identifiers only; values are parameters)
        ]
        params: list = []
        # The multi-valued facets counted over the same documents share one part: their
        # values read in order on the (facet, value, document) index, each document
        # tested against the matches once per part (no test when every document counts).
        shared: dict[str, list[int]] = {}
        for position, facet in enumerate(self.index.facets):
            without = None if facet.operator is Operator.AND else position
            everything = self._everything(without=without)
            if facet.multi_valued:
                shared.setdefault("" if everything else self._where(without=without), []).append(
                    position
                )
            elif everything:
                column = _column(facet.field)
                parts.append(
                    f"SELECT {position}, CAST({column} AS TEXT), COUNT(*) FROM {documents}"  # noqa: S608 (identifiers only; values are parameters)
                    f" GROUP BY {column}"
                )
            else:
                where = self._where(without=without)
                parts.append(
                    f"SELECT {position}, CAST(m.v{position} AS TEXT), COUNT(*) FROM m{where}"  # noqa: S608 (identifiers only; values are parameters)
                    f" GROUP BY m.v{position}"
                )
        for key, positions in shared.items():
            fields = [self.index.facets[position].field for position in positions]
            kind = (
                f"CASE t.facet {' '.join(f'WHEN %s THEN {p}' for p in positions)} END"
                if len(positions) > 1
                else str(positions[0])
            )
            facets = f"t.facet IN ({', '.join(['%s'] * len(fields))})"
            sql = f"SELECT {kind}, t.value, COUNT(*) FROM {terms} t WHERE {facets}"  # noqa: S608 (identifiers only; values are parameters)
            if (key or self.groups) and connection.vendor == "sqlite":
                sql += f" AND t.document_id IN (SELECT m.id FROM m{key})"  # noqa: S608 (identifiers only; values are parameters)
            elif key or self.groups:
                # PostgreSQL: a join, which it hashes (with IN it planned a nested loop
                # over `m`, whose size it cannot estimate: minutes at 100,000).
                flags = key.replace(" WHERE ", " AND ", 1)
                sql = (
                    f"SELECT {kind}, t.value, COUNT(*) FROM m JOIN {terms} t"  # noqa: S608 (identifiers only; values are parameters)
                    f" ON t.document_id = m.id WHERE {facets}{flags}"
                )
            parts.append(f"{sql} GROUP BY t.facet, t.value")
            params += [*(fields if len(positions) > 1 else []), *fields]
        hits, hits_params = self._hits(page=page)
        parts.append(hits)
        sql = f"{self.cte} {' UNION ALL '.join(parts)}"
        return sql, [*self.cte_params, *params, *hits_params]

    def page(self, *, page: int) -> tuple[str, list]:
        hits, hits_params = self._hits(page=page)
        return f"{self.cte} {hits}", [*self.cte_params, *hits_params]
