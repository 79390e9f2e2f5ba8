"""Import example cases from records (JSON objects or CSV rows), all or nothing.

    result = case_import(records=records, parent=index)   # raises CaseImportError
    records = case_export()                                # the same format back

A record is an object with these keys (optional ones may be left out):

    title              text, required, at most 255 characters
    household          text, required (at most 200)
    situation          text, required (5000)
    perspective        text, required (2000)
    needs              {"self": text, "support": text, "treatment": text}, optional (2000 each)
    barrier            text, required (3000)
    breakthrough       text, required (3000)
    engagement         text, optional (3000)
    problem_domains    list of names, at least one ("Schulden", "Wonen", ...)
    legal_bases        list of {"law": name, "article": "35 lid 1", "reasoning": text},
                       at least one; article and reasoning (2000) are optional
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

Rules:
- Names (domains, laws, regions), phase and outcome are matched case-insensitively; a law
  may also be named by its abbreviation ("Wmo", "PW"). An unknown domain, law or region is
  an error that lists the known names, unless create_missing=True: then it is created.
- Articles are open-ended: an unknown article of a known (or created) law is created as a
  LawArticle of that law. A leading "art." or "artikel" is dropped ("art. 35 lid 1").
- Amounts are numbers, or text in Dutch or plain notation ("1.918,50", "€ 1918.50").
- Every text field (title, household, situation, perspective, needs, barrier,
  breakthrough, engagement, each legal reasoning) passes the anonymisation guard.
- Titles: a title that already exists under the parent, or earlier in the same file, is an
  error ("bestaat al") unless the case is identical in every field: then the record is
  skipped (so importing the same file twice changes nothing). Case-insensitive.
- Everything is validated first and every error is collected as (record number, field,
  Dutch message), record numbers 1-based. If there is any error nothing is stored; the
  writes run in one transaction, so an exception midway stores nothing either.
- Imported cases are published with a revision (draft=True: saved as drafts with a
  revision), and behave like cases created in the admin: tree path, depth, url_path,
  parent's numchild, revision as latest (and live) revision, first_published_at, log
  entries (create, edit, publish), search index, reference index, and the page_published
  signal.

Bulk path: creating pages one by one through add_child, save_revision and publish costs
20-50 ms a page. Here the tree paths are computed directly (treebeard's materialised path:
steplen 4, the parent's last child + 1, ...), Page rows are inserted with bulk_create, the
CasePage rows with one multi-row INSERT of CasePage's own columns per batch (Django's
bulk_create refuses multi-table inheritance), then legal bases, costs, domain links,
revisions (content = page.serializable_data(), as save_revision stores it) and log entries
in bulk, and the revision ids are written back in bulk. Search and reference indexes are
updated per batch instead of through one task per saved row.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends
from wagtail.signals import page_published, published

from portal.anonymisation.validation import personal_data_errors

from .exporting import case_export
from .models import (
    CaseCost,
    CaseIndexPage,
    CaseLegalBasis,
    CasePage,
    CostDomain,
    Law,
    LawArticle,
    Outcome,
    Phase,
    ProblemDomain,
    Region,
)

__all__ = ["CaseImportError", "ImportIssue", "ImportResult", "case_export", "case_import"]

Progress = Callable[[int, int], None]

MIN_YEAR = 1990
MAX_AMOUNT = Decimal("9999999999.99")  # max_digits=12, decimal_places=2
BATCH_SIZE = 500

TEXT_LIMITS = {
    "title": 255,
    "household": 200,
    "situation": 5000,
    "perspective": 2000,
    "barrier": 3000,
    "breakthrough": 3000,
    "engagement": 3000,
}
REQUIRED_TEXTS = ("title", "household", "situation", "perspective", "barrier", "breakthrough")
NEEDS_KEYS = ("self", "support", "treatment")
NEEDS_LIMIT = 2000
REASONING_LIMIT = 2000
ARTICLE_LIMIT = LawArticle._meta.get_field("article").max_length
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


@dataclass
class _Case:
    """A validated record, with canonical names and values."""

    number: int
    title: str
    household: str
    situation: str
    perspective: str
    needs_self: str
    needs_support: str
    needs_treatment: str
    barrier: str
    breakthrough: str
    engagement: str
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
            self.household,
            self.situation,
            self.perspective,
            self.needs_self,
            self.needs_support,
            self.needs_treatment,
            self.barrier,
            self.breakthrough,
            self.engagement,
            tuple(sorted(self.problem_domains)),
            tuple(self.legal_bases),
            self.phase,
            self.region,
            self.year,
            self.outcome,
            self.breakthrough_cost,
            tuple(sorted(self.costs.items())),
        )


def _known_list(names: list[str]) -> str:
    return ", ".join(sorted(names, key=str.casefold)) or "(geen)"


class _Names:
    """Lookups for domains, laws, articles and regions; remembers what must be created."""

    def __init__(self, *, create_missing: bool) -> None:
        self.create_missing = create_missing
        self.domains = {
            name.casefold(): name for name in ProblemDomain.objects.values_list("name", flat=True)
        }
        self.regions = {
            name.casefold(): name for name in Region.objects.values_list("name", flat=True)
        }
        self.laws: dict[str, str] = {}
        self.law_domains: dict[str, str] = {}  # law name -> cost domain
        abbreviations: dict[str, list[str]] = {}
        for name, abbreviation, cost_domain in Law.objects.values_list(
            "name", "abbreviation", "cost_domain"
        ):
            self.laws[name.casefold()] = name
            self.law_domains[name] = cost_domain
            if abbreviation:
                abbreviations.setdefault(abbreviation.casefold(), []).append(name)
        self.law_aliases = {
            key: names[0]
            for key, names in abbreviations.items()
            if len(names) == 1 and key not in self.laws
        }
        self.articles: dict[str, dict[str, str]] = {}
        for law_name, article in LawArticle.objects.values_list("law__name", "article"):
            self.articles.setdefault(law_name, {})[article.casefold()] = article
        self.new_domains: dict[str, str] = {}
        self.new_regions: dict[str, str] = {}
        self.new_laws: dict[str, str] = {}
        self.new_articles: dict[tuple[str, str], str] = {}

    def _resolve(
        self, name: str, known: dict[str, str], new: dict[str, str], aliases: dict | None = None
    ) -> str | None:
        key = name.casefold()
        if key in known:
            return known[key]
        if aliases and key in aliases:
            return aliases[key]
        if self.create_missing:
            return new.setdefault(key, name)
        return None

    def domain(self, name: str) -> str | None:
        return self._resolve(name, self.domains, self.new_domains)

    def region(self, name: str) -> str | None:
        return self._resolve(name, self.regions, self.new_regions)

    def law(self, name: str) -> str | None:
        return self._resolve(name, self.laws, self.new_laws, self.law_aliases)

    def article(self, law: str, article: str) -> str:
        known = self.articles.get(law, {})
        key = article.casefold()
        if key in known:
            return known[key]
        return self.new_articles.setdefault((law, key), article)

    def cost_domain(self, key: str) -> str | None:
        folded = key.casefold()
        for value, label in CostDomain.choices:
            if folded in (value, str(label).casefold()):
                return value
        law = self.laws.get(folded) or self.law_aliases.get(folded)
        if law:
            return self.law_domains[law]
        return None

    def known_domains(self) -> str:
        return _known_list(list(self.domains.values()))

    def known_regions(self) -> str:
        return _known_list(list(self.regions.values()))

    def known_laws(self) -> str:
        return _known_list(list(self.laws.values()))


def parse_amount(value: Any) -> Decimal | None:
    """An amount from a number or text ("1.918,50", "€ 1918.50", "-250"); None if invalid."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        text = re.sub(r"[\s\u00a0€]", "", value)
        if text.startswith("−"):
            text = "-" + text[1:]
        if not re.fullmatch(r"[-+]?[\d.,]*\d[\d.,]*", text):
            return None
        if "," in text:
            if "." in text and text.rfind(".") > text.rfind(","):  # 1,918.50
                text = text.replace(",", "")
            else:  # 1.918,50
                text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", text):  # 1.918 / 23.456.789
            text = text.replace(".", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    if not amount.is_finite():
        return None
    return amount


class _Validator:
    def __init__(self, names: _Names) -> None:
        self.names = names
        self.errors: list[ImportIssue] = []
        self.number = 0

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

    def record(self, number: int, data: Any) -> _Case | None:
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
                    f"Onbekend veld ‘{key}’; bekende velden: {_known_list(sorted(KNOWN_KEYS))}.",
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

        for name, messages in personal_data_errors(texts).items():
            for message in messages:
                self.error(name, message)

        return _Case(
            number=number,
            title=texts["title"],
            household=texts["household"],
            situation=texts["situation"],
            perspective=texts["perspective"],
            needs_self=texts["needs.self"],
            needs_support=texts["needs.support"],
            needs_treatment=texts["needs.treatment"],
            barrier=texts["barrier"],
            breakthrough=texts["breakthrough"],
            engagement=texts["engagement"],
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


def _existing_signatures(parent: CaseIndexPage, titles: set[str]) -> dict[str, tuple]:
    """The signatures of the cases under `parent` whose titles are among `titles`."""
    signatures: dict[str, tuple] = {}
    existing = [
        pk
        for pk, title in CasePage.objects.child_of(parent).values_list("pk", "title")
        if title.casefold() in titles
    ]
    if not existing:
        return signatures
    names = _Names(create_missing=False)
    for record in case_export(queryset=CasePage.objects.filter(pk__in=existing)):
        validator = _Validator(names)
        case = validator.record(0, record)
        if case is not None:
            signatures[case.title.casefold()] = case.signature()
    # Titles of existing cases that could not be read back still block the import.
    for title in CasePage.objects.filter(pk__in=existing).values_list("title", flat=True):
        signatures.setdefault(title.casefold(), ())
    return signatures


def _check_titles(
    cases: list[_Case], parent: CaseIndexPage, errors: list[ImportIssue]
) -> list[_Case]:
    """Drop records identical to an existing or earlier case; report other duplicates."""
    titles = {case.title.casefold() for case in cases if case.title}
    existing = _existing_signatures(parent, titles)
    seen: dict[str, tuple[int, tuple]] = {}
    kept: list[_Case] = []
    for case in cases:
        key = case.title.casefold()
        if key in existing:
            if existing[key] != case.signature():
                errors.append(
                    ImportIssue(
                        case.number,
                        "title",
                        f"Er bestaat al een casus ‘{case.title}’ onder ‘{parent.title}’ met "
                        "andere inhoud; kies een andere titel.",
                    )
                )
            continue
        if key in seen:
            number, signature = seen[key]
            if signature != case.signature():
                errors.append(
                    ImportIssue(
                        case.number,
                        "title",
                        f"De titel ‘{case.title}’ bestaat al in record {number} met andere "
                        "inhoud; kies een andere titel.",
                    )
                )
            continue
        seen[key] = (case.number, case.signature())
        kept.append(case)
    return kept


def case_import(
    *,
    records: list[dict],
    parent: CaseIndexPage,
    create_missing: bool = False,
    draft: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate all records, then store them as cases under `parent` in one transaction.

    Raises CaseImportError (nothing stored) with every error found. `progress(done, total)`
    is called with total = 2 x the number of records: one step per record checked, one
    per record stored.
    """
    total = 2 * len(records)
    names = _Names(create_missing=create_missing)
    validator = _Validator(names)
    cases: list[_Case] = []
    for number, record in enumerate(records, start=1):
        case = validator.record(number, record)
        if case is not None:
            cases.append(case)
        if progress and (number % 100 == 0 or number == len(records)):
            progress(number, total)
    errors = validator.errors
    if not records:
        errors.append(ImportIssue(0, "", "Het bestand bevat geen casussen."))
    kept = _check_titles(cases, parent, errors)
    if errors:
        errors.sort(key=lambda issue: issue.record)
        raise CaseImportError(errors)

    with transaction.atomic():
        created_names = _create_missing(names)
        pages = _store(
            cases=kept,
            parent=parent,
            draft=draft,
            progress=(lambda done: progress(len(records) + done, total)) if progress else None,
        )
    if progress:
        progress(total, total)
    return ImportResult(
        created=len(pages),
        pages=pages,
        skipped=len(cases) - len(kept),
        created_names=created_names,
    )


def _unique_slug(name: str, taken: set[str], max_length: int) -> str:
    base = slugify(name)[:max_length] or "item"
    slug, suffix = base, 1
    while slug in taken:
        suffix += 1
        slug = f"{base[: max_length - len(str(suffix)) - 1]}-{suffix}"
    taken.add(slug)
    return slug


def _create_missing(names: _Names) -> dict[str, list[str]]:
    created: dict[str, list[str]] = {}
    if names.new_domains:
        taken = set(ProblemDomain.objects.values_list("slug", flat=True))
        for name in names.new_domains.values():
            ProblemDomain.objects.create(name=name, slug=_unique_slug(name, taken, 80))
        created["problem_domains"] = sorted(names.new_domains.values())
    if names.new_regions:
        taken = set(Region.objects.values_list("slug", flat=True))
        for name in names.new_regions.values():
            Region.objects.create(name=name, slug=_unique_slug(name, taken, 100))
        created["regions"] = sorted(names.new_regions.values())
    if names.new_laws:
        for name in names.new_laws.values():
            Law.objects.create(name=name, cost_domain=CostDomain.OTHER)
        created["laws"] = sorted(names.new_laws.values())
    if names.new_articles:
        laws = {law.name: law for law in Law.objects.all()}
        next_order: dict[str, int] = {}
        for (law_name, _key), article in names.new_articles.items():
            law = laws[law_name]
            if law_name not in next_order:
                last = LawArticle.objects.filter(law=law).order_by("-sort_order").first()
                next_order[law_name] = (last.sort_order or 0) + 1 if last else 0
            LawArticle.objects.create(law=law, article=article, sort_order=next_order[law_name])
            next_order[law_name] += 1
        created["articles"] = sorted(
            f"{law} art. {article}" for (law, _), article in names.new_articles.items()
        )
    return created


def _insert_rows(model: type, objs: list, fields: list) -> None:
    """One multi-row INSERT per batch of the given columns (used for the CasePage rows,
    which bulk_create refuses because CasePage inherits from Page)."""
    manager = model._base_manager
    batch = max(1, connection.ops.bulk_batch_size(fields, objs) or len(objs))
    for start in range(0, len(objs), batch):
        manager._insert(objs[start : start + batch], fields=fields, using=manager.db)


def _reference_index_add(pages: list[CasePage], content_type_id: int, page_type_id: int) -> None:
    """ReferenceIndex.create_or_update_for_object for new pages, in bulk: new pages have
    no references yet, so every extracted reference is inserted."""
    rows = [
        ReferenceIndex(
            content_type_id=content_type_id,
            base_content_type_id=page_type_id,
            object_id=page.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    ]
    ReferenceIndex.objects.bulk_create(
        rows, ignore_conflicts=connection.features.supports_ignore_conflicts
    )


def _store(
    *,
    cases: list[_Case],
    parent: CaseIndexPage,
    draft: bool,
    progress: Callable[[int], None] | None,
) -> list[CasePage]:
    """Write the validated cases (inside the caller's transaction)."""
    parent_row = Page.objects.select_for_update().get(pk=parent.pk)
    last_child = (
        Page.objects.filter(path__startswith=parent_row.path, depth=parent_row.depth + 1)
        .order_by("-path")
        .only("path")
        .first()
    )
    position = Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0
    taken_slugs = set(
        Page.objects.filter(
            path__startswith=parent_row.path, depth=parent_row.depth + 1
        ).values_list("slug", flat=True)
    )
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    content_type = ContentType.objects.get_for_model(CasePage)
    page_type = ContentType.objects.get_for_model(Page)
    domains = dict(ProblemDomain.objects.values_list("name", "pk"))
    regions = dict(Region.objects.values_list("name", "pk"))
    laws = dict(Law.objects.values_list("name", "pk"))
    articles = {
        (law_name, article): pk
        for pk, law_name, article in LawArticle.objects.values_list("pk", "law__name", "article")
    }
    through = CasePage.problem_domains.through
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    case_fields = list(CasePage._meta.local_concrete_fields)
    search_backends = list(get_search_backends(with_auto_update=True))
    child_relations = [relation.name for relation in get_all_child_relations(CasePage)]
    m2m_relations = [field.name for field in get_all_child_m2m_relations(CasePage)]

    all_pages: list[CasePage] = []
    for start in range(0, len(cases), BATCH_SIZE):
        batch = cases[start : start + BATCH_SIZE]
        now = timezone.now()
        pages: list[CasePage] = []
        for case in batch:
            position += 1
            base_slug = slugify(case.title, allow_unicode=allow_unicode)[:240] or "casus"
            slug, suffix = base_slug, 1
            while slug in taken_slugs:
                suffix += 1
                slug = f"{base_slug}-{suffix}"
            taken_slugs.add(slug)
            pages.append(
                CasePage(
                    path=Page._get_path(parent_row.path, parent_row.depth + 1, position),
                    depth=parent_row.depth + 1,
                    numchild=0,
                    translation_key=uuid.uuid4(),
                    locale_id=parent_row.locale_id,
                    live=not draft,
                    has_unpublished_changes=draft,
                    first_published_at=None if draft else now,
                    last_published_at=None if draft else now,
                    title=case.title,
                    draft_title=case.title,
                    slug=slug,
                    content_type=content_type,
                    url_path=f"{parent_row.url_path}{slug}/",
                    latest_revision_created_at=now,
                    household=case.household,
                    situation=case.situation,
                    perspective=case.perspective,
                    needs_self=case.needs_self,
                    needs_support=case.needs_support,
                    needs_treatment=case.needs_treatment,
                    barrier=case.barrier,
                    breakthrough=case.breakthrough,
                    engagement=case.engagement,
                    breakthrough_cost=case.breakthrough_cost,
                    body=[],
                    phase=case.phase,
                    region_id=regions[case.region],
                    year=case.year,
                    outcome=case.outcome,
                )
            )
        # Page rows, then the CasePage rows pointing at them.
        base_rows = [
            Page(**{f.attname: getattr(page, f.attname) for f in page_fields}) for page in pages
        ]
        Page.objects.bulk_create(base_rows)
        if any(row.pk is None for row in base_rows):  # databases without RETURNING
            ids = dict(
                Page.objects.filter(path__in=[row.path for row in base_rows]).values_list(
                    "path", "pk"
                )
            )
            for row in base_rows:
                row.pk = ids[row.path]
        for page, row in zip(pages, base_rows, strict=True):
            page.id = page.page_ptr_id = row.pk
            page._state.adding = False
        _insert_rows(CasePage, pages, case_fields)

        # Related rows.
        bases, costs, links = [], [], []
        for page, case in zip(pages, batch, strict=True):
            page_bases = [
                CaseLegalBasis(
                    page_id=page.pk,
                    law_id=laws[law],
                    article_id=articles[(law, article)] if article else None,
                    reasoning=reasoning,
                    sort_order=order,
                )
                for order, (law, article, reasoning) in enumerate(case.legal_bases)
            ]
            page_costs = [
                CaseCost(
                    page_id=page.pk,
                    domain=domain,
                    direct=direct,
                    prevented=prevented,
                    sort_order=order,
                )
                for order, (domain, (direct, prevented)) in enumerate(case.costs.items())
            ]
            bases += page_bases
            costs += page_costs
            links += [
                through(casepage_id=page.pk, problemdomain_id=domains[name])
                for name in case.problem_domains
            ]
            page._import_children = (
                page_bases,
                page_costs,
                [domains[n] for n in case.problem_domains],
            )
        CaseLegalBasis.objects.bulk_create(bases)
        CaseCost.objects.bulk_create(costs)
        through.objects.bulk_create(links)

        # Revisions, as save_revision stores them: the page as it is now, children included.
        # Every relation is set in memory, so serializable_data() runs no queries.
        for page in pages:
            page_bases, page_costs, domain_ids = page.__dict__.pop("_import_children")
            for relation in child_relations:
                setattr(page, relation, [])
            for relation in m2m_relations:
                setattr(page, relation, [])
            page.legal_bases = page_bases
            page.costs = page_costs
            page.problem_domains = [ProblemDomain(pk=pk) for pk in domain_ids]
        revisions = [
            Revision(
                content_type_id=content_type.pk,
                base_content_type_id=page_type.pk,
                object_id=str(page.pk),
                created_at=now,
                object_str=page.title,
                content=page.serializable_data(),
            )
            for page in pages
        ]
        Revision.objects.bulk_create(revisions)
        if any(revision.pk is None for revision in revisions):
            ids = dict(
                Revision.objects.filter(
                    base_content_type_id=page_type.pk,
                    object_id__in=[str(page.pk) for page in pages],
                ).values_list("object_id", "pk")
            )
            for revision in revisions:
                revision.pk = ids[revision.object_id]
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision_id = revision.pk
            if not draft:
                page.live_revision_id = revision.pk
        # Point the pages at their revisions: one UPDATE per batch (bulk_update would build
        # a CASE expression per row).
        batch_pages = Page.objects.filter(pk__in=[page.pk for page in pages])
        batch_pages.update(
            latest_revision_id=Subquery(
                Revision.objects.filter(
                    base_content_type_id=page_type.pk,
                    object_id=Cast(OuterRef("pk"), output_field=CharField()),
                )
                .order_by("-pk")
                .values("pk")[:1]
            )
        )
        if not draft:
            batch_pages.update(live_revision_id=F("latest_revision_id"))

        # History, as the admin writes it: created, edited (revision), published.
        logs = []
        for page, revision in zip(pages, revisions, strict=True):
            common = {"content_type_id": content_type.pk, "label": page.title, "page_id": page.pk}
            logs.append(
                PageLogEntry(action="wagtail.create", timestamp=now, content_changed=True, **common)
            )
            logs.append(
                PageLogEntry(
                    action="wagtail.edit",
                    timestamp=now,
                    content_changed=True,
                    revision_id=revision.pk,
                    **common,
                )
            )
            if not draft:
                logs.append(
                    PageLogEntry(
                        action="wagtail.publish",
                        timestamp=now,
                        content_changed=True,
                        revision_id=revision.pk,
                        **common,
                    )
                )
        PageLogEntry.objects.bulk_create(logs)

        # Indexes, per batch instead of one task per saved row.
        for backend in search_backends:
            backend.add_bulk(CasePage, pages)
        if ReferenceIndex.is_indexed(CasePage):
            _reference_index_add(pages, content_type.pk, page_type.pk)

        Page.objects.filter(pk=parent_row.pk).update(numchild=F("numchild") + len(pages))
        if not draft:
            for page, revision in zip(pages, revisions, strict=True):
                page_published.send(sender=CasePage, instance=page, revision=revision)
                published.send(sender=CasePage, instance=page, revision=revision)
        all_pages += pages
        if progress:
            progress(start + len(batch))

    parent.numchild = parent_row.numchild + len(all_pages)
    return all_pages
