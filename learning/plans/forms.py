"""Forms of the practice plan builder: start a plan, and the answer of a text section.

The rules (guard, lengths, which templates) live in `learning.plans.practice`; these
forms only read and check the input's shape, with Dutch messages.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PlanTemplatePage
from .practice import ANSWER_MAX_LENGTH


class TemplateChoiceField(forms.ModelChoiceField):
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

    answer = forms.CharField(
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={
            "max_length": _(
                "Je antwoord is te lang: gebruik hoogstens %(limit_value)d tekens "
                "(nu %(show_value)d)."
            )
        },
    )

    def __init__(self, *args: Any, section: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        field.label = _("Je antwoord bij ‘%(heading)s’") % {"heading": section["heading"]}
        field.help_text = _("Hoogstens %(max)s tekens. Noem geen namen, adressen of nummers.") % {
            "max": ANSWER_MAX_LENGTH
        }
        field.widget.attrs["data-autosave"] = "true"
