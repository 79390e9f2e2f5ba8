"""Impact figures over the visible published cases, and the impact page's context.

Only cases that anonymous visitors may see count: live, and outside any private section
(`CasePage.objects.live().public()`); drafts and cases restricted to logged-in
professionals never reach a figure. Every figure is computed in a fixed number of queries,
whatever the number of cases: costs and legal bases are aggregated in SQL, problem domains
are fetched once as a flat list (the combinations are counted in Python). Money stays
Decimal throughout; averages are taken over all cases in the selection and rounded to
cents (half up), the page shows whole euros.

The page computes its figures once per change, not once per request: the figures of each
selection (region, year), the regions and years the filter offers and the laws per law
domain are kept in the page-tree cache (`portal.core.page_cache`), whose generation
changes when a page is saved, published, unpublished, moved or deleted and when privacy
changes, so a newly published case counts from the next request on. The casebook's own
signals (`impact_cache_connect`) start a new generation when its taxonomy (regions,
problem domains, laws, articles) or a case's costs or legal bases change outside a page
save. What is cached are the raw figures: the privacy rule ("minder dan 3") is applied to
them on every request, for the selection that request asks for.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations
from typing import Any

from django import forms
from django.db.models import Count, QuerySet, Sum
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from portal.core.charts import BarChart, bar_chart
from portal.core.page_cache import page_tree_cached, page_tree_changed

from .case_search.counts import ShownCount, count_withheld, counts_protected, shown_count
from .case_search.facets import article_key
from .models import (
    CaseCost,
    CaseIndexPage,
    CaseLegalBasis,
    CasePage,
    CostDomain,
    ImpactPage,
    Law,
    LawArticle,
    ProblemDomain,
    Region,
)

TOP_COMBINATIONS = 10
TOP_LEGAL_BASES = 10
ZERO = Decimal("0.00")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class DomainFigures:
    """Costs of one law domain over the selection. `direct` is signed: + return, − cost."""

    domain: str
    label: str
    direct_total: Decimal
    prevented_total: Decimal
    direct_average: Decimal
    prevented_average: Decimal


@dataclass(frozen=True)
class Combination:
    """A toxic cocktail: problem domains (sorted by name) that occur together in cases."""

    domains: tuple[str, ...]
    count: int

    @property
    def label(self) -> str:
        return " + ".join(self.domains)


@dataclass(frozen=True)
class LegalBasisUse:
    """A law, or one of its articles, and the number of cases that rely on it."""

    law: str
    article: str | None
    count: int

    @property
    def label(self) -> str:
        return f"{self.law} art. {self.article}" if self.article else self.law


@dataclass(frozen=True)
class ImpactFigures:
    region: Region | None
    year: int | None
    case_count: int
    domains: list[DomainFigures]
    direct_total: Decimal
    prevented_total: Decimal
    breakthrough_cost_total: Decimal
    direct_average: Decimal
    prevented_average: Decimal
    pairs: list[Combination] = field(default_factory=list)
    triples: list[Combination] = field(default_factory=list)
    laws: list[LegalBasisUse] = field(default_factory=list)
    articles: list[LegalBasisUse] = field(default_factory=list)

    @property
    def net_total(self) -> Decimal:
        """What the breakthroughs yielded: returns plus prevented costs minus their cost."""
        return self.direct_total + self.prevented_total - self.breakthrough_cost_total


def visible_case_list() -> QuerySet[CasePage]:
    """The cases anonymous visitors may see: published and not in a private section."""
    return CasePage.objects.live().public()


def _average(total: Decimal, count: int) -> Decimal:
    if not count:
        return ZERO
    return (total / count).quantize(CENT, rounding=ROUND_HALF_UP)


def _name_key(names: tuple[str, ...]) -> tuple:
    return (tuple(name.casefold() for name in names), names)


def _top_combinations(domain_sets: list[set[str]], size: int) -> list[Combination]:
    counter: Counter[tuple[str, ...]] = Counter()
    for names in domain_sets:
        ordered = sorted(names, key=lambda name: (name.casefold(), name))
        counter.update(combinations(ordered, size))
    ranked = sorted(counter.items(), key=lambda item: (-item[1], _name_key(item[0])))
    return [Combination(domains=names, count=count) for names, count in ranked[:TOP_COMBINATIONS]]


def _top_legal_bases(rows: list[dict], *, with_article: bool) -> list[LegalBasisUse]:
    uses = [
        LegalBasisUse(
            law=row["law__name"],
            article=row["article__article"] if with_article else None,
            count=row["cases"],
        )
        for row in rows
    ]
    uses.sort(key=lambda use: (-use.count, use.law.casefold(), (use.article or "").casefold()))
    return uses[:TOP_LEGAL_BASES]


def impact_figures(*, region: Region | None = None, year: int | None = None) -> ImpactFigures:
    """Every figure of the impact page over the visible published cases, optionally of
    one region and one year. Six queries (one is Wagtail's privacy lookup), whatever
    the number of cases."""
    cases = visible_case_list()
    if region is not None:
        cases = cases.filter(region=region)
    if year is not None:
        cases = cases.filter(year=year)
    case_ids = cases.values("pk")

    totals = cases.aggregate(count=Count("pk"), breakthrough_cost=Sum("breakthrough_cost"))
    case_count: int = totals["count"] or 0

    cost_rows = {
        row["domain"]: row
        for row in CaseCost.objects.filter(page__in=case_ids)
        .order_by()
        .values("domain")
        .annotate(direct=Sum("direct"), prevented=Sum("prevented"))
    }
    domains: list[DomainFigures] = []
    for domain in CostDomain:
        row = cost_rows.get(domain.value, {})
        direct = row.get("direct") or ZERO
        prevented = row.get("prevented") or ZERO
        domains.append(
            DomainFigures(
                domain=domain.value,
                label=str(domain.label),
                direct_total=direct,
                prevented_total=prevented,
                direct_average=_average(direct, case_count),
                prevented_average=_average(prevented, case_count),
            )
        )
    direct_total = sum((figures.direct_total for figures in domains), ZERO)
    prevented_total = sum((figures.prevented_total for figures in domains), ZERO)

    domain_sets: dict[int, set[str]] = defaultdict(set)
    memberships = (
        CasePage.problem_domains.through.objects.filter(casepage__in=case_ids)
        .order_by()
        .values_list("casepage_id", "problemdomain__name")
    )
    for case_id, name in memberships:
        domain_sets[case_id].add(name)

    legal_bases = CaseLegalBasis.objects.filter(page__in=case_ids).order_by()
    law_rows = list(legal_bases.values("law__name").annotate(cases=Count("page", distinct=True)))
    article_rows = list(
        legal_bases.filter(article__isnull=False)
        .values("law__name", "article__article")
        .annotate(cases=Count("page", distinct=True))
    )

    return ImpactFigures(
        region=region,
        year=year,
        case_count=case_count,
        domains=domains,
        direct_total=direct_total,
        prevented_total=prevented_total,
        breakthrough_cost_total=totals["breakthrough_cost"] or ZERO,
        direct_average=_average(direct_total, case_count),
        prevented_average=_average(prevented_total, case_count),
        pairs=_top_combinations(list(domain_sets.values()), 2),
        triples=_top_combinations(list(domain_sets.values()), 3),
        laws=_top_legal_bases(law_rows, with_article=False),
        articles=_top_legal_bases(article_rows, with_article=True),
    )


def cached_impact_figures(
    *, region: Region | None = None, year: int | None = None
) -> ImpactFigures:
    """`impact_figures` of the selection, computed once per page-tree generation (see the
    module docstring): no query while nothing changed, whatever the number of cases."""
    key = f"casebook:impact:figures:{region.pk if region else '-'}:{year or '-'}"
    return page_tree_cached(key, lambda: impact_figures(region=region, year=year))


@dataclass(frozen=True)
class ImpactOptions:
    """What the impact filter offers: the regions and years that have visible cases."""

    regions: tuple[Region, ...]
    years: tuple[int, ...]


def _impact_options() -> ImpactOptions:
    cases = visible_case_list()
    return ImpactOptions(
        regions=tuple(Region.objects.filter(pk__in=cases.values("region_id")).order_by("name")),
        years=tuple(cases.order_by("-year").values_list("year", flat=True).distinct()),
    )


def impact_options() -> ImpactOptions:
    """The regions and years with visible cases, kept in the page-tree cache."""
    return page_tree_cached("casebook:impact:options", _impact_options)


def laws_by_domain() -> dict[str, list[str]]:
    """The names of the laws of each law domain (by name), kept in the page-tree cache."""

    def build() -> dict[str, list[str]]:
        names: dict[str, list[str]] = defaultdict(list)
        for name, cost_domain in Law.objects.order_by("name").values_list("name", "cost_domain"):
            names[cost_domain].append(name)
        return dict(names)

    return page_tree_cached("casebook:impact:laws-by-domain", build)


def _casebook_changed(**_kwargs: Any) -> None:
    page_tree_changed()


def impact_cache_connect() -> None:
    """Start a new page-tree generation when what the impact figures read changes
    without a page being saved: the taxonomy, or a case's costs, legal bases or problem
    domains edited on their own (from CasebookConfig.ready).

    Also when a case is saved, published, unpublished or deleted or privacy changes,
    which portal.core.page_cache does already: connected after the case index's own
    handlers (register_case_search runs first), the generation that starts once the
    transaction commits starts after the case index has been updated, so similar cases
    (cached with the case page) built in between are not kept under it."""
    uid = "casebook.impact_cache"
    page_published.connect(_casebook_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(_casebook_changed, dispatch_uid=f"{uid}.unpublished")
    for model in (CasePage, PageViewRestriction):
        name = model.__name__
        post_save.connect(_casebook_changed, sender=model, dispatch_uid=f"{uid}.{name}.saved")
        post_delete.connect(_casebook_changed, sender=model, dispatch_uid=f"{uid}.{name}.deleted")
    for model in (Region, ProblemDomain, Law, LawArticle, CaseCost, CaseLegalBasis):
        name = model.__name__
        post_save.connect(_casebook_changed, sender=model, dispatch_uid=f"{uid}.{name}.saved")
        post_delete.connect(_casebook_changed, sender=model, dispatch_uid=f"{uid}.{name}.deleted")
    m2m_changed.connect(
        _casebook_changed,
        sender=CasePage.problem_domains.through,
        dispatch_uid=f"{uid}.problem_domains",
    )


def impact_page_for(*, index: CaseIndexPage) -> ImpactPage | None:
    """The live, public impact page of a casebook, for a link from the case listing;
    kept in the page-tree cache (finding it scans the casebook's children)."""
    return page_tree_cached(
        f"casebook:impact-page-for:{index.pk}",
        lambda: ImpactPage.objects.child_of(index).live().public().first(),
    )


# ---------------------------------------------------------------- page: filter and charts


class RegionNameField(forms.ChoiceField):
    """A region by its name, as the casebook and the API take it ("Zwolle", any case);
    the slug of older links ("zwolle") is still understood. Offers the regions it is
    given (the cached `impact_options`), so showing the list costs no query."""

    def __init__(self, *args, empty_label: str = "", **kwargs) -> None:
        self.empty_label = empty_label
        self.regions: tuple[Region, ...] = ()
        super().__init__(*args, **kwargs)

    def set_regions(self, regions: tuple[Region, ...]) -> None:
        self.regions = regions
        self.choices = [("", self.empty_label), *((r.name, r.name) for r in regions)]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        folded = text.casefold()
        for region in self.regions:
            if region.name.casefold() == folded or region.slug == text:
                return region
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
        )

    def validate(self, value) -> None:
        forms.Field.validate(self, value)


class ImpactFilterForm(forms.Form):
    """Region and year of the impact page (GET), with the casebook's parameter names and
    values (`region=Zwolle&year=2024`). Only regions and years that have visible cases are
    offered; anything else is answered with a Dutch message, never an error page."""

    region = RegionNameField(
        label=_("Regio"),
        required=False,
        empty_label=_("Alle regio's"),
        error_messages={
            "invalid_choice": _(
                "De regio “%(value)s” bestaat niet of heeft geen gepubliceerde casussen. "
                "Kies een regio uit de lijst; de cijfers gelden nu voor alle regio's."
            )
        },
    )
    year = forms.TypedChoiceField(
        label=_("Jaar"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": _(
                "Voor het jaar “%(value)s” zijn geen gepubliceerde casussen. "
                "Kies een jaar uit de lijst; de cijfers gelden nu voor alle jaren."
            )
        },
    )

    def __init__(self, *args, options: ImpactOptions, **kwargs) -> None:
        kwargs.setdefault("auto_id", "impact-%s")
        super().__init__(*args, **kwargs)
        self.fields["region"].set_regions(options.regions)
        self.fields["year"].choices = [("", _("Alle jaren")), *((y, str(y)) for y in options.years)]
        for form_field in self.fields.values():
            form_field.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"

    def selection(self) -> tuple[Region | None, int | None]:
        """The valid part of the selection; an invalid parameter counts as 'all'."""
        if not self.is_bound or not self.is_valid():
            data = getattr(self, "cleaned_data", {})
        else:
            data = self.cleaned_data
        return data.get("region"), data.get("year")


