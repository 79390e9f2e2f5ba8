"""The admin form of a case: the anonymisation guard on every save.

Every text of a case (its fields, the StreamField body and the reasoning of each legal
basis) is checked for personal data before Wagtail stores anything: an error on any field
keeps the form invalid, so neither a draft revision nor a publication is made, and the
editor sees a Dutch message at the field that names the kind of data found.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from portal.anonymisation.validation import personal_data_errors

#: Texts of a case page checked by the guard besides the model's TEXT_FIELDS: the title,
#: the StreamField body and the promote tab's texts (public too).
PAGE_TEXT_FIELDS = ("title", "body", "seo_title", "search_description")
LEGAL_BASES_FORMSET = "legal_bases"
LEGAL_BASIS_TEXT_FIELDS = ("reasoning",)


def _label(form: forms.BaseForm, name: str) -> str:
    field = form.fields.get(name)
    return str(capfirst(field.label)) if field is not None and field.label else name


def _add_personal_data_errors(form: forms.BaseForm, names: tuple[str, ...]) -> bool:
    """Check the cleaned values of `names` on `form`; add the errors to their fields.
    Returns whether anything was found."""
    values: dict[str, Any] = {
        name: form.cleaned_data[name]
        for name in names
        if name in form.fields and form.cleaned_data.get(name)
    }
    errors = personal_data_errors(values, labels={name: _label(form, name) for name in values})
    for name, messages in errors.items():
        for message in messages:
            form.add_error(name, message)
    return bool(errors)


class CasePageForm(WagtailAdminPageForm):
    """CasePage's admin form (CasePage.base_form_class)."""

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        # The model's own list of texts (CasePage.TEXT_FIELDS; models import this form).
        texts = (*PAGE_TEXT_FIELDS, *self._meta.model.TEXT_FIELDS)
        found = _add_personal_data_errors(self, texts)
        formset = self.formsets.get(LEGAL_BASES_FORMSET)
        if formset is not None:
            for subform in formset.forms:
                # is_valid() cleans the subform once; the formset's own validation later
                # reuses these errors, so the formset (and the page form) stays invalid.
                if not subform.is_valid():
                    continue
                if formset.can_delete and formset._should_delete_form(subform):
                    continue
                found = _add_personal_data_errors(subform, LEGAL_BASIS_TEXT_FIELDS) or found
        if found:
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "De casus bevat persoonsgegevens en is niet opgeslagen. Pas de "
                        "gemarkeerde velden aan: een casus moet anoniem zijn."
                    ),
                    code="personal_data",
                ),
            )
        return cleaned_data
