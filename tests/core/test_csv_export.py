"""portal.core.csv_export: the one CSV writer, for Dutch Excel and safe to open."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from portal.core.csv_export import csv_cell, csv_cell_read, csv_text


def test_cells_read_as_a_person_reads_them():
    assert csv_cell(None) == ""
    assert (csv_cell(True), csv_cell(False)) == ("Ja", "Nee")
    assert csv_cell(date(2026, 3, 12)) == "2026-03-12"
    # 16:00 UTC is 17:00 in Amsterdam in winter; no seconds, no microseconds.
    assert csv_cell(datetime(2026, 12, 4, 16, 0, 30, 123, tzinfo=UTC)) == "2026-12-04 17:00"
    assert csv_cell(75) == "75"


def test_typed_text_never_runs_as_a_formula():
    for text in ("=1+1", "+31 6", "-2", "@SUM(1+1)", "\tx", "\rx"):
        assert csv_cell(text) == "'" + text
    assert csv_cell("Gemeente Zwolle") == "Gemeente Zwolle"


def test_the_file_has_a_bom_semicolons_and_crlf():
    text = csv_text(headers=["Naam", "Plaats"], rows=[["Anna; de Vries", "Zwolle"]])
    assert text == '\ufeffNaam;Plaats\r\n"Anna; de Vries";Zwolle\r\n'


def test_numbers_stay_numbers_with_a_decimal_comma() -> None:
    assert csv_cell(Decimal("-100.00")) == "-100,00"  # not neutralised: no formula
    assert csv_cell(1918.5) == "1918,5"
    assert csv_cell(3) == "3"


def test_reading_back_removes_only_the_neutralising_apostrophe() -> None:
    assert csv_cell_read(csv_cell("=SUM(1+1)")) == "=SUM(1+1)"
    assert csv_cell_read(csv_cell("-afspraak")) == "-afspraak"
    assert csv_cell_read("'t Gooi") == "'t Gooi"
