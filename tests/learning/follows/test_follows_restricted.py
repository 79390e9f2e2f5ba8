"""Follows respect Wagtail's page privacy: a page behind a view restriction (for a group,
or a password) cannot be followed by someone who may not read it, and a new version or
item behind one is mailed only to followers who may read it (its title and "Wat is er
veranderd" are in the mail)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import PageViewRestriction

from learning.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory
from learning.follows.models import Follow
from learning.follows.services import FollowError, follow_create
from portal.accounts.factories import UserFactory
from portal.core.version_actions import version_create_next
from portal.standards.factories import StandardPageFactory


@pytest.fixture
def team(db):
    return Group.objects.create(name="Wijkteam Noord")


@pytest.fixture
def standard(standards_index, team):
    page = StandardPageFactory(
        parent=standards_index,
        title="Intern werkproces",
        version="1.0",
        effective_date=datetime.date(2025, 1, 1),
    )
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(team)
    return page


def test_an_outsider_cannot_follow_a_page_for_a_group(client, standard):
    outsider = UserFactory(email="buiten@example.org")
    with pytest.raises(FollowError):
        follow_create(user=outsider, page=standard)

    client.force_login(outsider)
    response = client.post(reverse("follows:toggle", args=[standard.pk]))

    assert response.status_code == 302
    assert not Follow.objects.exists()


def test_a_group_member_can_follow_it(standard, team):
    member = UserFactory(email="lid@example.org", groups=[team])

    follow_create(user=member, page=standard)

    assert Follow.objects.filter(user=member, page=standard).exists()


def test_a_password_protected_page_cannot_be_followed(standards_index):
    page = StandardPageFactory(parent=standards_index, title="Met wachtwoord", version="1.0")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    with pytest.raises(FollowError):
        follow_create(user=UserFactory(email="a@example.org"), page=page)


def test_a_new_item_behind_a_restriction_is_mailed_only_to_who_may_read_it(
    site_root, team, editor, django_capture_on_commit_callbacks
):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site_root))
    member = UserFactory(email="lid@example.org", groups=[team])
    outsider = UserFactory(email="buiten@example.org")
    follow_create(user=member, page=course)
    follow_create(user=outsider, page=course)
    lesson = LessonPageFactory(
        parent=course, live=False, first_published_at=None, last_published_at=None
    )
    restriction = PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(team)

    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision(user=editor).publish()

    assert [sent.to for sent in mail.outbox] == [["lid@example.org"]]


def test_a_follower_who_lost_access_hears_nothing_of_the_new_version(
    standard, team, editor, django_capture_on_commit_callbacks
):
    member = UserFactory(email="lid@example.org", groups=[team])
    follow_create(user=member, page=standard)
    member.groups.clear()

    with django_capture_on_commit_callbacks(execute=True):
        new = version_create_next(page=standard, user=editor)
        new.changes = "Het interne telefoonnummer is veranderd."
        new.save_revision(user=editor).publish()

    assert mail.outbox == []
