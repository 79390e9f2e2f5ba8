"""The facets and sorts of the case search: one definition per facet, shared by every
search engine (the generic machinery is search.faceted).

- problem domains combine with AND (a case must have all of them: a toxic cocktail);
- every other facet with OR within the facet; facets combine with AND.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from search.faceted import FacetDefinition, Operator, SortDefinition

from ..models import Outcome, Phase

DOMAINS = FacetDefinition(
    name="domains",
    field="domains",
    param="domain",
    label=_("Probleemdomeinen"),
    operator=Operator.AND,
    multi_valued=True,
    help_text=_("Je ziet casussen met álle gekozen domeinen."),
)
LAWS = FacetDefinition(
    name="law", field="laws", param="law", label=_("Wet of regeling"), multi_valued=True
)
ARTICLES = FacetDefinition(
    name="article", field="articles", param="article", label=_("Artikel"), multi_valued=True
)
REGIONS = FacetDefinition(name="region", field="region", param="region", label=_("Regio"))
PHASES = FacetDefinition(
    name="phase", field="phase", param="phase", label=_("Fase"), choices=tuple(Phase.choices)
)
YEARS = FacetDefinition(
    name="year", field="year", param="year", label=_("Jaar"), value_type="int", descending=True
)
OUTCOMES = FacetDefinition(
    name="outcome",
    field="outcome",
    param="outcome",
    label=_("Uitkomst"),
    choices=tuple(Outcome.choices),
)

#: Every facet of the case search, in the order the listing shows them.
CASE_FACETS: tuple[FacetDefinition, ...] = (
    DOMAINS,
    LAWS,
    ARTICLES,
    REGIONS,
    PHASES,
    YEARS,
    OUTCOMES,
)
FACETS_BY_NAME = {facet.name: facet for facet in CASE_FACETS}


def article_key(law: str, article: str) -> str:
    """The value of an article in the `articles` facet: unique across laws, readable in
    a URL and the same on every engine, e.g. "Participatiewet art. 35 lid 1"."""
    return f"{law} art. {article}"


_ARTICLE_SEPARATOR = re.compile(r"\s+art\.\s+", re.IGNORECASE)


def split_article_key(value: str) -> tuple[str, str] | None:
    """(law, article) of an article key; " art. " in any case ("PW ART. 35 lid 1")."""
    parts = _ARTICLE_SEPARATOR.split(value, maxsplit=1)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return None
    return parts[0].strip(), parts[1].strip()


SORT_RELEVANCE = "relevance"
SORT_YEAR = "year"
SORT_COSTS_PREVENTED = "costs_prevented"
#: The sorts of the case search; relevance without free text sorts by year.
CASE_SORTS: tuple[SortDefinition, ...] = (
    SortDefinition(
        name=SORT_RELEVANCE, label=_("Meest relevant"), order=("-year", "id"), relevance=True
    ),
    SortDefinition(name=SORT_YEAR, label=_("Nieuwste eerst"), order=("-year", "title", "id")),
    SortDefinition(
        name=SORT_COSTS_PREVENTED,
        label=_("Meeste kosten voorkomen"),
        order=("-prevented_total", "title", "id"),
    ),
)
SORTS = tuple(sort.name for sort in CASE_SORTS)
SORT_CHOICES = [(sort.name, sort.label) for sort in CASE_SORTS]
