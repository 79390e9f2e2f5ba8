"""Wagtail's page editor, one save at a time per page.

An editor who clicks "Stuur door naar IPW redactie" while Wagtail's autosave (or a first
click) is still being saved sends two posts for one page at once. Wagtail reads the
page's workflow state before it saves, so both posts start a workflow and the second
fails on Wagtail's "one workflow in progress per page" constraint: an HTTP 500, and on
SQLite a "database is locked" besides.

This view wraps Wagtail's EditView (served at the same URL, registered before Wagtail's
admin URLs in portal.urls) in a transaction that first locks the page row, so posts for
one page run one after the other and each reads the state the previous one left. A
submit for a page that is already with the editors is not started again: the post goes
on as a plain save (which Wagtail refuses while the page is locked for review, keeping
what the editor typed in the form) with a Dutch message saying the page is already under
review. Nothing is half-written: the whole post commits or rolls back as one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page, WorkflowState


class PageEditView(EditView):
    def dispatch(self, request: HttpRequest, page_id: int, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            return super().dispatch(request, page_id, **kwargs)
        with transaction.atomic():
            page = Page.objects.select_for_update().filter(pk=page_id).first()
            if page is not None and request.POST.get("action-submit"):
                state = page.current_workflow_state
                if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
                    post = request.POST.copy()
                    post.pop("action-submit")
                    request.POST = post
                    messages.info(
                        request,
                        _(
                            "Deze pagina is al doorgestuurd naar de redactie en wacht op "
                            "beoordeling; er is niets opnieuw verstuurd."
                        ),
                    )
            return super().dispatch(request, page_id, **kwargs)


def page_unpublish(request: HttpRequest, page_id: int) -> HttpResponse:
    """Wagtail's unpublish (its own view for the page's type), in one transaction: the
    page's new state and what it records for the search engines (search's index outbox,
    written by signal handlers) commit together or not at all. Served at Wagtail's own
    URL (registered before it)."""
    view = _wagtail_unpublish()
    if request.method != "POST":
        return view(request, page_id=page_id)
    with transaction.atomic():
        return view(request, page_id=page_id)


def _wagtail_unpublish():
    from wagtail.admin.viewsets.pages import page_viewset_registry  # noqa: PLC0415

    return page_viewset_registry.as_view("unpublish", page_id_kwarg="page_id")
