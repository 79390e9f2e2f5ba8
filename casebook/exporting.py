"""Export example cases as import records, and read and write JSON and CSV case files.

`case_export(queryset=...)` turns cases into records in exactly the format that
`casebook.importing.case_import` reads, so an export imported again gives the same cases.

JSON: a list of objects, one per case (see casebook.importing for every key).

CSV: written by the portal's one CSV writer (portal.core.csv_export: UTF-8 with a byte
order mark, ";" between columns, a text cell that starts like a formula gets an
apostrophe), so it opens in Dutch Excel as columns. When reading, the byte order mark
is skipped, ";" and "," are both recognised as the separator, and the apostrophe is
removed again. First row holds the column names; one row per case, only flat fields; an
empty cell counts as a missing value. The columns:

- title, household, situation, perspective, barrier, breakthrough, engagement
- needs_self, needs_support, needs_treatment      (the keys of "needs" in JSON)
- phase, outcome                                  (value or Dutch label, e.g. "Eerste nood")
- region, year
- breakthrough_cost                               (an amount, see below)
- problem_domains                                 (names separated by " | "; when reading,
                                                   ";" also separates names, unless ";"
                                                   is the file's separator)
- legal_basis_1_law, legal_basis_1_article, legal_basis_1_reasoning, legal_basis_2_law, ...
  (one group of three columns per legal basis; the export writes as many groups as the
  case with the most legal bases needs, at least one)
- cost_wmo_direct, cost_wmo_prevented, cost_jeugdwet_direct, cost_jeugdwet_prevented,
  cost_wgs_..., cost_participatiewet_..., cost_zvw_..., cost_wlz_..., cost_other_...
  (one pair per cost domain; a domain whose two cells are empty has no cost row)

Amounts are written as numbers with a decimal comma ("1918,50", "-100,00"), as Dutch
Excel reads them. When reading, "1918.50", "1.918,50", "€ 1.918,50" and "-250" are
accepted too; a comma is the decimal separator, and dots before a group of three digits
are thousands separators.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet

from portal.core.csv_export import csv_cell_read, csv_text

from .models import CaseCost, CaseLegalBasis, CasePage, CostDomain

#: The flat text columns of the CSV format, in order, before the list-like columns.
CSV_TEXT_COLUMNS = [
    "title",
    *CasePage.TEXT_FIELDS,
    "phase",
    "region",
    "year",
    "outcome",
    "breakthrough_cost",
    "problem_domains",
]
CSV_LIST_SEPARATOR = "|"
_LEGAL_BASIS_COLUMN = re.compile(r"^legal_basis_(\d+)_(law|article|reasoning)$")
_COST_COLUMN = re.compile(r"^cost_([a-z]+)_(direct|prevented)$")


class CaseFileError(Exception):
    """The file cannot be read as a list of case records (Dutch message)."""


def _amount(value: Decimal) -> int | float:
    """A JSON number for an amount with at most two decimals (exact when read back)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def case_export(*, queryset: QuerySet[CasePage] | None = None) -> list[dict[str, Any]]:
    """Records (import format) for the given cases, all cases by default, in tree order.

    Exports what the page rows hold (the published content; a draft's page row holds its
    latest saved content). Costs use the cost-domain labels ("Wmo 2015", ..., "Overig").
    """
    if queryset is None:
        queryset = CasePage.objects.all()
    queryset = (
        queryset.order_by("path")
        .select_related("region")
        .prefetch_related(
            "problem_domains",
            Prefetch(
                "legal_bases",
                queryset=CaseLegalBasis.objects.select_related("law", "article").order_by(
                    "sort_order", "pk"
                ),
            ),
            Prefetch("costs", queryset=CaseCost.objects.order_by("sort_order", "pk")),
        )
    )
    labels = dict(CostDomain.choices)
    domain_order = {value: index for index, value in enumerate(CostDomain.values)}
    records = []
    for case in queryset:
        costs = sorted(case.costs.all(), key=lambda cost: domain_order.get(cost.domain, 99))
        records.append(
            {
                "title": case.title,
                "household": case.household,
                "situation": case.situation,
                "perspective": case.perspective,
                "needs": {
                    "self": case.needs_self,
                    "support": case.needs_support,
                    "treatment": case.needs_treatment,
                },
                "barrier": case.barrier,
                "breakthrough": case.breakthrough,
                "engagement": case.engagement,
                "problem_domains": sorted(domain.name for domain in case.problem_domains.all()),
                "legal_bases": [
                    {
                        "law": basis.law.name,
                        "article": basis.article.article if basis.article else "",
                        "reasoning": basis.reasoning,
                    }
                    for basis in case.legal_bases.all()
                ],
                "phase": case.phase,
                "region": case.region.name,
                "year": case.year,
                "outcome": case.outcome,
                "breakthrough_cost": _amount(case.breakthrough_cost),
                "costs": {
                    str(labels[cost.domain]): {
                        "direct": _amount(cost.direct),
                        "prevented": _amount(cost.prevented),
                    }
                    for cost in costs
                },
            }
        )
    return records


# --- Files -------------------------------------------------------------------------------


