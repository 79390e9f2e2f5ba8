"""StreamField blocks shared by every page type of the portal.

Split by concern: `text` (rich text, callout, quote, accordion, table), `media` (image,
video) and `links` (link cards). `ContentStreamBlock` is the standard body of a page.
"""

from wagtail import blocks

from .links import LinkCardsBlock
from .media import AccessibleImageBlock, VideoBlock
from .text import AccordionBlock, CalloutBlock, QuoteBlock, TableBlock


class ContentStreamBlock(blocks.StreamBlock):
    """The body of a content page: the blocks editors may use anywhere."""

    paragraph = blocks.RichTextBlock(
        label="Tekst",
        features=["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"],
        icon="pilcrow",
    )
    callout = CalloutBlock()
    quote = QuoteBlock()
    image = AccessibleImageBlock()
    video = VideoBlock()
    accordion = AccordionBlock()
    table = TableBlock()
    link_cards = LinkCardsBlock()


__all__ = [
    "AccessibleImageBlock",
    "AccordionBlock",
    "CalloutBlock",
    "ContentStreamBlock",
    "LinkCardsBlock",
    "QuoteBlock",
    "TableBlock",
    "VideoBlock",
]
