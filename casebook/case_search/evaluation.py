"""The case index's relevance corpus: anonymised example cases in the import format
(casebook.importing), stored through the normal import code (search.evaluation)."""

from __future__ import annotations

import json
from pathlib import Path

from wagtail.models import Page

from ..importing import case_import
from ..models import CaseIndexPage


def relevance_corpus_store(path: Path) -> list[int]:
    """Import the cases of `path` (missing regions, laws and articles created) under the
    first case index page (one is made under the site's root page when there is none);
    returns the ids of the stored, published cases. The caller indexes them (after the
    commit, as the import does, or at once in a transaction it rolls back)."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    parent = CaseIndexPage.objects.first()
    if parent is None:
        root = Page.get_first_root_node()
        parent = root.add_child(
            instance=CaseIndexPage(title="Relevantiecorpus", slug="relevantiecorpus")
        )
    result = case_import(records=records, parent=parent, create_missing=True)
    return [page.pk for page in result.pages]
