"""Thin views: POST handlers the pages hand their form posts to, and the dashboard.

Every POST follows post/redirect/get on success; on bad input the page is rendered
again with a Dutch error next to the form and what the learner typed kept.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import services
from .certificate_views import certificate_request
from .models import CoursePage, FinalTestPage, LessonPage
from .selectors import catalogue_courses, learner_dashboard
from .teams import teams_led_by


def _login_first(request: HttpRequest, page: Page) -> HttpResponse:
    return redirect_to_login(page.get_url(request) or request.path)


def course_post(request: HttpRequest, *, course: CoursePage) -> HttpResponse:
    if not request.user.is_authenticated:
        return _login_first(request, course)
    if request.POST.get("action") == "certificate":
        return certificate_request(request, course=course)
    try:
        services.enrolment_create(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Je bent ingeschreven voor %(title)s.") % {"title": course.title}
        )
    return HttpResponseRedirect(course.get_url(request))


def _answer_from_post(request: HttpRequest) -> dict:
    return {
        "options": request.POST.getlist("option"),
        "text": request.POST.get("text", ""),
        "breakthrough": request.POST.get("breakthrough", ""),
        "legal_bases": request.POST.getlist("legal_basis"),
    }


def lesson_post(request: HttpRequest, *, lesson: LessonPage) -> HttpResponse:
    if not request.user.is_authenticated:
        return _login_first(request, lesson)
    url = lesson.get_url(request)
    action = request.POST.get("action")
    if action == "complete":
        try:
            services.lesson_complete(user=request.user, lesson=lesson)
        except ValidationError as error:
            return Page.serve(lesson, request, form_error={"complete": error.messages[0]})
        messages.success(
            request, _("Je hebt de les ‘%(title)s’ afgerond.") % {"title": lesson.title}
        )
        return HttpResponseRedirect(url)
    block_id = request.POST.get("block_id", "")
    answer = _answer_from_post(request)
    try:
        services.answer_submit(user=request.user, lesson=lesson, block_id=block_id, answer=answer)
    except ValidationError as error:
        form_error = {"block_id": block_id, "message": error.messages[0], "posted": answer}
        return Page.serve(lesson, request, form_error=form_error)
    messages.success(request, _("Je antwoord is opgeslagen. Lees de feedback bij de oefening."))
    return HttpResponseRedirect(f"{url}#oefening-{quote(block_id)}")


def final_test_post(request: HttpRequest, *, test: FinalTestPage) -> HttpResponse:
    if not request.user.is_authenticated:
        return _login_first(request, test)
    course = CoursePage.objects.parent_of(test).first()
    answers = {
        key.removeprefix("q-"): request.POST.getlist(key)
        for key in request.POST
        if key.startswith("q-")
    }
    try:
        attempt = services.attempt_submit(user=request.user, course=course, answers=answers)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            form_error = {
                "errors": {key: errs[0].messages[0] for key, errs in error.error_dict.items()},
                "message": _("Niet alle vragen zijn beantwoord. Beantwoord de gemarkeerde vragen."),
                "posted": answers,
            }
        else:
            form_error = {"message": error.messages[0], "posted": answers}
        return Page.serve(test, request, form_error=form_error)
    if attempt.passed:
        messages.success(
            request, _("Geslaagd met een score van %(score)s%%.") % {"score": attempt.score}
        )
    else:
        messages.warning(
            request,
            _("Niet geslaagd: je score is %(score)s%%, nodig is %(pass_mark)s%%.")
            % {"score": attempt.score, "pass_mark": course.pass_mark},
        )
    return HttpResponseRedirect(test.get_url(request))


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    courses = learner_dashboard(user=request.user)
    return render(
        request,
        "learning/dashboard.html",
        {
            "courses": courses,
            # a newcomer (no enrolment yet) is offered the catalogue to start from
            "catalogue": [] if courses else list(catalogue_courses()),
            "teams_led": list(teams_led_by(user=request.user)),
        },
    )
