"""Conversations: who sees which message (the sender and the Hulplijn group only), the
professional's reply, closing and reopening (audit-logged), unread answers and the
header badge, the data export and account deletion."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from portal.accounts.factories import ProfileFactory, client_login_with_mfa
from portal.accounts.services import account_delete
from portal.helpline.factories import AnswerFactory, ReplyFactory, SubmissionFactory
from portal.helpline.models import MailKind, Message, OutgoingMail, Status
from portal.helpline.selectors import (
    submission_list_for_user,
    thread_messages_for_user,
    unread_count_for_user,
)
from portal.helpline.services import (
    submission_answer,
    submission_triage_update,
    thread_close,
    thread_mark_read,
    thread_reopen,
    thread_reply,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    return ProfileFactory(user__email="collega@wijkteam.example.org").user


@pytest.fixture
def thread(professional, staff):
    submission = SubmissionFactory(user=professional, email=professional.email)
    submission_answer(submission=submission, body="Bel de consulent over art. 35.", by=staff)
    return submission


def test_sender_and_hulplijn_see_the_messages(thread, professional, staff):
    for user in (professional, staff):
        bodies = [m.body for m in thread_messages_for_user(user=user, submission=thread)]
        assert bodies == ["Bel de consulent over art. 35."]


@pytest.mark.parametrize("who", ["colleague", "editor", "team_lead"])
def test_nobody_else_sees_the_messages(thread, request, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        thread_messages_for_user(user=user, submission=thread)


def test_another_professional_gets_404_on_the_thread_page(client, thread, colleague):
    client_login_with_mfa(client, colleague)
    assert client.get(thread.get_thread_url()).status_code == 404
    assert thread.reference not in client.get(reverse("helpline_threads")).content.decode()


def test_anonymous_visitor_is_sent_to_log_in(client, thread):
    response = client.get(thread.get_thread_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_reply_is_stored_logged_and_notified_without_content(thread, professional, staff):
    thread.status = Status.WAITING
    thread.save()

    reply = thread_reply(
        submission=thread, body="De consulent wil een verklaring van de huisarts.", by=professional
    )

    assert reply.from_staff is False
    thread.refresh_from_db()
    assert thread.status == Status.IN_PROGRESS
    notice = OutgoingMail.objects.get(kind=MailKind.REPLY_NOTICE)
    assert notice.to == [staff.email]
    assert "verklaring" not in notice.body and "verklaring" not in notice.subject
    assert thread.reference in notice.subject
    assert ModelLogEntry.objects.filter(action="helpline.reply", object_id=str(thread.pk)).exists()


def test_reply_with_personal_data_is_refused(thread, professional):
    with pytest.raises(ValidationError) as caught:
        thread_reply(submission=thread, body="Mevrouw Jansen, BSN 1234 56 782.", by=professional)
    assert "een BSN (“1234 56 782”)" in " ".join(caught.value.messages)
    assert not Message.objects.filter(from_staff=False).exists()


def test_only_the_sender_may_reply(thread, colleague, staff):
    for user in (colleague, staff):
        with pytest.raises(PermissionDenied):
            thread_reply(submission=thread, body="Nog een vraag.", by=user)


def test_close_and_reopen_are_logged_and_a_closed_thread_takes_no_reply(thread, professional):
    thread_close(submission=thread, by=professional)
    thread.refresh_from_db()
    assert thread.status == Status.CLOSED and thread.closed_at is not None
    with pytest.raises(ValidationError):
        thread_reply(submission=thread, body="Toch nog iets.", by=professional)

    thread_reopen(submission=thread, by=professional)
    thread.refresh_from_db()
    assert thread.status == Status.IN_PROGRESS and thread.closed_at is None
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(thread.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["helpline.close", "helpline.reopen"]


def test_staff_closing_and_reopening_in_the_inbox_is_logged(thread, staff):
    for status in (Status.CLOSED, Status.IN_PROGRESS):
        submission_triage_update(
            submission=thread, status=status, assignee=None, internal_notes="", by=staff
        )
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(thread.pk)).values_list("action", flat=True)
    )
    assert {"helpline.close", "helpline.reopen"} <= actions


def test_unread_answers_are_counted_until_the_sender_opens_the_thread(thread, professional):
    AnswerFactory(submission=thread, body="En nog een tip.")
    assert unread_count_for_user(user=professional) == 2
    assert submission_list_for_user(user=professional).get().unread == 2

    thread_mark_read(submission=thread, reader=professional)

    assert unread_count_for_user(user=professional) == 0


def test_staff_opening_marks_only_the_senders_replies_read(thread, professional, staff):
    reply = ReplyFactory(submission=thread)
    thread_mark_read(submission=thread, reader=staff)
    reply.refresh_from_db()
    assert reply.read_at is not None
    assert unread_count_for_user(user=professional) == 1  # IPW's answer still unread


def test_header_badge_and_thread_page(client, thread, professional, django_assert_max_num_queries):
    client_login_with_mfa(client, professional)

    home = BeautifulSoup(client.get(reverse("helpline_threads")).content, "html.parser")
    link = home.select_one('[data-testid="header-my-questions"]')
    assert link is not None and "1" in link.get_text()
    assert "1 nieuw antwoord" in home.get_text()

    page = BeautifulSoup(client.get(thread.get_thread_url()).content, "html.parser")
    assert "Bel de consulent over art. 35." in page.get_text()
    assert page.select_one(".helpline-badge").get_text() == "nieuw"

    after = BeautifulSoup(client.get(reverse("helpline_threads")).content, "html.parser")
    assert after.select_one('[data-testid="header-my-questions"] .portal-count-badge') is None


def test_reply_on_the_site(client, thread, professional):
    client_login_with_mfa(client, professional)

    response = client.post(
        thread.get_thread_url(), {"action": "reply", "body": "Dank, ik bel morgen."}, follow=True
    )

    assert "Je reactie is verstuurd" in response.content.decode()
    assert thread.messages.filter(from_staff=False, body="Dank, ik bel morgen.").exists()


def test_a_refused_reply_keeps_the_text_and_says_why(client, thread, professional):
    client_login_with_mfa(client, professional)
    text = "Meneer De Vries, geboren 12-03-1984, wil verder."

    response = client.post(thread.get_thread_url(), {"action": "reply", "body": text})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Je reactie is nog niet verstuurd" in html
    assert "12-03-1984" in html  # kept in the box
    assert not thread.messages.filter(from_staff=False).exists()


def test_mijn_vragen_queries_stay_constant(client, professional, django_assert_max_num_queries):
    for _ in range(2):
        AnswerFactory(submission=SubmissionFactory(user=professional))
    client_login_with_mfa(client, professional)
    client.get(reverse("helpline_threads"))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("helpline_threads"))
    for _ in range(6):
        AnswerFactory(submission=SubmissionFactory(user=professional))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("helpline_threads"))


def test_export_holds_the_whole_thread(thread, professional):
    from portal.accounts.export import user_data_export

    ReplyFactory(submission=thread, body="Mijn reactie.")
    data = user_data_export(user=professional)["hulplijn"][0]

    assert [m["from"] for m in data["messages"]] == ["hulplijn", "jij"]
    assert data["messages"][1]["message"] == "Mijn reactie."


def test_account_deletion_deletes_the_thread(thread, professional):
    ReplyFactory(submission=thread)
    account_delete(user=professional)
    assert not Message.objects.filter(submission_id=thread.pk).exists()
