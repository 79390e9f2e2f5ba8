"""Template tags the learning templates include: the prerequisite notice and target date
on the course page, paths and assignments on the dashboard, assignments on the team page."""

from __future__ import annotations

from typing import Any

from django import template

from learning.paths import selectors
from learning.paths.forms import TargetDateForm

register = template.Library()


@register.simple_tag
def paths_course_state(user: Any, course: Any) -> dict[str, Any]:
    """For the course page: unmet prerequisites and the learner's target date."""
    if user is None or not user.is_authenticated:
        return {"unmet": [], "target": None, "form": None}
    target = selectors.learner_target_date(user=user, course=course)
    initial = {"target_date": target.target_date} if target else {}
    return {
        "unmet": selectors.prerequisites_unmet(user=user, course=course),
        "target": target,
        "form": TargetDateForm(initial=initial),
    }


@register.simple_tag
def paths_dashboard(user: Any) -> dict[str, Any]:
    return {
        "paths": selectors.dashboard_paths(user=user),
        "assignments": selectors.learner_assignments(user=user),
    }


@register.simple_tag
def paths_team_assignments(team: Any) -> selectors.TeamAssignments:
    return selectors.team_assignments(team=team)


@register.simple_tag
def paths_to_offer(user: Any) -> Any:
    """The paths a newcomer's dashboard offers (not those under "Mijn leerlijnen")."""
    return selectors.paths_to_offer(user=user)
