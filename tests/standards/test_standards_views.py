"""What a visitor sees on the standards index and on a standard's page."""

import datetime
import re

import pytest

from portal.standards.factories import StandardPageFactory


@pytest.fixture
def plan_versions(standards_index):
    old = StandardPageFactory(
        parent=standards_index,
        title="Doorbraakplan",
        version="1.0",
        effective_date=datetime.date(2023, 1, 1),
        summary="Het eerste format voor het plan.",
    )
    new = StandardPageFactory(
        parent=standards_index,
        title="Doorbraakplan",
        version="2.0",
        effective_date=datetime.date(2025, 3, 1),
        summary="Het plan met onderbouwing langs de waardendriehoek.",
        supersedes=old,
    )
    return old, new


def test_index_lists_only_current_versions(client, standards_index, plan_versions):
    old, new = plan_versions
    StandardPageFactory(parent=standards_index, title="Maatwerkcanvas")

    response = client.get(standards_index.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert new.url in html
    assert old.url not in html
    assert "Versie 2.0, ingangsdatum 1 maart 2025" in html
    assert "Het eerste format voor het plan." not in html
    assert html.index("Doorbraakplan") < html.index("Maatwerkcanvas")


def test_superseded_page_stays_readable_and_points_to_the_newer_version(client, plan_versions):
    old, new = plan_versions

    response = client.get(old.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Het eerste format voor het plan." in html
    notice = re.search(r'<div class="[^"]*utrecht-alert[^"]*" role="note">(.*?)</div>', html, re.S)
    assert notice, "the old version shows a notice"
    assert "Deze versie is vervangen door versie 2.0 (ingangsdatum 1 maart 2025)." in notice[1]
    link = re.search(r'href="([^"]+)"', notice[1])[1]
    assert link == new.url

    followed = client.get(link)
    assert followed.status_code == 200
    assert "Het plan met onderbouwing langs de waardendriehoek." in followed.content.decode()


def test_newer_version_shows_version_date_and_what_it_replaces(client, plan_versions):
    old, new = plan_versions

    html = client.get(new.url).content.decode()

    assert "Deze versie is vervangen" not in html
    assert 'role="note"' not in html
    assert "<dd>2.0</dd>" in html
    assert "1 maart 2025" in html
    assert f'<a href="{old.url}">Doorbraakplan, versie 1.0</a>' in html


def test_index_query_count_does_not_grow_with_the_number_of_standards(
    client, standards_index, django_assert_max_num_queries
):
    def add_standards(count: int, start: int) -> None:
        for number in range(start, start + count):
            old = StandardPageFactory(parent=standards_index, title=f"Standaard {number}")
            StandardPageFactory(
                parent=standards_index,
                title=f"Standaard {number}",
                version="2.0",
                supersedes=old,
            )

    add_standards(2, 0)
    client.get(standards_index.url)  # warm the site root cache
    with django_assert_max_num_queries(12) as few:
        response = client.get(standards_index.url)
    assert response.content.decode().count("Versie 2.0") == 2

    add_standards(15, 100)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(standards_index.url)
    assert response.content.decode().count("Versie 2.0") == 17
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_newer_version_published_later_shows_on_the_old_page_at_once(client, standards_index):
    """The successor is cached with the page tree; publishing the newer version starts
    a new generation, so a reader of the old version sees the notice on the next visit."""
    old = StandardPageFactory(parent=standards_index, title="Doorbraakplan", version="1.0")
    assert "vervangen door" not in client.get(old.url).content.decode()
    new = StandardPageFactory(
        parent=standards_index,
        title="Doorbraakplan",
        version="2.0",
        effective_date=datetime.date(2025, 3, 1),
        supersedes=old,
        live=False,
    )
    assert "vervangen door" not in client.get(old.url).content.decode()
    new.save_revision().publish()
    assert "Deze versie is vervangen door versie 2.0" in client.get(old.url).content.decode()
    new.refresh_from_db()
    new.unpublish()
    assert "vervangen door" not in client.get(old.url).content.decode()
