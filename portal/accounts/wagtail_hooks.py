"""Profiles in the Wagtail admin (read and correct organisation and role), and page
titles kept from staff without edit rights (admin_page_privacy.py)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_page_privacy import pages_visible_to
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
        FieldPanel("work_phone"),
    ]


register_snippet(ProfileViewSet)


@hooks.register("construct_page_chooser_queryset")
def hide_unpublished_and_private_pages(pages: QuerySet, request: HttpRequest) -> QuerySet:
    """The page chooser's listing and search: only pages the user may see the title of."""
    return pages_visible_to(pages=pages, user=request.user)


@hooks.register("before_move_page")
def require_move_permission(request: HttpRequest, page_to_move, destination) -> None:  # noqa: ANN001
    """Wagtail's move-confirm view shows both titles before any permission check (the
    move itself is checked only when it is posted): ask for the move permission first."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
