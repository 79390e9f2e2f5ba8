"""`python manage.py search_index --rebuild`: rebuild the search index from the pages."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.faceted import faceted_indexes
from search.indexing import faceted_index_rebuild, site_index_rebuild

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Bouwt de zoekindex opnieuw op uit de gepubliceerde, openbare pagina's."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Bouw de index opnieuw op; zoeken blijft werken tot de nieuwe index klaar is.",
        )

    def handle(self, *args, **options) -> None:
        if not options["rebuild"]:
            raise CommandError("Geef aan wat er moet gebeuren, bijv. --rebuild.")
        verbosity = options["verbosity"]
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
