"""Factories for standards pages, shared by the tests and the demo content."""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from wagtail.rich_text import RichText

from .models import StandardIndexPage, StandardPage


def paragraphs(*texts: str) -> list[tuple[str, RichText]]:
    """A StreamField value of text blocks, one per paragraph of (trusted) HTML."""
    return [("paragraph", RichText(text)) for text in texts]


class StandardIndexPageFactory(wagtail_factories.PageFactory):
    title = "Standaarden"
    slug = "standaarden"
    intro = "De standaarden van het IPW: vaste formats en werkwijzen voor de Doorbraakmethode."

    class Meta:
        model = StandardIndexPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standaard {n}")
    slug = factory.LazyAttribute(
        lambda obj: f"{slugify(obj.title)}-{obj.version.replace('.', '-')}"
    )
    summary = factory.LazyAttribute(lambda obj: f"Samenvatting van {obj.title}.")
    version = "1.0"
    effective_date = factory.LazyFunction(lambda: datetime.date(2025, 1, 1))
    body = factory.LazyAttribute(lambda obj: paragraphs(f"<p>De tekst van {obj.title}.</p>"))
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        model = StandardPage
