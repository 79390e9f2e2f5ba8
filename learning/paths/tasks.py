"""Background tasks of paths and assignments (django-tasks); cron runs the same work
through `manage.py paths_send_reminders`."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def paths_send_reminders_task() -> int:
    """Send today's due-date reminders (at most one mail per learner per day)."""
    return services.reminders_send_due()
