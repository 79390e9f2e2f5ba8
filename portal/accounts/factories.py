"""Factories for users, profiles, groups and MFA; used by tests and the demo loader."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group, Permission

from .models import Profile, Role

if TYPE_CHECKING:
    from django.test import Client

#: Password of every factory user (tests log in with it; the demo documents it).
DEFAULT_PASSWORD = settings.PORTAL_DEMO_PASSWORD


class UserFactory(factory.django.DjangoModelFactory):
    """A user who can log in: active, with a verified primary e-mail address."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"professional{n}@example.org")
    username = factory.LazyAttribute(lambda o: o.email)
    password = factory.django.Password(DEFAULT_PASSWORD)
    is_active = True

    @factory.post_generation
    def email_verified(self, create: bool, extracted: bool | None, **kwargs) -> None:
        """Pass ``email_verified=False`` for a user who has not confirmed yet."""
        if not create:
            return
        EmailAddress.objects.update_or_create(
            user=self,
            email=self.email,
            defaults={"primary": True, "verified": extracted is not False},
        )

    @factory.post_generation
    def groups(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.groups.add(*extracted)


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    organisation = factory.Faker("company", locale="nl_NL")
    role = Role.WIJKTEAM
    registerplein_number = ""
    skj_number = ""
    big_number = ""


class GroupFactory(factory.django.DjangoModelFactory):
    """A group; ``permissions=["wagtailadmin.access_admin"]`` adds permissions."""

    class Meta:
        model = Group
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Groep {n}")

    @factory.post_generation
    def permissions(self, create: bool, extracted, **kwargs) -> None:
        if not create or not extracted:
            return
        for dotted in extracted:
            app_label, codename = dotted.split(".", 1)
            self.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def admin_group(name: str = "IPW redacteur") -> Group:
    """A group whose members may open the Wagtail admin."""
    return GroupFactory(name=name, permissions=["wagtailadmin.access_admin"])


def totp_activate(user: AbstractBaseUser, secret: str | None = None) -> str:
    """Give ``user`` a TOTP authenticator (as allauth's set-up page does) and return
    the secret, so a test or demo can compute codes with :func:`totp_code`."""
    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The TOTP code an authenticator app would show for ``secret`` right now."""
    counter = int(at if at is not None else time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def client_login_with_mfa(client: Client, user: AbstractBaseUser) -> None:
    """Log ``user`` in on a Django test client as if they passed TOTP in this session.

    Staff need MFA for every page under /admin/ (AdminMFARequiredMiddleware), so a plain
    ``client.force_login(staff)`` is sent to the MFA pages. Gives the user a TOTP
    authenticator when they have none. Browser tests should log in through the real
    forms instead (password, then :func:`totp_code`).
    """
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.mfa.models import Authenticator

    authenticator = (
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        or TOTP.activate(user, generate_totp_secret()).instance
    )
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": "totp"}
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
