"""Which page types editors may create where, for standards."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal.home.models import ContentPage, HomePage
from portal.standards.models import StandardIndexPage, StandardPage


class StandardsPageTreeTests(WagtailPageTestCase):
    def test_index_lives_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(StandardIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, StandardIndexPage)
        self.assertCanNotCreateAt(ContentPage, StandardIndexPage)
        self.assertCanNotCreateAt(Page, StandardIndexPage)

    def test_index_only_holds_standards(self):
        self.assertAllowedSubpageTypes(StandardIndexPage, {StandardPage})
        self.assertCanNotCreateAt(StandardIndexPage, ContentPage)

    def test_a_standard_only_lives_under_the_standards_index(self):
        self.assertAllowedParentPageTypes(StandardPage, {StandardIndexPage})
        self.assertCanNotCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(ContentPage, StandardPage)
        self.assertAllowedSubpageTypes(StandardPage, set())
