"""Factories for lessons learned (insights), shared by the tests and the demo content."""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.rich_text import RichText

from .models import InsightIndexPage, InsightPage


def paragraphs(*texts: str) -> list[tuple[str, RichText]]:
    """A StreamField value of text blocks, one per paragraph of (trusted) HTML."""
    return [("paragraph", RichText(text)) for text in texts]


class InsightIndexPageFactory(wagtail_factories.PageFactory):
    title = "Geleerde lessen"
    slug = "geleerde-lessen"
    intro = "Wat professionals en gemeenten leerden van huishoudens die vastliepen."

    class Meta:
        model = InsightIndexPage


class InsightPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Geleerde les {n}")
    date = factory.LazyFunction(lambda: datetime.date(2025, 6, 1))
    summary = factory.LazyAttribute(lambda obj: f"In het kort: {obj.title}.")
    body = factory.LazyAttribute(lambda obj: paragraphs(f"<p>De les: {obj.title}.</p>"))
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        model = InsightPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        """`InsightPageFactory(tags=["schulden", "wonen"])` labels the page."""
        if not extracted:
            return
        self.tags.add(*extracted)
        if create:
            self.save()
