"""The law lookup ("wettenzoeker") and the legal bases of a practice plan.

Laws and their articles are the casebook's editable taxonomy (`casebook.Law` with
inline `LawArticle`s); each article carries a short explanation that the lookup shows
and that a plan shows beside the legal bases the learner picked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from casebook.anonymisation.validation import personal_data_errors
from casebook.models import Law, LawArticle

from ..models import PracticePlan, PracticePlanLegalBasis
from .costs import PlanRowsRefused, plan_tool_saved
from .practice import guard_reason

MAX_QUERY_TERMS = 8


def _articles_queryset() -> QuerySet[LawArticle]:
    return LawArticle.objects.order_by("sort_order", "pk")


def _terms(query: str) -> list[str]:
    return [term for term in query.split() if term][:MAX_QUERY_TERMS]


def law_lookup_laws(*, query: str = "", cost_domain: str = "") -> list[Law]:
    """Laws with their articles (`law.matching_articles`), filtered by a search query and
    a cost domain, in two queries.

    Every word of `query` must occur (case-insensitive) in the law's name or abbreviation
    or in one of its articles' number, title or explanation. A law found by its own name
    lists all its articles; a law found through its articles lists only those articles.
    """
    laws = Law.objects.all()
    if cost_domain:
        laws = laws.filter(cost_domain=cost_domain)
    articles = _articles_queryset()
    for term in _terms(query):
        law_match = Q(name__icontains=term) | Q(abbreviation__icontains=term)
        article_match = (
            Q(article__icontains=term) | Q(title__icontains=term) | Q(explanation__icontains=term)
        )
        laws = laws.filter(
            law_match | Q(pk__in=LawArticle.objects.filter(article_match).values("law_id"))
        )
        articles = articles.filter(
            article_match | Q(law__name__icontains=term) | Q(law__abbreviation__icontains=term)
        )
    return list(
        laws.order_by("name").prefetch_related(
            Prefetch("articles", queryset=articles, to_attr="matching_articles")
        )
    )


def law_choices() -> list[Law]:
    """All laws with all their articles (`law.matching_articles`), for the pickers."""
    return law_lookup_laws()


@dataclass(frozen=True)
class LegalBasisInput:
    """One submitted legal basis: a law, optionally one of its articles, and why."""

    law: Law
    article: LawArticle | None = None
    reasoning: str = ""


def legal_basis_article_errors(*, law: Law | None, article: LawArticle | None) -> list[str]:
    """The rule that an article belongs to the chosen law (Dutch messages)."""
    if article is not None and law is not None and article.law_id != law.pk:
        return [
            str(
                _("Artikel %(article)s hoort niet bij %(law)s. Kies een artikel van deze wet.")
                % {"article": article.article, "law": law.name}
            )
        ]
    return []


def _article_label(article: LawArticle) -> str:
    label = str(_("art. %(number)s") % {"number": article.article})
    return f"{label} {article.title}".strip() if article.title else label


def practice_plan_legal_bases_save(
    *, plan: PracticePlan, bases: Sequence[LegalBasisInput], section_key: str = ""
) -> list[PracticePlanLegalBasis]:
    """Replace the plan's legal bases by `bases` (in that order), all or nothing.

    The law's and article's names are copied (`law_label`, `article_label`) so the plan
    stays readable when an editor renames or removes them. A reasoning that holds
    personal data refuses the whole save (`PlanRowsRefused`, by row position).
    """
    errors: dict[int, dict[str, list[str]]] = {}
    label = str(_("Waarom deze grondslag"))
    for index, basis in enumerate(bases):
        found = personal_data_errors(
            {"reasoning": basis.reasoning}, labels={"reasoning": label}, reason=guard_reason()
        )
        article_errors = legal_basis_article_errors(law=basis.law, article=basis.article)
        if article_errors:
            found["article"] = article_errors
        if found:
            errors[index] = found
    if errors:
        raise PlanRowsRefused(errors)

    with transaction.atomic():
        PracticePlan.objects.select_for_update().filter(pk=plan.pk).first()  # lock
        PracticePlanLegalBasis.objects.filter(plan=plan).delete()
        created = PracticePlanLegalBasis.objects.bulk_create(
            [
                PracticePlanLegalBasis(
                    plan=plan,
                    law=basis.law,
                    article=basis.article,
                    law_label=basis.law.name[:200],
                    article_label=_article_label(basis.article)[:250] if basis.article else "",
                    reasoning=basis.reasoning.strip(),
                    sort_order=position,
                )
                for position, basis in enumerate(bases)
            ]
        )
        plan_tool_saved(plan=plan, section_key=section_key, fields=[])
    return created


def practice_plan_legal_bases(*, plan: PracticePlan) -> list[PracticePlanLegalBasis]:
    """The plan's legal bases with their law and article (for the explanation), one query."""
    return list(plan.legal_bases.select_related("law", "article"))
