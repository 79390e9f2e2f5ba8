"""`python manage.py search_benchmark [--count N] [--engine database|elasticsearch|opensearch]...`

An engine benchmark of the case search: N synthetic case *documents* (not pages: the
page tree and the document builder are not what is measured) go straight into the
engine's copy of the case index, then 200 mixed queries (free text, one or two problem
domains, laws, regions, years, phases, outcomes, every sort, pages 1-3) run through the
backend's faceted search. Prints the indexing time and p50/p95/max latency (wall clock),
with the machine's load average (`os.getloadavg()`: on a shared machine, the figures
mean little without it).

- database: runs inside a transaction that is rolled back, so the real index is untouched;
  the database vendor (SQLite, PostgreSQL) is printed beside the figures. A database that
  is not migrated yet (a throwaway one, e.g. `bash tools/postgres.sh run -- ...`) is
  migrated first.
- elasticsearch, opensearch: use indexes under the prefix
  `<ELASTICSEARCH_INDEX_PREFIX>bench_`, which are deleted afterwards (unless --keep).
`--engine` may be given more than once (`--engine elasticsearch --engine opensearch`): the
engines run one after the other on the same documents and queries, and a table at the end
puts their figures side by side.
Defaults: 100,000 cases on Elasticsearch and OpenSearch, 10,000 on the database.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Iterator
from decimal import Decimal

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

from casebook.case_search.facets import SORTS, article_key
from casebook.case_search.index import CASE_INDEX
from casebook.case_search.queries import CaseSearchParams
from search.backends import (
    DATABASE_BACKEND,
    ELASTICSEARCH_BACKEND,
    OPENSEARCH_BACKEND,
    engine_kind,
    get_backend,
)
from search.backends.breaker import reset_breakers
from search.backends.elasticsearch import engine_client
from search.backends.elasticsearch.mappings import alias_for

QUERIES = 200
DEFAULT_COUNT = {"elasticsearch": 100_000, "opensearch": 100_000, "database": 10_000}
ENGINE_BACKENDS = {"elasticsearch": ELASTICSEARCH_BACKEND, "opensearch": OPENSEARCH_BACKEND}
URL_SETTINGS = {"elasticsearch": "ELASTICSEARCH_URL", "opensearch": "OPENSEARCH_URL"}
DOMAINS = [
    "Schulden",
    "Wonen",
    "Inkomen",
    "Werk",
    "Zorg",
    "Psychische gezondheid",
    "Verslaving",
    "Jeugd",
    "Onderwijs",
    "Justitie",
]
LAWS = {
    "Participatiewet": ["18 lid 1", "35 lid 1", "49", "58"],
    "Wmo 2015": ["2.3.5", "2.1.1"],
    "Jeugdwet": ["2.3", "2.1"],
    "Wgs": ["3", "4a"],
    "Zvw": ["10"],
    "Bbz": ["2"],
}
REGIONS = [f"Gemeente {number:03d}" for number in range(80)]
PHASES = ["eerste_nood", "stabiliseren", "hoop_doet_leven"]
OUTCOMES = ["gerealiseerd", "lopend", "niet_gelukt"]
WORDS = (
    "schuld schulden huur woning woningen bijstand uitkering werk baan inkomen zorg "
    "moeder vader kind gezin jongere scholing energie rekening beslag toeslag "
    "regeling uitzondering maatwerk gemeente instantie coach begeleiding opname "
    "verhuizing achterstand afspraak budget rust overzicht perspectief "
    # Words in the seeded synonym groups, so the benchmark covers their expansion too.
    "pw wmo wgs"
).split()


class Command(BaseCommand):
    help = "Meet indexeertijd en zoeksnelheid (p50/p95) met synthetische casussen."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--engine",
            choices=["database", "elasticsearch", "opensearch"],
            action="append",
            default=None,
            help="Meer dan eens mogelijk: de engines naast elkaar.",
        )
        parser.add_argument("--count", type=int, default=None)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--keep", action="store_true", help="Laat de benchmarkindex staan (Elasticsearch)."
        )

    def handle(self, *args, **options) -> None:
        engines = list(dict.fromkeys(options["engine"] or [engine_kind() or "database"]))
        for engine in engines:
            setting = URL_SETTINGS.get(engine)
            if setting and not getattr(settings, setting, ""):
                raise CommandError(f"{setting} is niet ingesteld.")
        count = options["count"] or max(DEFAULT_COUNT[engine] for engine in engines)
        if count < 1:
            raise CommandError("--count moet minstens 1 zijn.")
        rng = random.Random(options["seed"])  # noqa: S311 (synthetic data, not secrets)
        queries = [_query(rng) for _ in range(QUERIES)]
        self.rows: list[tuple[str, int, float, float, float, float]] = []
        for engine in engines:
            if engine == "database":
                executor = MigrationExecutor(connection)
                if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                    self.stdout.write("De database wordt eerst gemigreerd.")
                    call_command("migrate", verbosity=0, interactive=False)
                with transaction.atomic():
                    self._run_database(count, options, queries)
                    transaction.set_rollback(True)
                continue
            prefix = f"{getattr(settings, 'ELASTICSEARCH_INDEX_PREFIX', 'doorbraak_')}bench_"
            with override_settings(
                ELASTICSEARCH_INDEX_PREFIX=prefix,
                ELASTICSEARCH_TIMEOUT=30,
                SEARCH_BACKEND=ENGINE_BACKENDS[engine],
            ):
                reset_breakers()
                self._run_engine(engine, count, options, queries)
        if len(self.rows) > 1:
            self._table()

    def _run_database(self, count: int, options: dict, queries: list) -> None:
        backend = get_backend(DATABASE_BACKEND)
        started = time.perf_counter()
        backend.faceted_index_rebuild(
            CASE_INDEX, documents=_documents(count, options["seed"]), total=count, progress=None
        )
        self._report(backend, "database", count, time.perf_counter() - started, queries)

    def _run_engine(self, engine: str, count: int, options: dict, queries: list) -> None:
        backend = get_backend(ENGINE_BACKENDS[engine])
        started = time.perf_counter()
        try:
            backend.es_faceted_index_rebuild(
                CASE_INDEX,
                documents=_documents(count, options["seed"]),
                total=count,
                progress=self._progress,
            )
            self.stdout.write("")
            self._report(backend, engine, count, time.perf_counter() - started, queries)
        finally:
            if not options["keep"]:
                engine_client(engine).indices.delete(
                    index=f"{alias_for(CASE_INDEX.name)}*", ignore_unavailable=True
                )

    def _progress(self, done: int, total: int) -> None:
        if done % 10_000 < 500 or done == total:
            self.stdout.write(f"\r{done}/{total}", ending="")
            self.stdout.flush()

    def _report(self, backend, engine: str, count: int, seconds: float, queries: list) -> None:
        for params in queries[:10]:  # warm caches and connections
            backend.faceted_search(CASE_INDEX, params)
        latencies = []
        for params in queries:
            started = time.perf_counter()
            result = backend.faceted_search(CASE_INDEX, params)
            latencies.append((time.perf_counter() - started) * 1000)
            if result.notice:
                raise CommandError(f"De zoekmachine viel terug: {result.notice}")
        latencies.sort()
        p50 = statistics.median(latencies)
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        where = f"{engine} ({connection.display_name})" if engine == "database" else engine
        load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
        self.rows.append((where, count, seconds, p50, p95, latencies[-1], load))
        self.stdout.write(
            f"Engine: {where}\nCasussen: {count}\n"
            f"Indexeren: {seconds:.1f} s ({count / seconds:.0f} casussen/s)\n"
            f"Zoekvragen: {len(latencies)} (gemengd, met facetten)\n"
            f"p50: {p50:.1f} ms\np95: {p95:.1f} ms\nmax: {latencies[-1]:.1f} ms\n"
            f"Load average (1/5/15 min): {load}"
        )

    def _table(self) -> None:
        self.stdout.write("\nNaast elkaar:")
        self.stdout.write(
            f"{'engine':<24}{'casussen':>10}{'indexeren s':>13}{'p50 ms':>9}{'p95 ms':>9}"
            f"{'max ms':>9}  load average"
        )
        for where, count, seconds, p50, p95, most, load in self.rows:
            self.stdout.write(
                f"{where:<24}{count:>10}{seconds:>13.1f}{p50:>9.1f}{p95:>9.1f}{most:>9.1f}  {load}"
            )


def _documents(count: int, seed: int) -> Iterator[dict]:
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
    for number in range(1, count + 1):
        domains = sorted(rng.sample(DOMAINS, rng.randint(1, 4)))
        laws = rng.sample(list(LAWS), rng.randint(1, 2))
        bases = [{"law": law, "article": rng.choice(LAWS[law])} for law in laws]
        title = " ".join(rng.sample(WORDS, 4)).capitalize()
        text = " ".join(rng.choices(WORDS, k=60))
        document = {
            "id": number,
            "title": title,
            "url": f"/casussen/bench-{number}/",
            "household": "Huishouden",
            "summary": text[:240],
            "domains": domains,
            "laws": laws,
            "articles": [article_key(b["law"], b["article"]) for b in bases],
            "legal_bases": bases,
            "region": rng.choice(REGIONS),
            "phase": rng.choice(PHASES),
            "outcome": rng.choice(OUTCOMES),
            "year": rng.randint(2015, 2026),
            "prevented_total": Decimal(rng.randint(0, 80_000)).quantize(Decimal("0.01")),
            "text": f"{title}\n{text}",
        }
        yield document


def _query(rng: random.Random) -> CaseSearchParams:
    kind = rng.random()
    return CaseSearchParams(
        q=" ".join(rng.sample(WORDS, rng.randint(1, 2))) if kind < 0.6 else "",
        domains=tuple(rng.sample(DOMAINS, rng.choice([0, 1, 1, 2]))),
        law=tuple(rng.sample(list(LAWS), rng.choice([0, 0, 1, 2]))),
        region=tuple(rng.sample(REGIONS, rng.choice([0, 0, 0, 1]))),
        year=tuple(rng.sample(range(2015, 2027), rng.choice([0, 0, 1, 2]))),
        phase=tuple(rng.sample(PHASES, rng.choice([0, 0, 0, 1]))),
        outcome=tuple(rng.sample(OUTCOMES, rng.choice([0, 0, 0, 1]))),
        sort=rng.choice(SORTS),
        page=rng.choice([1, 1, 1, 2, 3]),
    )
