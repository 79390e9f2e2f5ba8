"""Send the daily digest of what people follow (each notice once). Run daily by cron,
e.g. at 07:00. With --ook-direct it also sends notices of followers who want each mail at
once that are still pending (for instance after the task queue was down)."""

from django.core.management.base import BaseCommand

from learning.follows.services import follow_notices_send, follows_send_digests


class Command(BaseCommand):
    help = "Verstuur het dagelijkse overzicht van wat mensen volgen (elke melding één keer)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--ook-direct",
            action="store_true",
            help="Verstuur ook blijven liggen directe meldingen.",
        )

    def handle(self, *args, **options) -> None:
        digests = follows_send_digests()
        self.stdout.write(f"Overzichten verstuurd: {digests}")
        if options["ook_direct"]:
            self.stdout.write(f"Directe meldingen verstuurd: {follow_notices_send()}")
