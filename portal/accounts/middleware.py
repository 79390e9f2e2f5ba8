"""Multi-factor authentication for everyone who can reach the Wagtail admin, and the
idle-session timeout."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .selectors import session_mfa_passed, user_has_admin_access, user_mfa_authenticators


class AdminMFARequiredMiddleware:
    """Keep the Wagtail admin behind a second factor.

    For an authenticated user under the admin prefix:

    * no admin access (a professional): send to the profile page with a message.
      Wagtail would send them to the login page, which sends a signed-in user back to
      ``next`` (the admin): a redirect loop.
    * admin access, no authenticator: send to the TOTP set-up page.
    * admin access, authenticator, but this session did not pass MFA: send to MFA
      reauthentication, then back.

    The check runs in ``process_view`` so that it comes after MessageMiddleware has set
    up message storage, whatever the order in MIDDLEWARE.
    """

    #: Paths under the admin prefix that stay reachable (so staff can still log out).
    exempt_suffixes = ("logout/",)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        admin_prefix = reverse("wagtailadmin_home")
        path = request.path_info
        if not path.startswith(admin_prefix):
            return None
        if path[len(admin_prefix) :] in self.exempt_suffixes:
            return None
        user = request.user
        if not user.is_authenticated:
            return None  # Wagtail sends anonymous visitors to the login page.

        if not user_has_admin_access(user=user):
            messages.error(
                request,
                _(
                    "Je account heeft geen toegang tot de beheeromgeving. "
                    "Denk je dat dit niet klopt? Neem contact op met de beheerder."
                ),
            )
            return HttpResponseRedirect(reverse("accounts_profile"))

        authenticators = user_mfa_authenticators(user=user)
        if not authenticators:
            messages.warning(
                request,
                _(
                    "Voor de beheeromgeving is tweestapsverificatie verplicht. "
                    "Stel eerst een authenticator-app in; daarna kun je verder."
                ),
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))

        if not session_mfa_passed(request=request, user=user, authenticators=authenticators):
            messages.info(
                request,
                _("Bevestig met een code uit je authenticator-app dat jij het bent."),
            )
            target = reverse("mfa_reauthenticate")
            return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return None


#: Where the session notes its last activity (seconds since the epoch).
LAST_SEEN_KEY = "portal_last_seen"
#: Activity is noted at most this often: a session write per request costs a query.
LAST_SEEN_RESOLUTION = 60


class IdleSessionTimeoutMiddleware:
    """Log out a session that has been idle too long: after SESSION_IDLE_TIMEOUT_STAFF
    seconds (8 hours) for anyone who can reach the admin, after SESSION_IDLE_TIMEOUT
    (14 days) for everyone else. The visitor lands on the login page with a message and
    comes back where they were after logging in.

    Comes after AuthenticationMiddleware and MessageMiddleware in MIDDLEWARE.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            idle = now - int(last_seen) if last_seen is not None else 0
            # The shorter (staff) limit first: the permission look-up only when it is passed.
            if idle > _staff_timeout() and idle > self._timeout(user):
                logout(request)
                messages.info(
                    request,
                    _(
                        "Je was een tijd niet actief en bent daarom uitgelogd. "
                        "Log opnieuw in om verder te gaan."
                    ),
                )
                return redirect_to_login(request.get_full_path(), reverse("account_login"))
            if last_seen is None or idle >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    @staticmethod
    def _timeout(user: Any) -> int:
        if user_has_admin_access(user=user):
            return _staff_timeout()
        return int(getattr(settings, "SESSION_IDLE_TIMEOUT", 14 * 24 * 60 * 60))


def _staff_timeout() -> int:
    return int(getattr(settings, "SESSION_IDLE_TIMEOUT_STAFF", 8 * 60 * 60))


def note_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """A login is activity: noted with the login itself (connected to `user_logged_in`),
    so the first page after it writes no session."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = int(time.time())
