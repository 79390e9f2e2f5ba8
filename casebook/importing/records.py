"""The record format of a case import, and its validation.

A record is an object with these keys (optional ones may be left out):

    title              text, required (the page title's length)
    household          text, required      \
    situation          text, required       |
    perspective        text, required       |  lengths: the model's fields
    needs              {"self": text, "support": text, "treatment": text}, optional
    barrier            text, required       |
    breakthrough       text, required       |
    engagement         text, optional      /
    problem_domains    list of names, at least one ("Schulden", "Wonen", ...)
    legal_bases        list of {"law": name, "article": "35 lid 1", "reasoning": text},
                       at least one; article and reasoning are optional
    phase              "eerste_nood" | "stabiliseren" | "hoop_doet_leven", or the Dutch label
    region             name of a region (municipality)
    year               whole number from 1990 up to the current year
    outcome            "gerealiseerd" | "lopend" | "niet_gelukt", or the Dutch label
    breakthrough_cost  amount >= 0, optional (default 0)
    costs              {domain: {"direct": amount, "prevented": amount}}, optional; domain is a
                       cost-domain label ("Wmo 2015", "Jeugdwet", "Wgs", "Participatiewet",
                       "Zvw", "Wlz", "Overig"), its code ("wmo", ...) or the name or
                       abbreviation of a law, which counts in that law's cost domain.
                       direct: + return, - cost; prevented: >= 0. Missing amounts are 0.

Amounts are numbers, or text in Dutch or plain notation ("1.918,50", "€ 1918.50").
Every text (the title, the case's TEXT_FIELDS, each legal reasoning) passes the
anonymisation guard. Every error is collected as (record number, field, Dutch message).
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.utils import timezone
from wagtail.models import Page

from portal.anonymisation.validation import personal_data_errors
from portal.core.money import parse_amount

from ..models import CaseLegalBasis, CasePage, CostDomain, LawArticle, Outcome, Phase
from .names import Names, known_list

MIN_YEAR = 1990
MAX_AMOUNT = Decimal("9999999999.99")  # max_digits=12, decimal_places=2

#: The case's texts that are nested under "needs" in a record ({"self": ..., ...}).
NEEDS_FIELDS = ("needs_self", "needs_support", "needs_treatment")
NEEDS_KEYS = tuple(name.removeprefix("needs_") for name in NEEDS_FIELDS)


def _limit(model: type, name: str) -> int:
    return model._meta.get_field(name).max_length


#: Flat texts of a record and their longest length, from the model's own fields.
TEXT_LIMITS = {
    "title": _limit(Page, "title"),
    **{name: _limit(CasePage, name) for name in CasePage.TEXT_FIELDS if name not in NEEDS_FIELDS},
}
NEEDS_LIMIT = max(_limit(CasePage, name) for name in NEEDS_FIELDS)
REASONING_LIMIT = _limit(CaseLegalBasis, "reasoning")
ARTICLE_LIMIT = _limit(LawArticle, "article")
#: Texts a record must have: the title and the case fields the model requires.
REQUIRED_TEXTS = (
    "title",
    *(
        name
        for name in CasePage.TEXT_FIELDS
        if name not in NEEDS_FIELDS and not CasePage._meta.get_field(name).blank
    ),
)
KNOWN_KEYS = {
    *TEXT_LIMITS,
    "needs",
    "problem_domains",
    "legal_bases",
    "phase",
    "region",
    "year",
    "outcome",
    "breakthrough_cost",
    "costs",
}
_ARTICLE_PREFIX = re.compile(r"^(art\.?|artikel)\s+", re.IGNORECASE)


class ImportIssue(NamedTuple):
    """One error: record number (1-based; 0 for the file as a whole), field, Dutch message."""

    record: int
    field: str
    message: str


class CaseImportError(Exception):
    """The import stored nothing; `.errors` lists every problem found."""

    def __init__(self, errors: list[ImportIssue]) -> None:
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} fout(en) in de import; er is niets opgeslagen.")


@dataclass
class ImportResult:
    """What an import stored: the new pages, skipped identical records, created names."""

    created: int
    pages: list[CasePage]
    skipped: int = 0
    created_names: dict[str, list[str]] = field(default_factory=dict)


def _record_key(name: str) -> str:
    """Where the validator keeps a case text: "needs.self" for needs_self."""
    return f"needs.{name.removeprefix('needs_')}" if name in NEEDS_FIELDS else name


@dataclass
class CaseRecord:
    """A validated record, with canonical names and values. `texts` holds the case's
    TEXT_FIELDS by name."""

    number: int
    title: str
    texts: dict[str, str]
    problem_domains: list[str]
    legal_bases: list[tuple[str, str, str]]
    phase: str
    region: str
    year: int
    outcome: str
    breakthrough_cost: Decimal
    costs: dict[str, tuple[Decimal, Decimal]]

    def signature(self) -> tuple:
        """Everything that makes two cases the same (for duplicate titles)."""
        return (
            self.title,
            *(self.texts[name] for name in CasePage.TEXT_FIELDS),
            tuple(sorted(self.problem_domains)),
            tuple(self.legal_bases),
            self.phase,
            self.region,
            self.year,
            self.outcome,
            self.breakthrough_cost,
            tuple(sorted(self.costs.items())),
        )


class Validator:
    """Checks records one by one and collects every error (record number, field, message)."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.errors: list[ImportIssue] = []
        self.number = 0
        #: Seconds spent in the anonymisation guard (the import benchmark reports it),
        #: and how many texts it was given and how many distinct ones it checked.
        self.guard_seconds = 0.0
        self.guard_processor_seconds = 0.0
        self.guard_texts = 0
        self.guard_checks = 0
        self._guarded: dict[tuple[str, str], tuple[str, ...]] = {}

    def _guard_messages(self, name: str, text: str) -> tuple[str, ...]:
        """The guard's messages for one text of a record. A file often repeats a text
        (a standard reasoning, the same household): the guard is a pure function of
        the field and its text, so each pair is checked once per import. No quote:
        import errors are printed on the terminal too (kind and field only)."""
        self.guard_texts += 1
        key = (name, text)
        if key not in self._guarded:
            self.guard_checks += 1
            messages = personal_data_errors({name: text}, quote=False).get(name, ())
            self._guarded[key] = tuple(messages)
        return self._guarded[key]

    def error(self, field_name: str, message: str) -> None:
        self.errors.append(ImportIssue(self.number, field_name, message))

    def text(
        self, data: Mapping, key: str, *, limit: int, required: bool, name: str | None = None
    ) -> str:
        name = name or key
        value = data.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(name, "Dit veld moet tekst zijn.")
            return ""
        value = value.strip()
        if required and not value:
            self.error(name, "Dit veld is verplicht.")
        elif len(value) > limit:
            self.error(name, f"Deze tekst is te lang: {len(value)} tekens, hooguit {limit}.")
        return value

    def amount(self, value: Any, name: str, *, minimum: Decimal | None = None) -> Decimal:
        if value is None or value == "":
            return Decimal("0.00")
        amount = parse_amount(value)
        if amount is None:
            self.error(name, f"‘{value}’ is geen bedrag; schrijf bijvoorbeeld 1918.50 of 1.918,50.")
            return Decimal("0.00")
        if amount != amount.quantize(Decimal("0.01")):
            self.error(name, f"Het bedrag {value} heeft meer dan twee decimalen.")
        elif abs(amount) > MAX_AMOUNT:
            self.error(name, f"Het bedrag {value} is te groot.")
        elif minimum is not None and amount < minimum:
            self.error(name, f"Het bedrag mag niet negatief zijn (nu {value}).")
        return amount.quantize(Decimal("0.01"))

    def choice(self, value: Any, name: str, choices: type) -> str:
        options = ", ".join(f"{value} ({label})" for value, label in choices.choices)
        if not isinstance(value, str) or not value.strip():
            self.error(name, f"Dit veld is verplicht; kies uit: {options}.")
            return ""
        folded = value.strip().casefold()
        for option, label in choices.choices:
            if folded in (option, str(label).casefold()):
                return option
        self.error(name, f"Onbekende waarde ‘{value}’; kies uit: {options}.")
        return ""

    def record(self, number: int, data: Any) -> CaseRecord | None:
        self.number = number
        if not isinstance(data, Mapping):
            self.error("", "Dit record is geen object met velden.")
            return None
        for key in data:
            if key == "_extra_cells":
                self.error("", "Deze regel heeft meer cellen dan er kolommen zijn.")
            elif key not in KNOWN_KEYS:
                self.error(
                    str(key),
                    f"Onbekend veld ‘{key}’; bekende velden: {known_list(sorted(KNOWN_KEYS))}.",
                )
        texts = {
            key: self.text(data, key, limit=limit, required=key in REQUIRED_TEXTS)
            for key, limit in TEXT_LIMITS.items()
        }
        needs = data.get("needs") or {}
        if not isinstance(needs, Mapping):
            self.error("needs", 'Dit veld moet een object zijn: {"self", "support", "treatment"}.')
            needs = {}
        for key in needs:
            if key not in NEEDS_KEYS:
                self.error(f"needs.{key}", "Onbekend veld; gebruik self, support en treatment.")
        for key in NEEDS_KEYS:
            texts[f"needs.{key}"] = self.text(
                needs, key, limit=NEEDS_LIMIT, required=False, name=f"needs.{key}"
            )

        domains = self._domains(data.get("problem_domains"))
        bases = self._legal_bases(data.get("legal_bases"), texts)
        phase = self.choice(data.get("phase"), "phase", Phase)
        outcome = self.choice(data.get("outcome"), "outcome", Outcome)
        region = self._region(data.get("region"))
        year = self._year(data.get("year"))
        cost = self.amount(data.get("breakthrough_cost"), "breakthrough_cost", minimum=Decimal(0))
        costs = self._costs(data.get("costs"))

        guard_started, guard_cpu = time.perf_counter(), time.process_time()
        for name, value in texts.items():
            for message in self._guard_messages(name, value):
                self.error(name, message)
        self.guard_seconds += time.perf_counter() - guard_started
        self.guard_processor_seconds += time.process_time() - guard_cpu

        return CaseRecord(
            number=number,
            title=texts["title"],
            texts={name: texts[_record_key(name)] for name in CasePage.TEXT_FIELDS},
            problem_domains=domains,
            legal_bases=bases,
            phase=phase,
            region=region,
            year=year,
            outcome=outcome,
            breakthrough_cost=cost,
            costs=costs,
        )

    def _domains(self, value: Any) -> list[str]:
        if value is None or value == []:
            self.error("problem_domains", "Noem ten minste één probleemdomein.")
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error("problem_domains", "Dit veld moet een lijst van namen zijn.")
            return []
        names: list[str] = []
        for item in value:
            if not item.strip():
                continue
            name = self.names.domain(item.strip())
            if name is None:
                self.error(
                    "problem_domains",
                    f"Onbekend probleemdomein ‘{item}’. Bekend zijn: "
                    f"{self.names.known_domains()}. Met --create-missing wordt het aangemaakt.",
                )
            elif name not in names:
                names.append(name)
        return names

    def _region(self, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            self.error("region", "Dit veld is verplicht: de naam van een regio.")
            return ""
        name = self.names.region(value.strip())
        if name is None:
            self.error(
                "region",
                f"Onbekende regio ‘{value}’. Bekend zijn: {self.names.known_regions()}. "
                "Met --create-missing wordt ze aangemaakt.",
            )
            return ""
        return name

    def _year(self, value: Any) -> int:
        last = timezone.now().year
        if isinstance(value, bool) or not isinstance(value, int):
            self.error("year", "Dit veld is verplicht: een jaartal, bijvoorbeeld 2025.")
            return 0
        if not MIN_YEAR <= value <= last:
            self.error("year", f"Het jaar {value} ligt niet tussen {MIN_YEAR} en {last}.")
        return value

    def _legal_bases(self, value: Any, texts: dict[str, str]) -> list[tuple[str, str, str]]:
        if value is None or value == []:
            self.error("legal_bases", "Noem ten minste één wettelijke grondslag.")
            return []
        if not isinstance(value, list):
            self.error("legal_bases", "Dit veld moet een lijst zijn van {law, article, reasoning}.")
            return []
        bases: list[tuple[str, str, str]] = []
        for index, item in enumerate(value, start=1):
            prefix = f"legal_bases[{index}]"
            if not isinstance(item, Mapping):
                self.error(prefix, "Een grondslag moet een object zijn: {law, article, reasoning}.")
                continue
            for key in item:
                if key not in ("law", "article", "reasoning"):
                    self.error(
                        f"{prefix}.{key}", "Onbekend veld; gebruik law, article en reasoning."
                    )
            law_text = self.text(item, "law", limit=120, required=True, name=f"{prefix}.law")
            article = self.text(item, "article", limit=60, required=False, name=f"{prefix}.article")
            article = _ARTICLE_PREFIX.sub("", article).strip()
            reasoning = self.text(
                item, "reasoning", limit=REASONING_LIMIT, required=False, name=f"{prefix}.reasoning"
            )
            texts[f"{prefix}.reasoning"] = reasoning
            if len(article) > ARTICLE_LIMIT:
                self.error(
                    f"{prefix}.article", f"Het artikel is langer dan {ARTICLE_LIMIT} tekens."
                )
                article = ""
            if not law_text:
                continue
            law = self.names.law(law_text)
            if law is None:
                self.error(
                    f"{prefix}.law",
                    f"Onbekende wet ‘{law_text}’. Bekend zijn: {self.names.known_laws()}. "
                    "Met --create-missing wordt ze aangemaakt.",
                )
                continue
            if article:
                article = self.names.article(law, article)
            bases.append((law, article, reasoning))
        return bases

    def _costs(self, value: Any) -> dict[str, tuple[Decimal, Decimal]]:
        if value is None or value == {}:
            return {}
        if not isinstance(value, Mapping):
            self.error(
                "costs",
                'Dit veld moet een object zijn: {"Wmo 2015": {"direct": …, "prevented": …}}.',
            )
            return {}
        costs: dict[str, tuple[Decimal, Decimal]] = {}
        labels = ", ".join(str(label) for label in CostDomain.labels)
        for key, amounts in value.items():
            name = f"costs.{key}"
            domain = self.names.cost_domain(str(key).strip())
            if domain is None:
                self.error(
                    name,
                    f"Onbekend kostendomein ‘{key}’; gebruik een van: {labels} "
                    "(of de naam van een bekende wet).",
                )
                continue
            if domain in costs:
                self.error(name, "Dit kostendomein staat twee keer in de kosten.")
                continue
            if not isinstance(amounts, Mapping):
                self.error(name, 'Geef de bedragen als {"direct": …, "prevented": …}.')
                continue
            for part in amounts:
                if part not in ("direct", "prevented"):
                    self.error(f"{name}.{part}", "Onbekend veld; gebruik direct en prevented.")
            costs[domain] = (
                self.amount(amounts.get("direct"), f"{name}.direct"),
                self.amount(amounts.get("prevented"), f"{name}.prevented", minimum=Decimal(0)),
            )
        return costs
