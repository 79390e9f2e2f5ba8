"""The list of lessons learned: newest first, a tag filter and pages of ten."""

import datetime
import re

import pytest
from wagtail.models import PageViewRestriction

from portal.insights.factories import InsightPageFactory


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="portal-card__title"><a href="[^"]+">([^<]+)</a></h3>', html)


@pytest.fixture
def lessons(insights_index):
    return [
        InsightPageFactory(
            parent=insights_index,
            title="Eerst bestaanszekerheid",
            date=datetime.date(2023, 2, 1),
            tags=["Zwolle", "schulden"],
        ),
        InsightPageFactory(
            parent=insights_index,
            title="Passende woonruimte",
            date=datetime.date(2023, 3, 1),
            tags=["Zwolle", "wonen"],
        ),
        InsightPageFactory(
            parent=insights_index,
            title="Kleine bedragen",
            date=datetime.date(2025, 6, 2),
            tags=["schulden"],
        ),
    ]


def test_index_lists_live_public_insights_newest_first(client, insights_index, lessons):
    InsightPageFactory(parent=insights_index, title="Concept", live=False)
    private = InsightPageFactory(parent=insights_index, title="Alleen intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    html = client.get(insights_index.url).content.decode()

    assert _titles(html) == ["Kleine bedragen", "Passende woonruimte", "Eerst bestaanszekerheid"]
    assert "3 lessen" in html


def test_tag_list_shows_tags_with_counts(client, insights_index, lessons):
    html = client.get(insights_index.url).content.decode()

    nav = re.search(r'<nav class="portal-tag-filter".*?</nav>', html, re.S)[0]
    assert "?tag=zwolle" in nav
    assert re.search(r"schulden <span[^>]*>\(2\)</span>", nav)
    assert re.search(r"wonen <span[^>]*>\(1\)</span>", nav)
    assert 'aria-current="page">Alle lessen' in nav
    assert nav.index(">schulden ") < nav.index(">wonen ") < nav.index(">Zwolle ")  # a-z, any case


def test_tag_filter_shows_only_insights_with_that_tag(client, insights_index, lessons):
    html = client.get(insights_index.url, {"tag": "schulden"}).content.decode()

    assert _titles(html) == ["Kleine bedragen", "Eerst bestaanszekerheid"]
    assert "2 lessen met het label “schulden”" in html
    assert 'href="/geleerde-lessen/?tag=schulden" aria-current="page"' in html


def test_unknown_tag_says_nothing_matches(client, insights_index, lessons):
    html = client.get(insights_index.url, {"tag": "bestaat-niet"}).content.decode()

    assert _titles(html) == []
    assert "Er zijn geen lessen met dit label." in html


def test_index_is_paginated_by_ten_and_keeps_the_tag(client, insights_index):
    for number in range(23):
        InsightPageFactory(
            parent=insights_index,
            title=f"Les {number:02d}",
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
            tags=["regels"],
        )

    first = client.get(insights_index.url, {"tag": "regels"}).content.decode()
    third = client.get(insights_index.url, {"tag": "regels", "page": 3}).content.decode()
    beyond = client.get(insights_index.url, {"tag": "regels", "page": 99}).content.decode()

    assert _titles(first) == [f"Les {number:02d}" for number in range(22, 12, -1)]
    assert 'rel="next" href="?tag=regels&amp;page=2"' in first
    assert _titles(third) == ["Les 02", "Les 01", "Les 00"]
    assert 'rel="prev" href="?tag=regels&amp;page=2"' in third
    assert _titles(beyond) == _titles(third)  # out of range: the last page


def test_index_query_count_does_not_grow_with_the_number_of_insights(
    client, insights_index, django_assert_max_num_queries
):
    def add(count: int, start: int) -> None:
        for number in range(start, start + count):
            InsightPageFactory(
                parent=insights_index, title=f"Les {number}", tags=[f"label {number}", "regels"]
            )

    add(2, 0)
    client.get(insights_index.url)  # warm the site root cache
    with django_assert_max_num_queries(16) as few:
        client.get(insights_index.url)

    add(12, 100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(insights_index.url).content.decode()
    assert len(_titles(html)) == 10
