"""`manage.py page_benchmark`: queries and CPU milliseconds per request for each page type
against the current database (see portal.shell.page_benchmark). Thin on purpose.

    python manage.py page_benchmark [--requests 50] [--page lesson]... [--team-sizes 100,1000]
        [--case-counts 100,1000,10000]
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from portal.shell.page_benchmark import (
    PAGE_TYPES,
    CaseCountFigure,
    PageFigure,
    TeamFigure,
    benchmark_case_counts,
    benchmark_pages,
    benchmark_team_sizes,
    describe_setup,
    load_average,
)


def _sizes(text: str, option: str = "--team-sizes") -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise CommandError(
            f"{option}: gebruik getallen met komma's, zoals 100,1000 ({text!r})."
        ) from error
    if any(size < 1 for size in sizes):
        raise CommandError(f"{option}: elk aantal moet minstens 1 zijn.")
    return sizes


class Command(BaseCommand):
    help = "Meet per paginatype het aantal queries en de CPU-milliseconden per verzoek."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--requests", type=int, default=50, help="Verzoeken per pagina (50).")
        parser.add_argument(
            "--page",
            action="append",
            choices=PAGE_TYPES,
            dest="pages",
            help="Alleen dit paginatype (mag vaker).",
        )
        parser.add_argument(
            "--team-sizes",
            default="",
            help="Meet ook de teampagina en haar CSV met zoveel leden, bijvoorbeeld 100,1000 "
            "(in een transactie die wordt teruggedraaid).",
        )
        parser.add_argument(
            "--case-counts",
            default="",
            help="Meet ook de casuslijst, de impactpagina en een casuspagina met zoveel "
            "zichtbare casussen, bijvoorbeeld 100,1000,10000 (aangevuld met wegwerpkopieën, "
            "in een transactie die wordt teruggedraaid).",
        )

    def handle(
        self,
        *args,
        requests: int,
        pages: list[str] | None,
        team_sizes: str,
        case_counts: str = "",
        **options,
    ):
        if requests < 1:
            raise CommandError("--requests moet minstens 1 zijn.")
        sizes = _sizes(team_sizes)
        counts = _sizes(case_counts, "--case-counts")
        write = self.stdout.write
        for line in describe_setup():
            write(line)
        write(f"Verzoeken per pagina: {requests} (na één opwarmverzoek)")
        write("")
        write(f"{'paginatype':<14} {'status':>6} {'queries':>7} {'CPU ms':>8} {'KB':>7}  load  url")

        def page_row(figure: PageFigure) -> None:
            who = " (ingelogd)" if figure.logged_in else ""
            write(
                f"{figure.page_type:<14} {figure.status:>6} {figure.queries:>7} "
                f"{figure.cpu_ms:>8.1f} {figure.size_kb:>7.1f}  {load_average()}  "
                f"{figure.url}{who}"
            )

        measured = benchmark_pages(
            requests=requests, only=set(pages) if pages else None, report=page_row
        )
        for page_type in pages or PAGE_TYPES:
            if page_type not in {figure.page_type for figure in measured}:
                write(f"{page_type:<14} ontbreekt in deze database")
        if sizes:
            write("")
            write(
                f"{'teamleden':>9} {'pagina q':>8} {'pagina ms':>9} {'KB':>7} "
                f"{'CSV q':>6} {'CSV ms':>7} {'CSV KB':>7}  load"
            )

            def team_row(figure: TeamFigure) -> None:
                write(
                    f"{figure.members:>9} {figure.view.queries:>8} {figure.view.cpu_ms:>9.1f} "
                    f"{figure.view.size_kb:>7.1f} {figure.csv.queries:>6} "
                    f"{figure.csv.cpu_ms:>7.1f} {figure.csv.size_kb:>7.1f}  {load_average()}"
                )

            benchmark_team_sizes(sizes=sizes, requests=requests, report=team_row)
        if counts:
            write("")
            write(
                "Per aantal casussen: queries en CPU ms per verzoek; 'eerste' is het eerste "
                "verzoek na de wijziging (de impactcijfers worden dan berekend)."
            )
            write(
                f"{'casussen':>9} {'lijst q':>7} {'lijst ms':>8} {'impact q':>8} "
                f"{'impact ms':>9} {'eerste ms':>9} {'casus q':>7} {'casus ms':>8}  load"
            )

            def count_row(figure: CaseCountFigure) -> None:
                impact = figure.impact
                impact_cells = (
                    f"{impact.queries:>8} {impact.cpu_ms:>9.1f} {impact.first_cpu_ms:>9.1f}"
                    if impact is not None
                    else f"{'-':>8} {'-':>9} {'-':>9}"
                )
                write(
                    f"{figure.cases:>9} {figure.listing.queries:>7} "
                    f"{figure.listing.cpu_ms:>8.1f} {impact_cells} "
                    f"{figure.case_page.queries:>7} {figure.case_page.cpu_ms:>8.1f}  "
                    f"{load_average()}"
                )

            benchmark_case_counts(sizes=counts, requests=requests, report=count_row)
        write("")
        write(f"Load average na afloop: {load_average()}")
