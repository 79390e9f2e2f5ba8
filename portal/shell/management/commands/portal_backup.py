"""`manage.py portal_backup [BESTAND]`: one archive with the database and the media.

Thin on purpose: `portal.shell.backup.backup_create` does the work (see its module doc
for what the archive holds). Without a file name the archive goes to
var/backups/portal-<date>-<time>.tar.gz; a folder as argument gets such a name inside.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from portal.shell.backup import BackupError, backup_create, backup_path_default


class Command(BaseCommand):
    help = (
        "Maakt een back-up van de database en de mediabestanden in één .tar.gz-bestand "
        "(terugzetten met portal_restore)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "bestand",
            nargs="?",
            help=(
                "Het nieuwe archief, of een map om het in te zetten "
                "(standaard var/backups/portal-<datum>-<tijd>.tar.gz)."
            ),
        )

    def handle(self, *args, bestand: str | None = None, **options) -> None:
        if bestand is None:
            destination = backup_path_default()
        elif Path(bestand).is_dir():
            destination = backup_path_default(directory=Path(bestand))
        else:
            destination = Path(bestand)
        try:
            result = backup_create(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if not result.media_included:
            self.stderr.write(
                "Let op: de mediabestanden staan niet op het bestandssysteem en zitten niet "
                "in deze back-up; maak er apart een back-up van."
            )
        size = filesizeformat(result.path.stat().st_size)
        self.stdout.write(
            self.style.SUCCESS(
                f"Back-up gemaakt: {result.path} ({size}; {result.rows} rijen, "
                f"{result.media_files} mediabestanden)."
            )
        )
