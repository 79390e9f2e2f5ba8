"""Reads with rules for accounts."""

from allauth.account.authentication import get_authentication_records
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest

from .models import Profile

#: Authenticator types that count as a second factor (recovery codes alone do not).
MFA_AUTHENTICATOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def profile_get_for_user(*, user: AbstractBaseUser) -> Profile | None:
    """The user's profile, or None (e.g. a superuser created on the command line)."""
    return Profile.objects.filter(user=user).select_related("user").first()


def user_get_by_email(*, email: str) -> AbstractBaseUser | None:
    """The account an address belongs to (a verified one first), or None: a mail to that
    address may then greet the person by name."""
    address = (
        EmailAddress.objects.filter(email__iexact=email)
        .select_related("user")
        .order_by("-verified", "-primary")
        .first()
    )
    if address is not None:
        return address.user
    return get_user_model().objects.filter(email__iexact=email).order_by("pk").first()


def user_has_admin_access(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    """True for users who may open the Wagtail admin (superusers included)."""
    return bool(user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def user_mfa_authenticators(*, user: AbstractBaseUser) -> list[Authenticator]:
    return list(
        Authenticator.objects.filter(user=user, type__in=MFA_AUTHENTICATOR_TYPES).order_by(
            "created_at"
        )
    )


def session_mfa_passed(
    *, request: HttpRequest, user: AbstractBaseUser, authenticators: list[Authenticator]
) -> bool:
    """Whether this session proved the second factor.

    Either an MFA step was recorded in this session (login with a code, or
    reauthentication), or an authenticator was set up during this session: activating
    TOTP requires a valid code from the app, so asking for another one straight after
    would only make the user wait for the next code.
    """
    records = get_authentication_records(request, user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    if not records:
        return False
    session_start = min(record.get("at", float("inf")) for record in records)
    return any(auth.created_at.timestamp() >= session_start for auth in authenticators)
