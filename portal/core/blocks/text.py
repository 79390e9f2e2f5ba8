from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock

SIMPLE_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class CalloutBlock(blocks.StructBlock):
    """A highlighted message: information, a tip or a warning."""

    variant = blocks.ChoiceBlock(
        label="Soort",
        choices=[("info", "Informatie"), ("tip", "Tip"), ("warning", "Let op")],
        default="info",
    )
    heading = blocks.CharBlock(label="Kop", required=False, max_length=120)
    text = blocks.RichTextBlock(label="Tekst", features=SIMPLE_FEATURES)

    class Meta:
        label = "Kader"
        icon = "help"
        template = "core/blocks/callout.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="Citaat")
    attribution = blocks.CharBlock(label="Bron", required=False, max_length=200)

    class Meta:
        label = "Citaat"
        icon = "openquote"
        template = "core/blocks/quote.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="Vraag", max_length=250)
    answer = blocks.RichTextBlock(label="Antwoord", features=SIMPLE_FEATURES)


class AccordionBlock(blocks.StructBlock):
    """Frequently asked questions, rendered as native <details> elements so they work
    with keyboard and screen readers without JavaScript."""

    heading = blocks.CharBlock(label="Kop", required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label="Vragen", min_num=1)

    class Meta:
        label = "Veelgestelde vragen (accordeon)"
        icon = "list-ul"
        template = "core/blocks/accordion.html"


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label="Bijschrift",
        max_length=200,
        help_text="Beschrijft de tabel voor schermlezers en staat boven de tabel.",
    )
    table = WagtailTableBlock(
        label="Tabel",
        table_options={"startRows": 3, "startCols": 3, "renderer": "text"},
    )

    class Meta:
        label = "Tabel"
        icon = "table"
        template = "core/blocks/table.html"
