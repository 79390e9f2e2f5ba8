"""The one CSV writer for every export a person opens in a spreadsheet (team progress,
the helpline inbox): made for Excel as used in the Netherlands.

- UTF-8 with a byte order mark (Excel reads accents right) and CRLF line ends;
- `;` as separator (Dutch Excel uses the comma as decimal mark and `;` between columns,
  so a double-click opens the file in columns);
- cells as a person reads them: nothing for None, "Ja"/"Nee" for booleans, dates as
  YYYY-MM-DD, date-times in Dutch local time to the minute ("2026-12-04 17:00");
- a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
  apostrophe, so text somebody typed can never run as a formula (OWASP, CSV injection).

- numbers as numbers: a Decimal or float with a decimal comma ("-100,00"), never
  neutralised (a number cannot run as a formula).

The case export (casebook.exporting) writes its import format with this writer too and
reads it back with `csv_cell_read`, which undoes the neutralising apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

SEPARATOR = ";"
BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """One value as a spreadsheet cell (see the module doc)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def csv_cell_read(text: str) -> str:
    """A cell as written by csv_cell, for reading an export back: without the apostrophe
    that neutralised a formula start."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(_FORMULA_STARTS):
        return text[1:]
    return text


class _Line:
    """A file-like sink that keeps the one line the csv writer just wrote."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text = text


def csv_stream(*, headers: Iterable[Any], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The same file as `csv_text`, line by line (byte order mark first), for a
    `StreamingHttpResponse`: rows are read as they are written, so a large export never
    sits in memory whole."""
    line = _Line()
    writer = csv.writer(line, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow([str(header) for header in headers])
    yield BOM + line.text
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
        yield line.text


def csv_text(*, headers: Iterable[Any], rows: Iterable[Iterable[Any]]) -> str:
    """The whole file as text, byte order mark first."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow([str(header) for header in headers])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()
