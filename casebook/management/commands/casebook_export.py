"""python manage.py casebook_export FILE [--parent SLUG]

Writes every case (or those under one case index) as JSON or CSV, chosen by the file's
extension, in the format casebook_import reads.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casebook.exporting import CaseFileError, case_export, case_file_format, case_records_write
from casebook.models import CasePage

from .casebook_import import case_index_for_command


class Command(BaseCommand):
    help = "Exporteer voorbeeldcasussen naar een JSON- of CSV-bestand."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Een .json- of .csv-bestand.")
        parser.add_argument(
            "--parent", metavar="SLUG", help="Alleen de casussen van dit casusboek."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            case_file_format(path=options["file"])
        except CaseFileError as error:
            raise CommandError(str(error)) from error
        queryset = CasePage.objects.all()
        if options["parent"]:
            queryset = queryset.child_of(case_index_for_command(options["parent"]))
        records = case_export(queryset=queryset)
        try:
            case_records_write(path=options["file"], records=records)
        except OSError as error:
            raise CommandError(f"Kan ‘{options['file']}’ niet schrijven: {error}.") from error
        self.stdout.write(
            self.style.SUCCESS(f"{len(records)} casus(sen) geëxporteerd naar {options['file']}.")
        )
