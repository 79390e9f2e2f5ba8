"""The one euro formatter (portal.core.money) and its template filter: Dutch notation,
half-up rounding, a no-break space after the sign, whatever language is active."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.core.money import format_euro, format_number


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("1918"), "€ 1.918"),
        (Decimal("1917.50"), "€ 1.918"),
        (Decimal("-250"), "€ -250"),
        (Decimal("0"), "€ 0"),
        (Decimal("1234567.89"), "€ 1.234.568"),
        (17004, "€ 17.004"),
    ],
)
def test_whole_euros(amount, shown: str) -> None:
    assert format_euro(amount) == shown.replace(" ", "\u00a0")


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("1234.56"), "€ 1.234,56"),
        (Decimal("0"), "€ 0,00"),
        (Decimal("-250"), "€ -250,00"),
        (Decimal("1250000.5"), "€ 1.250.000,50"),
        (Decimal("0.005"), "€ 0,01"),  # half up, as the calculator rounds
        (Decimal("-31.505"), "€ -31,51"),
    ],
)
def test_euros_with_cents(amount, shown: str) -> None:
    assert format_euro(amount, cents=True) == shown.replace(" ", "\u00a0")


def test_no_amount_is_an_empty_text() -> None:
    assert format_euro(None) == ""
    assert format_euro(None, cents=True) == ""


def test_dutch_notation_in_an_english_admin_session_too() -> None:
    with translation.override("en"):
        assert format_euro(Decimal("1918.5"), cents=True) == "€\u00a01.918,50"
        assert format_number(Decimal("2.25"), decimals=1) == "2,3"


def test_template_filter_writes_the_same_as_the_formatter() -> None:
    template = Template(
        '{% load money %}{{ amount|euro }}|{{ amount|euro:"cents" }}|{{ nothing|euro }}'
    )
    rendered = template.render(Context({"amount": Decimal("-1918.5"), "nothing": "geen"}))
    assert rendered == "€\u00a0-1.919|€\u00a0-1.918,50|"
