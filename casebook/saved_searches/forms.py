"""Forms of the saved searches: the name and the mail; the search itself is validated by
the casebook's own search form (params.search_normalise)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import AlertFrequency
from .params import NAME_MAX_LENGTH

#: Ids of the save form's fields (`saved-search-name`), on the casebook and its own page.
CREATE_AUTO_ID = "saved-search-%s"


def edit_form_prefix(pk: int) -> str:
    """Each saved search's form on the profile has ids of its own."""
    return f"zoekopdracht-{pk}"


class SavedSearchEditForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("Leeg laten: dan maken we een naam van je zoekterm en filters."),
    )
    frequency = forms.ChoiceField(
        label=_("E-mail bij nieuwe casussen"),
        choices=AlertFrequency.choices,
        initial=AlertFrequency.NONE,
        error_messages={"invalid_choice": _("Kies geen e-mail, dagelijks of wekelijks.")},
    )

    def add_service_errors(self, error: ValidationError) -> None:
        """Errors of the service (the guard, the limit) at the fields that hold them."""
        for field, messages in error.message_dict.items():
            name = {"query": "q", NON_FIELD_ERRORS: None}.get(field, field)
            if name is not None and name not in self.fields:
                name = None
            for message in messages:
                self.add_error(name, message)


class SavedSearchCreateForm(SavedSearchEditForm):
    """Saving: the name, the mail, and the free text of the search (shown to correct it
    when the guard refuses it; hidden beside the filters otherwise)."""

    q = forms.CharField(label=_("Zoekterm"), max_length=500, required=False)

    field_order = ("name", "q", "frequency")
