"""python manage.py casebook_import_benchmark [--count 1000] [--database-url URL]

Measures what a real import does: generates synthetic (anonymous) case records and imports
them with case_import into a throwaway database, committed, so the search-index updates
that an import runs after its commit are measured too. Prints the seconds per phase
(validation, the anonymisation guard, storing the pages with the commit, the search
indexes), wall clock and processor time of this process (the latter hardly depends on
what else runs on the machine), the total with the rate, and the load average before
and after; then checks that the new cases are found through the case search and the site
search (a count query).

The throwaway database is a new SQLite file in a temporary directory, migrated first (the
migration is not in the figures) and deleted afterwards; `--database-url` uses the given
(empty, throwaway) database instead, e.g. PostgreSQL under tools/postgres.sh:

    bash tools/postgres.sh run -- sh -c \
        '.venv/bin/python manage.py casebook_import_benchmark --database-url "$DATABASE_URL"'

The import runs with DEBUG off (as in production: no query log), in a child process with
that DATABASE_URL and the database search engine
(ELASTICSEARCH_URL and OPENSEARCH_URL are left out of its environment; search_benchmark
measures the engines). `--in-place` runs it in the configured database itself (the tests
do; that database must be a throwaway one: the cases stay).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test.utils import override_settings
from wagtail.models import Page

from casebook.case_search.queries import CaseSearchParams, case_search
from casebook.importing import ImportTimings, case_import
from casebook.models import CaseIndexPage, CostDomain, Law, Outcome, Phase, ProblemDomain
from portal.core.money import format_number
from search.backends import backend_path
from search.queries import site_search
from search.site import SiteSearchParams

from .casebook_import import TextProgressBar

#: The word every synthetic title has: the searchability check looks for it.
TITLE_WORD = "Synthetische"
#: Environment variables that would point the child process at an external engine.
ENGINE_VARIABLES = ("ELASTICSEARCH_URL", "OPENSEARCH_URL", "SEARCH_BACKEND")

HOUSEHOLDS = [
    "Alleenstaande moeder met twee kinderen",
    "Alleenstaande man van middelbare leeftijd",
    "Gezin met drie kinderen",
    "Jongere van negentien jaar",
    "Ouder echtpaar",
    "Vader met een zoon van twaalf",
]
SITUATIONS = [
    "Het huishouden heeft een betalingsachterstand van € {amount} bij de woningcorporatie.",
    "Sinds {year} lopen de schulden op; er zijn {count} schuldeisers.",
    "De energie dreigt op 4 maart te worden afgesloten.",
    "Door een wachtlijst van {count} maanden komt de hulp niet op gang.",
    "De uitkering is stopgezet na een gemiste afspraak.",
    "Er is spanning in huis en de kinderen verzuimen op school.",
]
BARRIERS = [
    "De regels van twee instanties blokkeren elkaar.",
    "Volgens art. 35 lid 1 Participatiewet is maatwerk mogelijk, maar het beleid zegt nee.",
    "De schuldhulp start pas als het inkomen stabiel is.",
    "De zorgverzekeraar vergoedt de behandeling niet zolang er een achterstand is.",
]
BREAKTHROUGHS = [
    "De gemeente betaalt de achterstand eenmalig uit bijzondere bijstand.",
    "Het team regelt een voorlopige voorziening op grond van artikel 2.3.5 Wmo 2015.",
    "De uitkering wordt met terugwerkende kracht hersteld.",
    "Een vaste contactpersoon coördineert de hulp van {count} organisaties.",
]


def synthetic_records(
    count: int, *, domains: list[str], laws: list[str], regions: list[str], seed: int = 1
) -> list[dict[str, Any]]:
    """`count` varied, anonymous records in the import format."""
    rng = random.Random(seed)  # noqa: S311 - test data, not security

    def fill(template: str) -> str:
        return template.format(
            amount=f"{rng.randint(100, 30000):,}".replace(",", ".") + ",00",
            year=rng.randint(2015, 2024),
            count=rng.randint(2, 9),
        )

    records = []
    for number in range(1, count + 1):
        records.append(
            {
                "title": f"Synthetische casus {number}",
                "household": rng.choice(HOUSEHOLDS),
                "situation": " ".join(fill(t) for t in rng.sample(SITUATIONS, 3)),
                "perspective": "Over een half jaar is er rust en overzicht in de financiën.",
                "needs": {
                    "self": "Post openen en afspraken nakomen.",
                    "support": "Hulp bij het ordenen van de administratie.",
                    "treatment": "",
                },
                "barrier": fill(rng.choice(BARRIERS)),
                "breakthrough": fill(rng.choice(BREAKTHROUGHS)),
                "engagement": "Het huishouden krijgt weer regie over het eigen leven.",
                "problem_domains": rng.sample(domains, min(len(domains), rng.randint(2, 4))),
                "legal_bases": [
                    {
                        "law": rng.choice(laws),
                        "article": rng.choice(["", "1", "2"]),
                        "reasoning": "Maatwerk is mogelijk binnen de bedoeling van de wet.",
                    }
                ],
                "phase": rng.choice(Phase.values),
                "region": rng.choice(regions),
                "year": rng.randint(2018, 2025),
                "outcome": rng.choice(Outcome.values),
                "breakthrough_cost": rng.randint(0, 500000) / 100,
                "costs": {
                    str(label): {
                        "direct": rng.randint(-200000, 200000) / 100,
                        "prevented": rng.randint(0, 2000000) / 100,
                    }
                    for label in rng.sample(list(CostDomain.labels), 2)
                },
            }
        )
    return records


def _seconds(value: float) -> str:
    return f"{format_number(value, decimals=1)} s"


def _load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # not on every platform
        return "onbekend"
    return " / ".join(format_number(value, decimals=2) for value in (one, five, fifteen))


def _found() -> tuple[int, int]:
    """How many synthetic cases the case search and the site search find."""
    cases = case_search(params=CaseSearchParams(q=TITLE_WORD, per_page=1)).total
    site = site_search(params=SiteSearchParams(q=TITLE_WORD, type="case")).total
    return cases, site


class Command(BaseCommand):
    help = "Meet hoe snel een echte import synthetische casussen importeert en vindbaar maakt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=1000, help="Aantal casussen.")
        parser.add_argument(
            "--database-url",
            default="",
            help="Een lege wegwerpdatabase (anders een tijdelijk SQLite-bestand).",
        )
        parser.add_argument(
            "--in-place",
            action="store_true",
            help="Importeer in de ingestelde database zelf (die moet wegwerp zijn).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Laat de voortgangsbalk weg."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["count"] < 1:
            raise CommandError("--count moet minstens 1 zijn.")
        if options["in_place"]:
            # As in production: with DEBUG on, Django logs every query (for SQLite it
            # quotes each parameter through the database), which costs more than some
            # of the phases measured.
            with override_settings(DEBUG=False):
                self._benchmark(count=options["count"], progress=not options["no_progress"])
        else:
            self._in_throwaway_database(options)

    def _in_throwaway_database(self, options: dict[str, Any]) -> None:
        """Migrate a throwaway database and run the benchmark in a child process on it."""
        directory = Path(tempfile.mkdtemp(prefix="casebook-import-benchmark-"))
        try:
            url = options["database_url"] or f"sqlite:///{directory / 'benchmark.sqlite3'}"
            environment = {
                key: value for key, value in os.environ.items() if key not in ENGINE_VARIABLES
            }
            environment["DATABASE_URL"] = url
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            self.stdout.write("Wegwerpdatabase klaarmaken (migrate; niet in de meting) ...")
            self.stdout.flush()
            migrated = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
                [*manage, "migrate", "--noinput", "--verbosity", "0"],
                env=environment,
                check=False,
            )
            if migrated.returncode:
                raise CommandError("De wegwerpdatabase kon niet worden klaargemaakt (migrate).")
            command = [*manage, "casebook_import_benchmark", "--in-place"]
            command += ["--count", str(options["count"])]
            if options["no_progress"]:
                command.append("--no-progress")
            run = subprocess.run(command, env=environment, check=False)  # noqa: S603 (as above)
            if run.returncode:
                raise CommandError("De importbenchmark is mislukt (zie hierboven).")
        finally:
            shutil.rmtree(directory, ignore_errors=True)

    def _benchmark(self, *, count: int, progress: bool) -> None:
        """Import `count` synthetic cases into the configured database, committed."""
        domains = list(ProblemDomain.objects.values_list("name", flat=True)) or [
            "Schulden",
            "Wonen",
            "Werk",
            "Inkomen",
        ]
        laws = list(Law.objects.values_list("name", flat=True)) or ["Participatiewet"]
        regions = [f"Benchmarkregio {n}" for n in range(1, 13)]
        records = synthetic_records(count, domains=domains, laws=laws, regions=regions)
        index = Page.get_first_root_node().add_child(
            instance=CaseIndexPage(
                title="Benchmark casusboek", slug=f"benchmark-{uuid.uuid4().hex[:8]}"
            )
        )
        found_before = _found()
        load_before = _load()
        bar = TextProgressBar(self.stderr, "Importeren") if progress else None
        timings = ImportTimings()
        cpu_started = time.process_time()
        result = case_import(
            records=records, parent=index, create_missing=True, progress=bar, timings=timings
        )
        cpu = time.process_time() - cpu_started
        load_after = _load()
        found_after = _found()

        total = timings.total
        rate = format_number(result.created / total if total else 0)
        self.stdout.write(
            f"Import van {format_number(result.created)} casussen (database: {connection.vendor}, "
            f"zoekmachine: {backend_path().rsplit('.', 1)[-1]}, met commit, DEBUG uit):"
        )
        self.stdout.write(f"  {'fase':<28} {'klok':>9}  {'processor':>9}")
        for label, phase in (
            ("controleren (velden)", "validation"),
            ("privacyfilter", "guard"),
            ("pagina's opslaan en commit", "storing"),
            ("zoekindexen bijwerken", "indexing"),
        ):
            seconds = getattr(timings, phase)
            processor = timings.processor.get(phase, 0.0)
            self.stdout.write(f"  {label:<28} {_seconds(seconds):>9}  {_seconds(processor):>9}")
            if phase == "guard" and timings.guard_checks:
                # A repeated text is checked once; these records repeat more than a
                # real file does, so the time for all texts distinct is shown too.
                share = timings.guard_texts / timings.guard_checks
                self.stdout.write(
                    f"    ({format_number(timings.guard_checks)} verschillende van "
                    f"{format_number(timings.guard_texts)} teksten gecontroleerd; "
                    f"allemaal verschillend: ongeveer {_seconds(seconds * share)} klok, "
                    f"{_seconds(processor * share)} processor)"
                )
        self.stdout.write(
            f"  {'totaal':<28} {_seconds(total):>9}  {_seconds(cpu):>9}  ({rate} per seconde)"
        )
        if connection.vendor != "sqlite":
            self.stdout.write(
                "  (processortijd van dit proces; het werk van de databaseserver zit in de klok)"
            )
        self.stdout.write(
            f"Belasting (load average 1/5/15 min): voor {load_before}, na {load_after}."
        )
        cases = found_after[0] - found_before[0]
        site = found_after[1] - found_before[1]
        self.stdout.write(
            f"Vindbaar: {format_number(cases)} van {format_number(result.created)} nieuwe "
            f"casussen via de casuszoekfunctie, {format_number(site)} via de sitezoekfunctie."
        )
        if cases != result.created or site != result.created:
            raise CommandError("Niet alle geïmporteerde casussen zijn vindbaar.")