@dataclass(frozen=True)
class ShownItem:
    """A ranked item as the page shows it: its count (perhaps "minder dan 3") and the
    address of the casebook filtered on it (and on the page's region and year)."""

    label: str
    count: ShownCount
    url: str


def _casebook_url(base: str, selection: dict[str, list[str]], **filters: list[str]) -> str:
    """`base` (the casebook) with the casebook's own parameters: the selection's region
    and year plus `filters` (domain, law, article)."""
    if not base:
        return ""
    query = QueryDict(mutable=True)
    for name, values in {**selection, **filters}.items():
        if values:
            query.setlist(name, values)
    encoded = query.urlencode()
    return f"{base}?{encoded}" if encoded else base


def impact_charts(*, figures: ImpactFigures, protected: bool = False) -> dict[str, BarChart | None]:
    """The charts of the impact page; None where there is nothing to draw. With a region
    or year (`protected`), counts below CASEBOOK_MIN_COUNT are left out of the charts
    (their tables say "minder dan 3"), and the money charts are not drawn when the
    selection itself holds fewer cases than that."""
    see_table = str(_("De cijfers staan ook in de tabel bij deze grafiek."))

    def cases_text(count: Decimal) -> str:
        number = int(count)
        return ngettext("%(count)s casus", "%(count)s casussen", number) % {"count": number}

    def counted(slug: str, title: str, items: list) -> BarChart | None:
        items = [item for item in items if not count_withheld(item.count, protected=protected)]
        if not items:
            return None
        return bar_chart(
            slug=slug,
            title=title,
            rows=[(item.label, item.count) for item in items],
            value_text=cases_text,
            note=see_table,
        )

    charts: dict[str, BarChart | None] = {"prevented": None, "direct": None}
    if figures.case_count and not count_withheld(figures.case_count, protected=protected):
        charts["prevented"] = bar_chart(
            slug="prevented",
            title=str(_("Voorkomen kosten per wetsdomein (totaal)")),
            rows=[(d.label, d.prevented_total) for d in figures.domains],
            note=see_table,
        )
        charts["direct"] = bar_chart(
            slug="direct",
            title=str(_("Directe kosten (−) en baten (+) per wetsdomein (totaal)")),
            rows=[(d.label, d.direct_total) for d in figures.domains],
            note=see_table,
        )
    charts["pairs"] = counted("pairs", str(_("Meest voorkomende paren")), figures.pairs)
    charts["triples"] = counted("triples", str(_("Meest voorkomende drietallen")), figures.triples)
    charts["laws"] = counted("laws", str(_("Meest gebruikte wetten")), figures.laws)
    charts["articles"] = counted("articles", str(_("Meest gebruikte artikelen")), figures.articles)
    return charts


