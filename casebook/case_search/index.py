"""The case index: one document per live, public example case (a faceted index of the
search app, registered in CasebookConfig.ready())."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from search.faceted import FacetedIndex

from ..costs import prevented_total_expression
from ..models import CaseLegalBasis, CasePage
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
        text_parts = [case.title, *(getattr(case, field) or "" for field in CasePage.TEXT_FIELDS)]
        # The laws and articles too, so free text finds cases by the law they use
        # ("Participatiewet", "PW" through the editors' synonyms, "35 lid 1").
        for basis in case.legal_bases.all():
            text_parts += [basis.law.name, basis.law.abbreviation, basis.reasoning]
            if basis.article_id:
                text_parts.append(f"artikel {basis.article.article}")
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
            # The free text (title included); each engine analyses it in its own way.
            "text": "\n".join(part for part in text_parts if part),
        }


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _summary(text: str, length: int = 240) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


CASE_INDEX = CaseIndex()
