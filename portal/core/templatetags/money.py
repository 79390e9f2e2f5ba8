"""`{% load money %}`: `{{ amount|euro }}` (whole euros) and `{{ amount|euro:"cents" }}`."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from portal.core.money import format_euro, format_number

register = template.Library()


@register.filter
def euro(value: Any, precision: str = "") -> str:
    """An amount in Dutch notation (see portal.core.money); "" for what is no number."""
    try:
        return format_euro(value, cents=precision == "cents")
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.filter
def number(value: Any, decimals: int = 0) -> str:
    """A plain number in Dutch notation with a fixed number of decimals."""
    try:
        return format_number(Decimal(str(value)), decimals=int(decimals))
    except (InvalidOperation, TypeError, ValueError):
        return ""
