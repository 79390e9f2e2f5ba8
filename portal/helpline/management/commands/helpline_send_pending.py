"""Retry the helpline's outbox: send every pending mail whose next attempt is due.

Run by cron (e.g. every five minutes); see README, "Beheer". After a known mail-server
outage, `--all` sends every pending mail at once, without waiting for its backoff.
"""

from django.core.management.base import BaseCommand

from portal.helpline.services import outgoing_mail_send_pending


class Command(BaseCommand):
    help = "Verstuur de e-mails van de Hulplijn die nog wachten (met backoff)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument(
            "--all",
            action="store_true",
            help="Ook mails waarvan de wachttijd tot de volgende poging nog loopt.",
        )

    def handle(self, *args, **options) -> None:
        counts = outgoing_mail_send_pending(include_waiting=options["all"])
        summary = ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))
        self.stdout.write(summary or "Geen mails te versturen.")
