"""Forms of the case clinics: the list filter, bringing a plan, a comment, attendance."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.models import PracticePlan

from .models import Registration
from .selectors import WHEN_PAST, WHEN_UPCOMING, session_regions


class SessionFilterForm(forms.Form):
    wanneer = forms.ChoiceField(
        label=_("Wanneer"),
        choices=[(WHEN_UPCOMING, _("Komende sessies")), (WHEN_PAST, _("Voorbije sessies"))],
        required=False,
    )
    regio = forms.ChoiceField(label=_("Regio"), required=False)
    vorm = forms.ChoiceField(
        label=_("Vorm"),
        choices=[
            ("", _("Online en op locatie")),
            ("online", _("Online")),
            ("locatie", _("Op locatie")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regions = {region.slug: region for region in session_regions()}
        self.fields["regio"].choices = [("", _("Alle regio's"))] + [
            (slug, region.name) for slug, region in self.regions.items()
        ]

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        form = data.get("vorm") or ""
        return {
            "when": data.get("wanneer") or WHEN_UPCOMING,
            "region": self.regions.get(data.get("regio") or ""),
            "online": {"online": True, "locatie": False}.get(form),
        }


class PlanChoiceForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=_("Oefenplan dat je meeneemt"),
        queryset=PracticePlan.objects.none(),
        required=False,
        empty_label=_("Geen oefenplan"),
        help_text=_(
            "Alleen de begeleider van deze sessie kan het plan lezen. We controleren het plan "
            "eerst op persoonsgegevens."
        ),
    )

    def __init__(self, *args: Any, plans: list[PracticePlan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = PracticePlan.objects.filter(
            pk__in=[plan.pk for plan in plans]
        ).order_by("-updated_at", "-pk")


class PlanCommentForm(forms.Form):
    """A comment on one section; the section key travels in a plain hidden "section"."""

    text = forms.CharField(
        label=_("Je opmerking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
    )

    def __init__(self, *args: Any, section_key: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"opmerking-{section_key}-%s")
        # Empty boxes are not errors until sent (Utrecht marks a required, empty textarea).
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        self.section_key = section_key


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Aanwezig"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, registrations: list[Registration], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(r.pk), r.user.get_full_name() or r.user.get_username()) for r in registrations
        ]
        self.fields["present"].initial = [str(r.pk) for r in registrations if r.attended]
