"""`python manage.py search_index --rebuild`: rebuild the search index from the pages.

`python manage.py search_index --drain` (cron, e.g. every minute): apply the index
outbox's operations that are due to the search engine (`--all`: also those waiting for
their backoff), and schedule the next drain where the task backend can defer."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.faceted import faceted_indexes
from search.indexing import faceted_index_rebuild, site_index_rebuild
from search.outbox import outbox_drain, outbox_enabled, outbox_stats
from search.tasks import outbox_drain_schedule

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Bouwt de zoekindex opnieuw op uit de gepubliceerde, openbare pagina's."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Bouw de index opnieuw op; zoeken blijft werken tot de nieuwe index klaar is.",
        )
        parser.add_argument(
            "--drain",
            action="store_true",
            help="Verwerk de wachtende updates van de zoekindex die aan de beurt zijn (voor cron).",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="Met --drain: ook de updates die nog wachten tot hun volgende poging.",
        )

    def handle(self, *args, **options) -> None:
        if not options["rebuild"] and not options["drain"]:
            raise CommandError("Geef aan wat er moet gebeuren, bijv. --rebuild of --drain.")
        if options["rebuild"]:
            self.rebuild(verbosity=options["verbosity"])
        if options["drain"]:
            self.drain(verbosity=options["verbosity"], include_waiting=options["all"])

    def drain(self, *, verbosity: int, include_waiting: bool) -> None:
        if not outbox_enabled():
            if verbosity >= 1:
                self.stdout.write("Geen aparte zoekmachine ingesteld: er wacht niets.")
            return
        result = outbox_drain(include_waiting=include_waiting)
        outbox_drain_schedule()
        if verbosity >= 1:
            waiting = outbox_stats().pending
            line = (
                f"Zoekindex-wachtrij: {result.applied} toegepast, {result.failed} mislukt, "
                f"{waiting} wachtend."
            )
            self.stdout.write(self.style.SUCCESS(line) if not waiting else line)

    def rebuild(self, *, verbosity: int) -> None:
        backend = get_backend()

        def progress(done: int, total: int) -> None:
            if verbosity < 1 or not total:
                return
            filled = round(BAR_WIDTH * done / total)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
            self.stdout.flush()

        for index in faceted_indexes():
            started = time.monotonic()
            count = faceted_index_rebuild(index=index, progress=progress)
            if verbosity >= 1:
                if count:
                    self.stdout.write("")
                seconds = time.monotonic() - started
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{index.label} ({backend.name}) opnieuw opgebouwd: {count} "
                        f"{index.plural} in {seconds:.1f} s."
                    )
                )

        site_started = time.monotonic()
        site_count = site_index_rebuild(progress=progress)
        if verbosity >= 1:
            if site_count:
                self.stdout.write("")
            seconds = time.monotonic() - site_started
            self.stdout.write(
                self.style.SUCCESS(
                    f"Site-index ({backend.name}) opnieuw opgebouwd: {site_count} pagina's "
                    f"in {seconds:.1f} s."
                )
            )
