"""Imported drafts into the editorial workflow: each page is submitted the way an editor
submits it in the admin (Wagtail's workflow `start`: a workflow state, the first task,
the "submitted" entry in the history), so a moderator reviews it before it goes live."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..models import CasePage


class NoWorkflowError(Exception):
    """The case index has no workflow to submit to."""


def cases_submit(*, pages: Iterable[CasePage], user: Any) -> int:
    """Submit each draft to its workflow (inside the caller's transaction); returns how many."""
    submitted = 0
    for page in pages:
        workflow = page.get_workflow()
        if workflow is None:
            raise NoWorkflowError(
                "Er is geen redactieproces voor de casussen: ze kunnen niet ter beoordeling."
            )
        workflow.start(page, user)
        submitted += 1
    return submitted
