"""Form fields shared by search forms (the apps' facet forms and the site search)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

#: Most values one repeatable parameter may hold.
MAX_VALUES = 20


class MultipleValueField(forms.Field):
    """A repeatable query parameter (`?domain=A&domain=B`) as a list of strings."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        values = [str(item).strip() for item in value if str(item).strip()]
        return list(dict.fromkeys(values))

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if len(value) > MAX_VALUES:
            raise forms.ValidationError(
                _("Kies hoogstens %(max)s waarden."), params={"max": MAX_VALUES}
            )
        if any(len(item) > 255 for item in value):
            raise forms.ValidationError(_("Een waarde is te lang."))
