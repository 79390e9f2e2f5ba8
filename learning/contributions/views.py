"""Thin views of contributed breakthroughs (rules in services.py, reads in selectors.py).

A plan or contribution that is not the user's answers 404, never 403, so nobody learns
that it exists. Every form works without JavaScript (post/redirect/get; on bad input the
page is shown again with the messages and what was typed).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from learning.models import PracticePlanStatus, SectionKind
from learning.plans.practice import practice_plan_get_for_owner
from portal.accounts.selectors import profile_get_for_user

from . import selectors, services
from .forms import YES, ContributionForm
from .mapping import plan_to_case
from .models import OPEN_STATUSES


def _plan_texts(plan) -> list[dict[str, str]]:
    answers = plan.answers or {}
    return [
        {"heading": section["heading"], "answer": str(answers.get(section["key"]) or "")}
        for section in plan.sections
        if section.get("kind") == SectionKind.TEXT
    ]


@login_required
@never_cache
def contribution_share(request: HttpRequest, plan_id: int) -> HttpResponse:
    """ "Deel als voorbeeldcasus": the case prefilled from the plan, side by side with it."""
    plan = practice_plan_get_for_owner(user=request.user, plan_id=plan_id)
    if plan is None:
        raise Http404(_("Dit oefenplan bestaat niet, of je mag het niet zien."))
    open_contribution = selectors.contribution_open_for_plan(plan=plan)
    if open_contribution is not None:
        messages.info(request, _("Je hebt dit plan al gedeeld; hieronder zie je hoe ver het is."))
        return HttpResponseRedirect(reverse("contributions:list"))
    if plan.status != PracticePlanStatus.COMPLETED:
        return render(request, "contributions/share_unfinished.html", {"plan": plan}, status=409)
    profile = profile_get_for_user(user=request.user)
    organisation = profile.organisation if profile else ""
    draft = plan_to_case(plan=plan)
    form = ContributionForm(
        request.POST if request.method == "POST" else None,
        draft=draft,
        organisation=organisation,
    )
    if request.method == "POST" and not form.is_valid():
        # Personal data is named at once, with the other mistakes.
        for name, errors in services.contribution_guard(draft=form.typed_texts()).items():
            if name in form.fields and name not in form.errors:
                for error in errors:
                    form.add_error(name, error)
        if not form.cleaned_data.get("consent"):
            form.add_error("consent", services.consent_missing_message())
    elif request.method == "POST":
        try:
            contribution = services.contribution_submit(
                user=request.user,
                plan=plan,
                draft=form.to_draft(),
                consent=form.cleaned_data["consent"],
                name_organisation=form.cleaned_data["name_organisation"] == YES,
            )
        except services.ContributionRefused as refused:
            for name, errors in refused.errors.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
        else:
            messages.success(
                request,
                _("Dank je wel! ‘%(title)s’ is ingediend; de redactie bekijkt je casus.")
                % {"title": contribution.case_title},
            )
            return HttpResponseRedirect(reverse("contributions:list"))
    context = {
        "plan": plan,
        "form": form,
        "draft": draft,
        "plan_texts": _plan_texts(plan),
        "organisation": organisation,
    }
    return render(
        request,
        "contributions/share.html",
        context,
        status=200 if not form.errors else 400,
    )


@login_required
@never_cache
def contribution_list(request: HttpRequest) -> HttpResponse:
    """ "Mijn bijdragen": every contribution with its status."""
    contributions = selectors.contributions_for_user(user=request.user)
    return render(
        request,
        "contributions/list.html",
        {"contributions": contributions, "open_statuses": OPEN_STATUSES},
    )


@login_required
@never_cache
def contribution_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw before publication: a confirmation page, then a POST deletes the draft."""
    contribution = selectors.contribution_get_for_user(user=request.user, pk=pk)
    if contribution is None:
        raise Http404(_("Deze bijdrage bestaat niet, of je mag hem niet zien."))
    error = ""
    if request.method == "POST":
        try:
            services.contribution_withdraw(user=request.user, contribution=contribution)
        except services.ContributionRefused as refused:
            error = " ".join(m for ms in refused.errors.values() for m in ms)
        else:
            messages.success(
                request,
                _("Je hebt ‘%(title)s’ ingetrokken; de conceptcasus is verwijderd.")
                % {"title": contribution.case_title},
            )
            return HttpResponseRedirect(reverse("contributions:list"))
    can_withdraw = contribution.status in OPEN_STATUSES
    return render(
        request,
        "contributions/withdraw.html",
        {"contribution": contribution, "can_withdraw": can_withdraw, "error": error},
        status=400 if error else 200,
    )
