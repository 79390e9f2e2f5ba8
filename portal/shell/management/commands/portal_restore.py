"""`manage.py portal_restore BESTAND [--force] [--zonder-zoekindex]`: put a backup of
`portal_backup` back.

Thin on purpose: `portal.shell.backup.backup_restore` does the work. It migrates the
database first, so an empty (even a new, unmigrated) database is enough; it refuses a
database with content unless `--force` is given, and then replaces everything in it.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.shell.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Zet een back-up van portal_backup terug in een lege database (en de map met "
        "mediabestanden) en bouwt de zoekindex opnieuw op."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", help="Het archief (.tar.gz) van portal_backup.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook als de database niet leeg is: alles wat erin staat wordt vervangen.",
        )
        parser.add_argument(
            "--zonder-zoekindex",
            action="store_true",
            dest="without_search",
            help=(
                "Bouw de zoekindexen niet opnieuw op "
                "(doe dat later met search_index --rebuild en update_index)."
            ),
        )

    def handle(
        self,
        *args,
        bestand: str,
        force: bool = False,
        without_search: bool = False,
        **options,
    ) -> None:
        archive = Path(bestand)
        if not archive.is_file():
            raise CommandError(f"{archive} bestaat niet.")
        try:
            backup_restore(
                archive=archive,
                force=force,
                rebuild_search=not without_search,
                report=self.stdout.write,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Back-up teruggezet."))
