"""The accreditation report (issue #13, point 5): per register and period, the valid
certificates with learner, register number, course, accreditation id, points and date,
on screen and as CSV and XLSX; for moderators and superusers only; constant queries."""

import datetime
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from learning.certificates import accreditation_report_rows, certificate_code_new
from learning.models import AccreditationRegister, Certificate
from portal.accounts.factories import ProfileFactory, UserFactory, client_login_with_mfa

pytestmark = pytest.mark.django_db

URL = "learning_certificates_admin:accreditation_report"
TZ = timezone.get_default_timezone()


def make_certificate(
    *,
    name: str = "Sanne de Vries",
    register: str = AccreditationRegister.REGISTERPLEIN,
    issued: datetime.datetime = datetime.datetime(2026, 3, 12, 10, 0, tzinfo=TZ),
    number: str = "RP-1001",
    revoked: bool = False,
) -> Certificate:
    user = UserFactory()
    ProfileFactory(user=user, registerplein_number=number, skj_number="SKJ-" + number)
    return Certificate.objects.create(
        code=certificate_code_new(),
        user=user,
        course=None,
        issued_at=issued,
        learner_name=name,
        course_title="Kennismaken met de Doorbraakmethode",
        effort_hours=Decimal("6"),
        accreditation_points=Decimal("4.0"),
        accreditation_register=register,
        accreditation_register_label=AccreditationRegister(register).label,
        accreditation_id="RP-2026-0042",
        revoked_at=timezone.now() if revoked else None,
        revoked_reason="Fout" if revoked else "",
    )


def test_rows_of_one_register_in_the_period_without_revoked_ones(db):
    inside = make_certificate(name="Binnen")
    make_certificate(name="Ander register", register=AccreditationRegister.SKJ)
    make_certificate(name="Ingetrokken", revoked=True)
    make_certificate(name="Te vroeg", issued=datetime.datetime(2026, 2, 28, 23, 30, tzinfo=TZ))
    make_certificate(name="Laatste dag", issued=datetime.datetime(2026, 3, 31, 23, 30, tzinfo=TZ))
    make_certificate(name="Te laat", issued=datetime.datetime(2026, 4, 1, 0, 10, tzinfo=TZ))
    rows = accreditation_report_rows(
        register=AccreditationRegister.REGISTERPLEIN,
        date_from=datetime.date(2026, 3, 1),
        date_to=datetime.date(2026, 3, 31),
    )
    assert [row.learner_name for row in rows] == ["Binnen", "Laatste dag"]
    row = rows[0]
    assert row.register_number == "RP-1001"
    assert row.course_title == "Kennismaken met de Doorbraakmethode"
    assert row.accreditation_id == "RP-2026-0042"
    assert row.points == Decimal("4.0")
    assert row.issued_on == datetime.date(2026, 3, 12)
    assert row.code == inside.code


def test_the_skj_report_reads_the_skj_number(db):
    make_certificate(register=AccreditationRegister.SKJ, number="77")
    [row] = accreditation_report_rows(
        register=AccreditationRegister.SKJ,
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 12, 31),
    )
    assert row.register_number == "SKJ-77"


def test_moderator_downloads_csv_with_dutch_dates_in_the_form(client, moderator):
    make_certificate(name="=Formule")
    client_login_with_mfa(client, moderator)
    response = client.get(
        reverse(URL),
        {
            "register": "registerplein",
            "date_from": "01-03-2026",
            "date_to": "31-3-2026",
            "format": "csv",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        'filename="accreditatie-registerplein-2026-03-01-2026-03-31.csv"'
        in response["Content-Disposition"]
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == (
        "Deelnemer;Registratienummer;Cursus;Accreditatienummer;Punten;Datum;Verificatiecode"
    )
    cells = lines[1].split(";")
    assert cells[:6] == [
        "'=Formule",  # neutralised by the one CSV writer
        "RP-1001",
        "Kennismaken met de Doorbraakmethode",
        "RP-2026-0042",
        "4,0",
        "2026-03-12",
    ]


def test_moderator_downloads_xlsx(client, moderator):
    make_certificate()
    client_login_with_mfa(client, moderator)
    response = client.get(
        reverse(URL),
        {
            "register": "registerplein",
            "date_from": "12-03-2026",
            "date_to": "12-03-2026",
            "format": "xlsx",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == (
        "Deelnemer",
        "Registratienummer",
        "Cursus",
        "Accreditatienummer",
        "Punten",
        "Datum",
    )
    assert rows[1][:5] == (
        "Sanne de Vries",
        "RP-1001",
        "Kennismaken met de Doorbraakmethode",
        "RP-2026-0042",
        4.0,
    )
    assert rows[1][5].date() == datetime.date(2026, 3, 12)
    assert sheet.title == "Registerplein"


def test_the_page_shows_the_rows_and_explains_wrong_dates(client, moderator):
    make_certificate()
    client_login_with_mfa(client, moderator)
    response = client.get(reverse(URL))
    assert response.status_code == 200
    assert "Accreditatierapport" in response.content.decode()
    response = client.get(
        reverse(URL),
        {"register": "registerplein", "date_from": "1-3-2026", "date_to": "31-03-2026"},
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert "1 certificaat" in soup.get_text()
    cells = [td.get_text(strip=True) for td in soup.select("table.listing tbody td")]
    assert cells == [
        "Sanne de Vries",
        "RP-1001",
        "Kennismaken met de Doorbraakmethode",
        "RP-2026-0042",
        "4",
        "12-03-2026",
    ]
    response = client.get(
        reverse(URL),
        {"register": "registerplein", "date_from": "31-13-2026", "date_to": "01-03-2026"},
    )
    assert response.status_code == 400
    assert "dag-maand-jaar" in response.content.decode()
    response = client.get(
        reverse(URL),
        {"register": "registerplein", "date_from": "31-03-2026", "date_to": "01-03-2026"},
    )
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()


def test_the_menu_shows_the_report_to_moderators_only(client, moderator, editor):
    client_login_with_mfa(client, moderator)
    assert reverse(URL) in client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    client_login_with_mfa(client, editor)
    assert reverse(URL) not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_editors_and_learners_get_403_superusers_get_the_report(client, editor, admin_user):
    make_certificate()
    client_login_with_mfa(client, editor)
    params = {"register": "registerplein", "date_from": "01-01-2026", "date_to": "31-12-2026"}
    for output in ("html", "csv", "xlsx"):
        response = client.get(reverse(URL), {**params, "format": output})
        assert response.status_code == 403
        assert b"RP-1001" not in response.content
    client.logout()
    client.force_login(UserFactory())  # a learner: no admin at all
    response = client.get(reverse(URL), {**params, "format": "csv"})
    assert response.status_code in (302, 403)
    assert b"RP-1001" not in response.content
    client.logout()
    client_login_with_mfa(client, admin_user)
    assert client.get(reverse(URL)).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302


def test_queries_stay_constant_as_certificates_grow(
    client, moderator, django_assert_max_num_queries
):
    client_login_with_mfa(client, moderator)
    params = {
        "register": "registerplein",
        "date_from": "01-01-2026",
        "date_to": "31-12-2026",
    }
    make_certificate(number="1")
    with django_assert_max_num_queries(40) as small:
        client.get(reverse(URL), params)
    for number in range(2, 12):
        make_certificate(number=str(number))
    for output in ("html", "csv", "xlsx"):
        with django_assert_max_num_queries(len(small.captured_queries)):
            response = client.get(reverse(URL), {**params, "format": output})
        assert response.status_code == 200
    rows = accreditation_report_rows(
        register="registerplein",
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 12, 31),
    )
    assert len(rows) == 11
