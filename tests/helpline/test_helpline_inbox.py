"""The triage inbox in the Wagtail admin: only for the Hulplijn group; overdue first;
triage and answer; the professional sees only their own questions and answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.accounts.factories import client_login_with_mfa
from portal.helpline.factories import AnswerFactory, ReferralFactory, SubmissionFactory
from portal.helpline.models import MailStatus, OutgoingMail, Status

pytestmark = pytest.mark.django_db

INBOX = "helpline_inbox:index"


def ago(**kwargs) -> timezone.datetime:
    return timezone.now() - timedelta(**kwargs)


def test_inbox_lists_overdue_first_then_by_due_time(client, staff):
    later = SubmissionFactory(received_at=ago(hours=1), urgent=False)
    soon = SubmissionFactory(received_at=ago(minutes=5), urgent=True)
    overdue = SubmissionFactory(received_at=ago(days=10))
    closed = SubmissionFactory(received_at=ago(days=20), status=Status.CLOSED)
    contacted = SubmissionFactory(received_at=ago(days=9), first_contact_at=ago(days=8))
    client_login_with_mfa(client, staff)

    response = client.get(reverse(INBOX))

    html = response.content.decode()
    positions = [html.index(s.reference) for s in (overdue, contacted, soon, later, closed)]
    assert positions[0] < min(positions[1:]), "overdue must come first"
    assert html.index(soon.reference) < html.index(later.reference)
    assert positions[-1] == max(positions), "closed last"
    # Overdue is said in words, not only by colour.
    row = html[html.index(overdue.reference) : html.index(overdue.reference) + 3000]
    assert "Te laat" in row


def test_inbox_filters_by_status_and_urgency(client, staff):
    urgent = SubmissionFactory(urgent=True)
    calm = SubmissionFactory(urgent=False, status=Status.WAITING)
    client_login_with_mfa(client, staff)

    html = client.get(reverse(INBOX), {"urgent": "true"}).content.decode()
    assert urgent.reference in html and calm.reference not in html

    html = client.get(reverse(INBOX), {"status": "waiting"}).content.decode()
    assert calm.reference in html and urgent.reference not in html


def test_inbox_queries_stay_constant(client, staff, django_assert_max_num_queries):
    SubmissionFactory.create_batch(3, assignee=staff)
    client_login_with_mfa(client, staff)
    client.get(reverse(INBOX))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse(INBOX))
    SubmissionFactory.create_batch(15, assignee=staff)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(INBOX))


@pytest.mark.parametrize("who", ["editor", "team_lead", "professional"])
def test_others_cannot_see_submissions(client, request, who):
    user = request.getfixturevalue(who)
    submission = SubmissionFactory(question="Vertrouwelijke vraag over een gezin.")
    client_login_with_mfa(client, user)

    for url in (
        reverse(INBOX),
        reverse("helpline_inbox:edit", args=[submission.pk]),
        reverse("helpline_inbox:report"),
        reverse(INBOX) + "?export=csv",
        reverse("helpline_inbox:delete", args=[submission.pk]),
    ):
        response = client.get(url, follow=True)
        assert "Vertrouwelijke vraag" not in response.content.decode(), url
        assert submission.reference not in response.content.decode(), url


def test_editor_has_no_helpline_menu_item(client, editor, staff):
    client_login_with_mfa(client, editor)
    assert "/admin/hulplijn/" not in client.get(reverse("wagtailadmin_home")).content.decode()
    client_login_with_mfa(client, staff)
    assert "/admin/hulplijn/" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_staff_triages_and_answers_by_mail(client, staff, professional):
    submission = SubmissionFactory(user=professional, email=professional.email, urgent=True)
    client_login_with_mfa(client, staff)
    url = reverse("helpline_inbox:edit", args=[submission.pk])

    page = client.get(url).content.decode()
    assert submission.question in page
    assert submission.phone in page

    response = client.post(
        url,
        {
            "status": Status.WAITING,
            "assignee": staff.pk,
            "internal_notes": "Gebeld, terugbelafspraak donderdag.",
            "answer": "Gebruik art. 35 Participatiewet voor de eigen bijdrage.",
        },
        follow=True,
    )

    assert "het antwoord is verstuurd" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == Status.WAITING
    assert submission.assignee == staff
    assert submission.first_contact_at is not None
    assert submission.messages.get().body.startswith("Gebruik art. 35")
    answer_mail = OutgoingMail.objects.get(kind="answer")
    assert answer_mail.to == [professional.email]
    assert "Gebruik art. 35" in answer_mail.body


def test_an_answer_or_note_with_personal_data_is_refused_and_not_mailed(
    client, staff, professional
):
    submission = SubmissionFactory(user=professional, email=professional.email)
    client_login_with_mfa(client, staff)

    response = client.post(
        reverse("helpline_inbox:edit", args=[submission.pk]),
        {
            "status": Status.IN_PROGRESS,
            "assignee": staff.pk,
            "internal_notes": "Moeder is mevrouw De Boer, geboren 12-03-1984.",
            "answer": "Vraag bijzondere bijstand aan voor BSN 1234 56 782.",
        },
    )

    assert response.status_code == 200  # the form again, with the texts kept
    form = response.context["form"]
    assert "een BSN (“1234 56 782”)" in " ".join(form.errors["answer"])
    assert "een naam (“mevrouw De Boer”)" in " ".join(form.errors["internal_notes"])
    assert "Vraag bijzondere bijstand aan voor BSN 1234 56 782." in response.content.decode()
    submission.refresh_from_db()
    assert submission.internal_notes == ""
    assert not submission.messages.exists()
    assert not OutgoingMail.objects.filter(kind="answer").exists()


def test_answer_mail_goes_out_after_commit(
    client, staff, professional, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(user=professional, email=professional.email)
    client_login_with_mfa(client, staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("helpline_inbox:edit", args=[submission.pk]),
            {"status": Status.IN_PROGRESS, "assignee": "", "internal_notes": "", "answer": "Ja."},
        )

    assert OutgoingMail.objects.get(kind="answer").status == MailStatus.SENT
    assert [m.to for m in mail.outbox] == [[professional.email]]


def test_only_hulplijn_members_can_be_assigned(client, staff, editor):
    submission = SubmissionFactory()
    client_login_with_mfa(client, staff)

    response = client.post(
        reverse("helpline_inbox:edit", args=[submission.pk]),
        {"status": Status.IN_PROGRESS, "assignee": editor.pk, "internal_notes": "", "answer": ""},
    )

    submission.refresh_from_db()
    assert submission.assignee is None
    assert response.status_code == 200


def test_closing_sets_closed_at_and_reopening_clears_it(client, staff):
    submission = SubmissionFactory()
    client_login_with_mfa(client, staff)
    url = reverse("helpline_inbox:edit", args=[submission.pk])
    form = {"assignee": "", "internal_notes": "", "answer": ""}

    client.post(url, {**form, "status": Status.CLOSED})
    submission.refresh_from_db()
    assert submission.closed_at is not None

    client.post(url, {**form, "status": Status.IN_PROGRESS})
    submission.refresh_from_db()
    assert submission.closed_at is None


def test_professional_sees_only_own_questions_and_answers(client, professional):
    own = SubmissionFactory(user=professional, question="Mijn eigen vraag over de Wmo.")
    AnswerFactory(submission=own, body="Ons antwoord op jouw vraag.")
    SubmissionFactory(question="De vraag van een collega.")
    own.internal_notes = "Interne notitie: niet voor de professional."
    own.save()
    client_login_with_mfa(client, professional)

    listing = client.get(reverse("helpline_threads")).content.decode()
    thread = client.get(own.get_thread_url()).content.decode()

    assert "Mijn eigen vraag over de Wmo." in listing
    assert own.reference in listing
    assert "Nieuw" in listing  # status
    assert "Ons antwoord op jouw vraag." in thread
    for html in (listing, thread):
        assert "De vraag van een collega." not in html
        assert "Interne notitie" not in html


def test_data_export_contains_own_submissions_without_internal_notes(professional):
    from portal.accounts.export import user_data_export

    own = SubmissionFactory(user=professional, internal_notes="Intern.")
    AnswerFactory(submission=own, body="Antwoord.")
    ReferralFactory()

    data = user_data_export(user=professional)

    assert [item["reference"] for item in data["hulplijn"]] == [own.reference]
    assert data["hulplijn"][0]["answers"][0]["answer"] == "Antwoord."
    assert "internal_notes" not in data["hulplijn"][0]
