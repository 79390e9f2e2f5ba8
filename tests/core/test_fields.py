"""portal.core.fields: numbers as people type them in the Netherlands."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms

from portal.core.fields import DutchDecimalField


class AmountForm(forms.Form):
    amount = DutchDecimalField(max_digits=10, decimal_places=2, required=False)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("2.400,00", Decimal("2400.00")),
        ("2400,5", Decimal("2400.5")),
        ("€ 2.400", Decimal("2400")),
        ("1,918.50", Decimal("1918.50")),
        ("12.50", Decimal("12.50")),
        (" 7 ", Decimal("7")),
        ("", None),
    ],
)
def test_dutch_and_plain_notation_are_read(typed, amount):
    form = AmountForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == amount


@pytest.mark.parametrize("typed", ["twee", "1,2,3", "0,005", "123.456.789,00"])
def test_what_is_not_an_amount_gets_a_message_and_is_kept(typed):
    form = AmountForm({"amount": typed})
    assert not form.is_valid()
    assert form.errors["amount"]
    assert f'value="{typed}"' in str(form["amount"])


def test_the_input_lets_people_type_a_comma():
    html = str(AmountForm()["amount"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
