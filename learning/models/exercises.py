"""A learner's answer to an exercise block of a lesson.

One row per learner and exercise: a new answer replaces the previous one (so "wrong,
then right" ends as right) and `attempts` counts how often they answered. Reflections
are private: only selectors that filter on the learner read them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from portal.anonymisation.policy import GuardedText


class ExerciseAnswer(GuardedText, models.Model):
    guarded_fields = ("answer",)
    guard_exempt = {
        "block_id": "identifier of the exercise block",
        "block_type": "type of the exercise block",
    }
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="deelnemer",
        on_delete=models.CASCADE,
        related_name="learning_answers",
    )
    lesson = models.ForeignKey(
        "learning.LessonPage", verbose_name="les", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField("oefening (blok-id)", max_length=64)
    block_type = models.CharField("soort oefening", max_length=40)
    answer = models.JSONField("antwoord", default=dict)
    correct = models.BooleanField(
        "juist", null=True, blank=True, help_text="Leeg bij oefeningen zonder goed of fout."
    )
    score = models.DecimalField("score", max_digits=4, decimal_places=3, null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("aantal keer beantwoord", default=1)
    submitted_at = models.DateTimeField("beantwoord op")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "block_id"], name="learning_unique_exercise_answer"
            )
        ]
        verbose_name = "antwoord op oefening"
        verbose_name_plural = "antwoorden op oefeningen"

    def __str__(self) -> str:
        return f"{self.user} – les {self.lesson_id} – {self.block_id}"
