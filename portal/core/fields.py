"""Form fields for what people type the Dutch way.

`DutchDecimalField` reads amounts and other numbers as people write them ("2.400,00",
"2400,5", "€ 2.400", "1,5") with `portal.core.money.parse_amount`, the same rules as the
case import and the live calculator (static/js/plan-calculator.js), and shows them back
in Dutch notation. Wagtail's admin forms use it for every DecimalField (CoreConfig.ready).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .money import parse_amount


class DutchDecimalField(forms.DecimalField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        if isinstance(self.widget, forms.NumberInput):
            # A number input refuses "2.400,00" before the server sees it.
            self.widget = forms.TextInput(attrs=self.widget.attrs)
        # Phones show a keyboard with digits and a comma.
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        amount = parse_amount(str(value).strip())
        if amount is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)  # only for number inputs
        return attrs
