"""Titles of an import: a title that already exists under the parent, or earlier in the
same file, is an error ("bestaat al") unless the case is identical in every field; then
the record is skipped, so importing the same file twice changes nothing. Case-insensitive."""

from __future__ import annotations

from ..exporting import case_export
from ..models import CaseIndexPage, CasePage
from .names import Names
from .records import CaseRecord, ImportIssue, Validator


def _existing_signatures(parent: CaseIndexPage, titles: set[str]) -> dict[str, tuple]:
    """The signatures of the cases under `parent` whose titles are among `titles`."""
    signatures: dict[str, tuple] = {}
    existing = [
        pk
        for pk, title in CasePage.objects.child_of(parent).values_list("pk", "title")
        if title.casefold() in titles
    ]
    if not existing:
        return signatures
    names = Names(create_missing=False)
    for record in case_export(queryset=CasePage.objects.filter(pk__in=existing)):
        validator = Validator(names)
        case = validator.record(0, record)
        if case is not None:
            signatures[case.title.casefold()] = case.signature()
    # Titles of existing cases that could not be read back still block the import.
    for title in CasePage.objects.filter(pk__in=existing).values_list("title", flat=True):
        signatures.setdefault(title.casefold(), ())
    return signatures


def titles_check(
    cases: list[CaseRecord], parent: CaseIndexPage, errors: list[ImportIssue]
) -> list[CaseRecord]:
    """Drop records identical to an existing or earlier case; report other duplicates."""
    titles = {case.title.casefold() for case in cases if case.title}
    existing = _existing_signatures(parent, titles)
    seen: dict[str, tuple[int, tuple]] = {}
    kept: list[CaseRecord] = []
    for case in cases:
        key = case.title.casefold()
        if key in existing:
            if existing[key] != case.signature():
                errors.append(
                    ImportIssue(
                        case.number,
                        "title",
                        f"Er bestaat al een casus ‘{case.title}’ onder ‘{parent.title}’ met "
                        "andere inhoud; kies een andere titel.",
                    )
                )
            continue
        if key in seen:
            number, signature = seen[key]
            if signature != case.signature():
                errors.append(
                    ImportIssue(
                        case.number,
                        "title",
                        f"De titel ‘{case.title}’ bestaat al in record {number} met andere "
                        "inhoud; kies een andere titel.",
                    )
                )
            continue
        seen[key] = (case.number, case.signature())
        kept.append(case)
    return kept
