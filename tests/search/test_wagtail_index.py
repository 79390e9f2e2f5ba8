"""search.wagtail_index: the admin's page search follows every case, and waits during a
bulk load until the loader adds what it stored."""

from __future__ import annotations

import pytest

from casebook.factories import CasePageFactory, RegionFactory
from casebook.models import CasePage
from search.indexing import search_updates_paused
from search.wagtail_index import wagtail_index_add

pytestmark = pytest.mark.django_db


def found(word: str) -> set[str]:
    """Titles the Wagtail admin's page search finds for `word`."""
    return {page.title for page in CasePage.objects.search(word)}


def test_a_case_saved_renamed_and_deleted_is_followed(case_index):
    case = CasePageFactory(parent=case_index, title="Huurachterstand", region=RegionFactory())
    assert found("Huurachterstand") == {"Huurachterstand"}

    case.title = "Energieschuld"
    case.save_revision().publish()
    assert found("Energieschuld") == {"Energieschuld"}
    assert found("Huurachterstand") == set()

    case.delete()
    assert found("Energieschuld") == set()


def test_a_bulk_load_is_added_once_at_the_end(case_index):
    with search_updates_paused():
        case = CasePageFactory(parent=case_index, title="Wachtlijst", region=RegionFactory())
        assert found("Wachtlijst") == set()
        wagtail_index_add(model=CasePage, ids=[case.pk])
    assert found("Wachtlijst") == {"Wachtlijst"}
