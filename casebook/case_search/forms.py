"""Validation of the case search parameters (the listing's GET form and the API).

Every parameter is checked; a bad one gets a Dutch message and is left out of the search
(the valid ones still apply), never a server error. Taxonomy names are matched as the
importer matches them (casebook.importing.names: ignoring case, laws also by their
abbreviation), read in four queries when any name is given; an unknown name is answered
with the valid names.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from search.fields import MultipleValueField, PageNumberField
from search.text import query_truncate

from ..importing.names import Names
from ..models import Outcome, Phase
from .facets import SORT_CHOICES, SORT_RELEVANCE, split_article_key
from .queries import CaseSearchParams

MIN_YEAR, MAX_YEAR = 1900, 2100


#: Up to this many valid names are listed when a name is unknown; beyond it (regions),
#: the closest ones.
LIST_ALL_UP_TO = 40


def _choose_from(unknown: Sequence[str], names: Sequence[str]) -> str:
    """What to say after "unknown": the valid names, or the closest when there are many."""
    if len(names) <= LIST_ALL_UP_TO:
        return ", ".join(sorted(names, key=str.casefold))
    lowered = {name.casefold(): name for name in names}
    close = []
    for value in unknown:
        close += difflib.get_close_matches(value.casefold(), list(lowered), n=5, cutoff=0.6)
    return ", ".join(lowered[name] for name in dict.fromkeys(close)) or "…"


class CaseSearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek in de casussen"), required=False, strip=True)
    domain = MultipleValueField(label=_("Probleemdomeinen"), required=False)
    law = MultipleValueField(label=_("Wet of regeling"), required=False)
    article = MultipleValueField(label=_("Artikel"), required=False)
    region = MultipleValueField(label=_("Regio"), required=False)
    phase = forms.MultipleChoiceField(
        label=_("Fase"),
        choices=Phase.choices,
        required=False,
        error_messages={"invalid_choice": _("Kies een bestaande fase.")},
    )
    year = MultipleValueField(label=_("Jaar"), required=False)
    outcome = forms.MultipleChoiceField(
        label=_("Uitkomst"),
        choices=Outcome.choices,
        required=False,
        error_messages={"invalid_choice": _("Kies een bestaande uitkomst.")},
    )
    sort = forms.ChoiceField(
        label=_("Sorteren op"),
        choices=SORT_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Kies een bestaande sortering.")},
    )
    page = PageNumberField()

    def clean_q(self) -> str:
        # A pasted text longer than the search looks at is cut, not refused.
        return query_truncate(self.cleaned_data["q"])

    def _names(self) -> Names:
        """The taxonomy's names as the importer matches them (ignoring case; laws also by
        their abbreviation), read once per form (four queries) when a name is given."""
        if not hasattr(self, "_taxonomy_names"):
            self._taxonomy_names = Names(create_missing=False)
        return self._taxonomy_names

    def _clean_names(self, name: str, kind: str, message) -> list[str]:
        """The names as the taxonomy spells them, whatever the case typed ("schulden" is
        "Schulden", "pw" is "Participatiewet", as in the importer); an unknown name is
        answered with the valid ones."""
        values = self.cleaned_data[name]
        if not values:
            return values
        names = self._names()
        resolve = getattr(names, kind)
        resolved = {value: resolve(value.strip()) for value in values}
        unknown = [value for value, found in resolved.items() if found is None]
        if unknown:
            known = {"domain": names.domains, "law": names.laws, "region": names.regions}[kind]
            raise forms.ValidationError(
                _("%(message)s Kies uit: %(valid)s."),
                params={
                    "message": message % {"names": ", ".join(unknown)},
                    "valid": _choose_from(unknown, list(known.values())),
                },
            )
        return list(dict.fromkeys(resolved[value] for value in values))

    def clean_domain(self) -> list[str]:
        return self._clean_names("domain", "domain", _("Onbekend probleemdomein: %(names)s."))

    def clean_law(self) -> list[str]:
        return self._clean_names("law", "law", _("Onbekende wet of regeling: %(names)s."))

    def clean_region(self) -> list[str]:
        return self._clean_names("region", "region", _("Onbekende regio: %(names)s."))

    def clean_article(self) -> list[str]:
        """ "Participatiewet art. 35 lid 1", the law and the article matched ignoring case
        (the law also by its abbreviation: "pw art. 35 lid 1")."""
        values = self.cleaned_data["article"]
        if not values:
            return values
        names = self._names()
        resolved: dict[str, str | None] = {}
        for value in values:
            pair = split_article_key(value)
            law = names.law(pair[0]) if pair else None
            article = names.articles.get(law or "", {}).get(pair[1].casefold()) if pair else None
            resolved[value] = f"{law} art. {article}" if law and article else None
        unknown = [value for value, found in resolved.items() if found is None]
        if unknown:
            raise forms.ValidationError(
                _("Onbekend artikel: %(names)s. Schrijf het als ‘Participatiewet art. 35 lid 1’."),
                params={"names": ", ".join(unknown)},
            )
        return list(dict.fromkeys(found for found in resolved.values() if found))

    def clean_year(self) -> list[int]:
        years = []
        for value in self.cleaned_data["year"]:
            try:
                year = int(value)
            except ValueError:
                year = None
            if year is None or not MIN_YEAR <= year <= MAX_YEAR:
                raise forms.ValidationError(
                    _("Een jaar bestaat uit vier cijfers, bijvoorbeeld 2024.")
                )
            years.append(year)
        return years

    def params(self, *, per_page: int | None = None) -> CaseSearchParams:
        """The search of the valid parameters (call after `is_valid()`); invalid ones are
        left out, so the page still shows results beside the error message."""
        data = getattr(self, "cleaned_data", {})
        extra = {"per_page": per_page} if per_page else {}
        return CaseSearchParams(
            q=data.get("q", ""),
            domains=tuple(data.get("domain") or ()),
            law=tuple(data.get("law") or ()),
            article=tuple(data.get("article") or ()),
            region=tuple(data.get("region") or ()),
            phase=tuple(data.get("phase") or ()),
            year=tuple(data.get("year") or ()),
            outcome=tuple(data.get("outcome") or ()),
            sort=data.get("sort") or SORT_RELEVANCE,
            page=data.get("page") or 1,
            **extra,
        )
