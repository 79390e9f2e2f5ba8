"""allauth's adapter, adjusted where the portal needs it (ACCOUNT_ADAPTER)."""

from __future__ import annotations

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser


class AccountAdapter(DefaultAccountAdapter):
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
