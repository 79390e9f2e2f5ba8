"""Attendance counts as accredited study load: in the moderators' CSV (with register
numbers from the profile) and in the learner's data export; all a session holds about a
person goes with their account."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from learning.clinics import services
from learning.clinics.factories import SessionFactory
from learning.clinics.models import PlanComment, Registration, RegistrationStatus
from learning.clinics.selectors import attendance_csv
from portal.accounts.export import user_data_export
from portal.accounts.factories import ProfileFactory
from portal.accounts.services import account_delete
from portal.core.csv_export import BOM, SEPARATOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_session(facilitator):
    start = timezone.make_aware(timezone.datetime(2026, 11, 12, 13, 30))
    return SessionFactory(
        title="Kraken in Deventer",
        facilitator=facilitator,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        study_load_hours=Decimal("2.5"),
    )


@pytest.fixture
def attended(past_session, learner, own_plan, facilitator):
    ProfileFactory(user=learner, registerplein_number="RP-1234", big_number="")
    registration = Registration.objects.create(
        session=past_session, user=learner, status=RegistrationStatus.REGISTERED, plan=own_plan
    )
    services.plan_comment_create(
        registration=registration,
        section_key="situatie",
        text="Sterke schets.",
        author=facilitator,
    )
    services.attendance_record(
        session=past_session, attended_ids=[registration.pk], recorded_by=facilitator
    )
    return registration


def _rows(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return [line.split(SEPARATOR) for line in text[len(BOM) :].split("\r\n") if line]


def test_the_csv_lists_who_attended_with_register_numbers(attended, past_session, make_user):
    absent = Registration.objects.create(
        session=past_session, user=make_user(), status=RegistrationStatus.REGISTERED
    )
    services.attendance_record(
        session=past_session, attended_ids=[attended.pk], recorded_by=past_session.facilitator
    )
    absent.refresh_from_db()
    assert absent.attended is False
    header, *rows = _rows(attendance_csv())
    assert header == [
        "Deelnemer",
        "E-mailadres",
        "Registerplein",
        "SKJ",
        "BIG",
        "Sessie",
        "Datum",
        "Studiebelasting (uren)",
    ]
    assert rows == [
        [
            "Sanne de Vries",
            "sanne@example.org",
            "RP-1234",
            "",
            "",
            "Kraken in Deventer",
            "2026-11-12",
            "2,5",
        ]
    ]


def test_the_csv_download_is_for_moderators_only(client, attended, moderator, learner):
    url = reverse("clinics:attendance_csv")
    client.force_login(learner)
    assert client.get(url).status_code == 403
    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "Kraken in Deventer" in response.content.decode("utf-8")


def test_the_export_holds_registrations_plans_comments_and_study_load(attended, learner):
    data = user_data_export(user=learner)
    json.dumps(data, cls=DjangoJSONEncoder)  # writable as the export writes it
    [entry] = data["kraak_en_maak_sessies"]
    assert entry["sessie"] == "Kraken in Deventer"
    assert entry["aanwezig"] is True
    assert entry["studiebelasting_uren"] == "2.5"
    assert entry["meegebracht_oefenplan"]["werktitel"] == "Gezin met huurschuld"
    assert entry["opmerkingen_ontvangen"][0]["opmerking"] == "Sterke schets."


def test_everything_goes_with_the_account(attended, learner, past_session):
    account_delete(user=learner)
    assert not Registration.objects.filter(session=past_session).exists()
    assert not PlanComment.objects.exists()
    assert attendance_csv().count("\r\n") == 1  # the header only


def test_deleting_an_account_gives_its_place_to_the_waiting_list(
    session, learner, make_user, mails
):
    others = [make_user(), make_user()]
    services.registration_create(session=session, user=learner)
    for user in others:
        services.registration_create(session=session, user=user)  # the second waits
    waiting = Registration.objects.get(user=others[1])
    assert waiting.status == RegistrationStatus.WAITING
    with mails() as outbox:
        account_delete(user=learner)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    assert [m.to for m in outbox] == [[others[1].email]]


def test_a_facilitator_leaving_keeps_the_comments_for_the_author(attended, facilitator, learner):
    account_delete(user=facilitator)
    comment = PlanComment.objects.get()
    assert comment.author is None
    assert user_data_export(user=learner)["kraak_en_maak_sessies"][0]["opmerkingen_ontvangen"]
