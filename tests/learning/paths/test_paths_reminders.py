"""Reminders: N days before the due date (setting, default 3) and when overdue; one mail
per learner per day with every due assignment in it; idempotent when the job runs twice
the same day (task and command); switched off by a setting; none for completed courses."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from learning.factories import course_tree
from learning.paths import services
from learning.paths.models import Assignment, ReminderSent
from learning.paths.tasks import paths_send_reminders_task
from learning.services import enrolment_create

pytestmark = pytest.mark.django_db


def in_days(n: int):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def assign(team, team_lead):
    def _assign(course, days: int):
        (assignment,) = services.assignment_create(
            lead=team_lead, team=team, course=course, due_date=in_days(max(days, 0))
        )
        if days < 0:
            Assignment.objects.filter(pk=assignment.pk).update(due_date=in_days(days))
        return assignment

    return _assign


def test_reminder_three_days_before_by_default(assign, learner, basics, mails):
    assign(basics, 3)
    with mails() as outbox:
        assert services.reminders_send_due() == 1
    assert outbox[0].to == [learner.email]
    assert outbox[0].subject == "Herinnering: cursussen die je team van je verwacht"
    assert f"Basis Doorbraakmethode: af uiterlijk op {in_days(3):%d-%m-%Y}" in outbox[0].body


@pytest.mark.parametrize("days", [4, 2, 0])
def test_no_reminder_on_other_days_before(assign, basics, mails, days):
    assign(basics, days)
    with mails() as outbox:
        assert services.reminders_send_due() == 0
    assert outbox == []


def test_days_before_is_a_setting(assign, basics, mails, settings):
    settings.PATHS_REMINDER_DAYS_BEFORE = 7
    assign(basics, 7)
    with mails() as outbox:
        assert services.reminders_send_due() == 1
    assert len(outbox) == 1


@pytest.mark.parametrize(("days", "sent"), [(-1, 1), (-2, 0), (-8, 1)])
def test_overdue_the_day_after_and_weekly(assign, basics, mails, days, sent):
    assign(basics, days)
    with mails() as outbox:
        assert services.reminders_send_due() == sent
    if sent:
        assert "te laat" in outbox[0].body


def test_one_mail_a_day_with_every_due_assignment(assign, basics, advanced, course_index, mails):
    assign(basics, 3)
    assign(advanced, -1)
    with mails() as outbox:
        assert services.reminders_send_due() == 1
    assert len(outbox) == 1
    assert "Basis Doorbraakmethode" in outbox[0].body and "Verdieping" in outbox[0].body


def test_running_twice_the_same_day_sends_nothing_more(assign, basics, mails):
    assign(basics, 3)
    with mails() as outbox:
        assert services.reminders_send_due() == 1
        assert services.reminders_send_due() == 0
        call_command("paths_send_reminders", stdout=StringIO())
        paths_send_reminders_task.enqueue()
    assert len(outbox) == 1
    assert ReminderSent.objects.get().sent_on == timezone.localdate()


def test_overdue_the_same_day_waits_for_tomorrow(assign, basics, advanced, mails):
    assign(basics, 3)
    with mails() as outbox:
        assert services.reminders_send_due() == 1
        assign(advanced, -1)  # overdue, but this learner had a mail today
        assert services.reminders_send_due() == 0
        assert services.reminders_send_due(today=in_days(1)) == 0  # advanced now 2 days late
        Assignment.objects.filter(course=advanced).update(due_date=in_days(0))
        assert services.reminders_send_due(today=in_days(1)) == 1  # a day late, a new day
    assert len(outbox) == 2


def test_switched_off(assign, basics, mails, settings):
    settings.PATHS_REMINDERS_ENABLED = False
    assign(basics, 3)
    with mails() as outbox:
        assert services.reminders_send_due() == 0
    assert outbox == [] and not ReminderSent.objects.exists()


def test_completed_courses_get_no_reminder(assign, learner, basics, mails):
    assign(basics, -1)
    enrolment = enrolment_create(user=learner, course=basics)
    enrolment.completed_at = timezone.now()
    enrolment.save()
    with mails() as outbox:
        assert services.reminders_send_due() == 0
    assert outbox == []


def test_reminder_job_queries_stay_constant(
    team, team_lead, course_index, django_assert_max_num_queries, mails
):
    from learning.factories import TeamMembershipFactory

    for _ in range(10):
        TeamMembershipFactory(team=team)
    courses = [course_tree(index=course_index, modules=1) for _ in range(3)]
    for course in courses:
        services.assignment_create(lead=team_lead, team=team, course=course, due_date=in_days(3))
    with mails() as outbox, django_assert_max_num_queries(8 + 4 * 11):  # 4 a mail
        assert services.reminders_send_due() == 11
    assert len(outbox) == 11
