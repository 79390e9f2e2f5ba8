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

from casebook.models import Law, LawArticle
from portal.anonymisation.validation import personal_data_errors

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
    """One submitted legal basis: a law, optionally one of its articles, and why.

    `basis_id` is the stored basis the row edits. `law` may be None only for a stored
    basis whose law an editor has removed since: the basis keeps its saved label.
    """

    law: Law | None
    article: LawArticle | None = None
    reasoning: str = ""
    basis_id: int | None = None


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


def legal_basis_kept_labels(
    *, stored: PracticePlanLegalBasis | None, law: Law | None, article: LawArticle | None
) -> tuple[str, str]:
    """The saved labels a row keeps because an editor removed its law or article since.

    A row that edits a stored basis whose law is gone keeps the law's label while no
    other law is chosen; one whose article is gone keeps the article's label while the
    law is unchanged and no other article is chosen. Otherwise the labels are empty.
    """
    if stored is None:
        return "", ""
    law_label = stored.law_label if law is None and stored.law_id is None else ""
    same_law = (law.pk if law is not None else None) == stored.law_id
    article_label = (
        stored.article_label if article is None and stored.article_id is None and same_law else ""
    )
    return law_label, article_label


def practice_plan_legal_bases_save(
    *, plan: PracticePlan, bases: Sequence[LegalBasisInput], section_key: str = ""
) -> list[PracticePlanLegalBasis]:
    """Replace the plan's legal bases by `bases` (in that order), all or nothing.

    The law's and article's names are copied (`law_label`, `article_label`) so the plan
    stays readable when an editor renames or removes them. A row that edits a stored
    basis (`basis_id`) whose law or article was removed since keeps the saved label
    (`legal_basis_kept_labels`). A reasoning that holds personal data refuses the whole
    save (`PlanRowsRefused`, by row position).
    """
    with transaction.atomic():
        PracticePlan.objects.select_for_update().filter(pk=plan.pk).first()  # lock
        stored = {basis.pk: basis for basis in PracticePlanLegalBasis.objects.filter(plan=plan)}
        errors: dict[int, dict[str, list[str]]] = {}
        label = str(_("Waarom deze grondslag"))
        new_bases: list[PracticePlanLegalBasis] = []
        for position, basis in enumerate(bases):
            found = personal_data_errors(
                {"reasoning": basis.reasoning}, labels={"reasoning": label}, reason=guard_reason()
            )
            article_errors = legal_basis_article_errors(law=basis.law, article=basis.article)
            if article_errors:
                found["article"] = article_errors
            kept_law, kept_article = legal_basis_kept_labels(
                stored=stored.get(basis.basis_id) if basis.basis_id else None,
                law=basis.law,
                article=basis.article,
            )
            if basis.law is None and not kept_law:
                found["law"] = [str(_("Kies de wet of regeling van deze grondslag."))]
            if found:
                errors[position] = found
                continue
            new_bases.append(
                PracticePlanLegalBasis(
                    plan=plan,
                    law=basis.law,
                    article=basis.article,
                    law_label=(basis.law.name if basis.law is not None else kept_law)[:200],
                    article_label=(
                        _article_label(basis.article) if basis.article else kept_article
                    )[:250],
                    reasoning=basis.reasoning.strip(),
                    sort_order=position,
                )
            )
        if errors:
            raise PlanRowsRefused(errors)
        PracticePlanLegalBasis.objects.filter(plan=plan).delete()
        created = PracticePlanLegalBasis.objects.bulk_create(new_bases)
        plan_tool_saved(plan=plan, section_key=section_key, fields=[])
    return created


def practice_plan_legal_bases(*, plan: PracticePlan) -> list[PracticePlanLegalBasis]:
    """The plan's legal bases with their law and article (for the explanation), one query."""
    return list(plan.legal_bases.select_related("law", "article"))
