"""Factories for the home app's pages, and helpers that build raw StreamField data.

The same factories feed the tests and the demo loader (`portal.home.demo`). The stream
helpers return Wagtail's raw JSON shape (``{"type": ..., "value": ...}``), which a
StreamField accepts on assignment, so a body reads as a list of blocks::

    ContentPageFactory(
        parent=home,
        title="Over de methode",
        body=[paragraph("<p>Tekst</p>"), callout("<p>Let op</p>", variant="warning")],
    )
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import factory
import wagtail_factories
from wagtail.models import Page

from .models import ContentPage, HomePage

RawBlock = dict[str, Any]


# --- Raw stream data -----------------------------------------------------------------


def paragraph(html: str) -> RawBlock:
    """A rich text block; `html` is Wagtail's rich text (e.g. ``<h2>..</h2><p>..</p>``)."""
    return {"type": "paragraph", "value": html}


def callout(text_html: str, *, heading: str = "", variant: str = "info") -> RawBlock:
    """A highlighted frame; `variant` is "info", "tip" or "warning"."""
    return {"type": "callout", "value": {"variant": variant, "heading": heading, "text": text_html}}


def quote(text: str, *, attribution: str = "") -> RawBlock:
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def accordion(items: Iterable[tuple[str, str]], *, heading: str = "") -> RawBlock:
    """Frequently asked questions: `items` are (question, answer as rich text) pairs."""
    return {
        "type": "accordion",
        "value": {
            "heading": heading,
            "items": [{"question": question, "answer": answer} for question, answer in items],
        },
    }


def table(
    rows: Sequence[Sequence[str]],
    *,
    caption: str,
    first_row_is_header: bool = True,
    first_col_is_header: bool = False,
) -> RawBlock:
    """A table with a caption (read out by screen readers); `rows` holds plain text cells."""
    header_choice = {
        (True, True): "both",
        (True, False): "row",
        (False, True): "column",
        (False, False): "neither",
    }[(first_row_is_header, first_col_is_header)]
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "table": {
                "data": [list(row) for row in rows],
                "first_row_is_table_header": first_row_is_header,
                "first_col_is_header": first_col_is_header,
                "table_header_choice": header_choice,
                "table_caption": "",
                "cell": [],
                "mergeCells": [],
            },
        },
    }


def video(*, title: str, url: str, transcript_html: str) -> RawBlock:
    return {"type": "video", "value": {"title": title, "url": url, "transcript": transcript_html}}


def link_card(
    *, page: Page | None = None, title: str = "", text: str = "", url: str = ""
) -> dict[str, Any]:
    """One card of a link cards block: a page (its title is used when `title` is empty)
    or an external address with a title."""
    return {"title": title, "text": text, "page": page.pk if page else None, "url": url}


def link_cards(cards: Iterable[dict[str, Any]], *, heading: str = "") -> RawBlock:
    return {"type": "link_cards", "value": {"heading": heading, "cards": list(cards)}}


# --- Page factories --------------------------------------------------------------------


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page. Without `parent` it becomes a tree root; pass the root page
    (``Page.get_first_root_node()``) as `parent` to place it under it."""

    title = "Doorbraak Leeromgeving"
    slug = factory.Sequence(lambda n: f"home-{n}")
    intro = "Kennis en leren rond de Doorbraakmethode."
    body = factory.LazyFunction(list)

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inhoudspagina {n}")
    intro = "Een korte inleiding op deze pagina."
    body = factory.LazyFunction(lambda: [paragraph("<p>De inhoud van deze pagina.</p>")])

    class Meta:
        model = ContentPage
