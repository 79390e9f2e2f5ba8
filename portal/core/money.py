"""Amounts of money in Dutch notation: the one euro formatter of the portal.

    format_euro(Decimal("1918.5"))              -> "€ 1.919"       (whole euros)
    format_euro(Decimal("-31.5"), cents=True)   -> "€ -31,50"
    {% load money %}{{ amount|euro }}  {{ amount|euro:"cents" }}

`parse_amount` reads what people type: "2.400,00", "2400,5", "€ 2.400", "1,918.50".

A no-break space follows the sign, so an amount never wraps away from it. Rounding is
half up, as in the calculator. The notation is Dutch whatever language is active (an
editor may use the admin in English; documents are made outside a request).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.formats import number_format

EURO_SIGN = "€\u00a0"
_WHOLE = Decimal("1")
_CENT = Decimal("0.01")


def _decimal(value: Decimal | int | float | str) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def format_number(value: Decimal | int | float, *, decimals: int = 0) -> str:
    """A number in Dutch notation without a currency: `1.918`, `2,5` (half up)."""
    exponent = Decimal(1).scaleb(-decimals)
    amount = _decimal(value).quantize(exponent, rounding=ROUND_HALF_UP)
    with translation.override("nl"):
        return number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_euro(value: Decimal | int | float | str | None, *, cents: bool = False) -> str:
    """`€ 1.918` (whole euros) or, with `cents`, `€ 1.918,50`; "" for None."""
    if value is None or value == "":
        return ""
    amount = _decimal(value).quantize(_CENT if cents else _WHOLE, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{EURO_SIGN}{sign}{format_number(abs(amount), decimals=2 if cents else 0)}"


def parse_amount(value: Any) -> Decimal | None:
    """An amount from a number or text in Dutch or plain notation ("1.918,50", "€ 1918.50",
    "-250", "2.400"); None if it is not one. A dot before exactly three digits groups
    thousands ("2.400" is 2400); a comma is the decimal mark unless a dot follows it."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        text = re.sub(r"[\s\u00a0€]", "", value)
        if text.startswith("−"):
            text = "-" + text[1:]
        if not re.fullmatch(r"[-+]?[\d.,]*\d[\d.,]*", text):
            return None
        if "," in text:
            if "." in text and text.rfind(".") > text.rfind(","):  # 1,918.50
                text = text.replace(",", "")
            else:  # 1.918,50
                text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", text):  # 1.918 / 23.456.789
            text = text.replace(".", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    if not amount.is_finite():
        return None
    return amount
