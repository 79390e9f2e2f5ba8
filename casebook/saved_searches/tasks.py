"""Background task of the saved searches (django-tasks); cron runs the same work through
`manage.py casebook_send_search_alerts`."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def saved_search_alerts_send_task() -> int:
    """Mail the new matching cases of every due saved search (idempotent)."""
    return services.alerts_send_due()
