"""Wagtail's `page_published` signal, connected in FollowsConfig.ready(): record who is
reached (in the publishing transaction), and mail them from a task after commit."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from .services import follow_notices_record
from .tasks import follow_notices_send_task


def _enqueue(notice_ids: list[int]) -> None:
    follow_notices_send_task.enqueue(notice_ids)


def page_published_handler(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    notice_ids = follow_notices_record(page=instance, revision=revision)
    if notice_ids:
        # robust: if the task queue is down, the notices stay pending; the digest command
        # with --ook-direct sends them.
        transaction.on_commit(partial(_enqueue, notice_ids), robust=True)
