"""Format checks for the professional register numbers a profile may carry.

The checks are deliberately lenient about notation (spaces, dots, hyphens and the
register's own prefix are accepted and removed) and strict about the digits, so a
typo is caught while every way people write their number still works.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s.\-/]")


@dataclass(frozen=True)
class RegisterFormat:
    prefix: str
    min_digits: int
    max_digits: int
    message: str


REGISTERPLEIN = RegisterFormat(
    prefix="",
    min_digits=4,
    max_digits=8,
    message=_(
        "Een registratienummer van Registerplein bestaat uit 4 tot 8 cijfers, bijvoorbeeld 123456."
    ),
)
SKJ = RegisterFormat(
    prefix="SKJ",
    min_digits=5,
    max_digits=10,
    message=_("Een SKJ-registratienummer bestaat uit 5 tot 10 cijfers, bijvoorbeeld 110012345."),
)
BIG = RegisterFormat(
    prefix="BIG",
    min_digits=11,
    max_digits=11,
    message=_("Een BIG-nummer bestaat uit precies 11 cijfers, bijvoorbeeld 19012345601."),
)


_PHONE_SEPARATORS = re.compile(r"[\s.\-()/]")
_PHONE_MESSAGE = _(
    "Vul een Nederlands telefoonnummer in van 10 cijfers, bijvoorbeeld 030 123 45 67, "
    "06 12 34 56 78 of +31 30 123 45 67."
)


def dutch_phone_clean(value: str) -> str:
    """Return a Dutch phone number as typed (trimmed), or raise a ValidationError in Dutch.

    Spaces, hyphens, dots, slashes and brackets are allowed; the digits must form a
    Dutch number: 0 and nine digits, or +31 / 0031 and nine digits (a 0 after the
    country code, "+31 (0)30 ...", is accepted). Empty stays empty.
    """
    typed = " ".join((value or "").split())
    digits = _PHONE_SEPARATORS.sub("", typed)
    if not digits:
        return ""
    if digits.startswith("+31"):
        national = digits[3:]
    elif digits.startswith("0031"):
        national = digits[4:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        raise ValidationError(_PHONE_MESSAGE, code="invalid_phone")
    if national.startswith("0") and len(national) == 10:
        national = national[1:]
    if not national.isdigit() or len(national) != 9 or national.startswith("0"):
        raise ValidationError(_PHONE_MESSAGE, code="invalid_phone")
    return typed


def register_number_clean(value: str, *, register: RegisterFormat) -> str:
    """Return the number as digits only, or raise a ValidationError in Dutch.

    An empty value stays empty: every register number is optional.
    """
    cleaned = _SEPARATORS.sub("", value or "").upper()
    if register.prefix and cleaned.startswith(register.prefix):
        cleaned = cleaned[len(register.prefix) :].lstrip(":")
    if not cleaned:
        return ""
    if not cleaned.isdigit() or not (register.min_digits <= len(cleaned) <= register.max_digits):
        raise ValidationError(register.message, code="invalid_register_number")
    return cleaned
