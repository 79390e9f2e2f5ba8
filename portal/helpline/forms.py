"""The helpline question ("Hulp nodig?") and the referral (aanmelden) forms.

Both ask for the professional's contact details only, never the household's; the free
text goes through the casebook's anonymisation guard, which refuses personal data with
a message per field while keeping what was typed.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casebook.models import ProblemDomain, Region
from portal.accounts.models import Role
from portal.anonymisation.validation import personal_data_errors

from . import models as m
from .models import ContactPreference, HouseholdType, Submission

#: Laws that carry breakthroughs (DOMAIN.md): suggestions in a datalist, not a closed list.
#: The laws taxonomy of the casebook will replace this list.
LAW_SUGGESTIONS = [
    "Wmo 2015",
    "Jeugdwet",
    "Wet gemeentelijke schuldhulpverlening (Wgs)",
    "Participatiewet",
    "Participatiewet, art. 35 (bijzondere bijstand)",
    "Zorgverzekeringswet (Zvw)",
    "Wet langdurige zorg (Wlz)",
    "Wet kinderopvang",
    "Woningwet",
    "Lokale verordening",
]

HONEYPOT_FIELD = "extra_veld"
#: The municipality select's value for "not in the list": the text field says which.
OTHER_MUNICIPALITY = "anders"
_PHONE_RE = re.compile(r"^\+?[0-9 ()\-.]{6,30}$")


def local_path_or_blank(value: str | None) -> str:
    """`value` when it is a path on this site ("/casussen/..."), else "" (never a URL
    to another site: the path is shown to staff as a link)."""
    value = (value or "").strip()
    if (
        not value
        or len(value) > m.CONTEXT_URL_MAX
        or not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or any(ord(char) < 32 for char in value)
    ):
        return ""
    return value


class _HelplineForm(forms.Form):
    """Shared fields: contact details, urgency, contact preference, honeypot."""

    name = forms.CharField(
        label=_("Je naam"),
        max_length=m.NAME_MAX,
        error_messages={"required": _("Vul je naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=m.ORGANISATION_MAX,
        error_messages={"required": _("Vul de organisatie in waar je werkt.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label=_("Functie"),
        choices=[("", _("Kies je functie")), *Role.choices],
        error_messages={
            "required": _("Kies je functie."),
            "invalid_choice": _("Kies een functie uit de lijst."),
        },
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=m.EMAIL_MAX,
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Je telefoonnummer"),
        max_length=m.PHONE_MAX,
        required=False,
        help_text=_("Het nummer waarop IPW jou kan bellen. Nodig als je gebeld wilt worden."),
        error_messages={"required": _("Vul je telefoonnummer in.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    urgent = forms.BooleanField(
        label=_("Spoed: neem vandaag nog contact met mij op"),
        required=False,
        help_text=_(
            "Bij spoed neemt IPW dezelfde werkdag contact op. Zijn er die dag minder dan "
            "twee werkuren over (na 15.00 uur, of in het weekend), dan de volgende werkdag "
            "vóór 11.00 uur. Zonder spoed binnen twee werkdagen."
        ),
    )
    contact_preference = forms.ChoiceField(
        label=_("Hoe wil je het liefst contact?"),
        choices=ContactPreference.choices,
        initial=ContactPreference.PHONE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe je contact wilt.")},
    )
    contact_time = forms.CharField(
        label=_("Wanneer ben je het best bereikbaar? (niet verplicht)"),
        max_length=m.CONTACT_TIME_MAX,
        required=False,
        help_text=_("Bijvoorbeeld: dinsdag- en donderdagochtend."),
    )
    # Honeypot: hidden from people and assistive technology by the template (a visually
    # hidden wrapper with aria-hidden, the input out of the tab order); bots fill it.
    extra_veld = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not _PHONE_RE.match(phone):
            raise forms.ValidationError(
                _("Vul een telefoonnummer in met alleen cijfers, spaties, + of -.")
            )
        return phone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._clean_municipality(cleaned)
        wants_call = cleaned.get("contact_preference") == ContactPreference.PHONE
        if (wants_call or self.fields["phone"].required) and not cleaned.get("phone"):
            if "phone" not in self.errors:
                self.add_error(
                    "phone",
                    _("Vul je telefoonnummer in, zodat IPW je kan terugbellen."),
                )
        # The one policy: the model's guarded fields that this form asks for.
        guarded = [name for name in Submission.guarded_fields if name in self.fields]
        texts = {name: cleaned[name] for name in guarded if cleaned.get(name)}
        labels = {name: str(self.fields[name].label) for name in texts}
        reason = _("noem niets waaraan het huishouden te herkennen is")
        for name, messages in personal_data_errors(texts, labels=labels, reason=reason).items():
            for message in messages:
                self.add_error(name, message)
        return cleaned

    def _add_municipality_fields(self, *, required: bool, label: str) -> None:
        """The municipality from the casebook's region list, with "anders" and a text
        field; with no list yet, the text field alone."""
        regions = list(Region.objects.order_by("name").values_list("pk", "name"))
        self.region_list = {str(pk): name for pk, name in regions}
        if not regions:
            self.fields["region"].label = label
            self.fields["region"].required = required
            return
        self.fields["municipality"] = forms.ChoiceField(
            label=label,
            required=required,
            choices=[
                ("", _("Kies de gemeente")),
                *[(str(pk), name) for pk, name in regions],
                (OTHER_MUNICIPALITY, _("Anders, namelijk …")),
            ],
            error_messages={
                "required": _("Kies de gemeente."),
                "invalid_choice": _("Kies een gemeente uit de lijst, of ‘Anders’."),
            },
        )
        self.fields["region"].label = _("Andere gemeente (als je ‘Anders’ kiest)")
        self.fields["region"].required = False
        self.fields["region"].help_text = ""
        self.order_fields([*self.field_order_with_municipality()])

    def field_order_with_municipality(self) -> list[str]:
        order = list(self.field_order)
        if "region" in order:
            order.insert(order.index("region"), "municipality")
        return order

    def _clean_municipality(self, cleaned: dict[str, Any]) -> None:
        if "municipality" not in self.fields:
            cleaned["municipality"] = self._region_by_name(cleaned.get("region", ""))
            return
        choice = cleaned.get("municipality") or ""
        typed = (cleaned.get("region") or "").strip()
        if choice == OTHER_MUNICIPALITY:
            if not typed and "region" not in self.errors:
                self.add_error("region", _("Vul de naam van de gemeente in."))
            cleaned["municipality"] = self._region_by_name(typed)
        elif choice:
            cleaned["municipality"] = Region.objects.filter(pk=choice).first()
            cleaned["region"] = ""
        else:
            cleaned["municipality"] = None

    @staticmethod
    def _region_by_name(name: str) -> Region | None:
        """A typed name that is in the list after all counts as the listed one."""
        name = " ".join((name or "").split())
        return Region.objects.filter(name__iexact=name).first() if name else None

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

    @property
    def honeypot(self) -> forms.BoundField:
        return self[HONEYPOT_FIELD]

    def visible_fields(self) -> list[forms.BoundField]:
        """Every visible field except the honeypot (which the template renders apart)."""
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    def submission_data(self) -> dict[str, Any]:
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in {HONEYPOT_FIELD, "consent"}
        }
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = value.strip()
        return data


class QuestionForm(_HelplineForm):
    """A question to the helpline ("Hulp nodig?")."""

    question = forms.CharField(
        label=_("Je vraag"),
        max_length=m.QUESTION_MAX,
        help_text=_(
            "Beschrijf waar je mee vastloopt. Noem geen gegevens van het huishouden: "
            "geen namen, adressen, geboortedata, BSN of telefoonnummers."
        ),
        error_messages={"required": _("Beschrijf je vraag.")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    barrier = forms.CharField(
        label=_("Tegen welke belemmering loop je aan? (niet verplicht)"),
        max_length=m.BARRIER_MAX,
        required=False,
        help_text=_("De regel of werkwijze die de doorbraak in de weg zit."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    related_law = forms.CharField(
        label=_("Welke wet of regeling speelt mee? (niet verplicht)"),
        max_length=m.LAW_MAX,
        required=False,
        help_text=_("Kies een suggestie of typ zelf, bijvoorbeeld ‘Participatiewet, art. 35’."),
        widget=forms.TextInput(attrs={"list": "helpline-law-suggestions", "autocomplete": "off"}),
    )
    region = forms.CharField(
        label=_("In welke gemeente speelt je vraag? (niet verplicht)"),
        max_length=m.REGION_MAX,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    context_url = forms.CharField(
        required=False, max_length=m.CONTEXT_URL_MAX, widget=forms.HiddenInput
    )

    field_order = [
        "name",
        "organisation",
        "role",
        "email",
        "phone",
        "question",
        "barrier",
        "related_law",
        "region",
        "urgent",
        "contact_preference",
        "contact_time",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._add_municipality_fields(
            required=False, label=_("In welke gemeente speelt je vraag? (niet verplicht)")
        )

    def clean_context_url(self) -> str:
        return local_path_or_blank(self.cleaned_data.get("context_url"))


class ReferralForm(_HelplineForm):
    """A referral of a household to IPW (aanmelden), by a GP practice or another referrer.

    IPW calls the referrer back; the referrer passes on the household's contact details
    by phone, so this form never collects them.
    """

    region = forms.CharField(
        label=_("Gemeente van het huishouden"),
        max_length=m.REGION_MAX,
        help_text=_("Alleen de gemeente, geen adres."),
        error_messages={"required": _("Vul de gemeente in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    situation = forms.CharField(
        label=_("Korte schets van de situatie"),
        max_length=m.SITUATION_MAX,
        help_text=_(
            "Wat speelt er en waar loopt het vast? Zonder gegevens waarmee iemand te "
            "herkennen is: geen namen, adressen, geboortedata, BSN of telefoonnummers."
        ),
        error_messages={"required": _("Geef een korte schets van de situatie.")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    problem_domains = forms.ModelMultipleChoiceField(
        label=_("Op welke leefgebieden loopt het vast? (niet verplicht)"),
        queryset=ProblemDomain.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies leefgebieden uit de lijst.")},
    )
    household_type = forms.ChoiceField(
        label=_("Samenstelling van het huishouden (niet verplicht)"),
        choices=[("", _("Kies de samenstelling")), *HouseholdType.choices],
        required=False,
        help_text=_("Alleen de samenstelling: geen namen, leeftijden of geboortedata."),
        error_messages={"invalid_choice": _("Kies een samenstelling uit de lijst.")},
    )
    organisations_involved = forms.IntegerField(
        label=_("Hoeveel organisaties zijn er betrokken? (niet verplicht)"),
        required=False,
        min_value=0,
        max_value=m.ORGANISATIONS_INVOLVED_MAX,
        help_text=_("Een schatting is genoeg, bijvoorbeeld 4."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Vul een heel getal in, bijvoorbeeld 4."),
            "min_value": _("Vul 0 of meer in."),
            "max_value": _("Vul een getal tot en met %(limit_value)s in."),
        },
    )
    barrier = forms.CharField(
        label=_("Welke regel of werkwijze zit de doorbraak in de weg? (niet verplicht)"),
        max_length=m.BARRIER_MAX,
        required=False,
        help_text=_("De belemmering, niet het huishouden: zonder namen of andere gegevens."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_(
            "Het huishouden heeft toestemming gegeven voor deze aanmelding bij IPW en voor "
            "het delen van gegevens met IPW."
        ),
        error_messages={
            "required": _(
                "Bevestig dat het huishouden toestemming heeft gegeven. Zonder toestemming "
                "kunnen we de aanmelding niet aannemen."
            )
        },
    )

    field_order = [
        "name",
        "organisation",
        "role",
        "email",
        "phone",
        "region",
        "situation",
        "problem_domains",
        "household_type",
        "organisations_involved",
        "barrier",
        "urgent",
        "consent",
        "contact_preference",
        "contact_time",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Naam van de verwijzer")
        # IPW calls the referrer back to hear the household's contact details.
        self.fields["phone"].required = True
        self.fields["phone"].help_text = _("IPW belt je terug voor de gegevens van het huishouden.")
        self._add_municipality_fields(required=True, label=_("Gemeente van het huishouden"))


class ReplyForm(forms.Form):
    """The professional's reply in their thread ("Mijn vragen")."""

    body = forms.CharField(
        label=_("Je reactie"),
        max_length=m.ANSWER_MAX,
        help_text=_(
            "IPW krijgt een melding en leest je reactie hier. Noem geen gegevens van het "
            "huishouden."
        ),
        error_messages={
            "required": _("Schrijf je reactie."),
            "max_length": _("Je reactie is te lang: maximaal %(limit_value)s tekens."),
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )
