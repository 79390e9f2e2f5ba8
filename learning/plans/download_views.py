"""Downloads of plan templates as DOCX and PDF (the routes download/docx/ and
download/pdf/ of a PlanTemplatePage).

The routes are reached through Wagtail's page serving (`Page.route` -> `serve`), so a
draft or unpublished page is a 404 and Wagtail's `before_serve_page` hooks apply the
page's view restrictions (login, password, groups) before this view runs. The view
checks both again, so calling it from elsewhere cannot skip them.

Generated files are cached: the key holds the page, the format, the moment it was
last published, and its live successor (which adds the "superseded" note), so a new
publication or a new version gives a fresh document and nothing ever has to be purged.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from ..models import PlanTemplatePage
from .documents import (
    CONTENT_TYPES,
    plan_template_docx,
    plan_template_filename,
    plan_template_newer_version,
    plan_template_pdf,
)

#: Raise when the layout of the documents changes, so cached files are not reused.
DOCUMENT_LAYOUT_VERSION = 1
CACHE_SECONDS = 60 * 60 * 24
_RENDERERS = {"docx": plan_template_docx, "pdf": plan_template_pdf}


def plan_template_document_cache_key(
    *, template: PlanTemplatePage, file_format: str, successor: PlanTemplatePage | None
) -> str:
    published = template.last_published_at.isoformat() if template.last_published_at else "-"
    successor_part = "-"
    if successor is not None:
        successor_published = (
            successor.last_published_at.isoformat() if successor.last_published_at else "-"
        )
        successor_part = f"{successor.pk}@{successor_published}"
    return (
        f"learning:plan-template-document:v{DOCUMENT_LAYOUT_VERSION}:{template.pk}:"
        f"{file_format}:{published}:{successor_part}"
    )


def plan_template_download(
    request: HttpRequest, *, template: PlanTemplatePage, file_format: str
) -> HttpResponse:
    """The template as an attachment, generated from this published version."""
    renderer = _RENDERERS.get(file_format)
    if renderer is None or not template.live:
        raise Http404
    restrictions = template.get_view_restrictions()
    if any(not restriction.accept_request(request) for restriction in restrictions):
        raise Http404  # Wagtail's own hook answered (login, password) before we got here
    successor = plan_template_newer_version(template=template)
    key = plan_template_document_cache_key(
        template=template, file_format=file_format, successor=successor
    )
    content = cache.get(key)
    if content is None:
        content = renderer(template=template)
        cache.set(key, content, CACHE_SECONDS)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    filename = plan_template_filename(template=template, extension=file_format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(len(content))
    if restrictions:
        patch_cache_control(response, private=True)
    return response
