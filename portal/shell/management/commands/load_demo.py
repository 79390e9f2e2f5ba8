"""`manage.py load_demo`: load the demo site and print where to log in.

Thin on purpose: `portal.shell.demo` finds each app's `demo` module and loads it.
Idempotent: a second run creates nothing and prints the same. Run `manage.py migrate`
first (`make demo` does).
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.accounts.demo import DEMO_TOTP_SECRET, DemoLogin
from portal.shell.demo import demo_load


class Command(BaseCommand):
    help = "Laadt de demo-inhoud en demo-accounts (herhaalbaar) en toont de inloggegevens."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--ook-zonder-debug",
            action="store_true",
            dest="without_debug",
            help="Laad de demo ook als DEBUG uit staat (bijvoorbeeld in tests).",
        )

    def handle(self, *args, without_debug: bool = False, **options) -> None:
        if not settings.DEBUG and not without_debug:
            # Demo accounts have a public password and a public MFA secret: never load
            # them into a production site by accident.
            raise CommandError(
                "load_demo maakt accounts met een openbaar wachtwoord en is bedoeld voor "
                "ontwikkeling (DEBUG staat uit). Weet je het zeker? Gebruik --ook-zonder-debug."
            )
        # Index updates are paused while loading and the indexes are rebuilt once at the end.
        result = demo_load()
        self.stdout.write(
            f"Zoekindex opnieuw opgebouwd: {result.indexed.get('cases', 0)} casussen, "
            f"{result.indexed.get('site', 0)} pagina's."
        )
        self._report(result.logins)

    def _report(self, logins: list[DemoLogin]) -> None:
        base_url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/"
        group_width = max(len("Groep"), *(len(login.group) for login in logins))
        email_width = max(len("E-mail"), *(len(login.email) for login in logins))
        password_width = max(len("Wachtwoord"), *(len(login.password) for login in logins))
        write = self.stdout.write
        write(self.style.SUCCESS("Demo geladen."))
        write("")
        write(f"Portal:  {base_url}")
        write(f"Beheer:  {base_url}admin/")
        write("")
        write("Demo-logins, één per groep:")
        write(
            f"  {'Groep':<{group_width}}  {'E-mail':<{email_width}}  "
            f"{'Wachtwoord':<{password_width}}  MFA"
        )
        for login in logins:
            mfa = f"MFA-code: python manage.py demo_totp {login.email}" if login.mfa else "-"
            write(
                f"  {login.group:<{group_width}}  {login.email:<{email_width}}  "
                f"{login.password:<{password_width}}  {mfa}"
            )
        write("")
        write(
            "Beheeraccounts loggen in met een TOTP-code (demo-geheim "
            f"{DEMO_TOTP_SECRET}, of de opdracht hierboven)."
        )
