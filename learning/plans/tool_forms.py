"""Forms of the two tool sections of a practice plan: legal bases and the calculator.

Both are formsets that work without JavaScript: a few empty rows to fill in, a
"verwijderen" checkbox per row. Choices (laws, articles, tariffs) are read once per
request and handed to every row, so a page needs the same queries for 1 or 20 rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from casebook.models import CostDomain, Law, LawArticle
from portal.core.fields import DutchDecimalField
from portal.core.money import format_euro

from ..models import CostSide, PracticePlanCostLine, PracticePlanLegalBasis, Tariff
from .costs import CostLineInput, PlanRowsRefused
from .laws import LegalBasisInput, legal_basis_article_errors, legal_basis_kept_labels

MAX_ROWS = 30

# ---------------------------------------------------------------- law lookup


class LawLookupForm(forms.Form):
    """The law lookup's GET search: words and a cost domain."""

    q = forms.CharField(
        label=_("Zoek een wet, artikel of onderwerp"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld ‘bijzondere bijstand’, ‘Jeugdwet’ of ‘35’."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    domein = forms.ChoiceField(
        label=_("Wetsdomein"),
        required=False,
        choices=[("", _("Alle wetsdomeinen")), *CostDomain.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].error_messages["max_length"] = _(
            "Gebruik hoogstens %(limit_value)d tekens."
        )
        self.fields["domein"].error_messages["invalid_choice"] = _(
            "Kies een wetsdomein uit de lijst."
        )

    def clean_q(self) -> str:
        return " ".join((self.cleaned_data.get("q") or "").split())


# ---------------------------------------------------------------- legal bases


class LawChoices:
    """Laws and articles for the pickers, from `laws.law_choices()` (prefetched), and the
    plan's stored bases (`existing`, by id) so a row knows which basis it edits."""

    def __init__(self, laws: list[Law], existing: Sequence[PracticePlanLegalBasis] = ()) -> None:
        self.laws = {law.pk: law for law in laws}
        self.existing = {basis.pk: basis for basis in existing}
        self.articles: dict[int, LawArticle] = {
            article.pk: article for law in laws for article in law.matching_articles
        }
        self.law_options = [("", _("Kies een wet of regeling"))] + [
            (law.pk, f"{law.name} ({law.abbreviation})" if law.abbreviation else law.name)
            for law in laws
        ]
        self.article_options = [("", _("Geen artikel of nog niet gekozen"))] + [
            (
                law.name,
                [
                    (
                        article.pk,
                        f"{law.abbreviation or law.name} art. {article.article}"
                        + (f" – {article.title}" if article.title else ""),
                    )
                    for article in law.matching_articles
                ],
            )
            for law in laws
            if law.matching_articles
        ]


class LineBreakCharField(forms.CharField):
    """A text field that counts a line break as one character: browsers send "\r\n",
    while the textarea's maxlength counts it once."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n") if text else text


def _row_id(form: forms.Form, name: str) -> int | None:
    """The id in a row's hidden field: submitted (bound form) or initial."""
    value = form.data.get(form.add_prefix(name)) if form.is_bound else form.initial.get(name)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class RowForm(forms.Form):
    """A formset row with hidden ids; a tampered or stale id gets one generic message."""

    @property
    def has_hidden_errors(self) -> bool:
        return any(field.errors for field in self.hidden_fields())


class LegalBasisForm(RowForm):
    basis = forms.IntegerField(required=False, widget=forms.HiddenInput)
    law = forms.TypedChoiceField(label=_("Wet of regeling"), required=False, coerce=int)
    article = forms.TypedChoiceField(
        label=_("Artikel"),
        required=False,
        coerce=int,
        help_text=_("De artikelen staan per wet gegroepeerd."),
    )
    reasoning = LineBreakCharField(
        label=_("Waarom deze grondslag"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leg in een paar zinnen uit waarom deze grondslag de doorbraak draagt."),
    )

    def __init__(self, *args: Any, choices: LawChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["law"].choices = choices.law_options
        self.fields["article"].choices = choices.article_options
        self.fields["law"].error_messages["invalid_choice"] = _(
            "Kies een wet of regeling uit de lijst."
        )
        self.fields["article"].error_messages["invalid_choice"] = _(
            "Kies een artikel uit de lijst."
        )
        self.fields["reasoning"].error_messages["max_length"] = _(
            "Gebruik hoogstens %(limit_value)d tekens (je gebruikt er %(show_value)d)."
        )
        # A stored basis whose law or article an editor removed keeps its saved label:
        # the empty choice of this row says so, and keeps it when left alone.
        self.stored = choices.existing.get(_row_id(self, "basis"))
        self.kept_law_label = self.kept_article_label = ""
        if self.stored is not None:
            if self.stored.law_id is None:
                self.kept_law_label = self.stored.law_label
                self.fields["law"].choices = [
                    ("", _("%(label)s (niet meer in de lijst)") % {"label": self.kept_law_label}),
                    *choices.law_options[1:],
                ]
            if self.stored.article_id is None and self.stored.article_label:
                self.kept_article_label = self.stored.article_label
                self.fields["article"].choices = [
                    (
                        "",
                        _("%(label)s (niet meer in de lijst)") % {"label": self.kept_article_label},
                    ),
                    *choices.article_options[1:],
                ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        law = self.choices.laws.get(data.get("law")) if data.get("law") else None
        article = self.choices.articles.get(data.get("article")) if data.get("article") else None
        if law is None and article is not None and "law" not in self.errors:
            law = self.choices.laws.get(article.law_id)  # the article says which law
        kept_law, _kept_article = legal_basis_kept_labels(
            stored=self.stored, law=law, article=article
        )
        reasoning = (data.get("reasoning") or "").strip()
        if law is None and not kept_law and reasoning and "law" not in self.errors:
            self.add_error("law", _("Kies de wet of regeling waar je toelichting bij hoort."))
        if (law is not None or kept_law) and not reasoning:
            self.add_error("reasoning", _("Schrijf waarom deze grondslag hier van toepassing is."))
        for message in legal_basis_article_errors(law=law, article=article):
            self.add_error("article", message)
        data["law_obj"], data["article_obj"], data["reasoning"] = law, article, reasoning
        data["keeps_law"] = bool(kept_law)
        return data


class BaseLegalBasisFormSet(forms.BaseFormSet):
    def rows(self) -> list[tuple[forms.Form, LegalBasisInput]]:
        """The filled, not deleted rows in order, each with its service input."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or (data.get("law_obj") is None and not data.get("keeps_law")):
                continue
            rows.append(
                (
                    form,
                    LegalBasisInput(
                        law=data["law_obj"],
                        article=data.get("article_obj"),
                        reasoning=data.get("reasoning", ""),
                        basis_id=data.get("basis"),
                    ),
                )
            )
        return rows


LegalBasisFormSet = forms.formset_factory(
    LegalBasisForm,
    formset=BaseLegalBasisFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
)


def legal_bases_formset(
    *,
    data: Mapping[str, Any] | None,
    bases: list[PracticePlanLegalBasis],
    choices: LawChoices,
) -> BaseLegalBasisFormSet:
    initial = [
        {
            "basis": basis.pk,
            "law": basis.law_id,
            "article": basis.article_id,
            "reasoning": basis.reasoning,
        }
        for basis in bases
    ]
    return LegalBasisFormSet(
        data=data,
        initial=initial,
        prefix="grondslag",
        form_kwargs={"choices": choices},
    )


# ---------------------------------------------------------------- cost lines


class TariffSelect(forms.Select):
    """A select whose options carry the tariff's price, domain and unit as data
    attributes, for the live totals in static/js/plan-calculator.js."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tariffs: dict[int, Tariff] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):  # noqa: ANN001, ANN201, PLR0913
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        tariff = self.tariffs.get(value) if isinstance(value, int) else None
        if tariff is None and value not in ("", None):
            try:
                tariff = self.tariffs.get(int(value))
            except (TypeError, ValueError):
                tariff = None
        if tariff is not None:
            option["attrs"].update(
                {
                    "data-price": f"{tariff.amount:.2f}",
                    "data-domain": tariff.cost_domain,
                    "data-unit": tariff.unit,
                }
            )
        return option


class TariffChoices:
    """The tariffs a plan's rows may use (`costs.tariffs_for_plan`), grouped by domain."""

    def __init__(self, tariffs: list[Tariff], existing: list[PracticePlanCostLine]) -> None:
        self.tariffs = {tariff.pk: tariff for tariff in tariffs}
        #: line id -> tariff id of the plan's stored lines
        self.existing = {line.pk: line.tariff_id for line in existing}
        #: line id -> unit price of the plan's stored tariff lines (kept while the row
        #: keeps its tariff: the rule of `costs.practice_plan_costs_save`)
        self.prices = {line.pk: line.unit_price for line in existing if line.tariff_id}
        labels = dict(CostDomain.choices)
        groups: dict[str, list[tuple[int, str]]] = {}
        for tariff in tariffs:
            text = _("%(name)s (%(amount)s per %(unit)s)") % {
                "name": tariff.name,
                "amount": format_euro(tariff.amount, cents=True),
                "unit": tariff.unit,
            }
            if not tariff.active:
                text = _("%(text)s – niet meer in gebruik") % {"text": text}
            groups.setdefault(str(labels.get(tariff.cost_domain, tariff.cost_domain)), []).append(
                (tariff.pk, text)
            )
        self.options = [("", _("Eigen bedrag (vul omschrijving, domein en bedrag in)"))] + list(
            groups.items()
        )


class CostLineForm(RowForm):
    line = forms.IntegerField(required=False, widget=forms.HiddenInput)
    side = forms.ChoiceField(label=_("Kant"), choices=CostSide.choices, initial=CostSide.COST)
    tariff = forms.TypedChoiceField(
        label=_("Standaardtarief"), required=False, coerce=int, widget=TariffSelect
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=200,
        help_text=_("Bij een tarief mag je dit leeg laten."),
    )
    domain = forms.ChoiceField(
        label=_("Wetsdomein"),
        required=False,
        choices=[("", _("Kies bij een eigen bedrag")), *CostDomain.choices],
    )
    unit_price = DutchDecimalField(
        label=_("Eigen bedrag per eenheid (€)"),
        required=False,
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    quantity = DutchDecimalField(
        label=_("Aantal"),
        max_digits=8,
        decimal_places=2,
        initial=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, choices: TariffChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["tariff"].choices = choices.options
        self.fields["tariff"].widget.tariffs = choices.tariffs
        self.fields["tariff"].error_messages["invalid_choice"] = _(
            "Dit tarief is niet (meer) te kiezen; kies een ander tarief of een eigen bedrag."
        )
        self.fields["quantity"].error_messages["required"] = _("Vul het aantal in.")
        for name in ("unit_price", "quantity"):
            self.fields[name].error_messages["invalid"] = _(
                "Vul een getal in, bijvoorbeeld 12,50 of 2.400,00."
            )
            self.fields[name].error_messages["min_value"] = _("Vul 0 of meer in.")
        line_id = _row_id(self, "line")
        #: The stored tariff and unit price this row keeps while its tariff stays the
        #: same; static/js/plan-calculator.js computes the live totals with them.
        self.snapshot_tariff = choices.existing.get(line_id) if line_id in choices.prices else None
        self.snapshot_price = (
            f"{choices.prices[line_id]:.2f}" if self.snapshot_tariff is not None else ""
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        tariff = self.choices.tariffs.get(data.get("tariff")) if data.get("tariff") else None
        if tariff is not None and not tariff.active:
            line_id = data.get("line")
            if self.choices.existing.get(line_id) != tariff.pk:
                self.add_error(
                    "tariff",
                    _(
                        "Het tarief ‘%(name)s’ is niet meer in gebruik voor nieuwe regels; "
                        "kies een ander tarief of een eigen bedrag."
                    )
                    % {"name": tariff.name},
                )
        if tariff is not None and data.get("unit_price") is not None:
            self.add_error(
                "unit_price",
                _(
                    "Bij een standaardtarief vul je geen eigen bedrag in: maak dit veld leeg "
                    "of kies ‘Eigen bedrag’."
                ),
            )
        if tariff is None and "tariff" not in self.errors:
            if not (data.get("description") or "").strip():
                self.add_error("description", _("Geef je eigen regel een omschrijving."))
            if not data.get("domain"):
                self.add_error("domain", _("Kies het wetsdomein van je eigen regel."))
            if data.get("unit_price") is None and "unit_price" not in self.errors:
                self.add_error("unit_price", _("Vul het bedrag per eenheid in."))
        data["tariff_obj"] = tariff
        return data


class BaseCostLineFormSet(forms.BaseFormSet):
    def rows(self) -> list[tuple[forms.Form, CostLineInput]]:
        """The filled, not deleted rows in order, each with its service input."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or data.get("quantity") is None:
                continue
            rows.append(
                (
                    form,
                    CostLineInput(
                        side=data["side"],
                        quantity=data["quantity"],
                        tariff=data.get("tariff_obj"),
                        description=(data.get("description") or "").strip(),
                        domain=data.get("domain") or "",
                        unit_price=data.get("unit_price"),
                        line_id=data.get("line"),
                    ),
                )
            )
        return rows


CostLineFormSet = forms.formset_factory(
    CostLineForm,
    formset=BaseCostLineFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
)


def cost_lines_formset(
    *,
    data: Mapping[str, Any] | None,
    lines: list[PracticePlanCostLine],
    choices: TariffChoices,
) -> BaseCostLineFormSet:
    initial = [
        {
            "line": line.pk,
            "side": line.side,
            "tariff": line.tariff_id,
            "description": ""
            if line.tariff is not None and line.description == line.tariff.name
            else line.description,
            "domain": "" if line.tariff_id else line.domain,
            "unit_price": None if line.tariff_id else line.unit_price,
            "quantity": line.quantity,
        }
        for line in lines
    ]
    return CostLineFormSet(
        data=data,
        initial=initial,
        prefix="regel",
        form_kwargs={"choices": choices},
    )


def formset_add_refused(rows: list[tuple[forms.Form, Any]], refused: PlanRowsRefused) -> None:
    """Put a service's per-row messages (personal data, rules) on the rows' fields."""
    for index, fields in refused.errors.items():
        form = rows[index][0]
        for name, messages in fields.items():
            target = name if name in form.fields else None
            for message in messages:
                form.add_error(target, message)
