"""Where editors may create the home app's pages (what the admin's "add page" offers)."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal.home.models import ContentPage, HomePage


class HomePageTreeTests(WagtailPageTestCase):
    def test_home_page_only_directly_under_the_wagtail_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_content_page_under_home_page_or_content_page(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanNotCreateAt(Page, ContentPage)

    def test_content_page_holds_only_content_pages(self):
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})
