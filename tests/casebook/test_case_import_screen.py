"""The import screen in the admin: a dry run lists every error by record and field (the
command's validation), the import stores drafts submitted to the workflow (a moderator
may publish at once), all or nothing; the command's --submit-for-moderation; the admin
case list with its filters."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import WorkflowState

from casebook.exporting import records_to_csv_text
from casebook.factories import CasePageFactory, RegionFactory
from casebook.importing import moderation
from casebook.models import CasePage, Law, ProblemDomain
from portal.accounts.factories import UserFactory, client_login_with_mfa

pytestmark = pytest.mark.django_db


def make_record(title: str = "Medicijnen uit bijzondere bijstand", **changes) -> dict:
    record = {
        "title": title,
        "household": "Alleenstaande vader met een zoon van twaalf",
        "situation": "De huisarts schrijft medicijnen voor die niet worden vergoed.",
        "perspective": "Over een half jaar is de behandeling rond en is er rust.",
        "needs": {
            "self": "Afspraken nakomen.",
            "support": "Hulp bij formulieren.",
            "treatment": "",
        },
        "barrier": "De eigen bijdrage past niet in het budget van de schuldhulp.",
        "breakthrough": "De gemeente betaalt de medicijnen uit bijzondere bijstand.",
        "engagement": "De vader kan weer werken aan zijn herstel.",
        "problem_domains": ["Schulden", "Lichamelijke gezondheid"],
        "legal_bases": [
            {
                "law": "Participatiewet",
                "article": "35 lid 1",
                "reasoning": "Noodzakelijke kosten door bijzondere omstandigheden.",
            }
        ],
        "phase": "eerste_nood",
        "region": "Zwolle",
        "year": 2024,
        "outcome": "gerealiseerd",
        "breakthrough_cost": 1918.5,
    }
    record.update(changes)
    return record


@pytest.fixture
def index(index):
    RegionFactory(name="Zwolle")
    return index


@pytest.fixture
def url() -> str:
    return reverse("casebook_import:index")


def _upload(records, name="casussen.json") -> SimpleUploadedFile:
    if name.endswith(".json"):
        content = json.dumps(records).encode()
    else:
        content = records_to_csv_text(records).encode("utf-8-sig")
    return SimpleUploadedFile(name, content)


def _check(client, url, records, name="casussen.json", **extra):
    return client.post(url, {"file": _upload(records, name), **extra})


def _confirm_data(response, **changes) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("input", attrs={"name": "payload"}).find_parent("form")
    data = {
        field["name"]: field.get("value", "")
        for field in form.find_all("input")
        if field.get("type") != "radio" or field.has_attr("checked")
    }
    data.update(changes)
    return data


def test_the_dry_run_lists_every_error_by_record_and_field(client, index, editor, url):
    client_login_with_mfa(client, editor)
    records = [
        make_record("Goed"),
        make_record("Fout jaar", year=1800),
        make_record("Twee fouten", region="Atlantis", household="Mevrouw Jansen, BSN 111222333"),
    ]

    response = _check(client, url, records)

    soup = BeautifulSoup(response.content, "html.parser")
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in soup.select("[data-testid=import-errors] tbody tr")
    ]
    assert {(record, field) for record, field, _ in rows} >= {
        ("2", "year"),
        ("3", "region"),
        ("3", "household"),
    }
    assert all(record != "1" for record, *_ in rows)
    assert "Er is niets opgeslagen" in soup.get_text()
    assert not CasePage.objects.exists()


def test_a_clean_file_is_checked_then_imported_as_drafts_in_the_workflow(
    client, index, editor, url
):
    client_login_with_mfa(client, editor)
    records = [make_record("Eerste casus"), make_record("Tweede casus")]

    checked = _check(client, url, records, name="casussen.csv")

    soup = BeautifulSoup(checked.content, "html.parser")
    assert "2 casussen worden geïmporteerd" in soup.select_one("[data-testid=import-count]").text
    assert not CasePage.objects.exists()  # a dry run stores nothing
    assert soup.find("input", attrs={"value": "publish"}) is None  # an editor cannot publish

    imported = client.post(url, _confirm_data(checked))

    assert imported.status_code == 302
    assert imported["Location"] == reverse("casebook_cases:index")
    cases = CasePage.objects.order_by("title")
    assert [case.title for case in cases] == ["Eerste casus", "Tweede casus"]
    assert not any(case.live for case in cases)
    states = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    assert {int(state.object_id) for state in states} == {case.pk for case in cases}
    assert all(state.requested_by == editor for state in states)


def test_an_editor_cannot_publish_by_forging_the_choice(client, index, editor, url):
    client_login_with_mfa(client, editor)
    checked = _check(client, url, [make_record()])

    client.post(url, _confirm_data(checked, publish="publish"))

    assert not CasePage.objects.get().live
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1


def test_a_moderator_may_publish_at_once(client, index, moderator, url):
    client_login_with_mfa(client, moderator)
    checked = _check(client, url, [make_record()])

    client.post(url, _confirm_data(checked, publish="publish"))

    assert CasePage.objects.get().live
    assert not WorkflowState.objects.exists()


def test_the_import_is_atomic(client, index, editor, url, monkeypatch):
    client_login_with_mfa(client, editor)
    checked = _check(client, url, [make_record("Eerste"), make_record("Tweede")])
    calls = []

    def fail_after_first(*, pages, user):
        calls.append(pages)
        raise moderation.NoWorkflowError("Er is geen redactieproces.")

    monkeypatch.setattr("casebook.importing.cases_submit", fail_after_first)

    response = client.post(url, _confirm_data(checked))

    assert response.status_code == 200
    assert "Er is geen redactieproces." in response.content.decode()
    assert calls  # the pages were written, then rolled back
    assert not CasePage.objects.exists()
    assert not WorkflowState.objects.exists()


def test_a_change_between_check_and_import_stores_nothing(client, index, editor, url):
    client_login_with_mfa(client, editor)
    checked = _check(client, url, [make_record("Nieuw"), make_record("Dubbel")])
    CasePageFactory(parent=index, title="Dubbel")  # someone added it meanwhile

    response = client.post(url, _confirm_data(checked))

    assert response.status_code == 200
    assert (
        "Dubbel"
        in BeautifulSoup(response.content, "html.parser")
        .select_one("[data-testid=import-errors]")
        .get_text()
    )
    assert list(CasePage.objects.values_list("title", flat=True)) == ["Dubbel"]


def test_a_tampered_payload_is_refused(client, index, editor, url):
    client_login_with_mfa(client, editor)

    response = client.post(url, {"payload": "nep", "publish": "moderation"})

    assert response.status_code == 302
    assert not CasePage.objects.exists()


def test_wrong_file_types_get_a_dutch_message(client, index, editor, url):
    client_login_with_mfa(client, editor)

    response = client.post(url, {"file": SimpleUploadedFile("casussen.xlsx", b"PK")})

    assert "gebruik een .json- of .csv-bestand" in response.content.decode()


def test_a_professional_cannot_open_the_screen(client, index, url):
    client.force_login(UserFactory())

    assert client.get(url).status_code in (302, 403)


def test_the_command_submits_for_moderation(index, editor, tmp_path):
    path = tmp_path / "casussen.json"
    path.write_text(json.dumps([make_record()]), encoding="utf-8")
    out = StringIO()

    call_command(
        "casebook_import", str(path), "--submit-for-moderation", "--user", editor.email, stdout=out
    )

    case = CasePage.objects.get()
    assert not case.live
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    assert "ter beoordeling" in out.getvalue()


# -- the admin case list -----------------------------------------------------------------
def _titles(response) -> set[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        link.get_text(strip=True)
        for link in soup.select("table.listing td.title .title-wrapper a")
        if link.get_text(strip=True)
    }


def test_the_case_list_filters(client, index, editor):
    client_login_with_mfa(client, editor)
    debts = ProblemDomain.objects.get(name="Schulden")
    housing = ProblemDomain.objects.get(name="Wonen")
    deventer = RegionFactory(name="Deventer")
    law = Law.objects.get(name="Participatiewet")
    CasePageFactory(
        parent=index, title="Schuld", year=2023, domains=[debts], legal_bases=[(law, None, "")]
    )
    CasePageFactory(parent=index, title="Woning", year=2024, domains=[housing], region=deventer)
    draft = CasePageFactory(parent=index, title="Concept", year=2024, domains=[debts])
    draft.live = False
    draft.save()
    list_url = reverse("casebook_cases:index")

    everything = _titles(client.get(list_url))
    by_domain = _titles(client.get(list_url, {"problem_domains": debts.pk}))
    by_year = _titles(client.get(list_url, {"year": 2024}))
    by_region = _titles(client.get(list_url, {"region": deventer.pk}))
    by_status = _titles(client.get(list_url, {"status": "draft"}))
    by_law = _titles(client.get(list_url, {"law": law.pk}))

    assert {"Schuld", "Woning", "Concept"} <= everything
    assert by_domain == {"Schuld", "Concept"}
    assert by_year == {"Woning", "Concept"}
    assert by_region == {"Woning"}
    assert by_status == {"Concept"}
    assert by_law == {"Schuld"}
