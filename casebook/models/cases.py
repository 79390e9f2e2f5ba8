"""Example cases: anonymised breakthroughs that teams learn from.

A case is a Wagtail page, so it goes through the editorial workflow and keeps revisions.
Restricting a case to logged-in professionals uses Wagtail's own page privacy
("Privé: alleen ingelogde gebruikers"); `.live().public()` keeps such cases out of every
public listing, figure, feed and index. Cost totals are computed from the cost rows
(casebook.costs), never typed twice.
"""

from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from casebook.forms import CasePageForm
from portal.anonymisation.policy import GuardedText
from portal.core.blocks import ContentStreamBlock

from .taxonomy import CostDomain, Law, LawArticle, ProblemDomain, Region


class Phase(models.TextChoices):
    """The serial approach: first need, stabilise, new perspective."""

    EERSTE_NOOD = "eerste_nood", "Eerste nood"
    STABILISEREN = "stabiliseren", "Stabiliseren"
    HOOP_DOET_LEVEN = "hoop_doet_leven", "Hoop doet leven"


class Outcome(models.TextChoices):
    GEREALISEERD = "gerealiseerd", "Gerealiseerd"
    LOPEND = "lopend", "Lopend"
    NIET_GELUKT = "niet_gelukt", "Niet gelukt"


class CaseIndexPage(GuardedText, Page):
    """The casebook: lists, searches and filters the example cases."""

    guarded_fields = ("intro",)

    intro = models.TextField("introductie", blank=True, max_length=800)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["casebook.CasePage", "casebook.ImpactPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    def get_context(self, request, *args, **kwargs) -> dict:
        # The app's rules import this module: they are read when the page is served.
        from casebook.listing import case_listing_context  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context.update(case_listing_context(request=request, index=self))
        return context

    class Meta:
        verbose_name = "casusboek"
        verbose_name_plural = "casusboeken"


class CasePage(GuardedText, Page):
    """One anonymised example case with its breakthrough and value triangle."""

    #: The texts that describe the household and its breakthrough, in reading order
    #: (after the title). Declared once: free-text search, the anonymisation guard, the
    #: import and the export all read this list.
    TEXT_FIELDS = (
        "household",
        "situation",
        "perspective",
        "needs_self",
        "needs_support",
        "needs_treatment",
        "barrier",
        "breakthrough",
        "engagement",
    )
    #: Every text of a case the guard checks: the title, the texts above, the StreamField
    #: body and the promote tab's texts (public too).
    guarded_fields = ("title", *TEXT_FIELDS, "body", "seo_title", "search_description")

    household = models.CharField(
        "huishouden",
        max_length=200,
        help_text="Het type huishouden, bijv. ‘alleenstaande moeder met twee kinderen’.",
    )
    situation = models.TextField("situatieschets", max_length=5000)
    perspective = models.TextField(
        "perspectief", max_length=2000, help_text="Het doel over ongeveer zes maanden."
    )
    needs_self = models.TextField("wat het huishouden zelf kan", blank=True, max_length=2000)
    needs_support = models.TextField("wat met ondersteuning kan", blank=True, max_length=2000)
    needs_treatment = models.TextField("wat behandeling nodig heeft", blank=True, max_length=2000)
    barrier = models.TextField("belemmering", max_length=3000)
    breakthrough = models.TextField("doorbraak", max_length=3000)
    engagement = models.TextField(
        "betrokkenheid",
        blank=True,
        max_length=3000,
        help_text="Wat het huishouden wint aan regie en kwaliteit van leven.",
    )
    breakthrough_cost = models.DecimalField(
        "kosten van de doorbraak (€)", max_digits=12, decimal_places=2, default=0
    )
    body = StreamField(
        ContentStreamBlock(), verbose_name="aanvullende inhoud", blank=True, use_json_field=True
    )
    phase = models.CharField("fase", max_length=20, choices=Phase.choices)
    region = models.ForeignKey(
        Region, verbose_name="regio", on_delete=models.PROTECT, related_name="cases"
    )
    year = models.PositiveSmallIntegerField("jaar")
    outcome = models.CharField("uitkomst", max_length=20, choices=Outcome.choices)
    problem_domains = ParentalManyToManyField(
        ProblemDomain, verbose_name="probleemdomeinen", related_name="cases"
    )
    related_insights = ParentalManyToManyField(
        "insights.InsightPage", verbose_name="geleerde lessen", blank=True, related_name="+"
    )
    related_standards = ParentalManyToManyField(
        "standards.StandardPage", verbose_name="standaarden", blank=True, related_name="+"
    )
    plan_template = models.ForeignKey(
        "learning.PlanTemplatePage",
        verbose_name="gevolgd plansjabloon",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        help_text="Het sjabloon waarmee het plan van deze casus is gemaakt.",
    )

    parent_page_types = ["casebook.CaseIndexPage"]
    subpage_types: list[str] = []
    base_form_class = CasePageForm  # the anonymisation guard on every admin save

    def get_context(self, request, *args, **kwargs) -> dict:
        # The app's rules import this module: they are read when the page is served.
        from casebook.case_page import case_page_context  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context.update(case_page_context(request=request, case=self))
        return context

    content_panels = [
        *Page.content_panels,
        FieldPanel("household"),
        FieldPanel("situation"),
        FieldPanel("perspective"),
        MultiFieldPanel(
            [FieldPanel("needs_self"), FieldPanel("needs_support"), FieldPanel("needs_treatment")],
            heading="Wat nodig is",
        ),
        FieldPanel("barrier"),
        FieldPanel("breakthrough"),
        MultiFieldPanel(
            [
                InlinePanel("legal_bases", label="Wettelijke grondslag", min_num=1),
                FieldPanel("engagement"),
                FieldPanel("breakthrough_cost"),
                InlinePanel("costs", label="Kosten en baten per wetsdomein"),
            ],
            heading="Waardendriehoek",
        ),
        FieldPanel("problem_domains"),
        FieldRowPanel([FieldPanel("phase"), FieldPanel("outcome")]),
        FieldRowPanel([FieldPanel("region"), FieldPanel("year")]),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("plan_template"),
                FieldPanel("related_insights"),
                FieldPanel("related_standards"),
            ],
            heading="Verwijzingen",
        ),
    ]

    #: Wagtail's index (the admin's page search) is kept up to date by
    #: search.wagtail_index (casebook.case_search.signals), which pauses for a bulk import.
    search_auto_update = False
    search_fields = [
        *Page.search_fields,
        index.SearchField("household"),
        index.SearchField("situation"),
        index.SearchField("perspective"),
        index.SearchField("barrier"),
        index.SearchField("breakthrough"),
        index.SearchField("engagement"),
        index.FilterField("year"),
        index.FilterField("phase"),
        index.FilterField("outcome"),
    ]

    class Meta:
        verbose_name = "voorbeeldcasus"
        verbose_name_plural = "voorbeeldcasussen"


