"""Thin views of the practice plan builder (rules in `learning.plans.practice`).

Privacy: a plan that the user may not see answers 404, never 403, so nobody learns that
it exists. A team lead who may read a shared plan gets the read-only pages; a write
(POST) by anyone but the owner is refused with 403.

Every form works without JavaScript (post/redirect/get; on bad input the page is shown
again with the messages and what was typed). static/js/practice-plan.js adds autosave:
the same section URL answers JSON when the request asks for it (`Accept:
application/json`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casebook.models import CasePage

from ..models import LessonPage, PracticePlan, PracticePlanCostLine, SectionKind
from ..teams import team_get_for_lead
from . import documents, practice, tool_views
from .calculator import plan_cost_summary
from .forms import PlanSectionForm, PlanStartForm, parse_positive_id

EXPORT_FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _not_found() -> Http404:
    return Http404(_("Dit oefenplan bestaat niet, of je mag het niet zien."))


def _plan_for_viewer(request: HttpRequest, plan_id: int) -> PracticePlan:
    # An id beyond 18 digits cannot exist (and overflows SQLite's integer): not found.
    plan = (
        practice.practice_plan_get_for_viewer(user=request.user, plan_id=plan_id)
        if parse_positive_id(plan_id)
        else None
    )
    if plan is None:
        raise _not_found()
    return plan


def _owned_plan(request: HttpRequest, plan_id: int) -> PracticePlan:
    """The plan for a write: the owner's; a lead who may read it gets 403, others 404."""
    plan = _plan_for_viewer(request, plan_id)
    if practice.practice_plan_is_read_only(plan=plan, user=request.user):
        raise PermissionDenied(_("Alleen de auteur kan dit oefenplan wijzigen."))
    return plan


def _viewable_plan(request: HttpRequest, plan_id: int) -> PracticePlan:
    return _plan_for_viewer(request, plan_id)


def _section_url(plan: PracticePlan, key: str) -> str:
    return practice.practice_plan_section_url(plan=plan, key=key)


def _detail_url(plan: PracticePlan) -> str:
    return reverse("practice_plan_detail", kwargs={"plan_id": plan.pk})


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# ------------------------------------------------------------------------- listing


@never_cache
@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = practice.practice_plan_list_for_owner(user=request.user)
    rows = [
        {
            "plan": plan,
            "progress": practice.practice_plan_progress(plan=plan),
            "continue_url": _section_url(plan, practice.practice_plan_continue_key(plan=plan))
            if plan.sections
            else "",
        }
        for plan in plans
    ]
    return render(request, "learning/plans/plan_list.html", {"rows": rows})


# --------------------------------------------------------------------------- start


def _start_sources(data: dict[str, Any]) -> dict[str, Any]:
    """Resolve ?casus=, ?les=&opdracht= into a live public case and a live lesson's
    practice-plan assignment; unknown or unpublished ones are ignored with a message."""
    found: dict[str, Any] = {"case": None, "lesson": None, "assignment": None, "errors": []}
    case_id = str(data.get("casus") or "")
    if case_id:
        case_pk = parse_positive_id(case_id)
        case = CasePage.objects.live().public().filter(pk=case_pk).first() if case_pk else None
        if case is None:
            found["errors"].append(_("De casus bestaat niet (meer); je begint zonder casus."))
        found["case"] = case
    lesson_id, block_id = str(data.get("les") or ""), str(data.get("opdracht") or "")
    if lesson_id or block_id:
        lesson_pk = parse_positive_id(lesson_id)
        lesson = (
            LessonPage.objects.live().public().filter(pk=lesson_pk).first() if lesson_pk else None
        )
        block = (
            practice.practice_plan_assignment_get(lesson=lesson, block_id=block_id)
            if lesson
            else None
        )
        if block is None:
            found["errors"].append(
                _("De opdracht uit de les bestaat niet (meer); je begint een los oefenplan.")
            )
        else:
            found["lesson"], found["assignment"] = lesson, block
            if found["case"] is None and not case_id:
                case = block.value.get("case")
                if case is not None and case.live:
                    found["case"] = case.specific
    return found


