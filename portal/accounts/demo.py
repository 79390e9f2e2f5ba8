"""Demo accounts: one per group plus a superuser, with a verified e-mail address, a
profile, and for everyone who reaches the admin a TOTP authenticator and recovery codes
from public demo secrets. Loaded by the demo loader (`manage.py load_demo`).

Demo MFA: every demo user who can reach the admin gets a TOTP authenticator with the
fixed, public secret `DEMO_TOTP_SECRET` (add it to any authenticator app, or run
`manage.py demo_totp <e-mail>`) and recovery codes derived from the fixed seed
`DEMO_RECOVERY_SEED` (`manage.py demo_totp <e-mail> --herstelcodes` lists them). These
secrets are published on purpose: demo accounts never belong on a production site.

Idempotent: users are looked up by e-mail, and nothing that exists is changed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt, encrypt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from wagtail.models import Page

from .models import Profile, Role

DEMO_EMAIL_DOMAIN = "demo.doorbraak.nl"
# Base32, 160 bits, like the secrets allauth generates. Public on purpose (demo only).
DEMO_TOTP_SECRET = "DOORBRAAKDEMOTOTPGEHEIMNIETECHT2"  # noqa: S105
DEMO_RECOVERY_SEED = "doorbraak-demo-herstelcodes-niet-geheim"


@dataclass(frozen=True)
class DemoUser:
    email: str
    group: str | None  # None: the superuser
    first_name: str
    last_name: str
    organisation: str
    role: Role
    admin: bool  # reaches the Wagtail admin, so needs MFA


DEMO_USERS = (
    DemoUser(
        f"redacteur@{DEMO_EMAIL_DOMAIN}",
        "IPW redacteur",
        "Ilse",
        "de Redacteur",
        "Instituut voor Publieke Waarden",
        Role.ANDERS,
        admin=True,
    ),
    DemoUser(
        f"moderator@{DEMO_EMAIL_DOMAIN}",
        "IPW moderator",
        "Marco",
        "de Moderator",
        "Instituut voor Publieke Waarden",
        Role.ANDERS,
        admin=True,
    ),
    DemoUser(
        f"hulplijn@{DEMO_EMAIL_DOMAIN}",
        "Hulplijn",
        "Hanna",
        "van de Hulplijn",
        "Instituut voor Publieke Waarden",
        Role.ANDERS,
        admin=True,
    ),
    DemoUser(
        f"teamleider@{DEMO_EMAIL_DOMAIN}",
        "Teamleider",
        "Tom",
        "de Teamleider",
        "Wijkteam Demodorp",
        Role.WIJKTEAM,
        admin=False,
    ),
    DemoUser(
        f"professional@{DEMO_EMAIL_DOMAIN}",
        "Professional",
        "Pien",
        "de Professional",
        "Huisartsenpraktijk Demodorp",
        Role.POH,
        admin=False,
    ),
    DemoUser(
        f"beheer@{DEMO_EMAIL_DOMAIN}",
        None,
        "Bram",
        "de Beheerder",
        "Instituut voor Publieke Waarden",
        Role.ANDERS,
        admin=True,
    ),
)


@dataclass(frozen=True)
class DemoLogin:
    group: str
    email: str
    password: str
    mfa: bool


def is_demo_email(email: str) -> bool:
    return email.strip().lower().endswith(f"@{DEMO_EMAIL_DOMAIN}")


def _user_load(spec: DemoUser, password: str) -> AbstractUser:
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=spec.email).first()
    if user is None:
        user = user_model(
            username=spec.email,
            email=spec.email,
            first_name=spec.first_name,
            last_name=spec.last_name,
            is_superuser=spec.group is None,
            is_staff=spec.group is None,
        )
        user.set_password(password)
        user.save()
    elif not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    _email_verify(user)
    if spec.group is not None:
        group, _created = Group.objects.get_or_create(name=spec.group)
        user.groups.add(group)
    _profile_load(user, spec)
    if spec.admin:
        demo_mfa_activate(user=user)
    return user


def _email_verify(user: AbstractUser) -> None:
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


def _profile_load(user: AbstractUser, spec: DemoUser) -> None:
    """Give the user a profile with organisation and role (portal.accounts), once."""
    Profile.objects.get_or_create(
        user=user, defaults={"organisation": spec.organisation, "role": spec.role}
    )


def demo_mfa_activate(*, user: AbstractUser) -> None:
    """Give `user` a TOTP authenticator with the public demo secret, and recovery codes
    from the public demo seed. Leaves existing authenticators alone."""
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    if Authenticator.Type.TOTP not in types:
        Authenticator.objects.create(
            user=user,
            type=Authenticator.Type.TOTP,
            data={"secret": encrypt(DEMO_TOTP_SECRET)},
        )
    if Authenticator.Type.RECOVERY_CODES not in types:
        Authenticator.objects.create(
            user=user,
            type=Authenticator.Type.RECOVERY_CODES,
            data={"seed": encrypt(DEMO_RECOVERY_SEED), "used_mask": 0},
        )


def users_load() -> list[DemoLogin]:
    """Create the demo accounts (one per group and a superuser) and return their logins."""
    password = settings.PORTAL_DEMO_PASSWORD
    for spec in DEMO_USERS:
        _user_load(spec, password)
    return logins()


def load(*, home: Page) -> None:
    """The demo loader's entry point: create the demo accounts (idempotent)."""
    users_load()


def logins() -> list[DemoLogin]:
    """The logins the demo loader prints: one per group and the superuser."""
    password = settings.PORTAL_DEMO_PASSWORD
    return [
        DemoLogin(
            group=spec.group or "Beheerder (superuser)",
            email=spec.email,
            password=password,
            mfa=spec.admin,
        )
        for spec in DEMO_USERS
    ]


class DemoMFAError(Exception):
    """Raised with a Dutch message when a demo TOTP code cannot be given."""


def _demo_authenticator(email: str, authenticator_type: str) -> Authenticator:
    if not is_demo_email(email):
        raise DemoMFAError(f"{email} is geen demo-account (…@{DEMO_EMAIL_DOMAIN}).")
    authenticator = Authenticator.objects.filter(
        user__email__iexact=email.strip(), type=authenticator_type
    ).first()
    if authenticator is None:
        raise DemoMFAError(
            f"{email} heeft geen authenticator. Bestaat het account en is het een "
            "beheeraccount? Draai eerst: python manage.py load_demo"
        )
    return authenticator


def demo_totp_code(*, email: str, at: float | None = None) -> str:
    """The TOTP code a demo user's authenticator app would show now (or at `at`)."""
    authenticator = _demo_authenticator(email, Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    counter = int(time.time() if at is None else at) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def demo_recovery_codes(*, email: str) -> list[str]:
    """The unused recovery codes of a demo user."""
    authenticator = _demo_authenticator(email, Authenticator.Type.RECOVERY_CODES)
    return authenticator.wrap().get_unused_codes()
