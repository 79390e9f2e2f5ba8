"""Mail the digest of every saved casebook search whose daily or weekly mail is due: the
cases published since the last check that the search finds. Idempotent: what was mailed
is remembered per saved search, nothing is sent when nothing is new, and a second run
sends nothing. Run by cron, e.g. daily at 07:00 (or hourly)."""

from django.core.management.base import BaseCommand

from casebook.saved_searches.services import alerts_send_due


class Command(BaseCommand):
    help = (
        "Verstuur de e-mails van bewaarde zoekopdrachten met nieuwe casussen "
        "(dagelijks of wekelijks; elke casus één keer)."
    )

    def handle(self, *args, **options) -> None:
        sent = alerts_send_due()
        self.stdout.write(f"E-mails over nieuwe casussen verstuurd: {sent}")
