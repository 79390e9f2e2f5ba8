"""Profiles in the Wagtail admin (read and correct organisation and role)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Profile


class ProfileViewSet(SnippetViewSet):
    model = Profile
    icon = "user"
    menu_label = _("Profielen")
    menu_order = 600
    add_to_admin_menu = False
    list_display = ["__str__", "organisation", "role", "created_at"]
    list_filter = ["role"]
    ordering = ["user__last_name", "user__first_name"]
    panels = [
        FieldPanel("organisation"),
        FieldPanel("role"),
        FieldPanel("registerplein_number"),
        FieldPanel("skj_number"),
        FieldPanel("big_number"),
    ]


register_snippet(ProfileViewSet)
