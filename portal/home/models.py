from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.anonymisation.policy import GuardedText
from portal.core.blocks import ContentStreamBlock
from portal.core.blocks.links import LinkCardBlock
from portal.core.page_routing import page_tree_route


class HomePage(GuardedText, Page):
    """The start page of the portal: a short welcome and the main routes in."""

    guarded_fields = ("intro", "body")

    intro = models.TextField("Introductie", blank=True, max_length=600)
    body = StreamField(ContentStreamBlock(), verbose_name="Inhoud", blank=True)

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = "Startpagina"
        verbose_name_plural = "Startpagina's"

    def route(self, request, path_components):
        # Every page of the site is found from here: in two queries, not two a level.
        return page_tree_route(root=self, request=request, path_components=path_components)


class ContentPage(GuardedText, Page):
    """A page of text and blocks: about the method, referral, joining as a municipality,
    the accessibility statement."""

    guarded_fields = ("intro", "body")

    intro = models.TextField("Introductie", blank=True, max_length=600)
    body = StreamField(ContentStreamBlock(), verbose_name="Inhoud", blank=True)

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = "Inhoudspagina"
        verbose_name_plural = "Inhoudspagina's"


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """What the footer of every page shows: a contact line and links."""

    guard_exempt = {
        "contact": "IPW's own public contact details, shown in the footer on purpose",
        "links": "link texts and addresses of the site's own pages",
    }

    contact = RichTextField(
        "Contact", blank=True, features=["bold", "italic", "link"], max_length=1000
    )
    links = StreamField(
        [("link", LinkCardBlock())], verbose_name="Links", blank=True, use_json_field=True
    )

    panels = [FieldPanel("contact"), FieldPanel("links")]

    class Meta:
        verbose_name = "Voettekst"
