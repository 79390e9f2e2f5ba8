"""Learning paths and assignments: models.

- `LearningPath` (leerlijn): courses in an order, each with an optional prerequisite
  course that must be completed before the learner may enrol (editors, a snippet).
- `Assignment`: a team lead assigns a course to a member with a due date (assigning a
  path or the whole team makes one assignment per member and course).
- `TargetDate`: the learner's own target date for a course (optional).
- `ReminderSent`: one row per learner and day a reminder went out; it makes the job
  idempotent and keeps to one mail per learner per day.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable

from portal.anonymisation.policy import GuardedText


class LearningPath(GuardedText, ClusterableModel):
    # Editors write the title and description: the guard checks them like every page text.
    guarded_fields = ("title", "description")
    guard_exempt = {"slug": "the web address of the path"}
    title = models.CharField("titel", max_length=200)
    slug = models.SlugField("webadres", max_length=100, unique=True)
    description = models.TextField("beschrijving", blank=True)
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = "leerlijn"
        verbose_name_plural = "leerlijnen"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse  # noqa: PLC0415

        return reverse("paths:detail", kwargs={"slug": self.slug})


class PathCourse(Orderable):
    path = ParentalKey(
        LearningPath, verbose_name="leerlijn", on_delete=models.CASCADE, related_name="items"
    )
    course = models.ForeignKey(
        "learning.CoursePage", verbose_name="cursus", on_delete=models.CASCADE, related_name="+"
    )
    prerequisite = models.ForeignKey(
        "learning.CoursePage",
        verbose_name="eerst afronden",
        help_text="Optioneel: de cursus die de deelnemer eerst moet afronden.",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        PageChooserPanel("course", "learning.CoursePage"),
        PageChooserPanel("prerequisite", "learning.CoursePage"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "cursus in de leerlijn"
        verbose_name_plural = "cursussen in de leerlijn"

    def __str__(self) -> str:
        return f"{self.path} – {self.course}"


class Assignment(models.Model):
    team = models.ForeignKey(
        "learning.Team", verbose_name="team", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="deelnemer",
        on_delete=models.CASCADE,
        related_name="course_assignments",
    )
    course = models.ForeignKey(
        "learning.CoursePage", verbose_name="cursus", on_delete=models.CASCADE, related_name="+"
    )
    path = models.ForeignKey(
        LearningPath,
        verbose_name="leerlijn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField("uiterlijk af op")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="toegewezen door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField("toegewezen op", auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user", "course"], name="paths_unique_assignment"
            )
        ]
        ordering = ["due_date", "pk"]
        verbose_name = "toewijzing"
        verbose_name_plural = "toewijzingen"

    def __str__(self) -> str:
        return f"{self.user} – {self.course} ({self.due_date})"


class TargetDate(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="deelnemer",
        on_delete=models.CASCADE,
        related_name="course_target_dates",
    )
    course = models.ForeignKey(
        "learning.CoursePage", verbose_name="cursus", on_delete=models.CASCADE, related_name="+"
    )
    target_date = models.DateField("streefdatum")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="paths_unique_target_date")
        ]
        verbose_name = "streefdatum"
        verbose_name_plural = "streefdata"

    def __str__(self) -> str:
        return f"{self.user} – {self.course} ({self.target_date})"


class ReminderSent(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="deelnemer",
        on_delete=models.CASCADE,
        related_name="+",
    )
    sent_on = models.DateField("verstuurd op")
    assignments = models.PositiveIntegerField("aantal toewijzingen", default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="paths_one_reminder_a_day")
        ]
        verbose_name = "verstuurde herinnering"
        verbose_name_plural = "verstuurde herinneringen"

    def __str__(self) -> str:
        return f"{self.user} – {self.sent_on}"
