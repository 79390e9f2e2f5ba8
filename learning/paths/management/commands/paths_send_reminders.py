"""Remind learners of assigned courses due soon or overdue. Idempotent: the day's
reminder is recorded per learner, so a second run the same day sends nothing. Run by
cron daily, e.g. at 08:00."""

from django.core.management.base import BaseCommand

from learning.paths.services import reminders_send_due


class Command(BaseCommand):
    help = "Verstuur herinneringen voor toegewezen cursussen (hoogstens één per deelnemer per dag)."

    def handle(self, *args, **options) -> None:
        sent = reminders_send_due()
        self.stdout.write(f"Herinneringen verstuurd: {sent}")
