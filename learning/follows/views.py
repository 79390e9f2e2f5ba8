"""Following and unfollowing (POST, from the button on a page or the profile), the mail
setting, and the unsubscribe link of the mails (no login: the link is signed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .forms import FollowSettingForm
from .services import (
    FollowError,
    follow_create,
    follow_delete,
    follow_setting_update,
    unsubscribe_apply,
    unsubscribe_token_read,
)

PROFILE_ANCHOR = "#volgen"


def _back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return redirect(target)


@login_required
@require_POST
def follow_toggle(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page.objects.live(), pk=page_id)
    if request.POST.get("actie") == "stoppen":
        follow_delete(user=request.user, page_id=page.pk)
        messages.success(request, _("Je volgt %(title)s niet meer.") % {"title": page.title})
    else:
        try:
            follow_create(user=request.user, page=page)
        except FollowError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Je volgt nu %(title)s. Je mail-instelling staat op je profiel.")
                % {"title": page.title},
            )
    return _back(request, page.url or "/")


@login_required
@require_POST
def follow_stop(request: HttpRequest, page_id: int) -> HttpResponse:
    """Stop following from the profile (the page may no longer be live)."""
    if follow_delete(user=request.user, page_id=page_id):
        messages.success(request, _("Je volgt die pagina niet meer."))
    return redirect(reverse("accounts_profile") + PROFILE_ANCHOR)


@login_required
@require_POST
def follow_settings(request: HttpRequest) -> HttpResponse:
    form = FollowSettingForm(request.POST)
    if form.is_valid():
        follow_setting_update(user=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Je mail-instelling voor wat je volgt is opgeslagen."))
    else:
        messages.error(request, _("Kies hoe vaak je een mail wilt krijgen."))
    return redirect(reverse("accounts_profile") + PROFILE_ANCHOR)


# No CSRF token: the signed link is the proof, and mail programs that support one-click
# unsubscribe (RFC 8058) post to it without a session.
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    wish = unsubscribe_token_read(token=token)
    if wish is None:
        return render(request, "follows/unsubscribe.html", {"invalid": True}, status=400)
    page = Page.objects.filter(pk=wish.page_id).first() if wish.page_id else None
    if request.method == "POST":
        removed = unsubscribe_apply(request=wish)
        return render(
            request, "follows/unsubscribe.html", {"done": True, "removed": removed, "page": page}
        )
    return render(request, "follows/unsubscribe.html", {"page": page, "token": token})
