"""The one SVG bar chart of the portal, drawn on the server (no JavaScript, no inline
styles, so the CSP holds):

    chart = bar_chart(slug="prevented", title="Voorkomen kosten per wetsdomein",
                      rows=[("Wmo 2015", Decimal("1918")), ("Jeugdwet", Decimal("-250"))])
    {% include "core/includes/bar_chart.html" with chart=chart %}

Each bar sits under its label with its value beside it, on a shared scale with zero, so
negative values (costs) point left of a zero line. The SVG has role="img" with a <title>
and a <desc> that reads out every value, so a screen reader hears the figures; a page
shows the same numbers in a table too. Every number in the SVG is a plain string, so the
template's localisation can never turn a coordinate into "12,5". A negative value also
carries its minus sign in its text: the meaning is never in the colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .money import format_euro

WIDTH = 420
PLOT_WIDTH = 300
VALUE_X = 310
ROW_HEIGHT = 46
BAR_HEIGHT = 20


@dataclass(frozen=True)
class ChartBar:
    label: str
    value: Decimal
    value_text: str
    negative: bool
    label_y: str
    bar_x: str
    bar_y: str
    bar_width: str
    value_y: str


@dataclass(frozen=True)
class BarChart:
    """What `core/includes/bar_chart.html` draws. `slug` makes the ids unique on a page."""

    slug: str
    title: str
    description: str
    bars: list[ChartBar]
    height: str
    #: The zero line, drawn when a value is negative.
    zero_x: str | None
    width: str = str(WIDTH)
    value_x: str = str(VALUE_X)
    bar_height: str = str(BAR_HEIGHT)


def _number(value: float) -> str:
    """A coordinate with at most one decimal, never in exponent notation."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def bar_chart(
    *,
    slug: str,
    title: str,
    rows: Sequence[tuple[str, Decimal | int]],
    value_text: Callable[[Decimal], str] = format_euro,
    note: str = "",
) -> BarChart:
    """Lay out (label, value) rows as horizontal bars on a shared scale with zero.

    `value_text` writes a value for the bar and the description (whole euros by
    default); `note` is added to the description (e.g. where the table is)."""
    values = [(str(label), Decimal(value)) for label, value in rows]
    low = min([Decimal(0), *(value for _label, value in values)])
    high = max([Decimal(0), *(value for _label, value in values)])
    scale = Decimal(PLOT_WIDTH) / ((high - low) or Decimal(1))
    zero = -low * scale
    bars = []
    for row, (label, value) in enumerate(values):
        top = row * ROW_HEIGHT
        start = zero + min(value, Decimal(0)) * scale
        width = abs(value) * scale
        if value and width < 2:
            width = Decimal(2)  # a small value stays visible
        bars.append(
            ChartBar(
                label=label,
                value=value,
                value_text=value_text(value),
                negative=value < 0,
                label_y=_number(top + 15),
                bar_x=_number(float(start)),
                bar_y=_number(top + 21),
                bar_width=_number(float(width)),
                value_y=_number(top + 36),
            )
        )
    if bars:
        description = "; ".join(f"{bar.label}: {bar.value_text}" for bar in bars) + "."
    else:
        description = _("Geen gegevens.")
    if note:
        description = f"{description} {note}"
    return BarChart(
        slug=slug,
        title=title,
        description=description,
        bars=bars,
        height=_number(max(len(bars), 1) * ROW_HEIGHT + 4),
        zero_x=_number(float(zero)) if low < 0 else None,
    )
