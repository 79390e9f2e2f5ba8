"""Simple, accessible SVG charts drawn on the server (no JavaScript, no inline styles).

    chart = bar_chart([("Wmo 2015", Decimal("1918")), ("Jeugdwet", Decimal("0"))],
                      title="Voorkomen kosten per wetsdomein")
    {% include "casebook/includes/bar_chart.html" with chart=chart %}

The SVG has role="img" with a <title> and a <desc> that lists every value, so a screen
reader hears the figures; pages should also show the data as a table. Colours come from
CSS classes (static/css/portal.css, section "casebook"), positions from SVG attributes.
Every number put into the SVG is a string, so the template's localisation can never turn
a coordinate into "12,5".
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

CHART_WIDTH = 640
LABEL_WIDTH = 190
VALUE_WIDTH = 110
BAR_HEIGHT = 24
BAR_GAP = 14
PADDING = 8


def format_euro(value: Decimal | int | float) -> str:
    """Whole euros in Dutch notation: `€ 1.918`, `€ -250` (a no-break space after €)."""
    amount = Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    digits = number_format(abs(amount), decimal_pos=0, use_l10n=True, force_grouping=True)
    return f"€\u00a0{sign}{digits}"


def format_number(value: Decimal | int | float) -> str:
    """A count or amount in Dutch notation without a currency: `1.918`."""
    amount = Decimal(str(value))
    decimals = 0 if amount == amount.to_integral_value() else 1
    return number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def bar_chart(
    rows: list[tuple[str, Decimal]],
    *,
    title: str,
    chart_id: str = "",
    value_format: Callable[[Decimal], str] = format_euro,
) -> dict:
    """A horizontal bar chart: one bar per (label, value), scaled to the largest value.

    Returns the context for `casebook/includes/bar_chart.html`. Negative values get no bar
    but keep their (signed) figure. `chart_id` must be unique on the page when a page
    shows several charts with the same title.
    """
    base_id = chart_id or f"chart-{slugify(title) or 'grafiek'}"
    largest = max((value for _label, value in rows if value > 0), default=Decimal(0))
    bar_area = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for position, (label, value) in enumerate(rows):
        top = PADDING + position * (BAR_HEIGHT + BAR_GAP)
        width = int(bar_area * value / largest) if largest and value > 0 else 0
        if value > 0:
            width = max(width, 2)  # a small positive value stays visible
        shown = value_format(value)
        bars.append(
            {
                "label": label,
                "value": value,
                "value_display": shown,
                "label_x": str(LABEL_WIDTH - PADDING),
                "bar_x": str(LABEL_WIDTH),
                "bar_y": str(top),
                "bar_width": str(width),
                "bar_height": str(BAR_HEIGHT),
                "value_x": str(LABEL_WIDTH + width + PADDING),
                "text_y": str(top + BAR_HEIGHT // 2),
            }
        )
    height = PADDING * 2 + max(len(rows), 1) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    if rows:
        description = "; ".join(f"{bar['label']}: {bar['value_display']}" for bar in bars) + "."
    else:
        description = _("Geen gegevens.")
    return {
        "id": base_id,
        "title": title,
        "description": description,
        "width": str(CHART_WIDTH),
        "height": str(height),
        "axis_x": str(LABEL_WIDTH),
        "axis_bottom": str(height - PADDING // 2),
        "bars": bars,
    }