def case_file_format(*, path: str | Path) -> str:
    """ "json" or "csv", chosen by the file's extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".csv":
        return "csv"
    raise CaseFileError(
        f"Onbekend bestandstype ‘{suffix or Path(path).name}’: gebruik een .json- of .csv-bestand."
    )


def case_records_read(*, path: str | Path) -> list[Any]:
    """The records in a JSON or CSV case file (not yet validated: see case_import)."""
    file_format = case_file_format(path=path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise CaseFileError(f"Het bestand ‘{path}’ bestaat niet.") from error
    except UnicodeDecodeError as error:
        raise CaseFileError(f"Het bestand ‘{path}’ is geen UTF-8-tekst.") from error
    except OSError as error:
        raise CaseFileError(f"Het bestand ‘{path}’ kan niet worden gelezen: {error}.") from error
    return case_records_parse(text=text, file_format=file_format)


def case_records_parse(*, text: str, file_format: str) -> list[Any]:
    """The records in the text of a JSON or CSV case file (an upload in the admin)."""
    if file_format == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CaseFileError(
                f"Het bestand is geen geldige JSON (regel {error.lineno}, kolom {error.colno}):"
                f" {error.msg}."
            ) from error
        if not isinstance(data, list):
            raise CaseFileError(
                "Het JSON-bestand moet een lijst van casussen bevatten: [ {…}, {…} ]."
            )
        return data
    return csv_text_to_records(text)


def case_records_write(*, path: str | Path, records: list[dict[str, Any]]) -> None:
    """Write records as JSON or CSV, chosen by the file's extension."""
    file_format = case_file_format(path=path)
    if file_format == "json":
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    else:
        text = records_to_csv_text(records)
    Path(path).write_text(text, encoding="utf-8")


def _csv_amount(value: Any) -> Decimal | str:
    if value is None or value == "":
        return ""
    return Decimal(str(value)).quantize(Decimal("0.01"))


def records_to_csv_text(records: list[dict[str, Any]]) -> str:
    """CSV text for records in the import format (see the module docstring)."""
    basis_count = max([1, *(len(record.get("legal_bases") or []) for record in records)])
    columns = list(CSV_TEXT_COLUMNS)
    for number in range(1, basis_count + 1):
        columns += [f"legal_basis_{number}_{part}" for part in ("law", "article", "reasoning")]
    for domain in CostDomain.values:
        columns += [f"cost_{domain}_direct", f"cost_{domain}_prevented"]
    labels = {str(label).casefold(): value for value, label in CostDomain.choices}

    rows = []
    for record in records:
        needs = record.get("needs") or {}
        row: dict[str, Any] = {
            column: record.get(column, "") for column in CSV_TEXT_COLUMNS if column in record
        }
        row.update(
            {
                "needs_self": needs.get("self", ""),
                "needs_support": needs.get("support", ""),
                "needs_treatment": needs.get("treatment", ""),
                "breakthrough_cost": _csv_amount(record.get("breakthrough_cost")),
                "problem_domains": f" {CSV_LIST_SEPARATOR} ".join(
                    record.get("problem_domains") or []
                ),
            }
        )
        for number, basis in enumerate(record.get("legal_bases") or [], start=1):
            for part in ("law", "article", "reasoning"):
                row[f"legal_basis_{number}_{part}"] = basis.get(part) or ""
        for key, amounts in (record.get("costs") or {}).items():
            domain = labels.get(str(key).casefold(), key)
            row[f"cost_{domain}_direct"] = _csv_amount(amounts.get("direct"))
            row[f"cost_{domain}_prevented"] = _csv_amount(amounts.get("prevented"))
        rows.append([row.get(column, "") for column in columns])
    return csv_text(headers=columns, rows=rows)


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def csv_text_to_records(text: str) -> list[dict[str, Any]]:
    """Records in the import format from CSV text; empty cells are left out, unknown
    columns are kept under their own name (so that case_import reports them)."""
    text = text.removeprefix("\ufeff")
    delimiter = _delimiter(text)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames:
        raise CaseFileError("Het CSV-bestand is leeg: de eerste regel moet de kolomnamen bevatten.")
    labels = dict(CostDomain.choices)
    records: list[dict[str, Any]] = []
    for row in reader:
        row = {
            key: csv_cell_read(value) if isinstance(value, str) else value
            for key, value in row.items()
        }
        records.append(_csv_row_to_record(row, labels, delimiter))
    return records


def _csv_row_to_record(
    row: dict[str | None, Any], labels: dict[str, Any], delimiter: str
) -> dict[str, Any]:
    record: dict[str, Any] = {}
    needs: dict[str, str] = {}
    bases: dict[int, dict[str, str]] = {}
    costs: dict[str, dict[str, str]] = {}
    for column, raw in row.items():
        if column is None:  # more cells than columns
            record["_extra_cells"] = raw
            continue
        column = column.strip()
        value = raw.strip() if isinstance(raw, str) else raw
        if value in ("", None):
            continue
        if column.startswith("needs_") and column[6:] in ("self", "support", "treatment"):
            needs[column[6:]] = value
        elif match := _LEGAL_BASIS_COLUMN.match(column):
            bases.setdefault(int(match[1]), {})[match[2]] = value
        elif (match := _COST_COLUMN.match(column)) and match[1] in labels:
            costs.setdefault(str(labels[match[1]]), {})[match[2]] = value
        elif column == "problem_domains":
            separators = "|" if delimiter == ";" else "|;"
            names = re.split(f"[{re.escape(separators)}]", value)
            record[column] = [name.strip() for name in names if name.strip()]
        elif column == "year":
            record[column] = int(value) if value.isdigit() else value
        else:
            record[column] = value
    if needs:
        record["needs"] = needs
    if bases:
        record["legal_bases"] = [bases[number] for number in sorted(bases)]
    if costs:
        record["costs"] = costs
    return record
