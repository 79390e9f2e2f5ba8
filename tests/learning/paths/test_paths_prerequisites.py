"""Paths: a prerequisite refuses enrolment with a message that says what to do first;
path progress counts completed courses by the one progress definition."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from learning import services as learning_services
from learning.models import Enrolment
from learning.paths import selectors

pytestmark = pytest.mark.django_db


def test_enrolment_refused_while_the_prerequisite_is_open(learner, learning_path, advanced):
    with pytest.raises(ValidationError) as error:
        learning_services.enrolment_create(user=learner, course=advanced)
    assert error.value.messages == [
        "Rond eerst de cursus ‘Basis Doorbraakmethode’ af: deze cursus bouwt daarop voort "
        "in de leerlijn ‘Doorbraak in het wijkteam’."
    ]
    assert not Enrolment.objects.filter(user=learner, course=advanced).exists()


def test_enrolment_allowed_once_the_prerequisite_is_completed(
    learner, learning_path, basics, advanced
):
    enrolment = learning_services.enrolment_create(user=learner, course=basics)
    enrolment.completed_at = timezone.now()
    enrolment.save()
    assert selectors.prerequisites_unmet(user=learner, course=advanced) == []
    assert learning_services.enrolment_create(user=learner, course=advanced).pk


def test_progress_alone_does_not_meet_a_prerequisite(learner, learning_path, basics, advanced):
    learning_services.enrolment_create(user=learner, course=basics)
    assert [
        u.prerequisite for u in selectors.prerequisites_unmet(user=learner, course=advanced)
    ] == [basics]


def test_course_page_shows_why_and_what_first(client, learner, learning_path, advanced):
    client.force_login(learner)
    response = client.get(advanced.url)
    content = response.content.decode()
    assert "Eerst een andere cursus afronden" in content
    assert "Rond eerst de cursus ‘Basis Doorbraakmethode’ af" in content
    response = client.post(advanced.url, {"action": "enrol"}, follow=True)
    assert "Rond eerst de cursus" in response.content.decode()
    assert not Enrolment.objects.filter(user=learner, course=advanced).exists()


def test_path_progress_counts_completed_courses(learner, learning_path, basics, advanced):
    enrolment = learning_services.enrolment_create(user=learner, course=basics)
    (item,) = selectors.dashboard_paths(user=learner)
    assert (item.done, item.total) == (0, 2)
    assert [row.state for row in item.rows] == ["in_progress", "not_started"]
    assert item.rows[1].blocked_by == basics
    enrolment.completed_at = timezone.now()
    enrolment.save()
    (item,) = selectors.dashboard_paths(user=learner)
    assert (item.done, item.total) == (1, 2)
    assert item.rows[1].blocked_by is None


def test_dashboard_shows_path_progress(client, learner, learning_path, basics):
    learning_services.enrolment_create(user=learner, course=basics)
    client.force_login(learner)
    content = client.get("/leren/").content.decode()
    assert "Mijn leerlijnen" in content
    assert "0 van 2 cursussen afgerond" in content


def test_public_path_page_lists_courses_with_status(client, learner, learning_path, basics):
    assert client.get("/leerlijnen/wijkteam/").status_code == 200
    learning_services.enrolment_create(user=learner, course=basics)
    client.force_login(learner)
    content = client.get("/leerlijnen/wijkteam/").content.decode()
    assert "Basis Doorbraakmethode" in content and "Verdieping" in content
    assert "Bezig: 0%" in content
    assert "Eerst ‘Basis Doorbraakmethode’ afronden" in content
    assert client.get("/leerlijnen/bestaat-niet/").status_code == 404
    assert "Doorbraak in het wijkteam" in client.get("/leerlijnen/").content.decode()


def test_path_page_queries_stay_constant(
    client, learner, learning_path, course_index, django_assert_max_num_queries
):
    from learning.factories import course_tree
    from learning.paths.models import PathCourse

    client.force_login(learner)
    client.get("/leerlijnen/wijkteam/")
    for n in range(4):
        extra = course_tree(index=course_index, title=f"Extra {n}", modules=1)
        PathCourse.objects.create(path=learning_path, course=extra, sort_order=10 + n)
        learning_services.enrolment_create(user=learner, course=extra)
    with django_assert_max_num_queries(25):
        client.get("/leerlijnen/wijkteam/")
