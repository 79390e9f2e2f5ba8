"""Bulk storing of imported cases: what an editor notices is what Wagtail's page API
leaves behind (tree, revision, history, references, admin search), and the tree stays
valid for everything an editor does next (edit, publish, unpublish, move, delete, add)."""

from __future__ import annotations

import pytest
from django.db.models.signals import post_save
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signals import page_published
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import casebook.importing as importing
from casebook.factories import CasePageFactory, RegionFactory
from casebook.importing import case_import, storing
from casebook.importing.names import Names
from casebook.importing.records import Validator
from casebook.models import CaseIndexPage, CasePage
from portal.accounts.factories import client_login_with_mfa
from portal.home.factories import HomePageFactory
from tests.casebook.test_case_import import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(index):
    RegionFactory(name="Zwolle")
    return index


def _tree_is_valid() -> bool:
    return all(not problems for problems in Page.find_problems())


def _through_wagtail(index: CaseIndexPage, record: dict, *, draft: bool) -> CasePage:
    """The same record stored one page at a time with Wagtail's page API."""
    case = Validator(Names(create_missing=False)).record(1, record)
    page = storing._page(case, slug="via-wagtail", lookups=storing._Lookups())
    page.live = not draft
    index.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    if not draft:
        revision.publish()
    return CasePage.objects.get(pk=page.pk)


#: Fields that differ between any two pages (identity, position, time).
_OWN = {
    "id",
    "pk",
    "path",
    "slug",
    "url_path",
    "translation_key",
    "latest_revision",
    "latest_revision_id",
    "live_revision",
    "live_revision_id",
    "latest_revision_created_at",
    "first_published_at",
    "last_published_at",
    "page_ptr",
}


