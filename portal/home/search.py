"""Content pages in the site search (the search app's type registry)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.indexes.site import SiteType, site_type_register, streamfield_text


def register_home_types() -> None:
    site_type_register(
        SiteType(
            name="page",
            label=_("Pagina"),
            plural=_("Pagina's"),
            model="home.ContentPage",
            text=lambda page: [page.intro, *streamfield_text(page.body)],
        )
    )
