"""The one SVG bar chart (portal.core.charts) and its template: bars on a shared scale
with zero, a description that reads out every value, coordinates as plain strings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from portal.core.charts import bar_chart


def test_bars_share_a_scale_with_zero_and_the_description_reads_every_value() -> None:
    chart = bar_chart(
        slug="voorkomen",
        title="Voorkomen kosten",
        rows=[("Wmo 2015", Decimal("1000")), ("Jeugdwet", Decimal("250")), ("Wgs", Decimal("-50"))],
        note="De cijfers staan ook in de tabel.",
    )

    widths = [float(bar.bar_width) for bar in chart.bars]
    assert widths[0] == pytest.approx(4 * widths[1], abs=0.5)  # proportional
    assert [bar.negative for bar in chart.bars] == [False, False, True]
    # The cost bar starts left of the zero line, the others at it.
    zero = float(chart.zero_x)
    assert float(chart.bars[2].bar_x) + float(chart.bars[2].bar_width) == pytest.approx(
        zero, abs=0.2
    )
    assert float(chart.bars[0].bar_x) == zero
    assert chart.description == (
        "Wmo 2015: €\xa01.000; Jeugdwet: €\xa0250; Wgs: €\xa0-50. De cijfers staan ook in de tabel."
    )
    # Coordinates are strings, so template localisation cannot write "12,5" into the SVG.
    coordinates = ("label_y", "bar_x", "bar_y", "bar_width", "value_y")
    assert all(isinstance(getattr(bar, key), str) for bar in chart.bars for key in coordinates)
    assert all("," not in getattr(bar, key) for bar in chart.bars for key in coordinates)


def test_only_positive_values_draw_no_zero_line_and_a_tiny_value_stays_visible() -> None:
    chart = bar_chart(
        slug="x", title="Aantal", rows=[("A", 1000), ("B", 1)], value_text=lambda v: f"{v} keer"
    )
    assert chart.zero_x is None
    assert float(chart.bars[1].bar_width) >= 2
    assert chart.bars[1].value_text == "1 keer"


def test_template_is_one_named_image_with_its_caption() -> None:
    chart = bar_chart(slug="kosten", title="Kosten per domein", rows=[("Wmo 2015", 5)])
    html = render_to_string("core/includes/bar_chart.html", {"chart": chart, "caption": "Zie ook"})
    soup = BeautifulSoup(html, "html.parser")
    svg = soup.find("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert soup.find(id=title_id).get_text() == "Kosten per domein"
    assert "Wmo 2015: €\xa05" in soup.find(id=desc_id).get_text()
    assert soup.find("figcaption").get_text() == "Zie ook"
    assert not soup.find_all(attrs={"style": True})
