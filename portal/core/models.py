"""Abstract page models shared by content apps.

`VersionedPage`: a page that exists in versions, where a newer version is a new page
that supersedes the older one (standards, plan templates). The rules that read and check
versions are in `portal.core.versioning`.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page


class VersionedPage(Page):
    """The version fields: `version`, `effective_date` and `supersedes` (the older
    version this one replaces; its reverse is `successors`). "Vervangen door" is derived
    from that link, never stored twice."""

    guard_exempt = {
        "version": "a version number such as 2.1",
    }

    version = models.CharField("Versie", max_length=20, help_text='Bijvoorbeeld "1.0" of "2.1".')
    effective_date = models.DateField(
        "Ingangsdatum",
        default=timezone.localdate,
        help_text="De datum vanaf wanneer deze versie geldt.",
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name="Vervangt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        help_text="De oudere versie die deze versie vervangt. Laat leeg bij een eerste versie.",
    )
    changes = models.TextField(
        "Wat is er veranderd",
        blank=True,
        max_length=2000,
        help_text="Voor lezers van deze versie: wat is er anders dan in de vorige versie? "
        "Verplicht als deze versie een oudere vervangt.",
    )

    #: The admin panel of the version fields, the same on every versioned page type.
    version_panel = MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("version"), FieldPanel("effective_date")]),
            FieldPanel("supersedes"),
            FieldPanel("changes"),
        ],
        heading="Versie",
    )

    class Meta:
        abstract = True

    def get_admin_display_title(self) -> str:
        """The title with the version number, in admin listings, choosers and breadcrumbs
        ("Doorbraakplan (versie 2.0)"), so editors can tell versions apart."""
        title = super().get_admin_display_title()
        if not self.version:
            return title
        return _("%(title)s (versie %(version)s)") % {"title": title, "version": self.version}
