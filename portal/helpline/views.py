"""The public helpline pages: the question form, the referral form, the confirmation,
and "Mijn vragen" (the professional's threads, one thread with its reply form).
Thin: rules live in forms, services, selectors and ratelimit."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.accounts.selectors import profile_get_for_user

from .forms import LAW_SUGGESTIONS, QuestionForm, ReferralForm, ReplyForm, local_path_or_blank
from .models import ContactPreference, Kind, Status, Submission
from .ratelimit import rate_limit_take
from .selectors import (
    context_title_for_path,
    submission_list_for_user,
    thread_get_for_sender,
    thread_messages_for_user,
)
from .services import (
    submission_create,
    thread_close,
    thread_mark_read,
    thread_reopen,
    thread_reply,
)

SESSION_KEY = "helpline_last_submission"


def _initial_for(user: AbstractBaseUser) -> dict[str, Any]:
    if not user.is_authenticated:
        return {}
    initial: dict[str, Any] = {"name": user.get_full_name(), "email": user.email}
    profile = profile_get_for_user(user=user)
    if profile is not None:
        initial.update(organisation=profile.organisation, role=profile.role)
    # The contact choice follows what the profile can fill: a work number on the profile
    # means "bel me", none means e-mail (so the first submit does not fail on a phone
    # number the form never had).
    work_phone = getattr(profile, "work_phone", "") if profile is not None else ""
    if work_phone:
        initial.update(phone=work_phone, contact_preference=ContactPreference.PHONE)
    else:
        initial["contact_preference"] = ContactPreference.EMAIL
    return initial


def _context_from_request(request: HttpRequest) -> str:
    """The page the user came from: ?context=/path, else a same-site Referer."""
    if "context" in request.GET:
        return local_path_or_blank(request.GET["context"])
    referer = request.META.get("HTTP_REFERER", "")
    if not referer:
        return ""
    parts = urlsplit(referer)
    if parts.netloc != request.get_host():
        return ""
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if path.startswith(reverse("helpline_question")) or path.startswith(
        reverse("helpline_referral")
    ):
        return ""
    return local_path_or_blank(path)


def _handle(request: HttpRequest, *, kind: Kind, form_class: type, template: str) -> HttpResponse:
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_spam:
            rate_limit_take(request=request)
            form.is_valid()
            form.add_error(None, _("Je bericht kon niet worden verstuurd. Probeer het opnieuw."))
        elif form.is_valid():
            if rate_limit_take(request=request):
                data = form.submission_data()
                submission = submission_create(
                    kind=kind,
                    data=data,
                    user=request.user,
                    context_title=context_title_for_path(
                        request=request, path=data.get("context_url", "")
                    ),
                )
                request.session[SESSION_KEY] = submission.pk
                return redirect("helpline_confirmation")
            form.add_error(
                None,
                _(
                    "Je hebt in korte tijd veel berichten verstuurd. Wacht een uur en "
                    "probeer het dan opnieuw; je tekst staat hieronder nog. Is het dringend? "
                    "Mail dan naar doorbraak@publiekewaarden.nl."
                ),
            )
    else:
        initial = _initial_for(request.user)
        if kind == Kind.QUESTION:
            initial["context_url"] = _context_from_request(request)
        form = form_class(initial=initial)
    context_url = form["context_url"].value() if "context_url" in form.fields else ""
    context_url = local_path_or_blank(context_url)
    return render(
        request,
        template,
        {
            "form": form,
            "law_suggestions": LAW_SUGGESTIONS,
            "context_url": context_url,
            "context_title": context_title_for_path(request=request, path=context_url),
        },
    )


@require_http_methods(["GET", "POST"])
def question(request: HttpRequest) -> HttpResponse:
    return _handle(
        request, kind=Kind.QUESTION, form_class=QuestionForm, template="helpline/question.html"
    )


@require_http_methods(["GET", "POST"])
def referral(request: HttpRequest) -> HttpResponse:
    return _handle(
        request, kind=Kind.REFERRAL, form_class=ReferralForm, template="helpline/referral.html"
    )


@require_http_methods(["GET"])
def confirmation(request: HttpRequest) -> HttpResponse:
    """Shows the reference of the submission this browser session just sent (only)."""
    pk = request.session.get(SESSION_KEY)
    submission = Submission.objects.filter(pk=pk).first() if pk else None
    if submission is None:
        return redirect("helpline_question")
    return render(request, "helpline/confirmation.html", {"submission": submission})


# ---------------------------------------------------------------- Mijn vragen


@login_required
@require_http_methods(["GET"])
def thread_list(request: HttpRequest) -> HttpResponse:
    """ "Mijn vragen": the user's questions and referrals, open ones first, with status,
    due time and unread answers."""
    return render(
        request,
        "helpline/thread_list.html",
        {"submissions": list(submission_list_for_user(user=request.user))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """One thread: the question, the messages, a reply form; close or reopen. Only the
    sender's own (404 otherwise); opening it marks IPW's messages read."""
    submission = thread_get_for_sender(user=request.user, reference=reference)
    form = ReplyForm()
    if request.method == "POST":
        action = request.POST.get("action", "reply")
        if action == "close":
            thread_close(submission=submission, by=request.user)
            messages.success(request, _("Je vraag is afgerond. Je kunt hem altijd heropenen."))
            return redirect("helpline_thread", reference=submission.reference)
        if action == "reopen":
            thread_reopen(submission=submission, by=request.user)
            messages.success(request, _("Je vraag is heropend. Je kunt weer reageren."))
            return redirect("helpline_thread", reference=submission.reference)
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                thread_reply(submission=submission, body=form.cleaned_data["body"], by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("body", message)
            else:
                messages.success(request, _("Je reactie is verstuurd naar de Hulplijn."))
                return redirect(f"{submission.get_thread_url()}#bericht-laatste")
    thread = thread_messages_for_user(user=request.user, submission=submission)
    unread_ids = {message.pk for message in thread if message.from_staff and not message.read_at}
    thread_mark_read(submission=submission, reader=request.user)
    return render(
        request,
        "helpline/thread_detail.html",
        {
            "submission": submission,
            "thread": thread,
            "unread_ids": unread_ids,
            "form": form,
            "is_closed": submission.status == Status.CLOSED,
            "problem_domains": list(submission.problem_domains.all()),
        },
    )
