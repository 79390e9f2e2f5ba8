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


#: Highest page number a listing accepts.
MAX_PAGE = 100_000


class PageNumberField(forms.CharField):
    """`?page=`: a whole number from 1 (empty: 1); anything else a Dutch message."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Pagina"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value) -> int:
        value = (super().clean(value) or "").strip()
        if not value:
            return 1
        try:
            page = int(value)
        except ValueError:
            page = 0
        if not 1 <= page <= MAX_PAGE:
            raise forms.ValidationError(_("Een paginanummer is een geheel getal vanaf 1."))
        return page
