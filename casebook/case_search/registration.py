"""What the casebook registers with the search app: the case index (faceted), the case
page type of the site search, and the signals that keep the case index up to date."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.faceted import faceted_index_register
from search.indexes.site import SiteType, site_type_register

from ..models import CasePage
from . import signals
from .index import CASE_INDEX


def _case_text(page: CasePage) -> list[str]:
    # The situation first: a result without a match in its text shows how it starts.
    names = ["situation", *(name for name in CasePage.TEXT_FIELDS if name != "situation")]
    return [getattr(page, name) or "" for name in names]


def register_case_search() -> None:
    faceted_index_register(CASE_INDEX)
    site_type_register(
        SiteType(
            name="case",
            label=_("Casus"),
            plural=_("Casussen"),
            model="casebook.CasePage",
            text=_case_text,
            date=lambda page: page.last_published_at,
        )
    )
    signals.connect()
