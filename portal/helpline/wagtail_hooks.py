"""The helpline in the Wagtail admin: permission policy, triage inbox, standard answers,
the dashboard panel, audit-log actions and the inbox's own styles."""

from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import SubmissionViewSet, inbox_dashboard_panel_for
from .models import CannedAnswer, Submission
from .permissions import HelplinePermissionPolicy
from .services import (
    ACTION_ANSWER,
    ACTION_CLOSE,
    ACTION_ERASE,
    ACTION_EXPORT,
    ACTION_PURGE,
    ACTION_REOPEN,
    ACTION_REPLY,
    ACTION_TRIAGE,
    ACTION_VIEW,
)

# Registered before anything asks for the policy (Wagtail would create a fallback).
register_permission_policy(Submission, HelplinePermissionPolicy(Submission))


@hooks.register("register_admin_viewset")
def register_helpline_inbox() -> SubmissionViewSet:
    return SubmissionViewSet()


class CannedAnswerViewSet(SnippetViewSet):
    """Standard answers the Hulplijn keeps (permissions: the Hulplijn group, migration
    0007); guarded like every answer, since they are mailed."""

    model = CannedAnswer
    icon = "doc-full"
    menu_label = _("Standaardantwoorden")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "updated_at"]
    search_fields = ["title", "body"]


register_snippet(CannedAnswerViewSet)


@hooks.register("construct_homepage_panels")
def add_helpline_dashboard_panel(request: HttpRequest, panels: list) -> None:
    panel = inbox_dashboard_panel_for(request)
    if panel is not None:
        panels.insert(0, panel)


@hooks.register("insert_global_admin_css")
def helpline_admin_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("helpline/admin.css"))


@hooks.register("register_log_actions")
def register_helpline_log_actions(actions) -> None:  # noqa: ANN001
    actions.register_action(ACTION_VIEW, _("Bekeken"), _("Hulplijnbericht bekeken"))
    actions.register_action(ACTION_EXPORT, _("Geëxporteerd"), _("Hulplijnbericht geëxporteerd"))
    actions.register_action(ACTION_ANSWER, _("Beantwoord"), _("Antwoord verstuurd"))
    actions.register_action(ACTION_REPLY, _("Reactie"), _("De afzender reageerde in het gesprek"))
    actions.register_action(ACTION_CLOSE, _("Afgerond"), _("Gesprek afgerond"))
    actions.register_action(ACTION_REOPEN, _("Heropend"), _("Gesprek heropend"))
    actions.register_action(
        ACTION_TRIAGE, _("Behandeling bijgewerkt"), _("Status, behandelaar of notities bijgewerkt")
    )
    actions.register_action(
        ACTION_ERASE,
        _("Verwijderd (account verwijderd)"),
        _("Verwijderd omdat de afzender het account verwijderde"),
    )
    actions.register_action(
        ACTION_PURGE,
        _("Verwijderd (bewaartermijn)"),
        _("Verwijderd na afloop van de bewaartermijn"),
    )
