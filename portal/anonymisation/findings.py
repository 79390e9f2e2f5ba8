"""The result type of the anonymisation guard."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _


class PersonalDataKind(StrEnum):
    """The kinds of personal data the guard looks for."""

    BSN = "bsn"
    BIRTH_DATE = "birth_date"
    PHONE = "phone"
    EMAIL = "email"
    IBAN = "iban"
    ADDRESS = "address"
    POSTCODE = "postcode"
    NAME = "name"


#: Dutch label per kind, with article, for use inside a sentence ("bevat een BSN").
KIND_LABELS: dict[str, Any] = {
    PersonalDataKind.BSN: _("een BSN"),
    PersonalDataKind.BIRTH_DATE: _("een geboortedatum"),
    PersonalDataKind.PHONE: _("een telefoonnummer"),
    PersonalDataKind.EMAIL: _("een e-mailadres"),
    PersonalDataKind.IBAN: _("een IBAN"),
    PersonalDataKind.ADDRESS: _("een adres"),
    PersonalDataKind.POSTCODE: _("een postcode"),
    PersonalDataKind.NAME: _("een naam"),
}


@dataclass(frozen=True, slots=True)
class PersonalDataFinding:
    """One piece of personal data: its kind and where it sits in the text (text[start:end])."""

    kind: PersonalDataKind
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        """Dutch label with article, e.g. "een BSN"."""
        return str(KIND_LABELS[self.kind])
