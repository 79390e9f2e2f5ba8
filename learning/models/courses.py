"""The course catalogue: course index → course → module → lesson, and a final test.

The final test is its own page under the course (at most one): editors write and
publish it through the workflow like any page, it has its own address for learners,
and its revisions are kept apart from the course text. The pass mark and the number of
attempts live on the course, because they are facts of the course that the catalogue
shows (and a later certificate pins) without loading the test.

Pages only hold content; what a learner may do lives in `learning.services` and what
they see in `learning.selectors`. POST requests are handed to `learning.views`.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from learning.blocks import FinalTestStreamBlock, LessonStreamBlock
from portal.anonymisation.policy import GuardedText
from portal.core.blocks import ContentStreamBlock


class CourseFormat(models.TextChoices):
    E_LEARNING = "e_learning", "E-learning"
    BLENDED = "blended", "Blended (online en bijeenkomsten)"
    WEBINAR = "webinar", "Webinar"


class DurationUnit(models.TextChoices):
    WEEKS = "weeks", "weken"
    HOURS = "hours", "uur"


class AccreditationRegister(models.TextChoices):
    REGISTERPLEIN = "registerplein", "Registerplein"
    SKJ = "skj", "SKJ (Stichting Kwaliteitsregister Jeugd)"
    BIG_ABC1 = "big_abc1", "BIG / ABC1 (artsen)"
    VVN = "vvn", "Kwaliteitsregister V&VN"
    NONE = "none", "Geen accreditatie"


class ReviewMode(models.TextChoices):
    """When a learner sees, after an attempt at the final test, which answers were right."""

    ALWAYS = "always", "Na iedere poging"
    AFTER_PASSING = "after_passing", "Pas na slagen"
    NEVER = "never", "Nooit"


class CourseIndexPage(GuardedText, Page):
    """The course catalogue: lists the live, public courses with their key facts."""

    guarded_fields = ("intro",)

    intro = models.TextField("Introductie", blank=True, max_length=800)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["learning.CoursePage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "Cursusoverzicht"
        verbose_name_plural = "Cursusoverzichten"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The app's rules import this module: they are read when the page is served.
        from learning.selectors import catalogue_statuses, course_list_live  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        courses = list(course_list_live(index=self))
        context["courses"] = courses
        context["statuses"] = catalogue_statuses(user=request.user, courses=courses)
        return context


class CoursePage(GuardedText, Page):
    """A course: what it is for, what it costs in time, and what it is accredited for."""

    guarded_fields = (
        "summary",
        "audience",
        "learning_goals",
        "prior_knowledge",
        "accessibility_note",
        "body",
    )
    guard_exempt = {
        "accreditation_id": "the accreditation register's number for the course",
    }

    summary = models.TextField(
        "Samenvatting", max_length=600, help_text="Eén tot drie zinnen voor het cursusoverzicht."
    )
    audience = models.TextField(
        "Doelgroep", max_length=1000, help_text="Voor wie is de cursus bedoeld?"
    )
    learning_goals = models.TextField(
        "Leerdoelen",
        max_length=2000,
        help_text="Eén leerdoel per regel. Na de cursus kan de deelnemer …",
    )
    effort_hours = models.DecimalField(
        "Studiebelasting (uren)",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    duration_amount = models.PositiveSmallIntegerField(
        "Doorlooptijd", validators=[MinValueValidator(1)]
    )
    duration_unit = models.CharField(
        "Eenheid doorlooptijd",
        max_length=10,
        choices=DurationUnit.choices,
        default=DurationUnit.WEEKS,
    )
    course_format = models.CharField(
        "Vorm", max_length=20, choices=CourseFormat.choices, default=CourseFormat.E_LEARNING
    )
    accreditation_register = models.CharField(
        "Register",
        max_length=20,
        choices=AccreditationRegister.choices,
        default=AccreditationRegister.NONE,
    )
    accreditation_points = models.DecimalField(
        "Accreditatiepunten",
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    accreditation_id = models.CharField("Accreditatienummer", max_length=60, blank=True)
    accreditation_valid_until = models.DateField("Accreditatie geldig tot", null=True, blank=True)
    prior_knowledge = models.TextField(
        "Voorkennis", blank=True, max_length=1000, help_text="Laat leeg als er geen nodig is."
    )
    accessibility_note = models.TextField(
        "Toegankelijkheid",
        blank=True,
        max_length=1000,
        help_text="Bijvoorbeeld: alle video's hebben een transcriptie.",
    )
    pass_mark = models.PositiveSmallIntegerField(
        "Cesuur eindtoets (%)",
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Het percentage goede antwoorden om te slagen.",
    )
    max_attempts = models.PositiveSmallIntegerField(
        "Aantal pogingen eindtoets",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    body = StreamField(ContentStreamBlock(), verbose_name="Toelichting", blank=True)

    parent_page_types = ["learning.CourseIndexPage"]
    subpage_types = ["learning.ModulePage", "learning.FinalTestPage"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("learning_goals"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("effort_hours"), FieldPanel("course_format")]),
                FieldRowPanel([FieldPanel("duration_amount"), FieldPanel("duration_unit")]),
            ],
            heading="Tijd en vorm",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("accreditation_register"), FieldPanel("accreditation_points")]
                ),
                FieldRowPanel(
                    [FieldPanel("accreditation_id"), FieldPanel("accreditation_valid_until")]
                ),
            ],
            heading="Accreditatie",
        ),
        FieldPanel("prior_knowledge"),
        FieldPanel("accessibility_note"),
        FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts")], heading="Eindtoets"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("learning_goals"),
        index.FilterField("course_format"),
    ]

    class Meta:
        verbose_name = "Cursus"
        verbose_name_plural = "Cursussen"

    @property
    def learning_goal_list(self) -> list[str]:
        return [line.strip() for line in self.learning_goals.splitlines() if line.strip()]

    @property
    def is_accredited(self) -> bool:
        return self.accreditation_register != AccreditationRegister.NONE

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            # The app's rules import this module: they are read when the page is served.
            from learning.views import course_post  # noqa: PLC0415

            return course_post(request, course=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The app's rules import this module: they are read when the page is served.
        from learning.selectors import course_page_context  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(course=self, user=request.user))
        return context


class ModulePage(GuardedText, Page):
    """A module: a group of lessons around one theme."""

    guarded_fields = ("intro",)

    intro = models.TextField("Introductie", blank=True, max_length=800)

    parent_page_types = ["learning.CoursePage"]
    subpage_types = ["learning.LessonPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "Module"
        verbose_name_plural = "Modules"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The app's rules import this module: they are read when the page is served.
        from learning.selectors import module_page_context  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context.update(module_page_context(module=self, user=request.user))
        return context


class LessonPage(GuardedText, Page):
    """A lesson: theory and exercises, a learning objective and a recap."""

    guarded_fields = ("learning_objective", "recap", "body")

    estimated_minutes = models.PositiveSmallIntegerField(
        "Geschatte tijd (minuten)", default=15, validators=[MinValueValidator(1)]
    )
    learning_objective = models.TextField("Leerdoel", max_length=600)
    recap = models.TextField("Samenvatting", blank=True, max_length=1500)
    required = models.BooleanField(
        "Verplichte les",
        default=True,
        help_text="Een cursus is pas af als alle verplichte lessen af zijn.",
    )
    body = StreamField(LessonStreamBlock(), verbose_name="Inhoud", blank=True)

    parent_page_types = ["learning.ModulePage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("required")]),
        FieldPanel("learning_objective"),
        FieldPanel("body"),
        FieldPanel("recap"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("learning_objective"),
        index.SearchField("recap"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "Les"
        verbose_name_plural = "Lessen"

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            # The app's rules import this module: they are read when the page is served.
            from learning.views import lesson_post  # noqa: PLC0415

            return lesson_post(request, lesson=self)
        return super().serve(request, *args, **kwargs)

    def get_context(
        self,
        request: HttpRequest,
        *args: Any,
        form_error: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        # The app's rules import this module: they are read when the page is served.
        from learning.selectors import lesson_page_context  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_page_context(lesson=self, user=request.user, form_error=form_error))
        return context


class FinalTestPage(GuardedText, Page):
    """The final test of a course. Pass mark and attempts are set on the course."""

    guarded_fields = ("intro", "questions")

    intro = models.TextField("Introductie", blank=True, max_length=800)
    questions = StreamField(FinalTestStreamBlock(), verbose_name="Vragen")
    review_mode = models.CharField(
        "Uitslag per vraag tonen",
        max_length=20,
        choices=ReviewMode.choices,
        default=ReviewMode.ALWAYS,
        help_text="Wanneer de deelnemer na een poging per vraag ziet of die goed was, "
        "met het eigen antwoord en de feedback.",
    )
    review_show_correct = models.BooleanField(
        "Juiste antwoord tonen",
        default=False,
        help_text="Toon bij een fout beantwoorde vraag ook het juiste antwoord.",
    )

    parent_page_types = ["learning.CoursePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [FieldPanel("review_mode"), FieldPanel("review_show_correct")],
            heading="Terugkoppeling na een poging",
        ),
    ]

    class Meta:
        verbose_name = "Eindtoets"
        verbose_name_plural = "Eindtoetsen"

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            # The app's rules import this module: they are read when the page is served.
            from learning.views import final_test_post  # noqa: PLC0415

            return final_test_post(request, test=self)
        return super().serve(request, *args, **kwargs)

    def get_context(
        self,
        request: HttpRequest,
        *args: Any,
        form_error: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        # The app's rules import this module: they are read when the page is served.
        from learning.selectors import final_test_page_context  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context.update(final_test_page_context(test=self, user=request.user, form_error=form_error))
        return context
