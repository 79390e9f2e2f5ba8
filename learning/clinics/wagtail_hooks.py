"""Case clinics in the Wagtail admin: IPW (moderators) and facilitators schedule
sessions ("Kraak-en-maak-sessies", a snippet listing with filters); moderators download
the accreditation CSV from the menu. Raising a session's capacity gives the new places
to the waiting list (with a mail)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Session
from .services import session_fill_from_waiting_list


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "group"
    menu_label = _("Kraak-en-maak-sessies")
    menu_name = "clinics"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["title", "starts_at", "region", "capacity", "facilitator", "study_load_hours"]
    list_filter = ["region", "audience", "facilitator", "starts_at"]
    search_fields = ["title", "description", "location"]
    search_backend_name = None  # plain database search: substrings in the listed fields
    ordering = ["-starts_at"]
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel(
            [FieldPanel("online_url"), FieldPanel("location"), FieldPanel("region")],
            heading=_("Waar"),
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("audience"), FieldPanel("team")],
            heading=_("Voor wie"),
        ),
        FieldRowPanel([FieldPanel("facilitator"), FieldPanel("study_load_hours")]),
    ]


register_snippet(SessionViewSet)


@hooks.register("after_edit_snippet")
def clinics_fill_waiting_list(request, instance) -> None:  # noqa: ANN001 - Wagtail's signature
    if isinstance(instance, Session):
        session_fill_from_waiting_list(session=instance)


class AttendanceCsvMenuItem(MenuItem):
    def is_shown(self, request) -> bool:  # noqa: ANN001 - Wagtail's signature
        return request.user.has_perm("clinics.export_attendance")


@hooks.register("register_admin_menu_item")
def clinics_attendance_menu_item() -> MenuItem:
    return AttendanceCsvMenuItem(
        _("Accreditatie sessies (CSV)"),
        reverse("clinics:attendance_csv"),
        name="clinics-attendance",
        icon_name="download",
        order=275,
    )
