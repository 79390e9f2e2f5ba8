"""Export of all data the portal keeps about a user ("Download al mijn gegevens").

Apps that store personal data add their own section::

    # myapp/apps.py
    def ready(self):
        from portal.accounts.export import register_exporter
        register_exporter("inschrijvingen", enrolments_for_export)

where the function takes the user and returns something ``json.dumps`` can write
(dates and datetimes are written as ISO 8601). Never export secrets: password hashes,
MFA secrets, recovery codes, tokens.
"""

from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from .selectors import profile_get_for_user

Exporter = Callable[[AbstractBaseUser], Any]

_exporters: dict[str, Exporter] = {}


def register_exporter(name: str, func: Exporter) -> None:
    """Add a section ``name`` to every export, filled by ``func(user)``."""
    if name in _exporters and _exporters[name] is not func:
        raise ValueError(f"An exporter named {name!r} is already registered.")
    _exporters[name] = func


def unregister_exporter(name: str) -> None:
    _exporters.pop(name, None)


def registered_exporters() -> dict[str, Exporter]:
    return dict(_exporters)


def _account_section(user: AbstractBaseUser) -> dict[str, Any]:
    return {
        "id": user.pk,
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def _email_addresses_section(user: AbstractBaseUser) -> list[dict[str, Any]]:
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    ]


def _profile_section(user: AbstractBaseUser) -> dict[str, Any] | None:

    profile = profile_get_for_user(user=user)
    if profile is None:
        return None
    return {
        "organisation": profile.organisation,
        "role": profile.role,
        "role_label": str(profile.get_role_display()),
        "registerplein_number": profile.registerplein_number,
        "skj_number": profile.skj_number,
        "big_number": profile.big_number,
        "work_phone": profile.work_phone,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


def _groups_section(user: AbstractBaseUser) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


def _mfa_section(user: AbstractBaseUser) -> dict[str, Any]:
    """Only whether MFA is on and since when; never secrets or codes."""
    authenticators = Authenticator.objects.filter(user=user).order_by("created_at")
    return {
        "enabled": any(a.type != Authenticator.Type.RECOVERY_CODES for a in authenticators),
        "authenticators": [
            {
                "type": authenticator.type,
                "created_at": authenticator.created_at,
                "last_used_at": authenticator.last_used_at,
            }
            for authenticator in authenticators
        ],
    }


_BUILTIN_SECTIONS: dict[str, Exporter] = {
    "account": _account_section,
    "email_addresses": _email_addresses_section,
    "profile": _profile_section,
    "groups": _groups_section,
    "mfa": _mfa_section,
}


def user_data_export(*, user: AbstractBaseUser) -> dict[str, Any]:
    """Everything kept about ``user``, as one JSON-able dictionary."""
    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "site": "Doorbraak Leeromgeving",
    }
    for name, func in _BUILTIN_SECTIONS.items():
        data[name] = func(user)
    for name, func in _exporters.items():
        if name in data:
            raise ValueError(f"Exporter {name!r} clashes with a built-in section.")
        data[name] = func(user)
    return data
