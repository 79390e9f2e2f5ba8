"""Background tasks of the case clinics (django-tasks); cron runs the same work through
`manage.py clinics_send_reminders`."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def clinics_send_reminders_task() -> int:
    """Send the reminders of tomorrow's sessions (each registration once)."""
    return services.reminders_send_due()
