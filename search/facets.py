"""Facet definitions of the case search: one object per facet, shared by every backend.

A definition says what the facet is (its parameter, its label, the document field it
reads, whether it holds one value or several per case) and how its values combine:

- `AND` (problem domains): a case must have every selected value. The count beside a
  value is the number of results you get when you *add* that value, i.e. a count over
  the current results, own filter included.
- `OR` (everything else): a case must have one of the selected values. The count beside
  a value is taken with every other facet's filter but not its own ("exclude own
  filter"), so ticking a second value shows how many it adds.

Each backend turns a definition into its own query part and aggregation (the database
backend: `database_condition` below and the count queries of
search.backends.database; Elasticsearch: terms filters and a filtered terms
aggregation), so both engines give the same counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import connection
from django.utils.translation import gettext_lazy as _

from casebook.models import Outcome, Phase


class Operator(StrEnum):
    AND = "and"
    OR = "or"


@dataclass(frozen=True)
class FacetDefinition:
    #: Name in CaseSearchParams and in CaseSearchResult.facets.
    name: str
    #: The document field the facet reads (a list when `multi_valued`).
    field: str
    #: Query-string parameter of the listing and the API (repeatable).
    param: str
    label: Any
    operator: Operator = Operator.OR
    #: True when a case holds several values (stored as terms, not as a column).
    multi_valued: bool = False
    #: "text" or "int": the type of a value.
    value_type: str = "text"
    #: Fixed value -> label for choice facets; options follow this order.
    choices: tuple[tuple[str, Any], ...] = ()
    #: Options newest first (years) instead of alphabetically.
    descending: bool = False
    help_text: Any = ""

    # -- shared by every backend ---------------------------------------------------
    def label_for(self, value: Any) -> str:
        return str(dict(self.choices).get(value, value))

    def sort_key(self, value: Any) -> Any:
        if self.choices:
            order = [choice for choice, _label in self.choices]
            return (order.index(value) if value in order else len(order), str(value))
        if self.value_type == "int":
            return -value if self.descending else value
        return str(value).casefold()

    def values_of(self, document: dict) -> list:
        """The document's values of this facet, as a list."""
        value = document.get(self.field)
        if self.multi_valued:
            return list(value or [])
        return [] if value in (None, "") else [value]

    # -- database backend ----------------------------------------------------------
    def database_column(self) -> str:
        """The quoted column of search.CaseDocument holding a single-valued facet."""
        from .models import CaseDocument  # noqa: PLC0415

        return connection.ops.quote_name(CaseDocument._meta.get_field(self.field).column)

    def database_condition(self, values: Sequence, *, document: str) -> tuple[str, list]:
        """SQL condition (with its parameters) on the row `document` of
        search.CaseDocument for the selected values: a column test for a single-valued
        facet; for a multi-valued one, membership of the ids found on the covering index
        of search.CaseDocumentTerm (with AND: the ids having every value)."""
        values = list(dict.fromkeys(values if not self.multi_valued else map(str, values)))
        placeholders = ", ".join(["%s"] * len(values))
        if not self.multi_valued:
            return f"{document}.{self.database_column()} IN ({placeholders})", values
        from .models import CaseDocument, CaseDocumentTerm  # noqa: PLC0415

        subquery = (
            f"SELECT document_id FROM {connection.ops.quote_name(CaseDocumentTerm._meta.db_table)}"  # noqa: S608 (identifiers only; values are parameters)
            f" WHERE facet = %s AND value IN ({placeholders})"
        )
        params: list = [self.field, *values]
        if self.operator is Operator.AND and len(values) > 1:
            subquery += " GROUP BY document_id HAVING COUNT(*) = %s"
            params.append(len(values))
        pk = connection.ops.quote_name(CaseDocument._meta.pk.column)
        return f"{document}.{pk} IN ({subquery})", params

    def database_value(self, value: Any) -> Any:
        """A facet value as the database backend's count query returns it (text)."""
        if value is not None and self.value_type == "int":
            return int(value)
        return value


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


def split_article_key(value: str) -> tuple[str, str] | None:
    law, sep, article = value.partition(" art. ")
    if not sep or not law.strip() or not article.strip():
        return None
    return law.strip(), article.strip()
