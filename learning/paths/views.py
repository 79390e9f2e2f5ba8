"""Thin views: the public path pages, a lead's assign page and the assignments CSV, and
the learner's target date. Anyone who does not lead the team gets a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from learning.models import CoursePage
from learning.teams import team_get_for_lead

from . import selectors, services
from .forms import AssignForm, TargetDateForm


def path_list(request: HttpRequest) -> HttpResponse:
    paths = list(selectors.path_list())
    return render(
        request,
        "paths/path_list.html",
        {"items": selectors.paths_progress(paths=paths, user=request.user)},
    )


def path_detail(request: HttpRequest, slug: str) -> HttpResponse:
    path = selectors.path_get(slug=slug)
    if path is None:
        raise Http404(_("Deze leerlijn bestaat niet."))
    (item,) = selectors.paths_progress(paths=[path], user=request.user)
    return render(request, "paths/path_detail.html", {"item": item})


def _team_or_404(request: HttpRequest, team_id: int):
    team = team_get_for_lead(user=request.user, team_id=team_id)
    if team is None:
        raise Http404(_("Dit team bestaat niet of je bent er geen teamleider van."))
    return team


@never_cache
@login_required
def assign(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team_or_404(request, team_id)
    form = AssignForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            assignments = services.assignment_create(
                lead=request.user,
                team=team,
                due_date=form.cleaned_data["due_date"],
                user_ids=form.user_ids(),
                **form.target(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(
                request,
                _("Toegewezen: %(count)s cursus(sen) aan teamleden, uiterlijk af op %(date)s.")
                % {
                    "count": len(assignments),
                    "date": form.cleaned_data["due_date"].strftime("%d-%m-%Y"),
                },
            )
            return HttpResponseRedirect(reverse("paths:assign", args=[team.pk]))
    return render(
        request,
        "paths/assign.html",
        {"team": team, "form": form, "report": selectors.team_assignments(team=team)},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def assignments_export(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team_or_404(request, team_id)
    content = selectors.team_assignments_csv(report=selectors.team_assignments(team=team))
    response = HttpResponse(content.encode("utf-8"), content_type="text/csv; charset=utf-8")
    today = timezone.localdate().isoformat()
    filename = f"toewijzingen-{slugify(team.name) or team.pk}-{today}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def target_date(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    form = TargetDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["target_date"][0])
    else:
        try:
            target = services.target_date_set(
                user=request.user, course=course, target_date=form.cleaned_data["target_date"]
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            if target is None:
                messages.success(request, _("Je streefdatum is verwijderd."))
            else:
                messages.success(
                    request,
                    _("Je streefdatum is %(date)s.")
                    % {"date": target.target_date.strftime("%d-%m-%Y")},
                )
    return HttpResponseRedirect(course.get_url(request) + "#streefdatum")
