"""Writes with rules for accounts: profiles and account deletion."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .deletion import registered_account_deleters
from .models import Profile, Role


@transaction.atomic
def profile_create(
    *,
    user: AbstractBaseUser,
    first_name: str,
    last_name: str,
    organisation: str,
    role: Role | str,
    registerplein_number: str = "",
    skj_number: str = "",
    big_number: str = "",
    work_phone: str = "",
) -> Profile:
    """Create the profile of a new professional and store the name on the user.

    The name lives on the user model (Wagtail's user admin and certificates read it
    there); everything else lives on the profile.
    """
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    return Profile.objects.create(
        user=user,
        organisation=organisation.strip(),
        role=role,
        registerplein_number=registerplein_number,
        skj_number=skj_number,
        big_number=big_number,
        work_phone=work_phone,
    )


@transaction.atomic
def profile_update(
    *,
    user: AbstractBaseUser,
    first_name: str,
    last_name: str,
    organisation: str,
    role: Role | str,
    registerplein_number: str = "",
    skj_number: str = "",
    big_number: str = "",
    work_phone: str = "",
) -> Profile:
    """Change a professional's name and profile fields.

    Users without a profile (e.g. a superuser made with ``createsuperuser``) get one.
    """
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    profile, _created = Profile.objects.update_or_create(
        user=user,
        defaults={
            "organisation": organisation.strip(),
            "role": role,
            "registerplein_number": registerplein_number,
            "skj_number": skj_number,
            "big_number": big_number,
            "work_phone": work_phone,
        },
    )
    return profile


@transaction.atomic
def account_delete(*, user: AbstractBaseUser) -> dict[str, int]:
    """Delete the user and everything that names them.

    Profile, e-mail addresses, MFA authenticators and whatever apps attach to the user
    with ``on_delete=CASCADE`` go with it; what apps keep otherwise, their registered
    deleters remove first (portal.accounts.deletion). Returns how many records each
    deleter removed. Logging out is the view's job.
    """
    removed = {name: func(user) for name, func in registered_account_deleters().items()}
    user.delete()
    return removed
