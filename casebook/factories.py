"""Factories for the casebook, shared by the tests and the demo."""

from __future__ import annotations

from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone

from .models import (
    CaseCost,
    CaseIndexPage,
    CaseLegalBasis,
    CasePage,
    Law,
    LawArticle,
    Outcome,
    Phase,
    ProblemDomain,
    Region,
)


class ProblemDomainFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Probleemdomein {n}")

    class Meta:
        model = ProblemDomain
        django_get_or_create = ("name",)


class LawFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Wet {n}")
    cost_domain = "other"

    class Meta:
        model = Law
        django_get_or_create = ("name",)


class LawArticleFactory(factory.django.DjangoModelFactory):
    law = factory.SubFactory(LawFactory)
    article = factory.Sequence(lambda n: f"{n + 1}")
    title = factory.LazyAttribute(lambda obj: f"Artikel {obj.article}")

    class Meta:
        model = LawArticle
        django_get_or_create = ("law", "article")


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Gemeente {n}")

    class Meta:
        model = Region
        django_get_or_create = ("name",)


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Voorbeeldcasussen"
    slug = "casussen"
    intro = "Geanonimiseerde doorbraken om van te leren."

    class Meta:
        model = CaseIndexPage


class CasePageFactory(wagtail_factories.PageFactory):
    """A published case. Pass `domains=[...]`, `legal_bases=[(law, article, reasoning)]`
    and `costs={"wmo": (direct, prevented)}` to set the related rows."""

    title = factory.Sequence(lambda n: f"Casus {n}")
    household = "Alleenstaande moeder met twee kinderen"
    situation = "Het huishouden heeft schulden en dreigt de woning te verliezen."
    perspective = "Over een half jaar woont het gezin stabiel en is er rust in de financiën."
    needs_self = "Post openen en afspraken nakomen."
    needs_support = "Hulp bij het ordenen van de administratie."
    needs_treatment = ""
    barrier = "De regels van twee instanties blokkeren elkaar."
    breakthrough = "De gemeente betaalt de achterstand eenmalig uit bijzondere bijstand."
    engagement = "Het gezin krijgt weer overzicht en rust."
    breakthrough_cost = Decimal("1000.00")
    phase = Phase.EERSTE_NOOD
    region = factory.SubFactory(RegionFactory)
    year = 2025
    outcome = Outcome.GEREALISEERD
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        model = CasePage
        skip_postgeneration_save = True

    @factory.post_generation
    def domains(self, create: bool, extracted, **kwargs) -> None:
        if extracted:
            self.problem_domains.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def legal_bases(self, create: bool, extracted, **kwargs) -> None:
        for order, (law, article, reasoning) in enumerate(extracted or []):
            CaseLegalBasis.objects.create(
                page=self, law=law, article=article, reasoning=reasoning, sort_order=order
            )

    @factory.post_generation
    def costs(self, create: bool, extracted, **kwargs) -> None:
        for order, (domain, (direct, prevented)) in enumerate((extracted or {}).items()):
            CaseCost.objects.create(
                page=self,
                domain=domain,
                direct=Decimal(str(direct)),
                prevented=Decimal(str(prevented)),
                sort_order=order,
            )
