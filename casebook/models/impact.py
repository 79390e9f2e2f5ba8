"""The impact page: what the published breakthroughs prevented and which toxic cocktails
and legal bases recur. Its figures are computed by casebook.impact, never typed."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.anonymisation.policy import GuardedText


class ImpactPage(GuardedText, Page):
    """Figures over the visible published cases, filterable by region and year."""

    guarded_fields = ("intro",)

    intro = models.TextField("introductie", blank=True, max_length=800)

    parent_page_types = ["casebook.CaseIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    def get_context(self, request, *args, **kwargs) -> dict:
        # The app's rules import this module: they are read when the page is served.
        from casebook.impact import impact_page_context  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context.update(impact_page_context(request=request, page=self))
        return context

    class Meta:
        verbose_name = "impactpagina"
        verbose_name_plural = "impactpagina's"
