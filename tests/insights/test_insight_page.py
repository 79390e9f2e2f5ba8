"""What a visitor sees on one lesson learned."""

import datetime

from portal.insights.factories import InsightPageFactory, paragraphs


def test_insight_page_shows_date_region_source_body_and_tags(client, insights_index):
    page = InsightPageFactory(
        parent=insights_index,
        title="Zonder passende woning geen volgende stap",
        date=datetime.date(2023, 3, 1),
        region="Zwolle",
        source="Informatienota Zwolle",
        summary="Een passende woning ontbreekt vaak.",
        body=paragraphs("<p>Woonproblemen houden mensen langer in de zorg.</p>"),
        tags=["wonen", "giftige cocktail"],
    )

    html = client.get(page.url).content.decode()

    assert "1 maart 2023" in html
    assert "<dd>Zwolle</dd>" in html
    assert "<dd>Informatienota Zwolle</dd>" in html
    assert "Woonproblemen houden mensen langer in de zorg." in html
    assert 'href="/geleerde-lessen/?tag=giftige-cocktail">giftige cocktail</a>' in html
