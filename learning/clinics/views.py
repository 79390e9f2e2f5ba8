"""Thin views of the case clinics (rules in `services`, reads in `selectors`).

Privacy: the facilitator's pages answer 404 to everybody but the facilitator of that
session, so nobody learns which plans were brought. Every form works without
JavaScript (post/redirect/get; on bad input the page is shown again with the message
and what was chosen or typed).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import AttendanceForm, PlanChoiceForm, PlanCommentForm, SessionFilterForm
from .models import RegistrationStatus, Session


def _detail_url(session: Session) -> str:
    return reverse("clinics:detail", kwargs={"session_id": session.pk})


def _session_or_404(session_id: int) -> Session:
    session = selectors.session_get(session_id=session_id)
    if session is None:
        raise Http404(_("Deze sessie bestaat niet."))
    return session


def session_list(request: HttpRequest) -> HttpResponse:
    form = SessionFilterForm(request.GET or None)
    filters = form.filters() if request.GET else SessionFilterForm().filters()
    sessions = list(selectors.session_list(**filters))
    return render(
        request,
        "clinics/session_list.html",
        {"form": form, "sessions": sessions, "past": filters["when"] == selectors.WHEN_PAST},
    )


def _detail_context(request: HttpRequest, session: Session, **extra: Any) -> dict[str, Any]:
    registration = selectors.registration_for_user(session=session, user=request.user)
    plan_form = None
    if registration is not None:
        plans = selectors.plans_to_bring(user=request.user)
        plan_form = extra.pop("plan_form", None) or PlanChoiceForm(
            plans=plans, initial={"plan": registration.plan_id}
        )
    return {
        "session": session,
        "registration": registration,
        "waiting_position": selectors.registration_waiting_position(registration=registration)
        if registration
        else None,
        "places_left": selectors.session_places_left(session=session),
        "started": services.session_has_started(session=session),
        "open_to_user": services.session_is_open_to(session=session, user=request.user),
        "is_facilitator": services.session_is_facilitated_by(session=session, user=request.user),
        "plan_form": plan_form,
        **extra,
    }


@never_cache
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(session_id)
    return render(request, "clinics/session_detail.html", _detail_context(request, session))


@never_cache
@login_required
@require_POST
def session_register(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(session_id)
    try:
        registration = services.registration_create(session=session, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(_detail_url(session))
    if registration.status == RegistrationStatus.WAITING:
        messages.success(
            request, _("De sessie is vol. Je staat op de wachtlijst; je krijgt een mail.")
        )
    else:
        messages.success(
            request,
            _("Je bent ingeschreven. Je krijgt een bevestiging met een agendabestand."),
        )
    return HttpResponseRedirect(_detail_url(session))


@never_cache
@login_required
@require_POST
def session_cancel(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(session_id)
    registration = selectors.registration_for_user(session=session, user=request.user)
    if registration is None:
        messages.error(request, _("Je bent al afgemeld voor deze sessie."))
        return HttpResponseRedirect(_detail_url(session))
    try:
        services.registration_cancel(registration=registration, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Je bent afgemeld."))
    return HttpResponseRedirect(_detail_url(session))


@never_cache
@login_required
@require_POST
def session_plan(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(session_id)
    registration = selectors.registration_for_user(session=session, user=request.user)
    if registration is None:
        raise Http404(_("Je bent niet ingeschreven voor deze sessie."))
    form = PlanChoiceForm(request.POST, plans=selectors.plans_to_bring(user=request.user))
    if form.is_valid():
        try:
            services.registration_attach_plan(
                registration=registration, plan=form.cleaned_data["plan"], user=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("plan", message)
        else:
            messages.success(
                request,
                _("Je oefenplan is gekoppeld. De begeleider kan het nu lezen.")
                if form.cleaned_data["plan"]
                else _("Je neemt geen oefenplan meer mee."),
            )
            return HttpResponseRedirect(_detail_url(session))
    context = _detail_context(request, session, plan_form=form)
    return render(request, "clinics/session_detail.html", context, status=400)


@never_cache
@login_required
def my_sessions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "clinics/my_sessions.html",
        {
            "registrations": selectors.registrations_of_user(user=request.user),
            "facilitated": selectors.sessions_facilitated_by(user=request.user),
            "now": timezone.now(),
        },
    )


# ------------------------------------------------------------------ the facilitator


def _facilitated_or_404(request: HttpRequest, session_id: int) -> Session:
    session = selectors.session_get_for_facilitator(user=request.user, session_id=session_id)
    if session is None:
        raise Http404(_("Deze sessie bestaat niet, of je begeleidt hem niet."))
    return session


@never_cache
@login_required
def facilitator_session(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _facilitated_or_404(request, session_id)
    return render(
        request,
        "clinics/facilitator_session.html",
        {
            "session": session,
            "participants": selectors.session_participants(session=session),
            "started": services.session_has_started(session=session),
        },
    )


@never_cache
@login_required
def facilitator_plan(request: HttpRequest, session_id: int, registration_id: int) -> HttpResponse:
    session = _facilitated_or_404(request, session_id)
    registration = selectors.registration_get_for_facilitator(
        session=session, registration_id=registration_id
    )
    if registration is None:
        raise Http404(_("Bij deze inschrijving is geen oefenplan gekoppeld."))
    failed: PlanCommentForm | None = None
    if request.method == "POST":
        key = request.POST.get("section", "")
        form = PlanCommentForm(request.POST, section_key=key)
        if form.is_valid():
            try:
                services.plan_comment_create(
                    registration=registration,
                    section_key=key,
                    text=form.cleaned_data["text"],
                    author=request.user,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("text", message)
            else:
                messages.success(request, _("Je opmerking is geplaatst."))
                url = reverse("clinics:facilitator_plan", args=[session.pk, registration.pk])
                return HttpResponseRedirect(f"{url}#onderdeel-{key}")
        failed = form
    view = selectors.plan_read_view(registration=registration)
    sections = [
        (
            section,
            failed
            if failed is not None and failed.section_key == section.key
            else PlanCommentForm(section_key=section.key),
        )
        for section in view.sections
    ]
    return render(
        request,
        "clinics/facilitator_plan.html",
        {
            "session": session,
            "registration": registration,
            "view": view,
            "sections": sections,
            "failed": failed,
        },
        status=400 if failed is not None else 200,
    )


@never_cache
@login_required
def facilitator_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _facilitated_or_404(request, session_id)
    registrations = [
        r
        for r in selectors.session_participants(session=session)
        if r.status == RegistrationStatus.REGISTERED
    ]
    form = AttendanceForm(request.POST or None, registrations=registrations)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            present = services.attendance_record(
                session=session,
                attended_ids=[int(pk) for pk in form.cleaned_data["present"]],
                recorded_by=request.user,
            )
        except ValidationError as failure:
            error = " ".join(failure.messages)
        else:
            messages.success(
                request,
                _("De aanwezigheid is vastgelegd: %(count)s aanwezig.") % {"count": present},
            )
            return HttpResponseRedirect(reverse("clinics:facilitator", args=[session.pk]))
    return render(
        request,
        "clinics/facilitator_attendance.html",
        {
            "session": session,
            "form": form,
            "error": error,
            "started": services.session_has_started(session=session),
        },
        status=400 if error else 200,
    )


@never_cache
@login_required
def attendance_csv(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("clinics.export_attendance"):
        raise PermissionDenied(_("Je mag de accreditatie-export niet downloaden."))
    response = HttpResponse(selectors.attendance_csv(), content_type="text/csv; charset=utf-8")
    filename = f"accreditatie-kraak-en-maak-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