@never_cache
@login_required
def plan_start(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    sources = _start_sources(data)
    lesson, assignment = sources["lesson"], sources["assignment"]
    if assignment is not None:
        existing = practice.practice_plan_for_assignment(
            owner=request.user, lesson=lesson, assignment_block_id=assignment.id
        )
        if existing is not None:
            messages.info(request, _("Je hebt al een oefenplan voor deze opdracht; hier is het."))
            return HttpResponseRedirect(_detail_url(existing))
    templates = practice.practice_plan_templates_for_start()
    if assignment is not None and assignment.value.get("template") is not None:
        # The assignment's template, in its newest live version.
        current = assignment.value.current_template()
        templates = templates.model.objects.filter(pk=current.pk if current else None)
    hidden = {
        "casus": sources["case"].pk if sources["case"] else None,
        "les": lesson.pk if lesson else None,
        "opdracht": assignment.id if assignment else "",
    }
    if request.method == "POST":
        form = PlanStartForm({**request.POST.dict(), **hidden}, templates=templates)
        if form.is_valid():
            try:
                plan = practice.practice_plan_create(
                    owner=request.user,
                    template=form.cleaned_data["template"],
                    case=sources["case"],
                    lesson=lesson,
                    assignment_block_id=assignment.id if assignment else "",
                    title=form.cleaned_data["title"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("title", message)
            else:
                messages.success(request, _("Je oefenplan is aangemaakt."))
                return HttpResponseRedirect(_section_url(plan, plan.sections[0]["key"]))
    else:
        for message in sources["errors"]:
            messages.warning(request, message)
        initial: dict[str, Any] = dict(hidden)
        wanted = parse_positive_id(request.GET.get("sjabloon"))
        template = templates.filter(pk=wanted).first() if wanted else None
        if template is None and assignment is not None:
            template = templates.first()
        if template is not None:
            initial["template"] = template.pk
            initial["title"] = practice.practice_plan_default_title(template=template)
        form = PlanStartForm(initial=initial, templates=templates)
    return render(
        request,
        "learning/plans/plan_start.html",
        {
            "form": form,
            "templates": list(templates),
            "case": sources["case"],
            "lesson": lesson,
            "assignment": assignment,
        },
        # Refused input (a missing choice, the guard on the title) answers 400, like the
        # other forms of the builder; the messages and the typed title are shown.
        status=400 if form.is_bound and form.errors else 200,
    )


# ------------------------------------------------------------------------ sections


def _saved_message(moment) -> str:
    local = timezone.localtime(moment)
    return _("Opgeslagen om %(time)s") % {"time": time_format(local, "H:i")}


@never_cache
@login_required
def plan_section(request: HttpRequest, plan_id: int, key: str) -> HttpResponse:
    plan = _viewable_plan(request, plan_id)
    section = practice.practice_plan_section_get(plan=plan, key=key)
    if section is None:
        raise Http404(_("Dit onderdeel bestaat niet in dit oefenplan."))
    read_only = practice.practice_plan_is_read_only(plan=plan, user=request.user)
    if request.method == "POST" and read_only:
        raise PermissionDenied(_("Alleen de auteur kan dit oefenplan wijzigen."))
    if section["kind"] in (SectionKind.LEGAL_BASES, SectionKind.COST_BENEFIT):
        tool = (
            tool_views.legal_bases_section
            if section["kind"] == SectionKind.LEGAL_BASES
            else tool_views.cost_benefit_section
        )
        return tool(request, plan=plan, section=section, read_only=read_only)
    return _text_section(request, plan=plan, section=section, read_only=read_only)


def _after_save_url(request: HttpRequest, plan: PracticePlan, section: dict[str, Any]) -> str:
    keys = [item["key"] for item in plan.sections]
    position = keys.index(section["key"])
    if "next" in request.POST:
        if position + 1 < len(keys):
            return _section_url(plan, keys[position + 1])
        return _detail_url(plan)
    if "previous" in request.POST and position > 0:
        return _section_url(plan, keys[position - 1])
    return _section_url(plan, section["key"])


def _text_section(
    request: HttpRequest, *, plan: PracticePlan, section: dict[str, Any], read_only: bool
) -> HttpResponse:
    answer = (plan.answers or {}).get(section["key"], "")
    saved_at = None
    if request.method == "POST":
        form = PlanSectionForm(request.POST, section=section)
        if form.is_valid():
            try:
                practice.practice_plan_section_save(
                    plan=plan,
                    key=section["key"],
                    text=form.cleaned_data["answer"],
                    user=request.user,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("answer", message)
            else:
                if _wants_json(request):
                    return JsonResponse(
                        {
                            "saved": True,
                            "saved_at": timezone.localtime(plan.updated_at).isoformat(),
                            "message": _saved_message(plan.updated_at),
                        }
                    )
                messages.success(request, _saved_message(plan.updated_at))
                return HttpResponseRedirect(_after_save_url(request, plan, section))
        if _wants_json(request):
            errors = [str(message) for message in form.errors.get("answer", [])]
            return JsonResponse({"saved": False, "errors": errors}, status=400)
    else:
        form = PlanSectionForm(initial={"answer": answer}, section=section)
    context = practice.practice_plan_section_context(plan=plan, section=section, user=request.user)
    context.update({"form": form, "answer": answer, "saved_at": saved_at})
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "learning/plans/section_text.html", context, status=status)


# -------------------------------------------------------------------- plan overview


def _detail_context(request: HttpRequest, plan: PracticePlan, **extra: Any) -> dict[str, Any]:
    read_only = practice.practice_plan_is_read_only(plan=plan, user=request.user)
    sections = [
        {
            **section,
            "filled": practice.practice_plan_section_is_filled(plan=plan, section=section),
            "answer": (plan.answers or {}).get(section["key"], ""),
            "url": _section_url(plan, section["key"]),
        }
        for section in plan.sections
    ]
    has_tool = {s["kind"] for s in plan.sections}
    legal_bases = (
        list(plan.legal_bases.select_related("law", "article"))
        if SectionKind.LEGAL_BASES in has_tool
        else []
    )
    costs = None
    if SectionKind.COST_BENEFIT in has_tool:
        prefetch_related_objects(
            [plan],
            Prefetch("cost_lines", queryset=PracticePlanCostLine.objects.select_related("tariff")),
        )
        costs = plan_cost_summary(plan=plan)
    progress = practice.practice_plan_progress(plan=plan)
    return {
        "plan": plan,
        "read_only": read_only,
        "sections": sections,
        "legal_bases": legal_bases,
        "costs": costs,
        "progress": progress,
        "continue_url": _section_url(plan, practice.practice_plan_continue_key(plan=plan))
        if plan.sections
        else "",
        "is_completed": plan.status == "completed",
        **extra,
    }


@never_cache
@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _viewable_plan(request, plan_id)
    return render(request, "learning/plans/plan_detail.html", _detail_context(request, plan))


@never_cache
@login_required
@require_POST
def plan_complete(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _owned_plan(request, plan_id)
    try:
        practice.practice_plan_complete(plan=plan)
    except ValidationError as error:
        context = _detail_context(request, plan, complete_error=error.messages[0])
        return render(request, "learning/plans/plan_detail.html", context, status=400)
    messages.success(request, _("Je oefenplan is afgerond. Je kunt het nog steeds aanpassen."))
    return HttpResponseRedirect(_detail_url(plan))


@never_cache
@login_required
@require_POST
def plan_share(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _owned_plan(request, plan_id)
    if request.POST.get("action") == "unshare":
        practice.practice_plan_unshare(plan=plan)
        messages.success(request, _("Je plan is niet meer gedeeld. Alleen jij ziet het nu."))
    else:
        practice.practice_plan_share(plan=plan)
        messages.success(
            request,
            _("Je plan is gedeeld. De teamleiders van je teams kunnen het nu lezen."),
        )
    return HttpResponseRedirect(_detail_url(plan))


@never_cache
@login_required
def plan_delete(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _owned_plan(request, plan_id)
    if request.method == "POST":
        title = plan.title
        practice.practice_plan_delete(plan=plan)
        messages.success(request, _("Het oefenplan ‘%(title)s’ is verwijderd.") % {"title": title})
        return HttpResponseRedirect(reverse("practice_plan_list"))
    return render(request, "learning/plans/plan_delete.html", {"plan": plan})


@never_cache
@login_required
def plan_export(request: HttpRequest, plan_id: int, file_format: str) -> HttpResponse:
    plan = _viewable_plan(request, plan_id)
    if file_format not in EXPORT_FORMATS:
        raise Http404(_("Dit bestandsformaat bestaat niet."))

    render_document = (
        documents.practice_plan_docx if file_format == "docx" else documents.practice_plan_pdf
    )
    content = render_document(plan=plan)
    filename = documents.practice_plan_filename(plan=plan, extension=file_format)
    response = HttpResponse(content, content_type=EXPORT_FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ----------------------------------------------------------------------- team lead


@never_cache
@login_required
def team_plan_list(request: HttpRequest, team_id: int) -> HttpResponse:
    team = (
        team_get_for_lead(user=request.user, team_id=team_id)
        if parse_positive_id(team_id)
        else None
    )
    if team is None:
        raise Http404(_("Dit team bestaat niet of je bent er geen teamleider van."))
    plans = practice.practice_plans_shared_with_lead(team=team)
    rows = [
        {"plan": plan, "progress": practice.practice_plan_progress(plan=plan)} for plan in plans
    ]
    return render(request, "learning/plans/team_plan_list.html", {"team": team, "rows": rows})
