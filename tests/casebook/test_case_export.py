"""casebook_export / case_export: an export imported again gives the same cases."""

from __future__ import annotations

import codecs
import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command

from casebook.exporting import case_export, case_records_read
from casebook.factories import CaseIndexPageFactory, RegionFactory
from casebook.importing import case_import
from casebook.models import CasePage

pytestmark = pytest.mark.django_db

ORIGINAL = [
    {
        "title": "Medicijnen uit bijzondere bijstand",
        "household": "Alleenstaande vader met een zoon van twaalf",
        "situation": "De huisarts schrijft medicijnen voor die niet worden vergoed.",
        "perspective": "Over een half jaar is de behandeling rond.",
        "needs": {
            "self": "Afspraken nakomen.",
            "support": "Hulp bij formulieren.",
            "treatment": "",
        },
        "barrier": "De eigen bijdrage past niet in het budget van de schuldhulp.",
        "breakthrough": "De gemeente betaalt de medicijnen uit bijzondere bijstand.",
        "engagement": "De vader kan weer werken aan zijn herstel.",
        "problem_domains": ["Lichamelijke gezondheid", "Schulden"],
        "legal_bases": [
            {
                "law": "Participatiewet",
                "article": "35 lid 1",
                "reasoning": "Noodzakelijke kosten door bijzondere omstandigheden.",
            },
            {"law": "Wet gemeentelijke schuldhulpverlening", "article": "", "reasoning": ""},
        ],
        "phase": "eerste_nood",
        "region": "Zwolle",
        "year": 2024,
        "outcome": "gerealiseerd",
        "breakthrough_cost": 1918.5,
        "costs": {
            "Wgs": {"direct": 0, "prevented": 3500},
            "Participatiewet": {"direct": -1918.5, "prevented": 4200.25},
        },
    },
    {
        "title": "Fysiotherapie ondanks een betalingsachterstand",
        "household": "Gezin met drie kinderen",
        "situation": "Door een achterstand bij de zorgverzekeraar stopt de behandeling.",
        "perspective": "De moeder kan weer zonder pijn voor de kinderen zorgen.",
        "needs": {"self": "", "support": "", "treatment": "Fysiotherapie, twaalf keer."},
        "barrier": "Geen vergoeding zolang de achterstand loopt.",
        "breakthrough": "De verzekeraar hervat de vergoeding na een betalingsregeling.",
        "engagement": "",
        "problem_domains": ["Schulden"],
        "legal_bases": [{"law": "Zorgverzekeringswet", "article": "", "reasoning": "Zorgplicht."}],
        "phase": "stabiliseren",
        "region": "Kampen",
        "year": 2025,
        "outcome": "lopend",
        "breakthrough_cost": 0,
        "costs": {},
    },
]


@pytest.fixture
def indexes(site_root):
    RegionFactory(name="Zwolle")
    RegionFactory(name="Kampen")
    return CaseIndexPageFactory(parent=site_root), CaseIndexPageFactory(
        parent=site_root, slug="casussen-kopie", title="Kopie"
    )


def test_export_of_imported_cases_equals_the_original_records(indexes):
    first, _ = indexes
    case_import(records=ORIGINAL, parent=first)
    assert case_export() == ORIGINAL


@pytest.mark.parametrize("extension", ["json", "csv"])
def test_round_trip_through_the_commands(indexes, tmp_path, extension):
    first, second = indexes
    case_import(records=ORIGINAL, parent=first)
    path = tmp_path / f"casussen.{extension}"

    out = StringIO()
    call_command("casebook_export", str(path), "--parent", first.slug, stdout=out)
    assert f"2 casus(sen) geëxporteerd naar {path}" in out.getvalue()

    call_command("casebook_import", str(path), "--parent", second.slug, stdout=StringIO())
    copies = CasePage.objects.child_of(second)
    assert copies.live().count() == 2
    assert case_export(queryset=copies) == ORIGINAL


def test_json_export_is_a_readable_list_of_objects(indexes, tmp_path):
    first, _ = indexes
    case_import(records=ORIGINAL[:1], parent=first)
    path = tmp_path / "casussen.json"
    call_command("casebook_export", str(path), stdout=StringIO())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data[0]["costs"]["Participatiewet"] == {"direct": -1918.5, "prevented": 4200.25}
    assert data[0]["legal_bases"][0]["article"] == "35 lid 1"


def test_csv_export_has_one_row_per_case_with_flat_columns(indexes, tmp_path):
    first, _ = indexes
    case_import(records=ORIGINAL, parent=first)
    path = tmp_path / "casussen.csv"
    call_command("casebook_export", str(path), stdout=StringIO())
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)  # Dutch Excel reads the accents right
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, *rows = rows
    assert header[:3] == ["title", "household", "situation"]
    assert "legal_basis_2_reasoning" in header and "cost_wmo_prevented" in header
    assert len(rows) == 2
    row = dict(zip(header, rows[0], strict=True))
    assert row["problem_domains"] == "Lichamelijke gezondheid | Schulden"
    assert row["breakthrough_cost"] == "1918,50"  # a number to Dutch Excel
    assert case_records_read(path=path)[0]["breakthrough_cost"] == "1918,50"


def test_a_case_text_that_starts_like_a_formula_is_neutralised_and_read_back(indexes, tmp_path):
    first, _ = indexes
    records = [dict(ORIGINAL[0], barrier='=HYPERLINK("http://x") blokkeert')]
    case_import(records=records, parent=first)
    path = tmp_path / "casussen.csv"
    call_command("casebook_export", str(path), stdout=StringIO())

    header, row = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    assert dict(zip(header, row, strict=True))["barrier"].startswith("'=HYPERLINK")
    assert case_records_read(path=path)[0]["barrier"].startswith("=HYPERLINK")


def test_importing_an_export_again_under_the_same_index_changes_nothing(indexes, tmp_path):
    first, _ = indexes
    case_import(records=ORIGINAL, parent=first)
    result = case_import(records=case_export(), parent=first)
    assert (result.created, result.skipped) == (0, 2)
    assert CasePage.objects.count() == 2
