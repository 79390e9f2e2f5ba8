"""allauth's adapter, adjusted where the portal needs it (ACCOUNT_ADAPTER)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from wagtail.models import Site

from .selectors import user_get_by_email


@dataclass(frozen=True)
class MailSite:
    """What allauth's mail templates read as `current_site`: the portal's name, never the
    host (without django.contrib.sites, allauth would use the host for both)."""

    name: str
    domain: str


def portal_name(request: HttpRequest | None) -> str:
    """The name the site goes by: the Wagtail site's name, else WAGTAIL_SITE_NAME."""
    site = Site.find_for_request(request) if request is not None else None
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


def portal_url(request: HttpRequest | None) -> str:
    if request is not None:
        return request.build_absolute_uri("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Every allauth mail names the portal (not the host) and greets the person by
        name (not the username): our templates in templates/account/email/ read
        `portal_name`, `portal_url` and `person_name`."""
        request = context.get("request") or allauth_context.request or self.request
        user = context.get("user") or user_get_by_email(email=email)
        name = portal_name(request)
        url = portal_url(request)
        context = {
            **context,
            "current_site": MailSite(name=name, domain=url),
            "portal_name": name,
            "portal_url": url,
            "person_name": (user.first_name or user.get_full_name()) if user else "",
        }
        if allauth_context.request is None and request is not None:
            # Sent after the request's transaction committed (allauth's MFA mails), when
            # allauth no longer knows the request it renders with.
            with allauth_context.request_context(request):
                super().send_mail(template_prefix, email, context)
        else:
            super().send_mail(template_prefix, email, context)

    def send_notification_mail(
        self,
        template_prefix: str,
        user: AbstractBaseUser,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        """allauth leaves the user out of a notification's context; the greeting needs it."""
        super().send_notification_mail(
            template_prefix, user, {"user": user, **(context or {})}, email
        )

    def send_account_already_exists_mail(self, email: str) -> None:
        """A sign-up with an address that has an account gets a mail instead of a second
        account, and the same page as a new sign-up. It also does the work of a new
        sign-up's password (the hashing is most of its time), so the answer does not
        come back sooner and give away that the address is known."""
        make_password(secrets.token_urlsafe(16))
        super().send_account_already_exists_mail(email)


def user_display(user: AbstractBaseUser) -> str:
    """How allauth names a person in its pages and mails ("Je bent ingelogd als Sanne de
    Vries."): the name, else the e-mail address; never the generated username."""
    return user.get_full_name() or user.email
