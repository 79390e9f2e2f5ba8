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
