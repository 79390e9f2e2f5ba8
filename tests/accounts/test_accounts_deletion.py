"""Deleting an account deletes what names the person: every relation to the account is
either deleted with it or kept, unlinked, for a stated reason; the helpline's questions
go too, with their answers and mails."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.accounts.deletion import registered_account_deleters
from portal.accounts.factories import UserFactory
from portal.accounts.services import account_delete
from portal.helpline.factories import AnswerFactory, SubmissionFactory, hulplijn_staff
from portal.helpline.models import MailKind, Message, OutgoingMail, Submission

pytestmark = pytest.mark.django_db

#: The apps of this project (not Django's, Wagtail's or allauth's own).
PROJECT_APPS = {"accounts", "helpline", "home", "standards", "insights", "casebook", "learning"}

#: Relations to the account that survive it, and why; the person is unlinked (SET_NULL).
KEPT_UNLINKED = {
    "helpline.Submission.user": "deleted by the helpline's account deleter",
    "helpline.Submission.assignee": "a staff member's case load stays with the helpline",
    "helpline.Message.author": "a message belongs to its thread, not to whoever wrote it",
    "learning.Certificate.revoked_by": "the certificate belongs to its learner, not the revoker",
}
#: E-mail addresses typed into a record, and what deletion does to them.
EMAIL_FIELDS = {
    "helpline.Submission.email": "deleted with the submission (the helpline's deleter)",
}


def _label(field: models.Field) -> str:
    return f"{field.model._meta.app_label}.{field.model.__name__}.{field.name}"


def _project_fields() -> list[models.Field]:
    return [
        field
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.get_fields()
        if field.concrete and field.model is model  # not Wagtail's Page fields, inherited
    ]


def test_every_relation_to_an_account_is_deleted_with_it_or_kept_for_a_reason():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    kept = set()
    for field in _project_fields():
        if field.is_relation and field.related_model is user_model:
            on_delete = field.remote_field.on_delete
            assert on_delete in (models.CASCADE, models.SET_NULL), _label(field)
            if on_delete is models.SET_NULL:
                kept.add(_label(field))
    assert kept == set(KEPT_UNLINKED)
    assert "hulplijn" in registered_account_deleters()


def test_every_typed_e_mail_address_is_accounted_for():
    emails = {_label(field) for field in _project_fields() if isinstance(field, models.EmailField)}
    assert emails == set(EMAIL_FIELDS)


def test_deleting_an_account_deletes_its_helpline_questions_answers_and_mails():
    user = UserFactory(first_name="Sanne", last_name="de Wit")
    staff = hulplijn_staff()
    own = SubmissionFactory(user=user, name="Sanne de Wit", email=user.email)
    AnswerFactory(submission=own, author=staff)
    OutgoingMail.objects.create(
        submission=own,
        kind=MailKind.CONFIRMATION,
        to=[user.email],
        subject="Ontvangen",
        body="Beste Sanne de Wit, …",
        next_attempt_at=timezone.now(),
    )
    someone_else = SubmissionFactory(name="Joost Bakker")
    answered_by_the_leaver = AnswerFactory(submission=someone_else, author=user)

    removed = account_delete(user=user)

    assert removed["hulplijn"] == 1
    assert not Submission.objects.filter(pk=own.pk).exists()
    assert not OutgoingMail.objects.filter(submission_id=own.pk).exists()
    assert not Message.objects.filter(submission_id=own.pk).exists()
    assert not Submission.objects.filter(name__icontains="de Wit").exists()
    # Another professional's question, answered by the one who left, stays with its answer.
    answered_by_the_leaver.refresh_from_db()
    assert answered_by_the_leaver.author is None
    # The helpline's history keeps the reference only.
    entry = ModelLogEntry.objects.get(action="helpline.erase")
    assert entry.label == own.reference
    assert "Wit" not in str(entry.data)


def test_the_confirmation_page_says_what_goes_and_what_stays(client):
    user = UserFactory()
    client.force_login(user)
    text = " ".join(client.get("/accounts/profile/delete/").content.decode().split())
    assert "je vragen en aanmeldingen aan de Hulplijn" in text
    assert "je certificaten" in text
    assert "Wat blijft" in text
