"""The case index: one document per live, public example case (a faceted index of the
search app, registered in CasebookConfig.ready())."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from search.faceted import FacetedIndex

from ..costs import prevented_total_expression
from ..models import CaseLegalBasis, CasePage, Phase
from .facets import CASE_FACETS, CASE_SORTS, SORT_YEAR, article_key

CASE_INDEX_NAME = "cases"


class CaseIndex(FacetedIndex):
    name = CASE_INDEX_NAME
    label = "Casusindex"
    plural = "casussen"
    facets = CASE_FACETS
    sorts = CASE_SORTS
    unranked_sort = SORT_YEAR
    sort_fields = {"year": "int", "prevented_total": "money", "title": "keyword"}
    stored_fields = {
        "url": "keyword",
        "household": "keyword",
        "summary": "keyword",
        "legal_bases": "object",
    }
    #: The title and the breakthrough weigh most, then the taxonomy (problem domains,
    #: laws with their abbreviations, articles, region, phase), then the other texts.
    weighted_fields = {"title": 3, "breakthrough": 2, "labels": 2}
    #: Cases sharing problem domains and laws are alike (a toxic cocktail, a legal road).
    similarity_fields = ("domains", "laws")

    def queryset(self) -> QuerySet[CasePage]:
        """Only what an anonymous visitor may see: live and without view restriction
        (on the case or on any page above it)."""
        return self.with_relations(CasePage.objects.live().public()).order_by("pk")

    def with_relations(self, queryset: QuerySet[CasePage]) -> QuerySet[CasePage]:
        """`queryset` with everything `document()` reads, in a fixed number of queries."""
        return (
            queryset.select_related("region")
            .prefetch_related(
                "problem_domains",
                Prefetch(
                    "legal_bases",
                    queryset=CaseLegalBasis.objects.select_related("law", "article").order_by(
                        "sort_order", "pk"
                    ),
                ),
            )
            .annotate(search_prevented_total=prevented_total_expression())
        )

    def document(self, case: CasePage) -> dict:  # type: ignore[override]
        """The plain document of one case. Its keys are the contract between the index
        definition and the engines (and the fields of CaseHit)."""
        legal_bases = [
            {
                "law": basis.law.name,
                "article": basis.article.article if basis.article_id else "",
            }
            for basis in case.legal_bases.all()
        ]
        domains = sorted((domain.name for domain in case.problem_domains.all()), key=str.casefold)
        prevented = getattr(case, "search_prevented_total", None)
        if prevented is None:
            prevented = sum((cost.prevented for cost in case.costs.all()), Decimal("0"))
        labels = case_labels(case)
        text_parts = [case.title, *case_text_parts(case), labels]
        return {
            "id": case.pk,
            "title": case.title,
            "url": case.get_url() or "",
            "household": case.household,
            "summary": _summary(case.situation),
            "domains": domains,
            "laws": _unique(basis["law"] for basis in legal_bases),
            "articles": _unique(
                article_key(basis["law"], basis["article"])
                for basis in legal_bases
                if basis["article"]
            ),
            "legal_bases": legal_bases,
            "region": case.region.name,
            "phase": case.phase,
            "outcome": case.outcome,
            "year": case.year,
            "prevented_total": Decimal(prevented).quantize(Decimal("0.01")),
            "breakthrough": case.breakthrough or "",
            "labels": labels,
            # The free text (title, texts, legal reasonings and labels); every engine
            # analyses it the same way (search.text).
            "text": "\n".join(part for part in text_parts if part),
        }


def case_text_parts(case: CasePage) -> list[str]:
    """The texts of a case that free text searches besides its title and labels, the
    situation first: the case's TEXT_FIELDS and the reasoning of each legal basis. The
    case index and the site index read the same parts, so the casebook and the site
    search agree on which cases match."""
    names = ["situation", *(name for name in CasePage.TEXT_FIELDS if name != "situation")]
    parts = [getattr(case, name) or "" for name in names]
    parts += [basis.reasoning for basis in case.legal_bases.all()]
    return [part for part in parts if part]


def case_labels(case: CasePage) -> str:
    """The taxonomy of a case as searchable text: its problem domains, its laws with
    their abbreviations and articles ("artikel 35 lid 1"), its region and its phase, so
    "Zwolle", "Middelengebruik" or "Wmo" find the cases tagged with them."""
    parts = sorted((domain.name for domain in case.problem_domains.all()), key=str.casefold)
    for basis in case.legal_bases.all():
        parts += [basis.law.name, basis.law.abbreviation]
        if basis.article_id:
            parts.append(f"artikel {basis.article.article}")
    parts.append(case.region.name if case.region_id else "")
    parts.append(str(dict(Phase.choices).get(case.phase, case.phase or "")))
    return "\n".join(_unique(part for part in parts if part))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _summary(text: str, length: int = 240) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


CASE_INDEX = CaseIndex()
