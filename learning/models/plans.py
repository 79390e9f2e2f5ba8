"""Plan templates (IPW's standard plan formats) and learners' practice plans.

A plan template is a versioned page, like a standard: a newer version is a new page
that supersedes the older one (`supersedes`), so the older text stays readable at its
own address. Its sections (Orderable rows) say what a plan holds: free text, legal bases
(filled with the law lookup) or the cost-benefit (filled with the calculator).

A practice plan belongs to one learner. It copies the section list of the template
version it was started from (`sections`), so a later version of the template, or an
editor deleting it, never changes what the learner wrote. Cost lines copy the tariff's
unit price at the moment they were computed (`unit_price`), so a tariff that IPW changes
later does not change a saved plan; the plan can say which amounts are out of date.

Reads and writes with rules live in `learning.plans` (selectors, services, calculator,
documents); pages and models only hold content.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpRequest
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from casebook.models import CostDomain
from learning.plans.template_forms import PlanTemplatePageForm
from portal.anonymisation.policy import GuardedText
from portal.core.blocks import ContentStreamBlock
from portal.core.models import VersionedPage


class PlanTemplateKind(models.TextChoices):
    """Which standard format a template is; versions of one template share their kind."""

    DOORBRAAKPLAN = "doorbraakplan", "Doorbraakplan"
    MAATWERKCANVAS = "maatwerkcanvas", "Maatwerkcanvas"
    SCHOT_VOOR_DE_BOEG = "schot_voor_de_boeg", "Schot voor de boeg"
    INCLUSIECRITERIA = "inclusiecriteria", "Inclusiecriteria"
    OTHER = "anders", "Ander sjabloon"


class SectionKind(models.TextChoices):
    """What a section asks for, and so which tool the practice plan builder offers."""

    TEXT = "text", "Tekst"
    LEGAL_BASES = "legal_bases", "Wettelijke grondslagen (met de wettenzoeker)"
    COST_BENEFIT = "cost_benefit", "Kosten en baten (met de rekenhulp)"


class PlanTemplateIndexPage(GuardedText, Page):
    """The list of current plan templates: one entry per template, its newest version."""

    guarded_fields = ("intro",)

    intro = models.TextField("Introductie", blank=True, max_length=800)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["learning.PlanTemplatePage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "Overzicht plansjablonen"
        verbose_name_plural = "Overzichten plansjablonen"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The app's rules import this module: they are read when the page is served.
        from learning.plans.selectors import plan_template_index_context  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context.update(plan_template_index_context(index=self, user=request.user))
        return context


class PlanTemplatePage(GuardedText, RoutablePageMixin, VersionedPage):
    """One version of a plan template, with its sections, downloadable as DOCX and PDF."""

    guarded_fields = ("summary", "intro", "changes")

    base_form_class = PlanTemplatePageForm  # checks the submitted section rows
    kind = models.CharField("Soort sjabloon", max_length=30, choices=PlanTemplateKind.choices)
    summary = models.TextField(
        "Samenvatting",
        max_length=600,
        help_text="Eén tot drie zinnen: waarvoor en wanneer gebruik je dit sjabloon?",
    )
    intro = StreamField(
        ContentStreamBlock(),
        verbose_name="Uitleg",
        blank=True,
        help_text="Hoe en wanneer je het sjabloon gebruikt. De onderdelen zelf staan hieronder.",
    )
    practice_enabled = models.BooleanField(
        "Oefenen mogelijk",
        default=True,
        help_text="Ingelogde deelnemers kunnen met dit sjabloon een oefenplan maken.",
    )

    parent_page_types = ["learning.PlanTemplateIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        VersionedPage.version_panel,
        FieldPanel("intro"),
        InlinePanel("sections", label="Onderdeel", min_num=1, heading="Onderdelen"),
        FieldPanel("practice_enabled"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("intro"),
        index.FilterField("kind"),
        index.FilterField("effective_date"),
    ]

    class Meta:
        verbose_name = "Plansjabloon"
        verbose_name_plural = "Plansjablonen"

    def clean(self) -> None:
        # The app's rules import this module: they are read when the page is served.
        from learning.plans.services import plan_template_validate  # noqa: PLC0415

        super().clean()
        plan_template_validate(template=self)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The app's rules import this module: they are read when the page is served.
        from learning.plans.selectors import plan_template_page_context  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context.update(plan_template_page_context(template=self, user=request.user))
        return context

    @path("download/docx/", name="docx")
    def download_docx(self, request: HttpRequest):
        # The app's rules import this module: they are read when the page is served.
        from learning.plans.download_views import plan_template_download  # noqa: PLC0415

        return plan_template_download(request, template=self, file_format="docx")

    @path("download/pdf/", name="pdf")
    def download_pdf(self, request: HttpRequest):
        # The app's rules import this module: they are read when the page is served.
        from learning.plans.download_views import plan_template_download  # noqa: PLC0415

        return plan_template_download(request, template=self, file_format="pdf")


class PlanTemplateSection(GuardedText, Orderable):
    """One section of a plan template: what to write, guidance, and an example."""

    guarded_fields = ("heading", "guidance", "example")

    page = ParentalKey(PlanTemplatePage, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(
        "Sleutel",
        max_length=40,
        help_text="Korte vaste naam, bijv. ‘situatie’. Houd hem gelijk tussen versies: "
        "zo blijven antwoorden van oefenplannen bij het juiste onderdeel.",
    )
    heading = models.CharField("Kop", max_length=120)
    kind = models.CharField(
        "Soort onderdeel", max_length=20, choices=SectionKind.choices, default=SectionKind.TEXT
    )
    guidance = RichTextField(
        "Toelichting",
        features=["bold", "italic", "ol", "ul", "link"],
        help_text="Wat hoort in dit onderdeel, en waar let je op?",
    )
    example = models.TextField(
        "Voorbeeld", blank=True, max_length=2000, help_text="Een kort, geanonimiseerd voorbeeld."
    )
    required = models.BooleanField(
        "Verplicht", default=True, help_text="Een oefenplan is pas af als dit is ingevuld."
    )

    panels = [
        FieldRowPanel([FieldPanel("heading"), FieldPanel("key")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("guidance"),
        FieldPanel("example"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "key"], name="learning_unique_section_key")
        ]
        verbose_name = "onderdeel"
        verbose_name_plural = "onderdelen"

    def __str__(self) -> str:
        return self.heading


class CostSide(models.TextChoices):
    """Which side of the cost-benefit a line is on."""

    COST = "cost", "Kosten van de doorbraak"
    PREVENTED = "prevented", "Voorkomen kosten"


class Tariff(GuardedText, index.Indexed, models.Model):
    """A standard tariff IPW keeps (e.g. a month of benefit, an hour of household help).

    Editing a tariff changes new calculations only: practice plans keep the unit price
    they were computed with (see `PracticePlanCostLine.unit_price`).
    """

    guarded_fields = ("name", "description")
    guard_exempt = {
        "unit": "a unit of measure such as uur",
        "source": "the publication the price comes from",
    }

    name = models.CharField("naam", max_length=120, unique=True)
    cost_domain = models.CharField("wetsdomein", max_length=20, choices=CostDomain.choices)
    unit = models.CharField("eenheid", max_length=30, help_text="Bijvoorbeeld ‘maand’ of ‘uur’.")
    amount = models.DecimalField(
        "bedrag per eenheid (€)",
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    source = models.CharField(
        "bron", max_length=300, blank=True, help_text="Waar het bedrag vandaan komt, met jaartal."
    )
    description = models.TextField("toelichting", blank=True, max_length=1000)
    active = models.BooleanField(
        "in gebruik", default=True, help_text="Uit = niet meer te kiezen in nieuwe berekeningen."
    )
    updated_at = models.DateTimeField("laatst gewijzigd", auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("cost_domain"), FieldPanel("unit"), FieldPanel("amount")]),
        FieldPanel("source"),
        FieldPanel("description"),
        FieldPanel("active"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["cost_domain", "name"]
        verbose_name = "standaardtarief"
        verbose_name_plural = "standaardtarieven"

    def __str__(self) -> str:
        return f"{self.name} (€ {self.amount} per {self.unit})"


class PracticePlanStatus(models.TextChoices):
    DRAFT = "draft", "In bewerking"
    COMPLETED = "completed", "Afgerond"


class PracticePlan(GuardedText, models.Model):
    """A learner's practice plan: private to its author unless shared with the team."""

    guarded_fields = ("title", "answers")
    guard_exempt = {
        "template_title": "copied from the plan template",
        "template_version": "copied from the plan template",
        "sections": "the template's section structure, copied when the plan starts",
        "assignment_block_id": "identifier of the lesson assignment",
        "current_section": "identifier of a section",
    }

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.CASCADE,
        related_name="practice_plans",
    )
    title = models.CharField("werktitel", max_length=200)
    template = models.ForeignKey(
        PlanTemplatePage,
        verbose_name="sjabloon",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice_plans",
    )
    template_title = models.CharField("titel van het sjabloon", max_length=255)
    template_version = models.CharField("versie van het sjabloon", max_length=20)
    #: The template's sections when the plan was started:
    #: [{"key", "heading", "kind", "required"}, ...] in template order.
    sections = models.JSONField("onderdelen", default=list)
    #: Text answers by section key: {"situatie": "...", ...}.
    answers = models.JSONField("antwoorden", default=dict, blank=True)
    case = models.ForeignKey(
        "casebook.CasePage",
        verbose_name="uitgangscasus",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lesson = models.ForeignKey(
        "learning.LessonPage",
        verbose_name="opdracht uit les",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice_plans",
    )
    #: The StreamField block id of the lesson's practice-plan assignment, if any.
    assignment_block_id = models.CharField(max_length=64, blank=True)
    current_section = models.CharField("laatst bewerkt onderdeel", max_length=40, blank=True)
    status = models.CharField(
        "status",
        max_length=20,
        choices=PracticePlanStatus.choices,
        default=PracticePlanStatus.DRAFT,
    )
    completed_at = models.DateTimeField("afgerond op", null=True, blank=True)
    shared_with_team = models.BooleanField("gedeeld met teamleider", default=False)
    shared_at = models.DateTimeField("gedeeld op", null=True, blank=True)
    costs_computed_at = models.DateTimeField("bedragen berekend op", null=True, blank=True)
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)
    updated_at = models.DateTimeField("laatst opgeslagen", auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-updated_at"], name="learning_plan_owner_idx")]
        verbose_name = "oefenplan"
        verbose_name_plural = "oefenplannen"

    def __str__(self) -> str:
        return self.title


class PracticePlanLegalBasis(GuardedText, models.Model):
    """A legal basis the learner picked with the law lookup, and why it applies.

    The labels are copied so the plan stays readable if an editor renames or removes a
    law or article later.
    """

    guarded_fields = ("reasoning",)
    guard_exempt = {
        "law_label": "copied from the law list",
        "article_label": "copied from the law list",
    }

    plan = models.ForeignKey(PracticePlan, on_delete=models.CASCADE, related_name="legal_bases")
    law = models.ForeignKey(
        "casebook.Law", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    article = models.ForeignKey(
        "casebook.LawArticle", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    law_label = models.CharField("wet of regeling", max_length=200)
    article_label = models.CharField("artikel", max_length=250, blank=True)
    reasoning = models.TextField("waarom deze grondslag", blank=True, max_length=2000)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "wettelijke grondslag"
        verbose_name_plural = "wettelijke grondslagen"

    def __str__(self) -> str:
        return f"{self.law_label} {self.article_label}".strip()


class PracticePlanCostLine(GuardedText, models.Model):
    """One line of the calculator: a quantity of a tariff (or an own amount) in a law
    domain, on the cost side or the prevented side.

    `unit_price` is copied from the tariff when the line is computed and is not updated
    when IPW changes the tariff later.
    """

    guarded_fields = ("description",)
    guard_exempt = {
        "unit": "copied from the tariff",
    }

    plan = models.ForeignKey(PracticePlan, on_delete=models.CASCADE, related_name="cost_lines")
    side = models.CharField("kant", max_length=20, choices=CostSide.choices)
    domain = models.CharField("wetsdomein", max_length=20, choices=CostDomain.choices)
    tariff = models.ForeignKey(
        Tariff,
        verbose_name="tarief",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.CharField("omschrijving", max_length=200)
    unit = models.CharField("eenheid", max_length=30, blank=True)
    unit_price = models.DecimalField(
        "bedrag per eenheid (€)",
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    quantity = models.DecimalField(
        "aantal",
        max_digits=8,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "rekenregel"
        verbose_name_plural = "rekenregels"

    def __str__(self) -> str:
        return self.description

    @property
    def amount(self) -> Decimal:
        """Quantity times unit price, rounded to whole cents (see `learning.plans.calculator`)."""
        # The app's rules import this module: they are read when the page is served.
        from learning.plans.calculator import cost_line_amount  # noqa: PLC0415

        return cost_line_amount(quantity=self.quantity, unit_price=self.unit_price)
