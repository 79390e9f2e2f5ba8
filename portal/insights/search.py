"""Lessons learned (insights) in the site search."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.indexes.site import SiteType, site_type_register, streamfield_text


def register_insight_types() -> None:
    site_type_register(
        SiteType(
            name="insight",
            label=_("Geleerde les"),
            plural=_("Geleerde lessen"),
            model="insights.InsightPage",
            text=lambda page: [page.summary, *streamfield_text(page.body), page.region],
            date=lambda page: page.date,
        )
    )
