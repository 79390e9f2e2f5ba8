from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class LinkCardValue(blocks.StructValue):
    def href(self) -> str:
        page = self.get("page")
        if page:
            return page.url
        return self.get("url") or ""

    def heading(self) -> str:
        page = self.get("page")
        return self.get("title") or (page.title if page else "")


class LinkCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titel", required=False, max_length=120)
    text = blocks.TextBlock(label="Korte tekst", required=False, max_length=300)
    page = blocks.PageChooserBlock(label="Pagina", required=False)
    url = blocks.URLBlock(label="Of een extern adres", required=False)

    class Meta:
        label = "Kaart"
        value_class = LinkCardValue

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Kies een pagina of vul een adres in.")}
            )
        if not value.get("page") and not value.get("title"):
            raise StructBlockValidationError(
                block_errors={
                    "title": ValidationError(
                        "Een kaart met een extern adres heeft een titel nodig."
                    )
                }
            )
        return value


class LinkCardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Kop", required=False, max_length=120)
    cards = blocks.ListBlock(LinkCardBlock(), label="Kaarten", min_num=1)

    class Meta:
        label = "Verwijzingskaarten"
        icon = "link"
        template = "core/blocks/link_cards.html"
