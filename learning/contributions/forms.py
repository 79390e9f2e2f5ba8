"""The share form: the case text prefilled from the plan (mapping.py), editable, plus
what a plan does not hold, the household's consent and whether to name the organisation.
The rules (guard, consent, organisation) are checked by the service, which the view calls."""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casebook.models import Outcome, Phase, ProblemDomain, Region

from .mapping import CaseDraft
from .services import legal_basis_field

YES, NO = "ja", "nee"

#: The case texts: (field, label, max length, required, rows; 0 = one line, help text).
TEXTS: list[tuple[str, Any, int, bool, int, Any]] = [
    (
        "title",
        _("Titel van de casus"),
        255,
        True,
        0,
        _("Kort en zonder namen, bijv. ‘Huur betaald uit bijzondere bijstand’."),
    ),
    (
        "household",
        _("Huishouden"),
        200,
        True,
        0,
        _("Het type huishouden, bijv. ‘alleenstaande moeder met twee kinderen’."),
    ),
    ("situation", _("Situatieschets"), 5000, True, 6, ""),
    ("perspective", _("Perspectief"), 2000, True, 3, _("Het doel over ongeveer zes maanden.")),
    ("needs_self", _("Wat het huishouden zelf kan"), 2000, False, 3, ""),
    ("needs_support", _("Wat met ondersteuning kan"), 2000, False, 3, ""),
    ("needs_treatment", _("Wat behandeling nodig heeft"), 2000, False, 3, ""),
    ("barrier", _("Belemmering"), 3000, True, 4, ""),
    ("breakthrough", _("Doorbraak"), 3000, True, 4, ""),
    (
        "engagement",
        _("Betrokkenheid"),
        3000,
        False,
        3,
        _("Wat het huishouden wint aan regie en kwaliteit van leven."),
    ),
]


class ContributionForm(forms.Form):
    #: The server checks (novalidate): a required radio group would otherwise show as
    #: invalid (:invalid, red) before anything was submitted.
    use_required_attribute = False

    problem_domains = forms.ModelMultipleChoiceField(
        label=_("Probleemdomeinen"),
        queryset=ProblemDomain.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De giftige cocktail van het huishouden; voorgesteld uit je plan."),
        error_messages={"required": _("Kies minstens één probleemdomein.")},
    )
    phase = forms.ChoiceField(
        label=_("Fase"),
        choices=Phase.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de fase van de aanpak.")},
    )
    region = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Region.objects.order_by("name"),
        empty_label=_("Kies een gemeente of regio"),
        error_messages={"required": _("Kies de gemeente of regio.")},
    )
    year = forms.IntegerField(
        label=_("Jaar"),
        min_value=2000,
        max_value=2100,
        error_messages={"required": _("Vul het jaar in.")},
    )
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    name_organisation = forms.ChoiceField(
        label=_("Mag de casus je organisatie noemen?"),
        choices=[(NO, _("Nee, noem geen organisatie")), (YES, _("Ja, noem mijn organisatie"))],
        widget=forms.RadioSelect,
        initial=NO,
        help_text=_("Je eigen naam staat nooit bij de casus."),
    )
    consent = forms.BooleanField(
        label=_("Het huishouden heeft toestemming gegeven om deze casus geanonimiseerd te delen."),
        required=False,
    )

    def __init__(self, *args: Any, draft: CaseDraft, organisation: str = "", **kwargs: Any) -> None:
        initial = {name: getattr(draft, name) for name, *_rest in TEXTS}
        initial.update(
            problem_domains=draft.problem_domain_ids,
            phase=draft.phase,
            region=draft.region_id,
            year=draft.year,
            outcome=draft.outcome,
        )
        for position, basis in enumerate(draft.legal_bases):
            initial[legal_basis_field(position)] = basis.reasoning
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.draft = draft
        texts: dict[str, forms.Field] = {}
        for name, label, max_length, required, rows, help_text in TEXTS:
            widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
            texts[name] = forms.CharField(
                label=label,
                max_length=max_length,
                required=required,
                help_text=help_text,
                widget=widget,
                error_messages={"required": _("Vul ‘%(label)s’ in.") % {"label": label}},
            )
        for position, basis in enumerate(draft.legal_bases):
            texts[legal_basis_field(position)] = forms.CharField(
                label=_("Redenering bij %(law)s") % {"law": basis.label},
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        # The texts first, in reading order; then the facts and the choices.
        self.fields = {**texts, **self.fields}
        if organisation:
            self.fields["name_organisation"].choices = [
                (NO, _("Nee, noem geen organisatie")),
                (YES, _("Ja, noem ‘%(name)s’") % {"name": organisation}),
            ]

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, *_rest in TEXTS]

    def legal_basis_fields(self) -> list[tuple[Any, forms.BoundField]]:
        return [
            (basis, self[legal_basis_field(i)]) for i, basis in enumerate(self.draft.legal_bases)
        ]

    def typed_texts(self) -> CaseDraft:
        """The texts as typed so far (also of a form with errors), for the guard."""
        data = self.cleaned_data
        return dataclasses.replace(
            self.draft,
            **{name: data.get(name) or "" for name, *_rest in TEXTS},
            legal_bases=[
                dataclasses.replace(basis, reasoning=data.get(legal_basis_field(i)) or "")
                for i, basis in enumerate(self.draft.legal_bases)
            ],
        )

    def to_draft(self) -> CaseDraft:
        data = self.cleaned_data
        legal_bases = [
            dataclasses.replace(basis, reasoning=data.get(legal_basis_field(i), ""))
            for i, basis in enumerate(self.draft.legal_bases)
        ]
        return dataclasses.replace(
            self.draft,
            **{name: data.get(name, "") for name, *_rest in TEXTS},
            legal_bases=legal_bases,
            problem_domain_ids=[domain.pk for domain in data["problem_domains"]],
            phase=data["phase"],
            region_id=data["region"].pk,
            year=data["year"],
            outcome=data["outcome"],
        )
