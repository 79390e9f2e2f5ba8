"""A learner's progress: enrolments, completed lessons and final-test attempts."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="deelnemer",
        on_delete=models.CASCADE,
        related_name="learning_enrolments",
    )
    course = models.ForeignKey(
        "learning.CoursePage",
        verbose_name="cursus",
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    enrolled_at = models.DateTimeField("ingeschreven op", auto_now_add=True)
    completed_at = models.DateTimeField("afgerond op", null=True, blank=True)
    last_lesson = models.ForeignKey(
        "learning.LessonPage",
        verbose_name="laatst bezochte les",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="learning_unique_enrolment")
        ]
        ordering = ["-enrolled_at"]
        verbose_name = "inschrijving"
        verbose_name_plural = "inschrijvingen"

    def __str__(self) -> str:
        return f"{self.user} – {self.course}"


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        "learning.LessonPage", verbose_name="les", on_delete=models.CASCADE, related_name="+"
    )
    completed_at = models.DateTimeField("afgerond op")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="learning_unique_lesson_progress"
            )
        ]
        verbose_name = "afgeronde les"
        verbose_name_plural = "afgeronde lessen"

    def __str__(self) -> str:
        return f"{self.enrolment} – les {self.lesson_id}"


class FinalTestAttempt(models.Model):
    guard_exempt = {
        "answers": "the ids of the chosen options; a final test has no free text",
    }
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="deelnemer",
        on_delete=models.CASCADE,
        related_name="learning_attempts",
    )
    course = models.ForeignKey(
        "learning.CoursePage",
        verbose_name="cursus",
        on_delete=models.CASCADE,
        related_name="final_test_attempts",
    )
    number = models.PositiveSmallIntegerField("poging")
    score = models.PositiveSmallIntegerField("score (%)")
    passed = models.BooleanField("geslaagd")
    answers = models.JSONField("antwoorden", default=dict)
    submitted_at = models.DateTimeField("ingeleverd op", auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "number"], name="learning_unique_attempt_number"
            )
        ]
        ordering = ["number"]
        verbose_name = "poging eindtoets"
        verbose_name_plural = "pogingen eindtoets"

    def __str__(self) -> str:
        return f"{self.user} – {self.course} – poging {self.number}"
