"""The editors' queue of contributed cases in the Wagtail admin (thin; reads in
selectors.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import contribution_queue

REVIEW_PERMISSION = "contributions.review_contribution"


def user_can_review_contributions(*, user) -> bool:  # noqa: ANN001 - any user
    return bool(user.is_authenticated and user.has_perm(REVIEW_PERMISSION))


def contribution_queue_view(request: HttpRequest) -> HttpResponse:
    if not user_can_review_contributions(user=request.user):
        raise PermissionDenied
    return render(request, "contributions/admin/queue.html", {"rows": contribution_queue()})
