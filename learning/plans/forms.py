"""Forms of the practice plan builder: start a plan, and the answer of a text section.

The rules (guard, lengths, which templates) live in `learning.plans.practice`; these
forms only read and check the input's shape, with Dutch messages.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import PlanTemplatePage
from .practice import ANSWER_MAX_LENGTH

# Digits only, and short enough for a 64-bit integer column on every database: a longer
# number makes SQLite raise OverflowError instead of simply finding nothing.
_POSITIVE_ID = re.compile(r"[0-9]{1,18}")


def parse_positive_id(value: Any) -> int | None:
    """The positive id in `value` (a string from the address or a form), or None when it
    is empty, not made of digits only, zero, or longer than 18 digits."""
    text = str(value if value is not None else "")
    if not _POSITIVE_ID.fullmatch(text):
        return None
    return int(text) or None


class TemplateChoiceField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> PlanTemplatePage | None:
        if value in self.empty_values or isinstance(value, self.queryset.model):
            return super().to_python(value)
        # Refuse what is no id before querying, so a huge number is an invalid choice
        # (with the Dutch message) and not an OverflowError of the database driver.
        if parse_positive_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def label_from_instance(self, obj: PlanTemplatePage) -> str:
        return _("%(title)s (versie %(version)s)") % {"title": obj.title, "version": obj.version}


class PlanStartForm(forms.Form):
    """Choose a template and a working title. Case and lesson assignment come from the
    address (?casus=, ?les=&opdracht=) and travel along as hidden fields."""

    template = TemplateChoiceField(
        label=_("Sjabloon"),
        queryset=PlanTemplatePage.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Kies een sjabloon."),
            "invalid_choice": _("Kies een van de sjablonen uit de lijst."),
        },
    )
    title = forms.CharField(
        label=_("Werktitel"),
        required=False,
        max_length=200,
        help_text=_(
            "Een naam waaraan je het plan terugkent, zonder namen of andere gegevens van "
            "het huishouden. Laat je dit leeg, dan heet het plan naar het sjabloon en de datum."
        ),
        error_messages={"max_length": _("Gebruik voor de werktitel hoogstens 200 tekens.")},
    )
    casus = forms.IntegerField(required=False, widget=forms.HiddenInput)
    les = forms.IntegerField(required=False, widget=forms.HiddenInput)
    opdracht = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, templates=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if templates is not None:
            self.fields["template"].queryset = templates


class PlanSectionForm(forms.Form):
    """The answer of one text section; its label is the section's heading."""

    # No max_length on the field: browsers send a line break as "\r\n", so the raw value
    # is longer than what the textarea's maxlength counted. The length is checked by
    # practice_plan_section_save after normalising the line breaks; the attribute stays
    # on the widget so the browser still stops typing at the limit.
    answer = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "maxlength": ANSWER_MAX_LENGTH}),
    )

    def __init__(self, *args: Any, section: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        field.label = _("Je antwoord bij ‘%(heading)s’") % {"heading": section["heading"]}
        field.help_text = _("Hoogstens %(max)s tekens. Noem geen namen, adressen of nummers.") % {
            "max": ANSWER_MAX_LENGTH
        }
        field.widget.attrs["data-autosave"] = "true"
