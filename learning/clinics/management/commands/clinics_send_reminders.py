"""Remind participants of sessions starting before the end of tomorrow. Idempotent: a
reminder is recorded per registration and never sent twice. Run by cron, e.g. daily at
08:00 (or hourly)."""

from django.core.management.base import BaseCommand

from learning.clinics.services import reminders_send_due


class Command(BaseCommand):
    help = "Verstuur herinneringen voor de kraak-en-maak-sessies van morgen (elk één keer)."

    def handle(self, *args, **options) -> None:
        sent = reminders_send_due()
        self.stdout.write(f"Herinneringen verstuurd: {sent}")
