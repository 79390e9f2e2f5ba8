"""`manage.py demo_totp EMAIL`: print the current TOTP code of a demo staff account.

Development only (DEBUG must be on) and only for ...@demo.doorbraak.nl accounts."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.accounts import demo


class Command(BaseCommand):
    help = "Toont de huidige 6-cijferige MFA-code (TOTP) van een demo-beheeraccount."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="E-mailadres van het demo-account")
        parser.add_argument(
            "--herstelcodes",
            action="store_true",
            help="Toon ook de ongebruikte herstelcodes van het account.",
        )

    def handle(self, *args, email: str, herstelcodes: bool, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_totp werkt alleen in een ontwikkelomgeving (DEBUG staat uit).")
        try:
            self.stdout.write(demo.demo_totp_code(email=email))
            if herstelcodes:
                self.stdout.write(
                    "Herstelcodes: " + " ".join(demo.demo_recovery_codes(email=email))
                )
        except demo.DemoMFAError as error:
            raise CommandError(str(error)) from error
