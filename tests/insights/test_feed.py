"""The RSS and Atom feed: new current standards and lessons learned."""

import datetime
import xml.etree.ElementTree as ET

from django.urls import reverse
from django.utils import timezone

from portal.insights.factories import InsightPageFactory
from portal.standards.factories import StandardPageFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def _at(days_ago: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


def _rss_items(client) -> list[dict[str, str]]:
    response = client.get(reverse("feed_rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own output)
    return [{child.tag: (child.text or "") for child in item} for item in channel.findall("item")]


def test_rss_lists_new_insights_and_current_standards_newest_first(
    client, standards_index, insights_index
):
    old = StandardPageFactory(
        parent=standards_index, title="Doorbraakplan", version="1.0", first_published_at=_at(30)
    )
    StandardPageFactory(
        parent=standards_index,
        title="Doorbraakplan",
        version="2.0",
        supersedes=old,
        summary="Nu met de waardendriehoek.",
        first_published_at=_at(1),
    )
    InsightPageFactory(
        parent=insights_index,
        title="Eén wet uitvoeren is geen wet uitvoeren",
        summary="Kijk over de grenzen van de regeling heen.",
        tags=["regels"],
        first_published_at=_at(3),
    )
    InsightPageFactory(parent=insights_index, title="Nog een concept", live=False)

    items = _rss_items(client)

    assert [item["title"] for item in items] == [
        "Doorbraakplan (versie 2.0)",
        "Eén wet uitvoeren is geen wet uitvoeren",
    ]
    assert items[0]["link"] == "http://testserver/standaarden/doorbraakplan-2-0/"
    assert items[0]["description"] == "Nu met de waardendriehoek."
    assert items[0]["pubDate"]
    assert items[1]["category"] in {"Geleerde les", "regels"}


def test_a_newly_published_insight_appears_in_the_feed(client, insights_index):
    assert _rss_items(client) == []

    page = InsightPageFactory(parent=insights_index, title="Nieuw", live=False)
    page.save_revision().publish()

    assert [item["title"] for item in _rss_items(client)] == ["Nieuw"]


def test_feed_holds_the_thirty_newest_items(client, standards_index, insights_index):
    for number in range(20):
        StandardPageFactory(
            parent=standards_index, title=f"Standaard {number}", first_published_at=_at(number * 2)
        )
        InsightPageFactory(
            parent=insights_index, title=f"Les {number}", first_published_at=_at(number * 2 + 1)
        )

    titles = [item["title"] for item in _rss_items(client)]

    assert len(titles) == 30
    assert titles[:3] == ["Standaard 0 (versie 1.0)", "Les 0", "Standaard 1 (versie 1.0)"]
    assert "Les 14" in titles
    assert "Standaard 15 (versie 1.0)" not in titles


def test_atom_feed_parses_and_names_the_items(client, standards_index, insights_index):
    StandardPageFactory(parent=standards_index, title="Maatwerkcanvas", first_published_at=_at(2))
    InsightPageFactory(parent=insights_index, title="Kleine bedragen", first_published_at=_at(1))

    response = client.get(reverse("feed_atom"))

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own output)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Kleine bedragen",
        "Maatwerkcanvas (versie 1.0)",
    ]
    assert entries[0].find(f"{ATOM}link").get("href") == (
        "http://testserver/geleerde-lessen/kleine-bedragen/"
    )
    assert entries[0].findtext(f"{ATOM}published")


def test_a_new_plan_template_version_is_news_and_the_old_one_drops_out(client, site_root):
    from learning.factories import PlanTemplateIndexPageFactory, PlanTemplatePageFactory

    templates = PlanTemplateIndexPageFactory(parent=site_root)
    old = PlanTemplatePageFactory(
        parent=templates, title="Maatwerkcanvas", version="1.0", first_published_at=_at(20)
    )
    PlanTemplatePageFactory(
        parent=templates,
        title="Maatwerkcanvas",
        slug="maatwerkcanvas-2",
        version="2.0",
        supersedes=old,
        summary="Nu met een kolom voor wie er al helpt.",
        first_published_at=_at(2),
    )

    items = _rss_items(client)

    assert [item["title"] for item in items] == ["Maatwerkcanvas (versie 2.0)"]
    assert items[0]["category"] == "Plansjabloon"
    assert items[0]["description"] == "Nu met een kolom voor wie er al helpt."
