"""The case index: one document per live, public example case."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from casebook.costs import prevented_total_expression
from casebook.models import CaseLegalBasis, CasePage

from ..facets import article_key
from ..text import stemmed_text

#: The text fields of a case that free-text search looks in (title comes first).
TEXT_FIELDS = (
    "household",
    "situation",
    "perspective",
    "needs_self",
    "needs_support",
    "needs_treatment",
    "barrier",
    "breakthrough",
    "engagement",
)


@dataclass(frozen=True)
class CaseIndex:
    name: str = "cases"
    chunk_size: int = 500

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

    def documents(self, queryset: QuerySet[CasePage] | None = None) -> Iterator[dict]:
        """The documents of `queryset` (default: every visible case), read in chunks."""
        queryset = self.queryset() if queryset is None else queryset
        for case in queryset.iterator(chunk_size=self.chunk_size):
            yield self.document(case)

    def document(self, case: CasePage) -> dict:
        """The plain document of one case. Its keys are the contract between the index
        definition and the backends (and the fields of CaseSearchResult's hits)."""
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
        text_parts = [case.title, *(getattr(case, field) or "" for field in TEXT_FIELDS)]
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
            # Database backend: stems; Elasticsearch analyses the raw text itself.
            "title_stems": stemmed_text(case.title),
            "text_stems": stemmed_text(*text_parts),
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
