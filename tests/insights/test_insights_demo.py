"""The demo lessons: the five from Zwolle and a few more, loaded idempotently."""

from portal.insights import demo
from portal.insights.models import InsightPage
from portal.insights.selectors import insight_list


def test_demo_loads_insights_once_with_tags(home):
    demo.load(home=home)
    count = InsightPage.objects.count()

    demo.load(home=home)

    assert InsightPage.objects.count() == count >= 7
    zwolle = insight_list(tag="zwolle")
    assert zwolle.count() == 5
    assert all(page.region == "Zwolle" for page in zwolle)
    assert all(page.live and page.revisions.exists() for page in InsightPage.objects.all())
    wonen = InsightPage.objects.get(slug="zonder-passende-woning-geen-volgende-stap")
    assert {"wonen", "giftige cocktail"} <= set(wonen.tags.names())
