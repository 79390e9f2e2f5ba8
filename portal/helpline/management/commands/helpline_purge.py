"""Delete helpline submissions closed longer ago than HELPLINE_RETENTION_DAYS (default
365), with their answers and mails. Every deletion is in the audit log. Run by cron,
e.g. daily."""

from django.core.management.base import BaseCommand

from portal.helpline.services import submission_purge


class Command(BaseCommand):
    help = "Verwijder afgeronde hulplijnberichten na afloop van de bewaartermijn."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon alleen wat verwijderd zou worden."
        )

    def handle(self, *args, **options) -> None:
        deleted = submission_purge(dry_run=options["dry_run"])
        verb = "Zou verwijderen" if options["dry_run"] else "Verwijderd"
        self.stdout.write(f"{verb}: {len(deleted)}")
        for reference in deleted:
            self.stdout.write(f"  {reference}")
