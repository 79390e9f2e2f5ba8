"""The "Leeromgeving" menu in the Wagtail admin: the editors' course report and teams.

Loaded from `learning/wagtail_hooks.py` (`from .admin_reports import *`), because
Wagtail only auto-loads modules called `wagtail_hooks`.

- Menu "Leeromgeving": a submenu other learning features can add to through the hook
  `register_learning_menu_item` (return a MenuItem); it shows when one of its items does.
- "Cursusrapportage": every course's figures, and per course where learners stop. Open
  to holders of `learning.view_course_report` (IPW redacteur, IPW moderator; migration
  learning.0002_teams) and superusers; the admin itself requires admin access and MFA.
- "Teams": the Team snippet (members and leads inline), managed by IPW moderators and
  administrators. After a team is saved or deleted the "Teamleider" group is brought in
  step with the lead memberships.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import user_passes_test
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CoursePage, Team
from .reports import course_report, course_report_courses, course_summaries
from .reports import user_can_view_course_report as _can_view_report
from .teams import team_lead_group_sync

__all__ = [
    "TeamViewSet",
    "register_learning_admin_urls",
    "register_learning_menu",
    "register_learning_menu_items",
    "sync_team_lead_group_after_delete",
    "sync_team_lead_group_after_save",
    "team_viewset",
]

LEARNING_MENU_HOOK = "register_learning_menu_item"


# ------------------------------------------------------------------------- teams


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    add_to_admin_menu = False
    list_display = ["name", "kind", "organisation", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation"]
    search_backend_name = None  # plain database filter: teams are not in the search index
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("organisation"),
        InlinePanel(
            "memberships",
            heading=_("Teamleden en teamleiders"),
            label=_("Persoon"),
            panels=[FieldPanel("user"), FieldPanel("role")],
        ),
    ]


team_viewset = TeamViewSet()
register_snippet(team_viewset)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def sync_team_lead_group_after_save(request: HttpRequest, instance: object) -> None:
    if isinstance(instance, Team):
        team_lead_group_sync()


@hooks.register("after_delete_snippet")
def sync_team_lead_group_after_delete(request: HttpRequest, instances: list) -> None:
    if any(isinstance(instance, Team) for instance in instances):
        team_lead_group_sync()


# ----------------------------------------------------------------- course report


def _report_allowed(user) -> bool:  # noqa: ANN001 - Wagtail's user_passes_test signature
    return _can_view_report(user=user)


@user_passes_test(_report_allowed)
def course_report_index(request: HttpRequest) -> HttpResponse:
    summaries = course_summaries(courses=list(course_report_courses()))
    return render(request, "learning/report_index.html", {"summaries": summaries})


@user_passes_test(_report_allowed)
def course_report_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(CoursePage, pk=course_id)
    return render(request, "learning/report_course.html", {"report": course_report(course=course)})


@hooks.register("register_admin_urls")
def register_learning_admin_urls() -> list:
    return [
        path(
            "leeromgeving/rapportage/",
            course_report_index,
            name="learning_course_report_index",
        ),
        path(
            "leeromgeving/rapportage/<int:course_id>/",
            course_report_detail,
            name="learning_course_report",
        ),
    ]


# -------------------------------------------------------------------------- menu


class CourseReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return _can_view_report(user=request.user)


class TeamsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return team_viewset.permission_policy.user_has_any_permission(
            request.user, ["add", "change", "delete", "view"]
        )


@hooks.register("register_admin_menu_item")
def register_learning_menu() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        _("Leeromgeving"),
        Menu(register_hook_name=LEARNING_MENU_HOOK),
        name="leeromgeving",
        icon_name="clipboard-list",
        order=250,
    )


@hooks.register(LEARNING_MENU_HOOK)
def register_learning_menu_items() -> MenuItem:
    return CourseReportMenuItem(
        _("Cursusrapportage"),
        reverse("learning_course_report_index"),
        name="cursusrapportage",
        icon_name="table",
        order=100,
    )


@hooks.register(LEARNING_MENU_HOOK)
def register_teams_menu_item() -> MenuItem:
    return TeamsMenuItem(
        _("Teams"),
        reverse(team_viewset.get_url_name("list")),
        name="teams",
        icon_name="group",
        order=200,
    )
