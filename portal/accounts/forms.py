"""Forms for sign-up, profile editing and account deletion.

Every message is Dutch; Django and allauth supply Dutch texts for their own checks
(LANGUAGE_CODE = "nl").
"""

from typing import Any

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import validators
from .models import Profile, Role
from .services import profile_create

_REQUIRED = {"required": _("Vul dit veld in.")}


class ProfileFieldsForm(forms.Form):
    """The profile fields, shared by sign-up and the profile page."""

    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        error_messages={"required": _("Vul je voornaam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        help_text=_("Met tussenvoegsel. Je naam komt zo op je certificaten."),
        error_messages={"required": _("Vul je achternaam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        help_text=_("Bijvoorbeeld je huisartsenpraktijk, gemeente of welzijnsorganisatie."),
        error_messages={"required": _("Vul de organisatie in waar je werkt.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label=_("Functie"),
        choices=[("", _("Kies je functie")), *Role.choices],
        error_messages={
            "required": _("Kies je functie."),
            "invalid_choice": _("Kies een functie uit de lijst."),
        },
        widget=forms.Select(attrs={"autocomplete": "organization-title"}),
    )
    registerplein_number = forms.CharField(
        label=_("Registratienummer Registerplein (niet verplicht)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    skj_number = forms.CharField(
        label=_("Registratienummer SKJ (niet verplicht)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    big_number = forms.CharField(
        label=_("BIG-nummer (niet verplicht)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    work_phone = forms.CharField(
        label=_("Telefoonnummer op je werk (niet verplicht)"),
        max_length=30,
        required=False,
        help_text=_(
            "Zo kan de Hulplijn je terugbellen zonder dat je het nummer steeds invult. "
            "Alleen je eigen werknummer, nooit dat van een cliënt."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "work tel", "inputmode": "tel", "type": "tel"}
        ),
    )

    def clean_work_phone(self) -> str:
        return validators.dutch_phone_clean(self.cleaned_data["work_phone"])

    def clean_first_name(self) -> str:
        return self._clean_text("first_name", _("Vul je voornaam in."))

    def clean_last_name(self) -> str:
        return self._clean_text("last_name", _("Vul je achternaam in."))

    def clean_organisation(self) -> str:
        return self._clean_text("organisation", _("Vul de organisatie in waar je werkt."))

    def clean_registerplein_number(self) -> str:
        return validators.register_number_clean(
            self.cleaned_data["registerplein_number"], register=validators.REGISTERPLEIN
        )

    def clean_skj_number(self) -> str:
        return validators.register_number_clean(
            self.cleaned_data["skj_number"], register=validators.SKJ
        )

    def clean_big_number(self) -> str:
        return validators.register_number_clean(
            self.cleaned_data["big_number"], register=validators.BIG
        )

    def _clean_text(self, name: str, message: str) -> str:
        value = self.cleaned_data[name].strip()
        if not value:
            raise forms.ValidationError(message, code="required")
        return value

    def profile_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ProfileFieldsForm.base_fields}


class ProfileSignupForm(ProfileFieldsForm):
    """Extra sign-up fields; allauth merges them into its SignupForm
    (ACCOUNT_SIGNUP_FORM_CLASS) and calls ``signup()`` after creating the user."""

    def signup(self, request: HttpRequest, user: AbstractBaseUser) -> None:
        profile_create(user=user, **self.profile_data())


class ProfileForm(ProfileFieldsForm):
    """The profile page's edit form, filled from an existing profile."""

    @classmethod
    def initial_for(cls, *, user: AbstractBaseUser, profile: Profile | None) -> dict[str, Any]:
        initial: dict[str, Any] = {"first_name": user.first_name, "last_name": user.last_name}
        if profile is not None:
            initial.update(
                {
                    "organisation": profile.organisation,
                    "role": profile.role,
                    "registerplein_number": profile.registerplein_number,
                    "skj_number": profile.skj_number,
                    "big_number": profile.big_number,
                    "work_phone": profile.work_phone,
                }
            )
        return initial


class AccountDeleteForm(forms.Form):
    """Asks for the password before an account is deleted for good."""

    password = forms.CharField(
        label=_("Je wachtwoord"),
        strip=False,
        help_text=_("Ter bevestiging: daarna is je account met al je gegevens weg."),
        error_messages=_REQUIRED,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Dit wachtwoord klopt niet. Je account is niet verwijderd."),
                code="password_incorrect",
            )
        return password
