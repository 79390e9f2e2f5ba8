"""The helpline in the Wagtail admin: permission policy, triage inbox, audit-log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import SubmissionViewSet
from .models import Submission
from .permissions import HelplinePermissionPolicy
from .services import (
    ACTION_ANSWER,
    ACTION_ERASE,
    ACTION_EXPORT,
    ACTION_PURGE,
    ACTION_TRIAGE,
    ACTION_VIEW,
)

# Registered before anything asks for the policy (Wagtail would create a fallback).
register_permission_policy(Submission, HelplinePermissionPolicy(Submission))


@hooks.register("register_admin_viewset")
def register_helpline_inbox() -> SubmissionViewSet:
    return SubmissionViewSet()


@hooks.register("register_log_actions")
def register_helpline_log_actions(actions) -> None:  # noqa: ANN001
    actions.register_action(ACTION_VIEW, _("Bekeken"), _("Hulplijnbericht bekeken"))
    actions.register_action(ACTION_EXPORT, _("Geëxporteerd"), _("Hulplijnbericht geëxporteerd"))
    actions.register_action(ACTION_ANSWER, _("Beantwoord"), _("Antwoord verstuurd"))
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
