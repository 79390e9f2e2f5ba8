"""Follows: a new published version or item mails each follower once (at once or in the
daily digest), never twice, with a signed link that stops the follow without logging in."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command

from learning.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory
from learning.follows.models import Follow, FollowNotice
from learning.follows.services import (
    follow_create,
    follow_notices_send,
    follow_setting_update,
    follows_export_for_user,
    follows_send_digests,
)
from portal.accounts.factories import UserFactory
from portal.core.version_actions import version_create_next
from portal.insights.models import InsightIndexPage, InsightPage
from portal.standards.factories import StandardPageFactory


@pytest.fixture
def standard(standards_index):
    return StandardPageFactory(
        parent=standards_index,
        title="Doorbraakplan",
        version="1.0",
        effective_date=datetime.date(2025, 1, 1),
    )


@pytest.fixture
def follower(db):
    return UserFactory(first_name="Sanne", email="sanne@example.org")


def _publish_new_version(standard, editor, changes="De waardendriehoek is toegevoegd."):
    new = version_create_next(page=standard, user=editor)
    new.changes = changes
    revision = new.save_revision(user=editor)
    revision.publish()
    return new


def test_a_new_version_mails_the_follower_once(
    standard, follower, editor, django_capture_on_commit_callbacks
):
    follow_create(user=follower, page=standard)

    with django_capture_on_commit_callbacks(execute=True):
        new = _publish_new_version(standard, editor)

    (sent,) = mail.outbox
    assert sent.to == ["sanne@example.org"]
    assert sent.subject == "Nieuwe versie van Doorbraakplan"
    assert "versie 2.0" in sent.body
    assert "De waardendriehoek is toegevoegd." in sent.body
    assert "/volgen/afmelden/" in sent.body
    # RFC 8058: mail programs offer a one-click unsubscribe to the same link
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/volgen/afmelden/" in sent.extra_headers["List-Unsubscribe"]
    # the follow moves on to the new version
    assert list(Follow.objects.filter(user=follower).values_list("page_id", flat=True)) == [new.pk]

    # the same revision again (a second signal, a rerun of the task): nothing more
    from learning.follows.services import follow_notices_record

    with django_capture_on_commit_callbacks(execute=True):
        follow_notices_record(page=new, revision=new.live_revision)
        follow_notices_send()
    assert len(mail.outbox) == 1
    assert FollowNotice.objects.count() == 1


def test_correcting_a_published_version_sends_nothing(
    standard, follower, editor, django_capture_on_commit_callbacks
):
    follow_create(user=follower, page=standard)
    with django_capture_on_commit_callbacks(execute=True):
        new = _publish_new_version(standard, editor)
    mail.outbox.clear()

    new.summary = "Een verbeterde samenvatting."
    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision(user=editor).publish()

    assert mail.outbox == []


def test_a_draft_version_sends_nothing(
    standard, follower, editor, django_capture_on_commit_callbacks
):
    follow_create(user=follower, page=standard)

    with django_capture_on_commit_callbacks(execute=True):
        version_create_next(page=standard, user=editor)

    assert mail.outbox == []
    assert not FollowNotice.objects.exists()


def test_daily_digest_collects_notices_in_one_mail(
    standard, follower, editor, home, django_capture_on_commit_callbacks
):
    follow_setting_update(user=follower, frequency="daily")
    insights = home.add_child(instance=InsightIndexPage(title="Geleerde lessen", slug="lessen"))
    follow_create(user=follower, page=standard)
    follow_create(user=follower, page=insights)

    with django_capture_on_commit_callbacks(execute=True):
        _publish_new_version(standard, editor)
        lesson = insights.add_child(
            instance=InsightPage(title="Bel eerst de verhuurder", summary="Een les.", live=False)
        )
        lesson.save_revision(user=editor).publish()
    assert mail.outbox == []  # daily: nothing at once

    with django_capture_on_commit_callbacks(execute=True):
        call_command("follows_send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with django_capture_on_commit_callbacks(execute=True):
        assert follows_send_digests() == 0  # the next run: nothing left

    (digest,) = mail.outbox
    assert digest.subject == "Nieuw in wat je volgt (2)"
    assert "Nieuwe versie: Doorbraakplan, versie 2.0" in digest.body
    assert "Nieuw in Geleerde lessen: Bel eerst de verhuurder" in digest.body
    assert "Niets meer volgen (zonder inloggen)" in digest.body


def test_a_new_lesson_in_a_followed_course(
    site_root, follower, editor, django_capture_on_commit_callbacks
):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site_root))
    follow_create(user=follower, page=course)
    lesson = LessonPageFactory(
        parent=course, live=False, first_published_at=None, last_published_at=None
    )

    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision(user=editor).publish()

    (sent,) = mail.outbox
    assert f"Nieuw in {course.title}: {lesson.title}" in sent.body


def test_the_unsubscribe_link_works_logged_out(
    client, standard, follower, editor, django_capture_on_commit_callbacks
):
    follow_create(user=follower, page=standard)
    with django_capture_on_commit_callbacks(execute=True):
        _publish_new_version(standard, editor)
    link = re.search(r"https?://\S+/volgen/afmelden/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[-1]

    shown = client.get(path)  # a link checker's visit changes nothing
    assert shown.status_code == 200
    assert Follow.objects.filter(user=follower).exists()

    done = client.post(path, {"List-Unsubscribe": "One-Click"})  # as a mail program does

    assert done.status_code == 200
    assert "niet meer" in done.content.decode()
    assert not Follow.objects.filter(user=follower).exists()


def test_a_forged_unsubscribe_link_is_refused(client, standard, follower):
    follow_create(user=follower, page=standard)

    response = client.post("/volgen/afmelden/eyJ1IjoxLCJwIjpudWxsfQ:nep:handtekening/")

    assert response.status_code == 400
    assert Follow.objects.filter(user=follower).exists()


def test_follows_are_exported_and_deleted_with_the_account(standard, follower):
    follow_create(user=follower, page=standard)

    exported = follows_export_for_user(follower)
    follower.delete()

    assert exported["follows"][0]["page"] == "Doorbraakplan"
    assert exported["frequency"] == "immediate"
    assert not Follow.objects.exists()
