"""Validation of the case search parameters (the listing's GET form and the API).

Every parameter is checked; a bad one gets a Dutch message and is left out of the search
(the valid ones still apply), never a server error. Taxonomy names are checked against
the taxonomy with at most one query per facet that has values.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from search.fields import MultipleValueField, PageNumberField
from search.text import MAX_QUERY_CHARS

from ..models import Law, LawArticle, Outcome, Phase, ProblemDomain, Region
from .facets import SORT_CHOICES, SORT_RELEVANCE, split_article_key
from .queries import CaseSearchParams

MIN_YEAR, MAX_YEAR = 1900, 2100


#: Up to this many valid names are listed when a name is unknown; beyond it (regions),
#: the closest ones.
LIST_ALL_UP_TO = 40


def _names(model) -> dict[str, str]:
    """Every name of a taxonomy model by its case-folded form (one query)."""
    return {name.casefold(): name for name in model.objects.values_list("name", flat=True)}


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
        return self.cleaned_data["q"][:MAX_QUERY_CHARS]

    def _clean_names(self, name: str, model, message) -> list[str]:
        """The names as the taxonomy spells them, whatever the case typed ("schulden" is
        "Schulden", as in the importer); an unknown name is answered with the valid ones."""
        values = self.cleaned_data[name]
        if not values:
            return values
        names = _names(model)
        unknown = [value for value in values if value.casefold() not in names]
        if unknown:
            raise forms.ValidationError(
                _("%(message)s Kies uit: %(valid)s."),
                params={
                    "message": message % {"names": ", ".join(unknown)},
                    "valid": _choose_from(unknown, list(names.values())),
                },
            )
        return list(dict.fromkeys(names[value.casefold()] for value in values))

    def clean_domain(self) -> list[str]:
        return self._clean_names("domain", ProblemDomain, _("Onbekend probleemdomein: %(names)s."))

    def clean_law(self) -> list[str]:
        return self._clean_names("law", Law, _("Onbekende wet of regeling: %(names)s."))

    def clean_region(self) -> list[str]:
        return self._clean_names("region", Region, _("Onbekende regio: %(names)s."))

    def clean_article(self) -> list[str]:
        values = self.cleaned_data["article"]
        if not values:
            return values
        parsed = {value: split_article_key(value) for value in values}
        condition = Q(pk__in=[])
        for pair in parsed.values():
            if pair:
                condition |= Q(law__name=pair[0], article=pair[1])
        known = {
            f"{law} art. {article}"
            for law, article in LawArticle.objects.filter(condition).values_list(
                "law__name", "article"
            )
        }
        unknown = [value for value in values if value not in known]
        if unknown:
            raise forms.ValidationError(
                _("Onbekend artikel: %(names)s. Schrijf het als ‘Participatiewet art. 35 lid 1’."),
                params={"names": ", ".join(unknown)},
            )
        return values

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
