"""Import example cases from records (JSON objects or CSV rows), all or nothing.

    result = case_import(records=records, parent=index)   # raises CaseImportError
    records = case_export()                                # the same format back

- `records`: the record format and its validation (every error collected, in Dutch);
- `names`: domains, laws, articles and regions by name (ignoring case), and creating
  the missing ones with `create_missing`;
- `titles`: duplicates (an identical case is skipped, a different one with the same
  title is an error);
- `storing`: the pages, written in bulk with the rows Wagtail's page API would write
  (tree position, revision, history, reference index, Wagtail's search index).

Everything is validated first; with any error nothing is stored. The writes run in one
transaction, so an exception midway stores nothing either. Imported cases are published
with a revision (draft=True: saved as drafts with a revision; submit_for_moderation=True:
drafts submitted to the page's workflow by `user`, as an editor would) and behave like
cases created in the admin. dry_run=True checks everything and stores nothing. The search
indexes are updated once for the new pages, after the transaction commits.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from portal.core.page_cache import page_tree_changed
from search.indexing import site_index_update

from ..case_search.indexing import case_index_update
from ..exporting import case_export
from ..models import CaseIndexPage, CasePage
from .moderation import cases_submit
from .names import Names, names_create_missing, names_missing
from .records import CaseImportError, CaseRecord, ImportIssue, ImportResult, Validator, parse_amount
from .storing import cases_store
from .titles import titles_check

__all__ = [
    "CaseImportError",
    "ImportIssue",
    "ImportResult",
    "ImportTimings",
    "case_export",
    "case_import",
    "imported_cases_index",
    "parse_amount",
]

Progress = Callable[[int, int], None]


@dataclass
class ImportTimings:
    """Wall-clock seconds per phase of one import (filled by `case_import` when given):
    `validation` the record checks without the guard, `guard` the anonymisation guard,
    `storing` the pages and the commit, `indexing` the search-index updates after it;
    `guard_texts` the texts the guard was given, `guard_checks` the distinct ones it
    checked (a text repeated in a file, under the same field, is checked once);
    `processor` the processor seconds per phase ("validation", "guard", "storing",
    "indexing") of this process only: a database server's own work is not in it, and
    unlike the wall clock it hardly depends on what else the machine is doing."""

    validation: float = 0.0
    guard: float = 0.0
    storing: float = 0.0
    indexing: float = 0.0
    guard_texts: int = 0
    guard_checks: int = 0
    processor: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return self.validation + self.guard + self.storing + self.indexing


def imported_cases_index(*, page_ids: list[int]) -> None:
    """Put imported cases in the case index and the site index, one bulk update each.

    `case_import` calls it after its transaction commits (and times it in `ImportTimings`).
    Both updates are bulk writes: the documents are read in one query set, analysed once,
    and their rows inserted in batches."""
    case_index_update(page_ids=page_ids)
    site_index_update(keys=[f"{CasePage._meta.label_lower}:{pk}" for pk in page_ids])
    # Storing started a new page-tree generation already; another one now, so nothing
    # cached from the index before this update (similar cases) is kept under it.
    page_tree_changed()


def _skipped_case_ids(
    *, cases: list[CaseRecord], kept: list[CaseRecord], parent: CaseIndexPage
) -> list[int]:
    """The existing cases under `parent` that records were skipped for (identical)."""
    skipped = {case.title.casefold() for case in cases} - {case.title.casefold() for case in kept}
    if not skipped:
        return []
    return [
        pk
        for pk, title in CasePage.objects.child_of(parent).values_list("pk", "title")
        if title.casefold() in skipped
    ]


def case_import(
    *,
    records: list[dict],
    parent: CaseIndexPage,
    create_missing: bool = False,
    draft: bool = False,
    submit_for_moderation: bool = False,
    user: Any = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    timings: ImportTimings | None = None,
) -> ImportResult:
    """Validate all records, then store them as cases under `parent` in one transaction.

    Raises CaseImportError (nothing stored) with every error found. `progress(done, total)`
    is called with total = 2 x the number of records: one step per record checked, one
    per record stored. With `submit_for_moderation` the cases are drafts submitted to the
    workflow by `user` (in the same transaction: all are submitted or nothing is stored).
    With `dry_run` nothing is stored; the result counts what the import would create.
    `timings`, when given, receives the seconds per phase.
    """
    timings = timings if timings is not None else ImportTimings()
    started, cpu_started = time.perf_counter(), time.process_time()
    if submit_for_moderation:
        draft = True
    total = 2 * len(records)
    names = Names(create_missing=create_missing)
    validator = Validator(names)
    cases: list[CaseRecord] = []
    for number, record in enumerate(records, start=1):
        case = validator.record(number, record)
        if case is not None:
            cases.append(case)
        if progress and (number % 100 == 0 or number == len(records)):
            progress(number, total)
    errors = validator.errors
    if not records:
        errors.append(ImportIssue(0, "", "Het bestand bevat geen casussen."))
    kept = titles_check(cases, parent, errors)
    timings.guard = validator.guard_seconds
    timings.guard_texts, timings.guard_checks = validator.guard_texts, validator.guard_checks
    timings.validation = time.perf_counter() - started - timings.guard
    timings.processor["guard"] = validator.guard_processor_seconds
    timings.processor["validation"] = (
        time.process_time() - cpu_started - validator.guard_processor_seconds
    )
    if errors:
        errors.sort(key=lambda issue: issue.record)
        raise CaseImportError(errors)
    if dry_run:
        return ImportResult(
            created=len(kept),
            pages=[],
            skipped=len(cases) - len(kept),
            created_names=names_missing(names=names),
        )

    def index_after_commit(page_ids: list[int]) -> None:
        indexing_started, indexing_cpu = time.perf_counter(), time.process_time()
        if not timings.storing:  # not yet set when the import ran in an outer transaction
            timings.storing = indexing_started - storing_started
            timings.processor["storing"] = indexing_cpu - storing_cpu
        imported_cases_index(page_ids=page_ids)
        timings.indexing = time.perf_counter() - indexing_started
        timings.processor["indexing"] = time.process_time() - indexing_cpu

    storing_started, storing_cpu = time.perf_counter(), time.process_time()
    with transaction.atomic():
        created_names = names_create_missing(names=names)
        pages = cases_store(
            cases=kept,
            parent=parent,
            draft=draft,
            progress=(lambda done: progress(len(records) + done, total)) if progress else None,
        )
        if submit_for_moderation:
            cases_submit(pages=pages, user=user)
        page_ids = [page.pk for page in pages] if not draft else []
        # The cases skipped as already there are indexed again too: an import that was
        # stopped after its commit but before its index update is repaired by running it
        # again.
        page_ids += _skipped_case_ids(cases=cases, kept=kept, parent=parent)
        if page_ids:
            transaction.on_commit(lambda: index_after_commit(page_ids))
    if not timings.storing:
        timings.storing = time.perf_counter() - storing_started
        timings.processor["storing"] = time.process_time() - storing_cpu
    if progress:
        progress(total, total)
    return ImportResult(
        created=len(pages),
        pages=pages,
        skipped=len(cases) - len(kept),
        created_names=created_names,
    )
