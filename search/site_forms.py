"""Validation of the site search parameters (the search page, its API and autocomplete).

A bad parameter gets a Dutch message and is left out (the search page still answers
with the valid ones); a query longer than the search looks at is cut, and said so.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import PageNumberField
from .indexes.site import site_types
from .site import PER_PAGE, SiteSearchParams, query_truncate
from .text import MAX_QUERY_CHARS


class SiteSearchForm(forms.Form):
    q = forms.CharField(label=_("Zoekterm"), required=False, strip=True)
    type = forms.CharField(label=_("Soort inhoud"), required=False)
    page = PageNumberField()

    def __init__(self, *args, require_query: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.require_query = require_query
        self.query_truncated = False

    def clean_q(self) -> str:
        value = self.cleaned_data["q"]
        if len(value) > MAX_QUERY_CHARS:
            # A pasted text is cut, not refused: search on its start.
            self.query_truncated = True
            value = query_truncate(value)
        if not value and (self.require_query or "q" in self.data):
            raise forms.ValidationError(_("Vul een zoekterm in."))
        return value

    def clean_type(self) -> str | None:
        value = self.cleaned_data["type"].strip()
        if not value:
            return None
        names = [registered.name for registered in site_types()]
        if value not in names:
            raise forms.ValidationError(
                _("Onbekende soort inhoud. Kies uit: %(names)s."),
                params={"names": ", ".join(names)},
            )
        return value

    @property
    def truncation_notice(self) -> str:
        if not self.query_truncated:
            return ""
        return str(
            _("Je zoekterm was te lang. We zoeken op de eerste %(count)s tekens.")
            % {"count": MAX_QUERY_CHARS}
        )

    def params(self, *, per_page: int = PER_PAGE) -> SiteSearchParams | None:
        """The search of the valid parameters (after `is_valid()`), or None without a
        query. An invalid type or page is left out."""
        data = getattr(self, "cleaned_data", {})
        if not data.get("q"):
            return None
        return SiteSearchParams(
            q=data["q"], type=data.get("type"), page=data.get("page") or 1, per_page=per_page
        )
