"""Django's password rules, explained in the portal's Dutch ("je", and no "gebruikersnaam":
people here log in with their e-mail address). Django's own Dutch says "uw", and its
minimum-length message is not translated in the version we run."""

from __future__ import annotations

from django.contrib.auth import password_validation as django_validators
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord lijkt te veel op je naam of e-mailadres.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord mag niet te veel op je naam of e-mailadres lijken.")


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Je wachtwoord heeft minstens %(min_length)d teken.",
            "Je wachtwoord heeft minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord wordt te vaak gebruikt; kies een ander.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord is geen veelgebruikt wachtwoord.")


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord bestaat alleen uit cijfers; gebruik ook letters of tekens.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord bestaat niet alleen uit cijfers.")
