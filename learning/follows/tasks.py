"""Background tasks of follows (django-tasks); cron runs the digest through
`manage.py follows_send_digests`."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def follow_notices_send_task(notice_ids: list[int]) -> int:
    """Mail the new notices of followers who want each one at once (never twice)."""
    return services.follow_notices_send(notice_ids=notice_ids)


@task()
def follows_send_digests_task() -> int:
    """The daily digest of followers who chose it."""
    return services.follows_send_digests()