def impact_links(
    *, figures: ImpactFigures, casebook_url: str, protected: bool
) -> dict[str, object]:
    """Every figure of the page with its count as shown and its link into the casebook,
    filtered on what the figure counts (and on the page's region and year)."""
    selection = {
        "region": [figures.region.name] if figures.region else [],
        "year": [str(figures.year)] if figures.year else [],
    }

    def url(**filters: list[str]) -> str:
        return _casebook_url(casebook_url, selection, **filters)

    def shown(count: int) -> ShownCount:
        return shown_count(count, protected=protected)

    domain_laws = laws_by_domain()
    return {
        "case_count": shown(figures.case_count),
        # Sums over one or two households are not shown with a region or year.
        "amounts_withheld": count_withheld(figures.case_count, protected=protected),
        "cases_url": url(),
        # Each law domain links to the casebook filtered on the laws of that domain.
        "domain_rows": [
            (row, url(law=domain_laws[row.domain]) if domain_laws.get(row.domain) else "")
            for row in figures.domains
        ],
        "pairs": [
            ShownItem(item.label, shown(item.count), url(domain=list(item.domains)))
            for item in figures.pairs
        ],
        "triples": [
            ShownItem(item.label, shown(item.count), url(domain=list(item.domains)))
            for item in figures.triples
        ],
        "laws": [
            ShownItem(item.label, shown(item.count), url(law=[item.law])) for item in figures.laws
        ],
        "articles": [
            ShownItem(
                item.label,
                shown(item.count),
                url(article=[article_key(item.law, item.article or "")]),
            )
            for item in figures.articles
        ],
    }


def impact_page_context(*, request: HttpRequest, page: ImpactPage) -> dict:
    """Filter form, figures, charts and links of the impact page. It takes the casebook's
    parameters (`region` by name, `year`); an older link with a region's slug still works.
    With a region or year, counts follow casebook.case_search.counts ("minder dan 3")."""
    params = {key: request.GET.get(key, "") for key in ("region", "year") if key in request.GET}
    form = ImpactFilterForm(params or None, options=impact_options())
    region, year = form.selection()
    if region is not None and form.data.get("region") != region.name:
        # An older slug or another spelling: the list shows the region as chosen.
        form.data = {**form.data, "region": region.name}
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"impact-{name}-error"}
            )
    figures = cached_impact_figures(region=region, year=year)
    protected = counts_protected(region=region, year=year)
    casebook = page.get_parent()
    return {
        "filter_form": form,
        "figures": figures,
        "charts": impact_charts(figures=figures, protected=protected),
        "shown": impact_links(
            figures=figures,
            casebook_url=casebook.get_url(request) if casebook else "",
            protected=protected,
        ),
        "is_filtered": region is not None or year is not None,
    }
