"""What a learner sees after an attempt at the final test: per question whether it was
right, their own answer and its feedback, and (when the editor chose so) the correct
answer.

Decisions:
- The editor sets per test when the review shows (`FinalTestPage.review_mode`): after
  every attempt, only once the learner has passed, or never; and whether a wrongly
  answered question also shows the correct answer (`review_show_correct`).
- The review reads the attempt's stored answers (option ids per question) against the
  test as it is now: a question removed since is left out, an option removed since is
  shown as no longer available. Right means exactly the correct options were chosen,
  as when the attempt was scored.
- Only the learner's own attempts: the review is built for the attempt passed in, and
  the page only passes the learner's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .exercises import choice_options
from .models import FinalTestAttempt, FinalTestPage
from .models.courses import ReviewMode

__all__ = ["ReviewAnswer", "ReviewQuestion", "attempt_review", "review_visible"]


@dataclass(frozen=True)
class ReviewAnswer:
    text: str
    feedback: str = ""
    is_correct: bool = False


@dataclass
class ReviewQuestion:
    number: int
    question: str
    right: bool
    chosen: list[ReviewAnswer] = field(default_factory=list)
    correct: list[ReviewAnswer] = field(default_factory=list)  # empty unless shown


def review_visible(*, test: FinalTestPage, passed: bool) -> bool:
    """Whether the review of the learner's attempts shows at all (see module doc)."""
    if test.review_mode == ReviewMode.ALWAYS:
        return True
    return test.review_mode == ReviewMode.AFTER_PASSING and passed


def attempt_review(*, test: FinalTestPage, attempt: FinalTestAttempt) -> list[ReviewQuestion]:
    """One row per question of the test that the attempt answered (see module doc)."""
    rows = []
    answers = attempt.answers or {}
    for number, child in enumerate(test.questions, start=1):
        if child.id not in answers:
            continue
        options = choice_options(value=child.value)
        by_id = {option.id: option for option in options}
        chosen_ids = [str(option_id) for option_id in answers[child.id] or []]
        correct_ids = {option.id for option in options if option.is_correct}
        right = set(chosen_ids) == correct_ids
        chosen = [
            ReviewAnswer(by_id[i].text, by_id[i].feedback, by_id[i].is_correct)
            if i in by_id
            else ReviewAnswer(_("(dit antwoord bestaat niet meer)"))
            for i in chosen_ids
        ]
        correct = (
            [ReviewAnswer(option.text, "", True) for option in options if option.is_correct]
            if test.review_show_correct and not right
            else []
        )
        rows.append(
            ReviewQuestion(
                number=number,
                question=child.value["question"],
                right=right,
                chosen=chosen,
                correct=correct,
            )
        )
    return rows
