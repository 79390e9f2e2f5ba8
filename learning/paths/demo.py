"""Demo content of the paths app (found by the demo loader, portal.shell.demo): the path
"Werken met de Doorbraakmethode" (first Kennismaken, then Doorverwijzen, which needs the
first) and the first course assigned by teamleider@ to "Wijkteam Oost", due in three weeks.
Idempotent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from learning.demo.doorverwijzen import SLUG as DOORVERWIJZEN_SLUG
from learning.demo.kennismaken import SLUG as KENNISMAKEN_SLUG
from learning.demo.learners import TEAM_LEAD
from learning.demo.team import TEAM_NAME
from learning.models import CoursePage, Team

from .models import Assignment, LearningPath, PathCourse
from .services import assignment_create

DEMO_AFTER = ("learning", "accounts")
PATH_SLUG = "werken-met-de-doorbraakmethode"


def load(**_: Any) -> LearningPath | None:
    first = CoursePage.objects.filter(slug=KENNISMAKEN_SLUG).first()
    second = CoursePage.objects.filter(slug=DOORVERWIJZEN_SLUG).first()
    if first is None or second is None:
        return None
    path, created = LearningPath.objects.get_or_create(
        slug=PATH_SLUG,
        defaults={
            "title": "Werken met de Doorbraakmethode",
            "description": (
                "Eerst de methode leren kennen, dan doorverwijzen vanuit de huisartsenpraktijk."
            ),
        },
    )
    if created:
        PathCourse.objects.create(path=path, course=first, sort_order=0)
        PathCourse.objects.create(path=path, course=second, prerequisite=first, sort_order=1)
    team = Team.objects.filter(name=TEAM_NAME).first()
    lead = get_user_model().objects.filter(email__iexact=TEAM_LEAD).first()
    if team is not None and lead is not None and not Assignment.objects.filter(team=team).exists():
        assignment_create(
            lead=lead,
            team=team,
            course=first,
            due_date=timezone.localdate() + timedelta(weeks=3),
        )
    return path
