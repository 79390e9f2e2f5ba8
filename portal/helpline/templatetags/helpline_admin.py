"""Formatting for the helpline report."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils.translation import gettext as _

from ..dates import datetime_long as _datetime_long

register = template.Library()


@register.filter
def percentage(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{round(value * 100)}%"


@register.filter
def hours(value: float | None) -> str:
    """Hours as "3 uur 20 min"."""
    if value is None:
        return "—"
    minutes = round(value * 60)
    whole, rest = divmod(minutes, 60)
    if whole and rest:
        return _("%(h)s uur %(m)s min") % {"h": whole, "m": rest}
    if whole:
        return _("%(h)s uur") % {"h": whole}
    return _("%(m)s min") % {"m": rest}


@register.filter
def datetime_long(value: datetime | None) -> str:
    """ "vrijdag 4 december 2026 om 16:59"."""
    return _datetime_long(value)
