"""Thin views of the team page for team leads: the progress table, a page of members at
a time (`?pagina=`, with `?sort=` and `?status=` kept), and its CSV export, streamed.

Anyone who does not lead the team gets a 404 (other teams stay invisible, members see
no team page); the rules live in `learning.teams`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .teams import (
    SORT_CHOICES,
    STATUS_CHOICES,
    team_get_for_lead,
    team_page_clean,
    team_progress,
    team_progress_csv_filename,
    team_progress_csv_stream,
    team_sort_clean,
    team_status_clean,
    teams_led_by,
)


def _team_or_404(request: HttpRequest, team_id: int):
    team = team_get_for_lead(user=request.user, team_id=team_id)
    if team is None:
        raise Http404(_("Dit team bestaat niet of je bent er geen teamleider van."))
    return team


@never_cache
@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    teams = list(teams_led_by(user=request.user))
    if not teams:
        raise Http404(_("Je bent geen teamleider."))
    return render(request, "learning/team_list.html", {"teams": teams})


@never_cache
@login_required
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team_or_404(request, team_id)
    sort = team_sort_clean(request.GET.get("sort"))
    status = team_status_clean(request.GET.get("status"))
    page = team_page_clean(request.GET.get("pagina"))
    return render(
        request,
        "learning/team_detail.html",
        {
            "report": team_progress(team=team, sort=sort, status=status, page=page),
            "sort": sort,
            "sort_choices": SORT_CHOICES.items(),
            "status": status,
            "status_choices": STATUS_CHOICES.items(),
        },
    )


@never_cache
@login_required
def team_export(request: HttpRequest, team_id: int) -> StreamingHttpResponse:
    team = _team_or_404(request, team_id)
    sort = team_sort_clean(request.GET.get("sort"))
    status = team_status_clean(request.GET.get("status"))
    lines = team_progress_csv_stream(team=team, sort=sort, status=status)
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in lines), content_type="text/csv; charset=utf-8"
    )
    filename = team_progress_csv_filename(team=team)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
