"""The index follows what visitors may see: publishing adds a case, unpublishing,
restricting and deleting remove it, after the transaction commits; a rebuild recreates
the index; bulk loading can switch the updates off."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction

from casebook.case_search.index import CASE_INDEX
from casebook.case_search.indexing import case_index_rebuild
from casebook.case_search.queries import CaseSearchParams, case_search
from search.backends import get_backend
from search.indexing import search_updates_paused
from search.models import CaseDocument

pytestmark = pytest.mark.django_db


def found(**params) -> set[str]:
    return {hit.title for hit in case_search(params=CaseSearchParams(**params)).results}


def test_publishing_a_draft_adds_it_after_commit(
    search_backend, make_case, django_capture_on_commit_callbacks
):
    case = make_case("Nieuwe doorbraak", live=False, domains=["Schulden"])
    assert found() == set()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case.save_revision().publish()
        # Nothing changes before the transaction commits.
        assert found() == set()
    for callback in callbacks:
        callback()

    assert found(domains=("Schulden",)) == {"Nieuwe doorbraak"}


def test_a_published_change_reaches_the_index(
    search_backend, make_case, django_capture_on_commit_callbacks
):
    case = make_case("Oude titel", domains=["Schulden"])
    case.title = "Nieuwe titel"
    with django_capture_on_commit_callbacks(execute=True):
        case.save_revision().publish()

    assert found(q="nieuwe") == {"Nieuwe titel"}
    assert found(q="oude") == set()


def test_a_saved_draft_change_does_not_reach_the_index(
    search_backend, make_case, django_capture_on_commit_callbacks
):
    case = make_case("Gepubliceerde titel")
    case.title = "Conceptwijziging"
    with django_capture_on_commit_callbacks(execute=True):
        case.save_revision()

    assert found() == {"Gepubliceerde titel"}


def test_unpublishing_removes_the_case(
    search_backend, make_case, django_capture_on_commit_callbacks
):
    case = make_case("Tijdelijk zichtbaar", domains=["Wonen"])
    assert found() == {"Tijdelijk zichtbaar"}

    with django_capture_on_commit_callbacks(execute=True):
        case.unpublish()

    assert found() == set()
    assert found(domains=("Wonen",)) == set()


def test_restricting_hides_and_lifting_the_restriction_shows_again(
    search_backend, make_case, django_capture_on_commit_callbacks
):
    case = make_case("Gevoelige casus")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=case, restriction_type="login")
    assert found() == set()

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert found() == {"Gevoelige casus"}


def test_restricting_the_case_index_hides_every_case_below_it(
    search_backend, make_case, case_index, django_capture_on_commit_callbacks
):
    make_case("Eerste")
    make_case("Tweede")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=case_index, restriction_type="login")

    assert found() == set()


def test_deleting_removes_the_case(search_backend, make_case, django_capture_on_commit_callbacks):
    case = make_case("Wordt verwijderd")
    make_case("Blijft staan")

    with django_capture_on_commit_callbacks(execute=True):
        case.delete()

    assert found() == {"Blijft staan"}
    assert CaseDocument.objects.count() == 1


def test_rebuild_command_recreates_the_index_with_visible_cases_only(
    search_backend, contract_cases
):
    get_backend().faceted_index_rebuild(
        CASE_INDEX, documents=[], total=0
    )  # empty every engine's index
    assert found() == set()

    out = StringIO()
    call_command("search_index", "--rebuild", stdout=out)

    assert len(found()) == 4
    assert "4/4" in out.getvalue()  # the progress bar
    assert "4 casussen" in out.getvalue()
    assert contract_cases["draft"].title not in found()
    assert contract_cases["restricted"].title not in found()


def test_rebuild_command_needs_to_be_told_what_to_do(search_backend):
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("search_index")


def test_paused_updates_are_caught_up_by_a_rebuild(search_backend, make_case, settings):
    with search_updates_paused():
        make_case("Bulk geladen")
    assert found() == set()

    assert case_index_rebuild() == 1
    assert found() == {"Bulk geladen"}


def test_setting_switches_automatic_updates_off(search_backend, make_case, settings):
    settings.SEARCH_AUTO_UPDATE = False
    make_case("Niet automatisch")

    assert found() == set()
