from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class FollowSettingForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Hoe wil je mail krijgen over wat je volgt?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe vaak je een mail wilt krijgen.")},
    )
