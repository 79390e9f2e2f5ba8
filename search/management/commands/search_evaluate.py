"""`manage.py search_evaluate`: relevance of free-text search on each engine.

Loads the relevance corpus (tests/search/relevance/cases.json, through the app's normal
import code) in a transaction that is rolled back at the end, indexes only those
documents on each engine it can reach (the database engine always; Elasticsearch and
OpenSearch when their URL is set, in throwaway indexes), runs the graded queries
(queries.json) and prints recall@5, precision@3 and nDCG@10 per engine. Nothing of it
stays behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from search.backends import ELASTICSEARCH, OPENSEARCH, get_backend
from search.backends.breaker import reset_breakers
from search.evaluation import (
    NDCG_AT,
    PRECISION_AT,
    RECALL_AT,
    Evaluation,
    evaluate,
    graded_queries,
    relevance_corpus_load,
)
from search.faceted import faceted_index

DEFAULT_CORPUS = Path(settings.BASE_DIR) / "tests" / "search" / "relevance"
ENGINES = ("database", ELASTICSEARCH, OPENSEARCH)
BACKENDS = {
    "database": "search.backends.database.DatabaseBackend",
    ELASTICSEARCH: "search.backends.elasticsearch.ElasticsearchBackend",
    OPENSEARCH: "search.backends.opensearch.OpenSearchBackend",
}


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Meet relevance: recall@5, precision@3 and nDCG@10 per search engine."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--engine", choices=ENGINES, action="append", dest="engines")
        parser.add_argument("--index", default="cases")
        parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
        parser.add_argument("--verbose-queries", action="store_true", dest="per_query")

    def handle(
        self, *args, engines=None, index="cases", corpus=DEFAULT_CORPUS, per_query=False, **options
    ) -> None:
        definition = faceted_index(index)
        engines = engines or [
            engine
            for engine in ENGINES
            if engine == "database" or getattr(settings, f"{engine.upper()}_URL", "")
        ]
        for engine in engines:
            if engine != "database" and not getattr(settings, f"{engine.upper()}_URL", ""):
                raise CommandError(f"{engine.upper()}_URL is not set: {engine} cannot be reached.")
        results: list[Evaluation] = []
        try:
            with transaction.atomic():
                ids = relevance_corpus_load(definition.name, corpus / "cases.json")
                documents = list(definition.documents(definition.queryset().filter(pk__in=ids)))
                queries = graded_queries(corpus / "queries.json", documents=documents)
                self.stdout.write(
                    f"{len(documents)} {definition.plural}, {len(queries)} graded queries"
                )
                for engine in engines:
                    results.append(self._evaluate(engine, definition, documents, queries))
                raise _Rollback
        except _Rollback:
            pass
        self.stdout.write(
            f"{'engine':<15} {'recall@' + str(RECALL_AT):>9} {'precision@' + str(PRECISION_AT):>12}"
            f" {'nDCG@' + str(NDCG_AT):>8}"
        )
        for result in results:
            self.stdout.write(
                f"{result.engine:<15} {result.recall:>9.3f} {result.precision:>12.3f}"
                f" {result.ndcg:>8.3f}"
            )
            if per_query:
                for score in result.scores:
                    self.stdout.write(
                        f"    {score.q:<42} {score.recall:>5.2f} {score.precision:>5.2f}"
                        f" {score.ndcg:>5.2f}"
                    )

    def _evaluate(self, engine, definition, documents, queries) -> Evaluation:
        prefix = f"evaluate{os.getpid()}_"
        overrides = {"SEARCH_BACKEND": BACKENDS[engine], "ELASTICSEARCH_INDEX_PREFIX": prefix}
        with override_settings(**overrides):
            reset_breakers()
            backend = get_backend()
            if engine != "database":
                backend.ensure_faceted_index(definition)
            try:
                backend.faceted_index_rebuild(
                    definition, documents=iter(documents), total=len(documents)
                )
                return evaluate(index=definition, queries=queries, engine=engine)
            finally:
                if engine != "database":
                    backend.client.indices.delete(index=f"{prefix}*", ignore_unavailable=True)
