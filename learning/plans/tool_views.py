"""Views of the two tool sections of a practice plan (legal bases, cost-benefit), the
"recalculate with current tariffs" action, and the public law lookup.

The section views are called by `views.plan_section`, which has already checked who may
see the plan and refuses a POST by a read-only viewer. Rules live in `laws` and `costs`;
the arithmetic in `calculator`. Everything works without JavaScript
(post/redirect/get; on bad input the page comes back with the messages and what was
typed); static/js/plan-calculator.js only makes the totals follow the typing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from casebook.models import CostDomain

from ..models import SectionKind
from . import practice
from .calculator import plan_cost_summary
from .costs import (
    PlanRowsRefused,
    practice_plan_cost_lines_prefetch,
    practice_plan_costs_refresh,
    practice_plan_costs_save,
    tariffs_for_plan,
)
from .laws import (
    law_choices,
    law_lookup_laws,
    practice_plan_legal_bases,
    practice_plan_legal_bases_save,
)
from .tool_forms import (
    LawChoices,
    LawLookupForm,
    TariffChoices,
    cost_lines_formset,
    formset_add_refused,
    legal_bases_formset,
)


def _after_save_url(request: HttpRequest, context: dict[str, Any]) -> str:
    """The same section, or the next one (the plan overview after the last) for "next"."""
    if "next" in request.POST:
        return context["next_section"]["url"] if context["next_section"] else context["detail_url"]
    if "previous" in request.POST and context["previous_section"]:
        return context["previous_section"]["url"]
    return context["section_url"]


def _refused_message(request: HttpRequest) -> None:
    messages.error(request, _("Er is niets opgeslagen. Verbeter de regels met een foutmelding."))


# ---------------------------------------------------------------- legal bases


def legal_bases_section(
    request: HttpRequest, *, plan, section: dict[str, Any], read_only: bool
) -> HttpResponse:
    """Pick legal bases with the law lookup's laws and articles, and say why each applies."""
    if request.method == "POST" and read_only:
        raise PermissionDenied(_("Alleen de auteur kan dit oefenplan wijzigen."))
    context = practice.practice_plan_section_context(plan=plan, section=section, user=request.user)
    bases = practice_plan_legal_bases(plan=plan)
    context["legal_bases"] = bases
    status = 200
    if not read_only:
        choices = LawChoices(law_choices(), bases)
        data = request.POST if request.method == "POST" else None
        formset = legal_bases_formset(data=data, bases=bases, choices=choices)
        if formset.is_bound and formset.is_valid():
            rows = formset.rows()
            try:
                practice_plan_legal_bases_save(
                    plan=plan, bases=[row for _form, row in rows], section_key=section["key"]
                )
            except PlanRowsRefused as refused:
                formset_add_refused(rows, refused)
            else:
                messages.success(request, _("Je wettelijke grondslagen zijn opgeslagen."))
                return HttpResponseRedirect(_after_save_url(request, context))
        if formset.is_bound:
            status = 400
        context["formset"] = formset
    return render(request, "learning/plans/tool_legal_bases.html", context, status=status)


# ---------------------------------------------------------------- cost-benefit


def cost_benefit_section(
    request: HttpRequest, *, plan, section: dict[str, Any], read_only: bool
) -> HttpResponse:
    """The calculator: rows of tariffs or own amounts; the server's totals per law domain."""
    if request.method == "POST" and read_only:
        raise PermissionDenied(_("Alleen de auteur kan dit oefenplan wijzigen."))
    context = practice.practice_plan_section_context(plan=plan, section=section, user=request.user)
    practice_plan_cost_lines_prefetch(plan=plan)
    costs = plan_cost_summary(plan=plan)
    context["costs"] = costs
    status = 200
    if not read_only:
        choices = TariffChoices(tariffs_for_plan(plan=plan), costs.lines)
        data = request.POST if request.method == "POST" else None
        formset = cost_lines_formset(data=data, lines=costs.lines, choices=choices)
        if formset.is_bound and formset.is_valid():
            rows = formset.rows()
            try:
                practice_plan_costs_save(
                    plan=plan, lines=[row for _form, row in rows], section_key=section["key"]
                )
            except PlanRowsRefused as refused:
                formset_add_refused(rows, refused)
            else:
                messages.success(request, _("Je berekening is opgeslagen."))
                return HttpResponseRedirect(_after_save_url(request, context))
        if formset.is_bound:
            status = 400
        context.update(
            {
                "formset": formset,
                "domain_choices": CostDomain.choices,
                "refresh_url": reverse("practice_plan_costs_refresh", kwargs={"plan_id": plan.pk}),
            }
        )
    return render(request, "learning/plans/tool_cost_benefit.html", context, status=status)


def _cost_section_url(plan) -> str:
    for item in plan.sections:
        if item.get("kind") == SectionKind.COST_BENEFIT:
            return practice.practice_plan_section_url(plan=plan, key=item["key"])
    return reverse("practice_plan_detail", kwargs={"plan_id": plan.pk})


@login_required
@require_POST
def plan_costs_refresh(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Recalculate the plan's out-of-date lines with the current tariffs (owner only)."""
    plan = practice.practice_plan_get_for_viewer(user=request.user, plan_id=plan_id)
    if plan is None:
        raise Http404(_("Dit oefenplan bestaat niet, of je mag het niet zien."))
    if practice.practice_plan_is_read_only(plan=plan, user=request.user):
        raise PermissionDenied(_("Alleen de auteur kan dit oefenplan wijzigen."))
    changed = practice_plan_costs_refresh(plan=plan)
    if changed:
        messages.success(
            request,
            ngettext(
                "De berekening gebruikt nu de huidige tarieven (%(count)s regel bijgewerkt).",
                "De berekening gebruikt nu de huidige tarieven (%(count)s regels bijgewerkt).",
                changed,
            )
            % {"count": changed},
        )
    else:
        messages.info(request, _("Je berekening gebruikte de huidige tarieven al."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = _cost_section_url(plan)
    return HttpResponseRedirect(target)


# ---------------------------------------------------------------- law lookup


def law_lookup(request: HttpRequest) -> HttpResponse:
    """The public law lookup: every law with its articles and their short explanations;
    searchable (q) and filterable by cost domain (domein), without JavaScript."""
    form = LawLookupForm(request.GET or None)
    query, domain = "", ""
    if form.is_bound and form.is_valid():
        query, domain = form.cleaned_data["q"], form.cleaned_data["domein"]
    laws = law_lookup_laws(query=query, cost_domain=domain)
    context = {
        "form": form,
        "laws": laws,
        "query": query,
        "domain": domain,
        "domain_label": dict(CostDomain.choices).get(domain, ""),
        "article_count": sum(len(law.matching_articles) for law in laws),
        "filtered": bool(query or domain),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "learning/plans/tool_law_lookup.html", context, status=status)
