"""The admin form of a case: one summary when the guard found personal data.

The guard itself runs on the model (CasePage and CaseLegalBasis are GuardedText, see
portal/anonymisation/policy.py): every text of a case, the StreamField body and the
reasoning of each legal basis is checked when the form validates the instance, so an
error on any field keeps the form invalid and neither a draft revision nor a publication
is made. This form adds the Dutch summary above the fields that says why nothing was
saved.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from portal.anonymisation.policy import PERSONAL_DATA

SUMMARY_CODE = "personal_data_summary"


def _has_personal_data_error(form: forms.BaseForm) -> bool:
    return any(
        error.code == PERSONAL_DATA for errors in form.errors.as_data().values() for error in errors
    )


class CasePageForm(WagtailAdminPageForm):
    """CasePage's admin form (CasePage.base_form_class)."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if valid:
            return True
        forms_to_check = [self]
        for formset in self.formsets.values():
            forms_to_check.extend(formset.forms)
        summary_given = any(e.code == SUMMARY_CODE for e in self.non_field_errors().as_data())
        if not summary_given and any(_has_personal_data_error(f) for f in forms_to_check):
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "De casus bevat persoonsgegevens en is niet opgeslagen. Pas de "
                        "gemarkeerde velden aan: een casus moet anoniem zijn."
                    ),
                    code=SUMMARY_CODE,
                ),
            )
        return False
