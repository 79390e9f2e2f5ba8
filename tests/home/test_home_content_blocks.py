"""A content page shows every block as a visitor expects, and the blocks refuse what
would make a page inaccessible or load a third party."""

from __future__ import annotations

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Collection

from portal.core.blocks import AccessibleImageBlock, VideoBlock
from portal.home.factories import (
    ContentPageFactory,
    accordion,
    callout,
    link_card,
    link_cards,
    quote,
    table,
    video,
)

VIDEO_ID = "aBcDeFgHiJk"


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(
        title="Gesprek aan tafel", collection=Collection.get_first_root_node()
    )


@pytest.fixture
def referral(site_root):
    return ContentPageFactory(parent=site_root, title="Een huishouden aanmelden")


@pytest.fixture
def page_html(client, site_root, image, referral) -> BeautifulSoup:
    """The rendered main content of a content page with one block of each kind."""
    page = ContentPageFactory(
        parent=site_root,
        title="Over de methode",
        body=[
            callout(
                "<p>Begin bij wat het huishouden zelf het belangrijkst vindt.</p>",
                heading="Eerst luisteren",
                variant="tip",
            ),
            quote("De regel was er voor hen, niet andersom.", attribution="Een wijkcoach"),
            accordion(
                [("Wie mag aanmelden?", "<p>Elke professional die vastloopt.</p>")],
                heading="Vragen",
            ),
            table(
                [["Stap", "Wie"], ["Situatieschets", "Professional"]],
                caption="Wie zet welke stap",
            ),
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "Een consulent en een bewoner aan de keukentafel",
                    "caption": "Samen kijken wat nodig is",
                },
            },
            video(
                title="Uitleg in drie minuten",
                url=f"https://youtu.be/{VIDEO_ID}",
                transcript_html="<p>We beginnen bij de vraag wat dit gezin nodig heeft.</p>",
            ),
            link_cards(
                [
                    link_card(page=referral, text="Zo meldt u een vastgelopen situatie aan."),
                    link_card(title="Instituut voor Publieke Waarden", url="https://example.org/"),
                ],
                heading="Lees verder",
            ),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.find("main")
    assert main is not None
    return main


def text_of(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def test_callout_shows_heading_text_and_its_kind_in_words(page_html):
    heading = page_html.find(lambda tag: tag.name in {"h2", "h3"} and "Eerst luisteren" in tag.text)
    assert heading is not None
    container = heading.parent
    assert "Begin bij wat het huishouden zelf het belangrijkst vindt." in text_of(container)
    # The kind is said in words, not only by colour.
    assert "Tip" in text_of(container)


def test_quote_shows_the_quote_and_who_said_it(page_html):
    blockquote = page_html.find("blockquote")
    assert text_of(blockquote) == "De regel was er voor hen, niet andersom."
    figure = blockquote.find_parent("figure")
    assert text_of(figure.find("figcaption")) == "Een wijkcoach"


def test_accordion_question_opens_to_its_answer(page_html):
    details = [d for d in page_html.find_all("details") if "Wie mag aanmelden?" in d.text]
    assert len(details) == 1
    assert text_of(details[0].find("summary")) == "Wie mag aanmelden?"
    assert "Elke professional die vastloopt." in text_of(details[0])


def test_table_has_a_caption_and_column_headers(page_html):
    table_el = page_html.find("table")
    assert text_of(table_el.find("caption")) == "Wie zet welke stap"
    headers = [text_of(th) for th in table_el.find_all("th", scope="col")]
    assert headers == ["Stap", "Wie"]
    assert [text_of(td) for td in table_el.find_all("td")] == ["Situatieschets", "Professional"]


def test_image_has_its_alt_text_and_caption(page_html):
    img = page_html.find("img", alt="Een consulent en een bewoner aan de keukentafel")
    assert img is not None
    assert img["src"].startswith("/")  # served by the site itself
    assert text_of(img.find_parent("figure").find("figcaption")) == "Samen kijken wat nodig is"


def test_video_offers_nocookie_player_link_and_transcript_but_loads_nothing(page_html):
    assert page_html.find(lambda tag: tag.name == "h2" and "Uitleg in drie minuten" in tag.text)
    player = page_html.find(attrs={"data-video-embed": True})
    assert player["data-video-embed"] == f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}"
    # Nothing is loaded from YouTube until the visitor asks: no iframe in the page.
    assert page_html.find("iframe") is None
    watch = page_html.find("a", href=f"https://www.youtube.com/watch?v={VIDEO_ID}")
    assert watch is not None and "Uitleg in drie minuten" in text_of(watch)
    transcript = [d for d in page_html.find_all("details") if "dit gezin" in d.text]
    assert len(transcript) == 1
    assert "We beginnen bij de vraag wat dit gezin nodig heeft." in text_of(transcript[0])


def test_link_cards_link_to_a_page_by_its_title_and_to_an_external_address(page_html, referral):
    internal = page_html.find("a", href=referral.url)
    assert text_of(internal) == "Een huishouden aanmelden"
    card = internal.find_parent("li")
    assert "Zo meldt u een vastgelopen situatie aan." in text_of(card)
    external = page_html.find("a", href="https://example.org/")
    assert text_of(external) == "Instituut voor Publieke Waarden"


def clean_errors(block, raw: dict) -> dict[str, str]:
    """Clean `raw` as the admin does on save; return the messages per field."""
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python(raw))
    return {name: " ".join(error.messages) for name, error in caught.value.block_errors.items()}


def test_video_block_refuses_an_address_that_is_not_youtube():
    errors = clean_errors(
        VideoBlock(),
        {"title": "Uitleg", "url": "https://vimeo.com/123456", "transcript": "<p>Tekst</p>"},
    )
    assert "url" in errors
    assert "YouTube" in errors["url"]


def test_video_block_requires_a_transcript():
    errors = clean_errors(
        VideoBlock(),
        {"title": "Uitleg", "url": f"https://www.youtube.com/watch?v={VIDEO_ID}", "transcript": ""},
    )
    assert "transcript" in errors


def test_video_block_accepts_a_youtube_address_with_transcript():
    block = VideoBlock()
    value = block.clean(
        block.to_python(
            {
                "title": "Uitleg",
                "url": f"https://www.youtube.com/watch?v={VIDEO_ID}",
                "transcript": "<p>Tekst</p>",
            }
        )
    )
    assert value.embed_url() == f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}"


def test_image_block_requires_alt_text(image):
    errors = clean_errors(
        AccessibleImageBlock(), {"image": image.pk, "alt_text": "", "caption": "Onderschrift"}
    )
    assert "alt_text" in errors
