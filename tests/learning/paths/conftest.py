"""Fixtures of the paths tests: courses in a path, a team with a lead and members."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from learning.factories import TeamFactory, TeamMembershipFactory, course_tree
from learning.models import TeamRole
from learning.paths.models import LearningPath, PathCourse
from portal.accounts.factories import UserFactory


@pytest.fixture
def basics(course_index):
    return course_tree(index=course_index, title="Basis Doorbraakmethode", modules=1)


@pytest.fixture
def advanced(course_index):
    return course_tree(index=course_index, title="Verdieping", modules=1)


@pytest.fixture
def learning_path(basics, advanced):
    path = LearningPath.objects.create(
        title="Doorbraak in het wijkteam", slug="wijkteam", description="Van basis tot casus."
    )
    PathCourse.objects.create(path=path, course=basics, sort_order=0)
    PathCourse.objects.create(path=path, course=advanced, prerequisite=basics, sort_order=1)
    return path


@pytest.fixture
def team_lead(db):
    return UserFactory(first_name="Lotte", last_name="Leider", email="lotte@example.org")


@pytest.fixture
def team(team_lead, learner):
    team = TeamFactory(name="Wijkteam Noord")
    TeamMembershipFactory(team=team, user=team_lead, role=TeamRole.LEAD)
    TeamMembershipFactory(team=team, user=learner)
    return team


@pytest.fixture
def mails(mailoutbox, django_capture_on_commit_callbacks):
    @contextmanager
    def capture():
        with django_capture_on_commit_callbacks(execute=True):
            yield mailoutbox

    return capture
