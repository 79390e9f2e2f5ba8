"""Where editors may create the learning page types."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from learning.models import CourseIndexPage, CoursePage, FinalTestPage, LessonPage, ModulePage
from portal.home.models import ContentPage, HomePage


class LearningPageTreeTests(WagtailPageTestCase):
    def test_catalogue_lives_under_the_home_page_and_holds_courses(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        self.assertCanNotCreateAt(ContentPage, CourseIndexPage)
        self.assertCanNotCreateAt(Page, CourseIndexPage)
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})

    def test_course_holds_modules_and_a_final_test(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage, FinalTestPage})
        self.assertCanNotCreateAt(HomePage, CoursePage)

    def test_lessons_live_in_modules_only(self):
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertCanNotCreateAt(CoursePage, LessonPage)

    def test_final_test_only_under_a_course_and_one_per_course(self):
        self.assertAllowedParentPageTypes(FinalTestPage, {CoursePage})
        self.assertAllowedSubpageTypes(FinalTestPage, set())
        assert FinalTestPage.max_count_per_parent == 1
        assert CourseIndexPage.max_count_per_parent == 1
