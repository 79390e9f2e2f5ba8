"""python manage.py casebook_import FILE [--draft | --submit-for-moderation [--user E-MAIL]]
       [--create-missing] [--parent SLUG]

Imports example cases from a JSON or CSV file (format: casebook.importing and
casebook.exporting). All or nothing: on any error every error is printed (in Dutch, with
record number and field), nothing is stored and the command exits with status 1.
With --submit-for-moderation the cases are drafts submitted to the editorial workflow
(four eyes: a moderator publishes them), on behalf of --user when given.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from casebook.exporting import CaseFileError, case_records_read
from casebook.importing import CaseImportError, ImportIssue, case_import
from casebook.importing.moderation import NoWorkflowError
from casebook.models import CaseIndexPage

#: Files with at least this many records get a progress bar (on stderr).
PROGRESS_THRESHOLD = 100


def case_index_for_command(slug: str | None) -> CaseIndexPage:
    """The case index named by --parent, or the only one there is."""
    indexes = CaseIndexPage.objects.order_by("path")
    if slug:
        found = list(indexes.filter(slug=slug))
        if len(found) == 1:
            return found[0]
        known = ", ".join(indexes.values_list("slug", flat=True)) or "(geen)"
        if not found:
            raise CommandError(f"Er is geen casusboek met slug ‘{slug}’. Bekend zijn: {known}.")
        raise CommandError(f"Er zijn meerdere casusboeken met slug ‘{slug}’; kies er één.")
    found = list(indexes[:2])
    if not found:
        raise CommandError(
            "Er is nog geen casusboek (pagina van het type ‘casusboek’): maak er eerst een aan."
        )
    if len(found) > 1:
        known = ", ".join(indexes.values_list("slug", flat=True))
        raise CommandError(f"Er zijn meerdere casusboeken; kies er één met --parent: {known}.")
    return found[0]


def issue_line(issue: ImportIssue) -> str:
    """One error as a Dutch line: "Record 3, veld ‘year’: ..."."""
    if issue.record == 0:
        where = "Bestand"
    elif issue.field:
        where = f"Record {issue.record}, veld ‘{issue.field}’"
    else:
        where = f"Record {issue.record}"
    return f"{where}: {issue.message}"


class TextProgressBar:
    """A simple textual progress bar, redrawn on one line of a stream."""

    def __init__(self, stream: Any, label: str, width: int = 30) -> None:
        self.stream = stream
        self.label = label
        self.width = width
        self.last_percent = -1
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent == self.last_percent:
            return
        self.last_percent = percent
        filled = self.width * percent // 100
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = time.monotonic() - self.started
        self.stream.write(f"\r{self.label} [{bar}] {percent:3d}% ({elapsed:.0f} s)", ending="")
        if done >= total:
            self.stream.write("")
        self.stream.flush()


class Command(BaseCommand):
    help = "Importeer voorbeeldcasussen uit een JSON- of CSV-bestand (alles of niets)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Een .json- of .csv-bestand met casussen.")
        parser.add_argument("--draft", action="store_true", help="Sla de casussen op als concept.")
        parser.add_argument(
            "--submit-for-moderation",
            action="store_true",
            help="Sla de casussen op als concept en stuur ze ter beoordeling (redactieproces).",
        )
        parser.add_argument(
            "--user",
            metavar="E-MAIL",
            help="Namens wie de casussen ter beoordeling gaan (met --submit-for-moderation).",
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Maak onbekende probleemdomeinen, wetten en regio's aan.",
        )
        parser.add_argument("--parent", metavar="SLUG", help="De slug van het casusboek.")
        parser.add_argument(
            "--no-progress", action="store_true", help="Laat de voortgangsbalk weg."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        parent = case_index_for_command(options["parent"])
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(email__iexact=options["user"]).first()
            if user is None:
                raise CommandError(f"Er is geen gebruiker met e-mailadres ‘{options['user']}’.")
        try:
            records = case_records_read(path=options["file"])
        except CaseFileError as error:
            raise CommandError(str(error)) from error
        progress = None
        if len(records) >= PROGRESS_THRESHOLD and not options["no_progress"]:
            progress = TextProgressBar(self.stderr, "Controleren en opslaan")
        try:
            result = case_import(
                records=records,
                parent=parent,
                create_missing=options["create_missing"],
                draft=options["draft"],
                submit_for_moderation=options["submit_for_moderation"],
                user=user,
                progress=progress,
            )
        except NoWorkflowError as error:
            raise CommandError(str(error)) from error
        except CaseImportError as error:
            if progress and progress.last_percent < 100:
                self.stderr.write("")
            for issue in error.errors:
                self.stderr.write(issue_line(issue))
            raise CommandError(
                f"Import afgebroken: {len(error.errors)} fout(en) gevonden; er is niets opgeslagen."
            ) from error

        if options["submit_for_moderation"]:
            state = "als concept ter beoordeling gestuurd"
        elif options["draft"]:
            state = "als concept opgeslagen"
        else:
            state = "gepubliceerd"
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} casus(sen) geïmporteerd onder ‘{parent.title}’ en {state}."
            )
        )
        if result.skipped:
            self.stdout.write(
                f"{result.skipped} record(s) overgeslagen: die casus bestond al, met "
                "dezelfde inhoud."
            )
        labels = {
            "problem_domains": "Nieuwe probleemdomeinen",
            "regions": "Nieuwe regio's",
            "laws": "Nieuwe wetten",
            "articles": "Nieuwe artikelen",
        }
        for key, names in result.created_names.items():
            self.stdout.write(f"{labels[key]}: {', '.join(names)}.")
