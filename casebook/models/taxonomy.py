"""Taxonomies kept by editors as snippets: problem domains, laws and their articles
(and local regulations), regions. They are data, not code: editors add to them."""

from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.anonymisation.policy import GuardedText


class CostDomain(models.TextChoices):
    """The law domains in which a breakthrough's costs and returns are counted."""

    WMO = "wmo", "Wmo 2015"
    JEUGDWET = "jeugdwet", "Jeugdwet"
    WGS = "wgs", "Wgs"
    PARTICIPATIEWET = "participatiewet", "Participatiewet"
    ZVW = "zvw", "Zvw"
    WLZ = "wlz", "Wlz"
    OTHER = "other", "Overig"


class ProblemDomain(GuardedText, index.Indexed, models.Model):
    """A life domain in which a household has problems; a case's set of problem domains
    is its toxic cocktail ("giftige cocktail")."""

    guarded_fields = ("description",)
    guard_exempt = {
        "name": "reference data: the label of a problem domain such as Schulden",
    }

    name = models.CharField("naam", max_length=80, unique=True)
    slug = models.SlugField("slug", max_length=80, unique=True, blank=True)
    description = models.TextField("toelichting", blank=True, max_length=1000)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "probleemdomein"
        verbose_name_plural = "probleemdomeinen"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)


class Law(GuardedText, index.Indexed, ClusterableModel):
    """A law, or a local regulation (verordening), that can carry a breakthrough."""

    guarded_fields = ("description",)
    guard_exempt = {
        "name": "reference data: the official name of a law",
        "abbreviation": "reference data: the official abbreviation of a law",
        "bwb_id": "reference data: the law's identifier on wetten.overheid.nl",
    }

    name = models.CharField(
        "naam",
        max_length=120,
        unique=True,
        help_text="Zoals in de casussen, bijv. ‘Participatiewet’.",
    )
    abbreviation = models.CharField("afkorting", max_length=30, blank=True)
    is_local_regulation = models.BooleanField(
        "lokale regeling",
        default=False,
        help_text="Een verordening of beleidsregel van een gemeente.",
    )
    bwb_id = models.CharField(
        "BWB-identificatie",
        max_length=20,
        blank=True,
        help_text="De identificatie in het Basiswettenbestand, bijv. BWBR0015703.",
    )
    official_url = models.URLField("officiële tekst", blank=True)
    cost_domain = models.CharField(
        "kostendomein", max_length=20, choices=CostDomain.choices, default=CostDomain.OTHER
    )
    description = models.TextField("toelichting", blank=True, max_length=2000)

    panels = [
        FieldPanel("name"),
        FieldPanel("abbreviation"),
        FieldPanel("is_local_regulation"),
        FieldPanel("bwb_id"),
        FieldPanel("official_url"),
        FieldPanel("cost_domain"),
        FieldPanel("description"),
        InlinePanel("articles", label="Artikelen"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("abbreviation"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "wet of regeling"
        verbose_name_plural = "wetten en regelingen"

    def __str__(self) -> str:
        return self.name

    @property
    def display_url(self) -> str:
        """The official text: the stored link, or wetten.overheid.nl by BWB id."""
        if self.official_url:
            return self.official_url
        if self.bwb_id:
            return f"https://wetten.overheid.nl/{self.bwb_id}"
        return ""


class LawArticle(GuardedText, Orderable):
    """An article of a law ("35 lid 1", "2.3.5"), with a short explanation for the law lookup."""

    guarded_fields = ("explanation",)
    guard_exempt = {
        "article": "reference data: an article number",
        "title": "reference data: the official title of an article",
    }

    law = ParentalKey(Law, on_delete=models.CASCADE, related_name="articles")
    article = models.CharField(
        "artikel", max_length=40, help_text="Alleen het nummer, bijv. ‘35 lid 1’ of ‘2.3.5’."
    )
    title = models.CharField("opschrift", max_length=200, blank=True)
    explanation = models.TextField("uitleg", blank=True, max_length=2000)

    panels = [FieldPanel("article"), FieldPanel("title"), FieldPanel("explanation")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["law", "article"], name="casebook_unique_law_article")
        ]
        verbose_name = "artikel"
        verbose_name_plural = "artikelen"

    def __str__(self) -> str:
        return f"{self.law.name} art. {self.article}"


class Region(index.Indexed, models.Model):
    """A municipality (or a region of municipalities) where a case took place."""

    guard_exempt = {
        "name": "reference data: the name of a municipality or region",
        "province": "reference data: the name of a province",
    }

    name = models.CharField("naam", max_length=100, unique=True)
    slug = models.SlugField("slug", max_length=100, unique=True, blank=True)
    province = models.CharField("provincie", max_length=40, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("province")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "regio"
        verbose_name_plural = "regio's"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)
