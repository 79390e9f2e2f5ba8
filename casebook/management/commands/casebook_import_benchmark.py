"""python manage.py casebook_import_benchmark [--count 10000] [--keep]

Generates synthetic (anonymous) case records, imports them with case_import into a fresh
case index and prints the time and the rate. The figure covers the whole path: validation,
the anonymisation guard on every text, the pages through Wagtail's page API, and the
search-index updates that a real import runs after its commit (timed here inside the
transaction, so they are rolled back with the rest). Afterwards everything is rolled
back, unless --keep (then the index "Benchmark ..." stays under the root page).

With an external search engine configured (ELASTICSEARCH_URL) the index step is left out:
its writes would outlive the rollback. search_benchmark measures that engine.
"""

from __future__ import annotations

import random
import time
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from wagtail.models import Page

from casebook.importing import case_import, imported_cases_index
from casebook.models import CaseIndexPage, CasePage, CostDomain, Law, Outcome, Phase, ProblemDomain
from search.backends import DATABASE_BACKEND, backend_path

from .casebook_import import TextProgressBar

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


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Meet hoe snel casebook_import synthetische casussen importeert."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=10000, help="Aantal casussen.")
        parser.add_argument(
            "--keep", action="store_true", help="Bewaar de casussen (anders teruggedraaid)."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Laat de voortgangsbalk weg."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = options["count"]
        domains = list(ProblemDomain.objects.values_list("name", flat=True)) or [
            "Schulden",
            "Wonen",
            "Werk",
            "Inkomen",
        ]
        laws = list(Law.objects.values_list("name", flat=True)) or ["Participatiewet"]
        regions = [f"Benchmarkregio {n}" for n in range(1, 13)]
        records = synthetic_records(count, domains=domains, laws=laws, regions=regions)
        bar = None if options["no_progress"] else TextProgressBar(self.stderr, "Importeren")
        checked_at: list[float] = []

        def progress(done: int, total: int) -> None:
            if done == count and not checked_at:
                checked_at.append(time.perf_counter())
            if bar:
                bar(done, total)

        try:
            with transaction.atomic():
                index = Page.get_first_root_node().add_child(
                    instance=CaseIndexPage(
                        title="Benchmark casusboek", slug=f"benchmark-{uuid.uuid4().hex[:8]}"
                    )
                )
                started = time.perf_counter()
                cpu_started = time.process_time()
                result = case_import(
                    records=records, parent=index, create_missing=True, progress=progress
                )
                stored_at = time.perf_counter()
                index_in_figure = backend_path() == DATABASE_BACKEND
                if index_in_figure:
                    imported_cases_index(page_ids=[page.pk for page in result.pages])
                indexed = time.perf_counter() - stored_at
                elapsed = time.perf_counter() - started
                cpu = time.process_time() - cpu_started
                checked = (checked_at[0] if checked_at else started) - started
                live = CasePage.objects.child_of(index).live().count()
                if not options["keep"]:
                    raise _Rollback
        except _Rollback:
            pass
        rate = result.created / elapsed if elapsed else 0
        self.stdout.write(
            f"{result.created} casussen geïmporteerd in {elapsed:.1f} s "
            f"({rate:.0f} per seconde; database: {connection.vendor}; {live} gepubliceerd)."
        )
        index_part = (
            f"zoekindexen bijwerken {indexed:.1f} s"
            if index_in_figure
            else "zoekindexen niet gemeten (externe zoekmachine)"
        )
        self.stdout.write(
            f"Waarvan controleren (velden en privacyfilter) {checked:.1f} s, opslaan "
            f"{elapsed - checked - indexed:.1f} s en {index_part}; processortijd {cpu:.1f} s."
        )
        if options["keep"]:
            self.stdout.write(f"Bewaard onder ‘{index.url_path}’ (id {index.pk}).")
        else:
            self.stdout.write("Alles is teruggedraaid; er is niets bewaard.")