class CaseLegalBasis(GuardedText, Orderable):
    """A legal basis of a case: a law, optionally an article, and a short reasoning."""

    guarded_fields = ("reasoning",)

    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="legal_bases")
    law = models.ForeignKey(
        Law, verbose_name="wet of regeling", on_delete=models.PROTECT, related_name="+"
    )
    article = models.ForeignKey(
        LawArticle,
        verbose_name="artikel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reasoning = models.TextField("juridische redenering", max_length=2000, blank=True)

    panels = [FieldPanel("law"), FieldPanel("article"), FieldPanel("reasoning")]

    class Meta(Orderable.Meta):
        verbose_name = "wettelijke grondslag"
        verbose_name_plural = "wettelijke grondslagen"


class CaseCost(Orderable):
    """Per law domain: the direct cost (negative) or return (positive) of the
    breakthrough, and the costs prevented in the first year."""

    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="costs")
    domain = models.CharField("wetsdomein", max_length=20, choices=CostDomain.choices)
    direct = models.DecimalField(
        "directe kosten (−) of baten (+) (€)", max_digits=12, decimal_places=2, default=0
    )
    prevented = models.DecimalField(
        "voorkomen kosten eerste jaar (€)", max_digits=12, decimal_places=2, default=0
    )

    panels = [FieldPanel("domain"), FieldPanel("direct"), FieldPanel("prevented")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "domain"], name="casebook_unique_case_cost_domain"
            )
        ]
        verbose_name = "kosten en baten"
        verbose_name_plural = "kosten en baten"
