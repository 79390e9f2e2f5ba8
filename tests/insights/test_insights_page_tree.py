"""Which page types editors may create where, for lessons learned."""

from wagtail.test.utils import WagtailPageTestCase

from portal.home.models import ContentPage, HomePage
from portal.insights.models import InsightIndexPage, InsightPage
from portal.standards.models import StandardIndexPage


class InsightsPageTreeTests(WagtailPageTestCase):
    def test_index_lives_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(InsightIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, InsightIndexPage)
        self.assertCanNotCreateAt(ContentPage, InsightIndexPage)

    def test_an_insight_only_lives_under_the_insights_index(self):
        self.assertAllowedSubpageTypes(InsightIndexPage, {InsightPage})
        self.assertAllowedParentPageTypes(InsightPage, {InsightIndexPage})
        self.assertCanNotCreateAt(HomePage, InsightPage)
        self.assertCanNotCreateAt(StandardIndexPage, InsightPage)
        self.assertAllowedSubpageTypes(InsightPage, set())
