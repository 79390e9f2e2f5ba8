"""Relevance evaluation of a faceted index: graded queries over a shipped corpus, scored
with recall@5, precision@3 and nDCG@10 on each engine (`manage.py search_evaluate`, and
tests/search/test_search_relevance.py).

An app registers how to load its corpus (`relevance_corpus_register`); the search app
reads graded queries (JSON) and asks the index through `search.queries` as any page
does. A graded query:

    {"q": "huurachterstand",
     "relevant": {"Huurachterstand na een terugvordering": 2, ...},   # title -> grade
     "tagged": {"region": "Zwolle"}}                                 # field -> value: grade 1

`relevant` grades by title (2 = what the searcher is after, 1 = useful too); `tagged`
makes every document whose facet field holds the value relevant with grade 1 (what a
professional expects from "Zwolle" or "Wmo"). Both may be given; the highest grade wins.

The measures (k = 5, 3 and 10), over the ranked ids of the first page:

- recall@k: the relevant documents found in the first k, divided by min(k, number
  relevant) (so a query with 12 relevant cases can reach 1.0 with 5 of them);
- precision@k: the relevant documents in the first k, divided by min(k, number
  relevant);
- nDCG@k: discounted cumulative gain of the grades (2^grade - 1, log2 discount) over
  the ideal ranking's.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .faceted import FacetDefinition, FacetedIndex, faceted_index

RECALL_AT = 5
PRECISION_AT = 3
NDCG_AT = 10

#: index name -> loader(corpus file) -> ids of the documents it stored (visible ones).
_LOADERS: dict[str, Callable[[Path], list[int]]] = {}


def relevance_corpus_register(index: str, loader: Callable[[Path], list[int]]) -> None:
    """How an app stores its relevance corpus (through its normal import code)."""
    _LOADERS[index] = loader


def relevance_corpus_load(index: str, path: Path) -> list[int]:
    try:
        loader = _LOADERS[index]
    except KeyError:
        raise LookupError(f"No relevance corpus loader for the index {index!r}") from None
    return loader(path)


@dataclass(frozen=True)
class GradedQuery:
    q: str
    #: document id -> grade (1 or 2)
    grades: dict[int, int]


@dataclass(frozen=True)
class QueryScore:
    q: str
    recall: float
    precision: float
    ndcg: float
    ranked: list[int]


@dataclass
class Evaluation:
    engine: str
    scores: list[QueryScore] = field(default_factory=list)

    def _mean(self, name: str) -> float:
        values = [getattr(score, name) for score in self.scores]
        return sum(values) / len(values) if values else 0.0

    @property
    def recall(self) -> float:
        return self._mean("recall")

    @property
    def precision(self) -> float:
        return self._mean("precision")

    @property
    def ndcg(self) -> float:
        return self._mean("ndcg")


def graded_queries(path: Path, *, documents: Sequence[dict]) -> list[GradedQuery]:
    """The graded queries of `path` with titles and tags resolved to the ids of
    `documents` (the index's documents of the corpus). An unknown title is an error:
    a judgement that points at nothing would pass silently."""
    by_title = {document["title"]: document["id"] for document in documents}
    queries = []
    for entry in json.loads(path.read_text(encoding="utf-8")):
        grades: dict[int, int] = {}
        for name, value in (entry.get("tagged") or {}).items():
            for document in documents:
                held = document.get(name)
                if value == held or (isinstance(held, list) and value in held):
                    grades[document["id"]] = max(grades.get(document["id"], 0), 1)
        for title, grade in (entry.get("relevant") or {}).items():
            if title not in by_title:
                raise ValueError(f"Query {entry['q']!r}: no case titled {title!r} in the corpus")
            grades[by_title[title]] = max(grades.get(by_title[title], 0), int(grade))
        if not grades:
            raise ValueError(f"Query {entry['q']!r} has no relevant document")
        queries.append(GradedQuery(q=entry["q"], grades=grades))
    return queries


def recall_at(ranked: Sequence[int], grades: dict[int, int], k: int) -> float:
    found = sum(1 for doc in ranked[:k] if grades.get(doc, 0) > 0)
    return found / min(k, len(grades))


def precision_at(ranked: Sequence[int], grades: dict[int, int], k: int) -> float:
    found = sum(1 for doc in ranked[:k] if grades.get(doc, 0) > 0)
    return found / min(k, len(grades))


def ndcg_at(ranked: Sequence[int], grades: dict[int, int], k: int) -> float:
    def dcg(values: Sequence[int]) -> float:
        return sum(
            (2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(values)
        )

    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg([grades.get(doc, 0) for doc in ranked[:k]]) / ideal if ideal else 0.0


@dataclass(frozen=True)
class _Params:
    """The search parameters of a free-text query without filters (search.faceted's
    FacetedQuery), ranked by relevance."""

    q: str
    sort: str
    page: int = 1
    per_page: int = NDCG_AT

    def selected(self, facet: FacetDefinition) -> tuple:
        return ()


def evaluate(
    *, index: str | FacetedIndex, queries: Sequence[GradedQuery], engine: str
) -> Evaluation:
    """Run every query on the configured engine and score its first page."""
    from .queries import faceted_search  # noqa: PLC0415 (the engine of this moment)

    definition = faceted_index(index)
    relevance = next(sort.name for sort in definition.sorts if sort.relevance)
    evaluation = Evaluation(engine=engine)
    for query in queries:
        result = faceted_search(index=definition, params=_Params(q=query.q, sort=relevance))
        ranked = [document["id"] for document in result.documents]
        evaluation.scores.append(
            QueryScore(
                q=query.q,
                recall=recall_at(ranked, query.grades, RECALL_AT),
                precision=precision_at(ranked, query.grades, PRECISION_AT),
                ndcg=ndcg_at(ranked, query.grades, NDCG_AT),
                ranked=ranked,
            )
        )
    return evaluation
