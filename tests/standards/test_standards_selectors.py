"""Which standards are current, and what replaced what."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from portal.standards.factories import StandardPageFactory
from portal.standards.selectors import (
    standard_is_current,
    standard_list_current,
    standard_predecessor,
    standard_successor,
)


@pytest.fixture
def plan_versions(standards_index):
    old = StandardPageFactory(
        parent=standards_index,
        title="Doorbraakplan",
        version="1.0",
        effective_date=datetime.date(2023, 1, 1),
    )
    new = StandardPageFactory(
        parent=standards_index,
        title="Doorbraakplan",
        version="2.0",
        effective_date=datetime.date(2025, 1, 1),
        supersedes=old,
    )
    return old, new


def test_current_list_leaves_out_a_version_replaced_by_a_live_one(standards_index, plan_versions):
    old, new = plan_versions
    canvas = StandardPageFactory(parent=standards_index, title="Maatwerkcanvas")

    current = list(standard_list_current(index=standards_index))

    assert current == [new, canvas]  # by title; the old plan is not current
    assert not standard_is_current(standard=old)
    assert standard_is_current(standard=new)


def test_a_draft_successor_does_not_replace_the_live_version(standards_index, plan_versions):
    old, new = plan_versions
    new.unpublish()

    assert list(standard_list_current(index=standards_index)) == [old]
    assert standard_successor(standard=old) is None


def test_a_restricted_successor_does_not_hide_the_public_version(standards_index, plan_versions):
    old, new = plan_versions
    PageViewRestriction.objects.create(page=new, restriction_type=PageViewRestriction.LOGIN)

    assert list(standard_list_current(index=standards_index)) == [old]
    assert standard_successor(standard=old) is None  # no link into a login wall


def test_current_list_leaves_out_private_and_unpublished_standards(standards_index):
    public = StandardPageFactory(parent=standards_index, title="Inclusiecriteria")
    private = StandardPageFactory(parent=standards_index, title="Intern concept")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    StandardPageFactory(parent=standards_index, title="Nog niet af", live=False)

    assert list(standard_list_current()) == [public]


def test_current_list_is_ordered_by_title(standards_index):
    for title in ["Werkwijze kraak-en-maaksessie", "Doorbraakplan", "Maatwerkcanvas"]:
        StandardPageFactory(parent=standards_index, title=title)

    titles = [page.title for page in standard_list_current(index=standards_index)]

    assert titles == ["Doorbraakplan", "Maatwerkcanvas", "Werkwijze kraak-en-maaksessie"]


def test_successor_and_predecessor_follow_the_supersedes_link(plan_versions):
    old, new = plan_versions

    assert standard_successor(standard=old) == new
    assert standard_successor(standard=new) is None
    assert standard_predecessor(standard=new) == old
    assert standard_predecessor(standard=old) is None


def test_an_unpublished_predecessor_is_not_linked(plan_versions):
    old, new = plan_versions
    old.unpublish()

    assert standard_predecessor(standard=new) is None
