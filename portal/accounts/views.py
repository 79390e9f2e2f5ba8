"""Profile page, data export and account deletion. Thin: rules live in services,
selectors and export."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .export import user_data_export
from .forms import AccountDeleteForm, ProfileForm
from .selectors import profile_get_for_user, user_has_admin_access, user_mfa_authenticators
from .services import account_delete, profile_update


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    current = profile_get_for_user(user=user)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            profile_update(user=user, **form.profile_data())
            messages.success(request, _("Je profiel is opgeslagen."))
            return redirect("accounts_profile")
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(user=user, profile=current))
    context = {
        "form": form,
        "profile": current,
        "mfa_authenticators": user_mfa_authenticators(user=user),
        "has_admin_access": user_has_admin_access(user=user),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def data_export(request: HttpRequest) -> HttpResponse:
    data = user_data_export(user=request.user)
    filename = f"mijn-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user)
        logout(request)
        messages.success(
            request, _("Je account en alle gegevens die we over je hadden zijn verwijderd.")
        )
        return redirect("accounts_deleted")
    return render(request, "accounts/delete.html", {"form": form})


def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/deleted.html")


@csrf_exempt  # it never reads what was posted: every visitor is sent on, logged in or not
@require_http_methods(["GET", "HEAD", "POST"])
def login_elsewhere(request: HttpRequest, *, default_next: str = "") -> HttpResponse:
    """Wagtail's own password forms (`/admin/login/`, `/_util/login/`) lead to allauth's
    login instead, so lockout, e-mail verification, rate limits and MFA apply to every way
    in. A posted password is never looked at."""
    target = request.GET.get("next") or default_next
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = default_next
    url = reverse("account_login")
    if target:
        url = f"{url}?{urlencode({'next': target})}"
    return redirect(url)
