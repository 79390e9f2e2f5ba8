"""Standards in the site search: the current version only. A superseded version stays
readable at its address but leaves the search, and comes back when its successor goes."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from search.indexes.site import SiteType, site_type_register, streamfield_text

from .selectors import standard_list_current


def _standard_current(queryset: QuerySet) -> QuerySet:
    return queryset.filter(pk__in=standard_list_current().values("pk"))


def _standard_related(page: Page) -> list[str]:
    """The version a standard supersedes appears or disappears with it."""
    if getattr(page, "supersedes_id", None):
        return [f"standards.standardpage:{page.supersedes_id}"]
    return []


def register_standard_types() -> None:
    site_type_register(
        SiteType(
            name="standard",
            label=_("Standaard"),
            plural=_("Standaarden"),
            model="standards.StandardPage",
            text=lambda page: [page.summary, *streamfield_text(page.body)],
            date=lambda page: page.effective_date,
            filter=_standard_current,
            related_keys=_standard_related,
        )
    )
