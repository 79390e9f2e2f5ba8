"""Demo plan templates, tariffs and a practice plan, built with the learning factories.

- `load(home=...)` (before the courses are built, so lessons can link the templates):
  the index "Plansjablonen" under the home page, the four templates (the Doorbraakplan
  1.0 of 2024, superseded by 2.0 of 2026; Maatwerkcanvas; Schot voor de boeg;
  Inclusiecriteria), the standard tariffs, and the demo cases pointing at the current
  Doorbraakplan;
- `practice_plan_load(...)` (after the learners exist): professional@ has a practice
  plan in progress for the assignment in "De vier onderdelen van een plan", with a few
  answers, a legal basis and cost lines.

Texts live in `plans_content`. Idempotent: pages are found by slug under their parent,
tariffs by name, the practice plan by owner and title, and a case is only linked when
it has no template yet.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from casebook.demo import demo_records
from casebook.models import CasePage, CostDomain, Law, LawArticle
from learning.factories import (
    PlanTemplateIndexPageFactory,
    PlanTemplatePageFactory,
    TariffFactory,
    template_sections_snapshot,
)
from learning.models import (
    CostSide,
    LessonPage,
    PlanTemplateIndexPage,
    PlanTemplatePage,
    PracticePlan,
    PracticePlanCostLine,
    PracticePlanLegalBasis,
    Tariff,
)

from .builders import block_id
from .plans_content import INDEX_FIELDS, TARIFFS, TEMPLATES, TemplateSpec

#: The lesson and assignment the demo practice plan belongs to (see kennismaken_plan).
PLAN_LESSON_SLUG = "de-vier-onderdelen-van-een-plan"
PLAN_ASSIGNMENT_KEY = "kdm/3/1/oefenplan"
PLAN_TITLE = "Oefenplan: huurschuld en psychiatrie"


def index_ensure(*, home: Page) -> PlanTemplateIndexPage:
    """The template index under `home` (there is at most one), or a new, published one."""
    index = PlanTemplateIndexPage.objects.child_of(home).first()
    if index is None:
        index = PlanTemplateIndexPageFactory(parent=home, live=False, **INDEX_FIELDS)
        index.save_revision().publish()
        index = PlanTemplateIndexPage.objects.get(pk=index.pk)
    return index


def _template_ensure(
    index: PlanTemplateIndexPage, spec: TemplateSpec, built: dict[str, PlanTemplatePage]
) -> PlanTemplatePage:
    page = PlanTemplatePage.objects.child_of(index).filter(slug=spec.slug).first()
    if page is not None:
        return page
    page = PlanTemplatePageFactory(
        parent=index,
        live=False,
        slug=spec.slug,
        title=spec.title,
        kind=spec.kind,
        version=spec.version,
        effective_date=spec.effective_date,
        summary=spec.summary,
        intro=[("paragraph", RichText(html)) for html in spec.intro],
        supersedes=built.get(spec.supersedes),
        practice_enabled=spec.practice_enabled,
        sections=[
            {
                "key": section.key,
                "heading": section.heading,
                "kind": section.kind,
                "guidance": section.guidance,
                "example": section.example,
                "required": section.required,
            }
            for section in spec.sections
        ],
    )
    page = PlanTemplatePage.objects.get(pk=page.pk)  # sections from the database
    page.save_revision().publish()
    return PlanTemplatePage.objects.get(pk=page.pk)


def templates_ensure(*, index: PlanTemplateIndexPage) -> dict[str, PlanTemplatePage]:
    """Every demo template version by key ("doorbraakplan" is the current 2.0)."""
    built: dict[str, PlanTemplatePage] = {}
    for spec in TEMPLATES:  # older versions first, so a newer one can supersede them
        built[spec.key] = _template_ensure(index, spec, built)
    return built


def tariffs_ensure() -> list[Tariff]:
    """The demo tariffs; an existing tariff with the same name is left as it is."""
    return [TariffFactory(**fields) for fields in TARIFFS]


def cases_link(*, home: Page, template: PlanTemplatePage) -> int:
    """Point the demo cases without a template at `template`, through a published
    revision (so the admin shows the same); returns how many were linked."""
    titles = {record["title"] for record in demo_records()}
    linked = 0
    for case in CasePage.objects.descendant_of(home).filter(
        title__in=titles, plan_template__isnull=True
    ):
        draft = case.get_latest_revision_as_object()
        draft.plan_template = template
        draft.save_revision().publish()
        linked += 1
    return linked


def load(*, home: Page) -> dict[str, PlanTemplatePage]:
    """Create the template index, templates and tariffs, and link the demo cases."""
    index = index_ensure(home=home)
    templates = templates_ensure(index=index)
    tariffs_ensure()
    cases_link(home=home, template=templates["doorbraakplan"])
    return templates


# --- The demo practice plan -------------------------------------------------------------

PLAN_ANSWERS = {
    "situatie": (
        "Een moeder met twee kinderen heeft drie maanden huurachterstand; de corporatie "
        "heeft een ontruiming aangekondigd. Ze is in behandeling bij de ggz en vijf "
        "organisaties zijn betrokken, die op elkaar wachten."
    ),
    "perspectief": (
        "‘Na de zomer wonen we hier nog, betaal ik zelf de huur en heb ik rust in mijn "
        "hoofd voor de kinderen.’"
    ),
    "doorbraak": (
        "De gemeente betaalt de huurachterstand eenmalig uit de bijzondere bijstand, zodat "
        "de ontruiming van tafel gaat en de schuldhulp kan beginnen."
    ),
}

# (side, domain, tariff name or None, description, unit, own unit price, quantity)
PLAN_COSTS = (
    (
        CostSide.COST,
        CostDomain.PARTICIPATIEWET,
        None,
        "Huurachterstand eenmalig uit bijzondere bijstand",
        "keer",
        Decimal("2250.00"),
        Decimal("1"),
    ),
    (CostSide.COST, CostDomain.WGS, "Schuldhulpverlening", "", "", None, Decimal("10")),
    (CostSide.PREVENTED, CostDomain.OTHER, "Huisuitzetting", "", "", None, Decimal("1")),
    (
        CostSide.PREVENTED,
        CostDomain.WMO,
        "Nacht maatschappelijke opvang",
        "",
        "",
        None,
        Decimal("60"),
    ),
    (CostSide.PREVENTED, CostDomain.ZVW, "Opnamedag ggz", "", "", None, Decimal("7")),
)


def practice_plan_load(*, user: AbstractBaseUser, templates: dict[str, PlanTemplatePage]):
    """A practice plan in progress for `user`, started from the lesson's assignment
    (once: found again by owner and title)."""
    existing = PracticePlan.objects.filter(owner=user, title=PLAN_TITLE).first()
    template = templates.get("doorbraakplan")
    lesson = LessonPage.objects.filter(slug=PLAN_LESSON_SLUG).first()
    if existing is not None or template is None:
        return existing
    case = (
        CasePage.objects.live()
        .filter(title__startswith="Huurschuld en psychiatrie")
        .order_by("path")
        .first()
    )
    now = timezone.now()
    plan = PracticePlan.objects.create(
        owner=user,
        title=PLAN_TITLE,
        template=template,
        template_title=template.title,
        template_version=template.version,
        sections=template_sections_snapshot(template),
        answers=dict(PLAN_ANSWERS),
        case=case,
        lesson=lesson,
        assignment_block_id=block_id(PLAN_ASSIGNMENT_KEY) if lesson else "",
        current_section="rendement",
        costs_computed_at=now,
    )
    law = Law.objects.filter(name="Participatiewet").first()
    if law is not None:
        article = (
            LawArticle.objects.filter(law=law, article__startswith="35").order_by("pk").first()
        )
        PracticePlanLegalBasis.objects.create(
            plan=plan,
            law=law,
            article=article,
            law_label=law.name,
            article_label=f"artikel {article.article}" if article else "",
            reasoning=(
                "Bijzondere bijstand mag voor noodzakelijke kosten die uit bijzondere "
                "omstandigheden voortkomen; een dreigende ontruiming met kinderen in huis "
                "is zo'n omstandigheid."
            ),
        )
    tariffs = {tariff.name: tariff for tariff in Tariff.objects.all()}
    for position, (side, domain, name, description, unit, price, quantity) in enumerate(PLAN_COSTS):
        tariff = tariffs.get(name) if name else None
        if name and tariff is None:
            continue
        PracticePlanCostLine.objects.create(
            plan=plan,
            side=side,
            domain=domain,
            tariff=tariff,
            description=description or tariff.name,
            unit=unit or tariff.unit,
            unit_price=price if price is not None else tariff.amount,
            quantity=quantity,
            sort_order=position,
        )
    return plan