def _comparable(value):
    """A revision's content without ids, paths and times (recursively)."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k not in _OWN | {"page"}}
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    return value


def _row(page: CasePage) -> dict:
    row = Page.objects.filter(pk=page.pk).values().get()
    return {key: value for key, value in row.items() if key not in _OWN}


@pytest.mark.parametrize("draft", [False, True])
def test_an_imported_case_is_what_wagtails_page_api_stores(index, draft):
    imported = CasePage.objects.get(
        pk=case_import(records=[make_record()], parent=index, draft=draft).pages[0].pk
    )
    reference = _through_wagtail(index, make_record(), draft=draft)

    assert _row(imported) == _row(reference)
    assert imported.url_path == f"{index.url_path}{imported.slug}/"
    assert imported.live is not draft
    assert (imported.live_revision_id == imported.latest_revision_id) is not draft
    assert (imported.first_published_at is not None) is not draft
    assert imported.latest_revision_created_at is not None

    mine, theirs = imported.latest_revision, reference.latest_revision
    assert _comparable(mine.content) == _comparable(theirs.content)
    for field in ("content_type_id", "base_content_type_id", "user_id", "approved_go_live_at"):
        assert getattr(mine, field) == getattr(theirs, field)
    assert mine.object_str == imported.title
    # The revision knows the child rows by their ids, as Wagtail's does.
    assert {row["pk"] for row in mine.content["legal_bases"]} == set(
        imported.legal_bases.values_list("pk", flat=True)
    )

    def history(page):
        return [
            (entry.action, entry.revision_id is not None, entry.content_changed, entry.data)
            for entry in PageLogEntry.objects.filter(page=page).order_by("pk")
        ]

    assert history(imported) == history(reference)

    def references(page):
        return set(
            ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
                "content_type_id", "to_content_type_id", "to_object_id", "model_path"
            )
        )

    assert references(imported) == references(reference)
    assert references(imported)
    index.refresh_from_db()
    assert index.numchild == 2
    assert _tree_is_valid()


def _edit_data(case: CasePage, **changes) -> dict:
    basis = case.legal_bases.get()
    cost = case.costs.get()
    values = {
        "title": case.title,
        "slug": case.slug,
        **{name: getattr(case, name) for name in CasePage.TEXT_FIELDS},
        "breakthrough_cost": str(case.breakthrough_cost),
        "phase": case.phase,
        "region": case.region_id,
        "year": str(case.year),
        "outcome": case.outcome,
        "body": streamfield([]),
        "legal_bases": inline_formset(
            [
                {
                    "id": basis.pk,
                    "law": basis.law_id,
                    "article": basis.article_id,
                    "reasoning": basis.reasoning,
                }
            ],
            initial=1,
            min=1,
        ),
        "costs": inline_formset(
            [
                {
                    "id": cost.pk,
                    "domain": cost.domain,
                    "direct": str(cost.direct),
                    "prevented": str(cost.prevented),
                }
            ],
            initial=1,
        ),
    }
    values.update(changes)
    data = nested_form_data(values)
    data["problem_domains"] = list(case.problem_domains.values_list("pk", flat=True))
    return data


def test_an_editor_finds_opens_edits_publishes_unpublishes_and_deletes_an_imported_case(
    client, index, moderator
):
    records = [make_record(), make_record("Fysiotherapie ondanks achterstand")]
    first, second = case_import(records=records, parent=index).pages
    client_login_with_mfa(client, moderator)

    listing = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert "Medicijnen uit bijzondere bijstand" in listing
    assert "Fysiotherapie ondanks achterstand" in listing
    found = client.get(reverse("wagtailadmin_pages:search"), {"q": "Fysiotherapie"})
    assert "Fysiotherapie ondanks achterstand" in found.content.decode()

    edit_url = reverse("wagtailadmin_pages:edit", args=[first.pk])
    edit = client.get(edit_url)
    assert edit.status_code == 200
    assert "De huisarts schrijft medicijnen voor" in edit.content.decode()

    case = CasePage.objects.get(pk=first.pk)
    response = client.post(
        edit_url,
        _edit_data(
            case,
            barrier="De eigen bijdrage paste niet; nu opnieuw beschreven.",
            **{"action-publish": "action-publish"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    case.refresh_from_db()
    assert case.live and not case.has_unpublished_changes
    assert case.barrier == "De eigen bijdrage paste niet; nu opnieuw beschreven."
    assert case.legal_bases.count() == 1 and case.costs.count() == 1
    assert Revision.objects.for_instance(case).count() == 2
    history = client.get(reverse("wagtailadmin_pages:history", args=[case.pk]))
    assert history.status_code == 200
    assert [e.action for e in PageLogEntry.objects.filter(page=case).order_by("pk")] == [
        "wagtail.create",
        "wagtail.edit",
        "wagtail.publish",
        "wagtail.edit",
        "wagtail.publish",
    ]

    client.post(reverse("wagtailadmin_pages:unpublish", args=[second.pk]))
    assert not CasePage.objects.get(pk=second.pk).live
    client.post(reverse("wagtailadmin_pages:delete", args=[first.pk]))
    assert not CasePage.objects.filter(pk=first.pk).exists()
    index.refresh_from_db()
    assert index.numchild == 1
    assert _tree_is_valid()


def test_an_imported_case_can_be_moved_and_its_url_follows(index):
    case = case_import(records=[make_record()], parent=index).pages[0]
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="ander")
    other = other_home.add_child(instance=CaseIndexPage(title="Ander casusboek", slug="ander"))

    CasePage.objects.get(pk=case.pk).move(other, pos="last-child")

    moved = CasePage.objects.get(pk=case.pk)
    assert moved.get_parent().pk == other.pk
    assert moved.url_path == f"{other.url_path}{moved.slug}/"
    index.refresh_from_db()
    other.refresh_from_db()
    assert (index.numchild, other.numchild) == (0, 1)
    assert _tree_is_valid()


def test_a_draft_import_publishes_later_from_its_revision(index):
    case = case_import(records=[make_record()], parent=index, draft=True).pages[0]
    assert not CasePage.objects.get(pk=case.pk).live

    CasePage.objects.get(pk=case.pk).latest_revision.publish()

    published = CasePage.objects.get(pk=case.pk)
    assert published.live and not published.has_unpublished_changes
    assert published.live_revision_id == published.latest_revision_id
    assert published.legal_bases.get().article.article == "35 lid 1"
    assert _tree_is_valid()


def test_a_second_import_lands_after_the_existing_children(index, monkeypatch):
    monkeypatch.setattr(storing, "BATCH_SIZE", 2)  # several rounds of inserts
    region = RegionFactory(name="Kampen")
    existing = [CasePageFactory(parent=index, title=f"Bestaand {n}", region=region) for n in (1, 2)]
    gap = CasePageFactory(parent=index, title="Verwijderd", region=region)
    CasePageFactory(parent=index, title="Laatste", region=region)
    gap.delete()  # a gap in the steps: new pages still come after the last one

    first = case_import(records=[make_record(f"Eerste import {n}") for n in range(3)], parent=index)
    second = case_import(
        records=[make_record(f"Tweede import {n}") for n in range(5)], parent=index
    )

    children = list(index.get_children().specific().order_by("path"))
    titles = [page.title for page in children]
    assert titles == [
        "Bestaand 1",
        "Bestaand 2",
        "Laatste",
        *(f"Eerste import {n}" for n in range(3)),
        *(f"Tweede import {n}" for n in range(5)),
    ]
    assert len({page.path for page in children}) == len(children)
    assert all(page.depth == index.depth + 1 for page in children)
    assert [p.pk for p in first.pages + second.pages] == [p.pk for p in children[3:]]
    index.refresh_from_db()
    assert index.numchild == len(children) == 11
    later = index.add_child(instance=CasePageFactory.build(title="Later", region=region))
    assert later.path > children[-1].path
    assert existing[0].path < children[-1].path
    assert _tree_is_valid()


def test_an_error_in_a_later_round_leaves_nothing(index, monkeypatch):
    monkeypatch.setattr(storing, "BATCH_SIZE", 1)
    store_batch = storing._store_batch
    calls = []

    def fail_in_the_second_round(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("schijf vol")
        store_batch(*args, **kwargs)

    monkeypatch.setattr(storing, "_store_batch", fail_in_the_second_round)
    counts = [model.objects.count() for model in (Page, Revision, PageLogEntry, ReferenceIndex)]
    with pytest.raises(RuntimeError):
        case_import(records=[make_record("Een"), make_record("Twee")], parent=index)

    assert [
        model.objects.count() for model in (Page, Revision, PageLogEntry, ReferenceIndex)
    ] == counts
    index.refresh_from_db()
    assert index.numchild == 0
    assert not CasePage.objects.search("Medicijnen").results()


def test_no_per_page_signals_are_left_out_unnoticed():
    """The import sends no page_published or post_save per case (storing.py says why
    each receiver has nothing to do, or is done in bulk). A new receiver fails this test:
    decide what an import must do for it, then add it here."""

    def names(signal, sender=None):
        receivers = signal._live_receivers(sender or CasePage)[0]
        return {f"{receiver.__module__}.{receiver.__qualname__}" for receiver in receivers}

    assert names(page_published) == {
        "casebook.case_search.signals._page_moved_or_published",
        # A new page-tree generation (casebook.impact): the import starts one itself.
        "casebook.impact._casebook_changed",
        "learning.contributions.signals._page_published",
        "learning.follows.signals.page_published_handler",
        "portal.core.page_cache._changed",
        "search.signals._site_page_published",
    }
    assert names(post_save) == {
        "casebook.case_search.signals._case_changed",
        "casebook.impact._casebook_changed",
        "portal.core.page_cache._page_saved_or_deleted",
        "search.signals._site_page_saved_or_deleted",
        "search.wagtail_index._saved",
        "wagtail.signal_handlers.update_reference_index_on_save",
    }


def test_the_page_tree_cache_changes_after_the_index_update(
    index, monkeypatch, django_capture_on_commit_callbacks
):
    """Similar cases are cached under the page-tree generation: a new one starts when
    the import's index update is done, not only when its pages were stored."""
    events: list[str] = []
    update = importing.case_index_update
    monkeypatch.setattr(storing, "page_tree_changed", lambda: events.append("tree (stored)"))
    monkeypatch.setattr(importing, "page_tree_changed", lambda: events.append("tree"))
    monkeypatch.setattr(
        importing,
        "case_index_update",
        lambda **kwargs: (events.append("case index"), update(**kwargs)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_import(records=[make_record()], parent=index)

    assert events == ["tree (stored)", "case index", "tree"]


@pytest.mark.parametrize("uniform", [True, False])
def test_each_page_gets_its_own_revision(index, monkeypatch, uniform):
    """By id arithmetic when revision and page ids differ by one offset, else per page."""
    monkeypatch.setattr(storing, "BATCH_SIZE", 2)
    if not uniform:
        monkeypatch.setattr(storing, "_uniform_offset", lambda pages: None)
    records = [make_record(f"Casus {n}") for n in range(5)]
    pages = case_import(records=records, parent=index).pages

    for page in CasePage.objects.filter(pk__in=[page.pk for page in pages]):
        assert page.latest_revision.object_id == str(page.pk)
        assert page.latest_revision.content["title"] == page.title
        assert page.live_revision_id == page.latest_revision_id
