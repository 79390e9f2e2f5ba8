"""Wagtail's workflow and publishing signals, passed on to the contribution services
(connected in ContributionsConfig.ready(); the rules live in services.py)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_delete
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import page_published, task_submitted, workflow_rejected

from casebook.models import CasePage

from . import services

_UID = "contributions:"


def _is_page_state(state: WorkflowState) -> bool:
    return state.base_content_type.model_class() is Page


def _task_submitted(sender: Any, instance: TaskState, **kwargs: Any) -> None:
    state = instance.workflow_state
    if _is_page_state(state):
        services.contribution_mark_in_review(case_id=state.object_id)


def _workflow_rejected(sender: Any, instance: WorkflowState, **kwargs: Any) -> None:
    if not _is_page_state(instance):
        return
    task_state = instance.current_task_state
    reason = task_state.specific.get_comment() if task_state else ""
    services.contribution_mark_returned(case_id=instance.object_id, reason=reason or "")


def _page_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    if isinstance(instance, CasePage):
        services.contribution_mark_published(case_id=instance.pk)


def _case_deleted(sender: Any, instance: CasePage, **kwargs: Any) -> None:
    services.contribution_mark_case_deleted(case_id=instance.pk)


def connect() -> None:
    pre_delete.connect(_case_deleted, sender=CasePage, dispatch_uid=_UID + "case_deleted")
    task_submitted.connect(_task_submitted, dispatch_uid=_UID + "task_submitted")
    workflow_rejected.connect(_workflow_rejected, dispatch_uid=_UID + "workflow_rejected")
    page_published.connect(_page_published, dispatch_uid=_UID + "page_published")
