"""Background tasks of the search app (django-tasks): draining the index outbox.

Development and tests run tasks immediately; production's database backend
(django-tasks-db) keeps them for `manage.py db_worker` and can defer them, so a drain
that leaves operations waiting enqueues the next drain at the time they are due. With a
backend that cannot defer, cron's `manage.py search_index --drain` does that (as
`helpline_send_pending` does for mail).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from .outbox import outbox_drain, outbox_next_due

logger = logging.getLogger("search.outbox")

#: One deferred drain per due time (cache key prefix); chains of drains merge this way.
SCHEDULED_KEY = "search:outbox:drain-at:"


@task()
def search_outbox_drain_task() -> dict[str, int | str]:
    """Apply the operations of the index outbox that are due, then schedule the next
    drain for what still waits."""
    result = outbox_drain()
    outbox_drain_schedule()
    return result.as_dict()


def outbox_drain_enqueue() -> None:
    """Drain now, in the background (after a commit that recorded operations). A task
    queue that is down loses nothing: the operations wait for the next drain or cron."""
    try:
        search_outbox_drain_task.enqueue()
    except Exception:  # noqa: BLE001 - logged; cron's drain picks the operations up
        logger.exception("Could not enqueue a drain of the index outbox")


def outbox_drain_schedule() -> None:
    """Enqueue a drain at the time the next waiting operation is due, when the task
    backend can defer (the database backend can; the immediate one cannot: there cron's
    command and the next change drain). At most one drain is enqueued per due time."""
    try:
        if not search_outbox_drain_task.get_backend().supports_defer:
            return
        due = outbox_next_due()
        if due is None:
            return
        due = max(due, timezone.now() + timedelta(seconds=1))
        key = f"{SCHEDULED_KEY}{int(due.timestamp())}"
        seconds_ahead = (due - timezone.now()).total_seconds()
        if not cache.add(key, True, timeout=int(seconds_ahead) + 60):
            return  # another drain is already enqueued for that time
        try:
            search_outbox_drain_task.using(run_after=due).enqueue()
        except Exception:
            cache.delete(key)
            raise
    except Exception:  # noqa: BLE001 - cron's drain picks the operations up anyway
        logger.exception("Could not schedule the next drain of the index outbox")
