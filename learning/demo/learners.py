"""Demo learners at different stages, brought there through the learning services
(enrol, answer, finish lessons, take the final test), never by writing rows directly.

- professional@ (Pien, an existing demo account): a third of the way through
  "Kennismaken", with one wrong-then-right answer and a lesson she started;
- leerling1@ (Lotte): finished both courses; she failed the first attempt at the final
  test of "Kennismaken" and passed the second;
- leerling2@ (Sem): just enrolled in "Kennismaken";
- leerling3@ (Daan): finished the lessons of "Doorverwijzen" and failed the final test
  once, with two attempts left.

Idempotent: a learner's stage in a course is only played when they are not enrolled in
it yet, so a second run adds no answers or attempts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from wagtail.blocks import StreamValue

from learning.blocks import CHOICE_BLOCK_TYPES, EXERCISE_BLOCK_TYPES
from learning.exercises import choice_options
from learning.models import CoursePage, Enrolment, LessonPage
from learning.services import (
    answer_submit,
    attempt_submit,
    enrolment_create,
    final_test_get,
    lesson_complete,
)
from portal.accounts.demo import DEMO_EMAIL_DOMAIN
from portal.accounts.factories import UserFactory
from portal.accounts.models import Profile, Role

from . import doorverwijzen, kennismaken

ALL = ("*",)

REFLECTION_TEXT = (
    "In ons team zie ik vaak dat iedereen op een ander wacht: schuldhulp op een stabiele "
    "situatie, de corporatie op een betalingsregeling. Ik wil voortaan eerder vragen welke "
    "regel precies in de weg zit, en wie daarvan mag afwijken."
)
BREAKTHROUGH_TEXT = (
    "Eerst de acute geldzorg wegnemen met een eenmalige vergoeding, zodat de andere hulp "
    "weer kan werken. Daarna pas de rest van het plan."
)


@dataclass(frozen=True)
class DemoLearner:
    email: str
    first_name: str
    last_name: str
    organisation: str
    role: Role


@dataclass(frozen=True)
class Stage:
    """Where a learner is in a course: lessons finished (slugs, or ALL), a lesson
    started but not finished, and the final-test attempts as numbers of right answers."""

    course_slug: str
    lessons_done: tuple[str, ...] = ()
    lesson_started: str = ""
    attempts_right: tuple[int, ...] = ()
    wrong_first: bool = False  # answer the first choice question wrong, then right


PROFESSIONAL = f"professional@{DEMO_EMAIL_DOMAIN}"
TEAM_LEAD = f"teamleider@{DEMO_EMAIL_DOMAIN}"

LEARNERS = (
    DemoLearner(
        f"leerling1@{DEMO_EMAIL_DOMAIN}", "Lotte", "de Leerling", "Wijkteam Oost", Role.WIJKTEAM
    ),
    DemoLearner(
        f"leerling2@{DEMO_EMAIL_DOMAIN}",
        "Sem",
        "de Starter",
        "Wijkteam Oost",
        Role.CONSULENT_SOCIAAL_DOMEIN,
    ),
    DemoLearner(
        f"leerling3@{DEMO_EMAIL_DOMAIN}",
        "Daan",
        "de Doorzetter",
        "Wijkteam Oost",
        Role.MEDISCH_MAATSCHAPPELIJK_WERKER,
    ),
)

STAGES: dict[str, tuple[Stage, ...]] = {
    PROFESSIONAL: (
        Stage(
            kennismaken.SLUG,
            lessons_done=(
                "wat-is-een-doorbraak",
                "de-waardendriehoek",
                "problemen-die-elkaar-vasthouden",
            ),
            lesson_started="een-wet-uitvoeren-is-geen-wet-uitvoeren",
            wrong_first=True,
        ),
    ),
    f"leerling1@{DEMO_EMAIL_DOMAIN}": (
        Stage(kennismaken.SLUG, lessons_done=ALL, attempts_right=(4, 6), wrong_first=True),
        Stage(doorverwijzen.SLUG, lessons_done=ALL, attempts_right=(5,)),
    ),
    f"leerling2@{DEMO_EMAIL_DOMAIN}": (Stage(kennismaken.SLUG),),
    f"leerling3@{DEMO_EMAIL_DOMAIN}": (
        Stage(doorverwijzen.SLUG, lessons_done=ALL, attempts_right=(3,)),
    ),
}


def learner_ensure(spec: DemoLearner) -> AbstractBaseUser:
    """The demo learner with this e-mail address: verified, with the demo password and a
    profile. An existing account is left as it is."""
    user = UserFactory(
        email=spec.email,
        username=spec.email,
        first_name=spec.first_name,
        last_name=spec.last_name,
    )
    Profile.objects.get_or_create(
        user=user, defaults={"organisation": spec.organisation, "role": spec.role}
    )
    return user


def _case_answer(value) -> dict:
    case = value["case"]
    tokens = [
        f"article:{basis.article_id}" if basis.article_id else f"law:{basis.law_id}"
        for basis in case.legal_bases.all()
    ]
    return {"breakthrough": BREAKTHROUGH_TEXT, "legal_bases": tokens}


def _choice_answer(value, *, correct: bool) -> dict:
    options = choice_options(value=value)
    if correct:
        return {"options": [option.id for option in options if option.is_correct]}
    return {"options": [next(option.id for option in options if not option.is_correct)]}


def _exercise_answer(child, *, correct: bool = True) -> dict:
    if child.block_type in CHOICE_BLOCK_TYPES:
        return _choice_answer(child.value, correct=correct)
    if child.block_type == "reflection_question":
        return {"text": REFLECTION_TEXT}
    return _case_answer(child.value)


def _exercises(stream: StreamValue) -> list:
    return [child for child in stream if child.block_type in EXERCISE_BLOCK_TYPES]


def _lesson_work(
    user: AbstractBaseUser, lesson: LessonPage, *, wrong_first: bool, only_first: bool = False
) -> None:
    """Answer the lesson's exercises (all, or only the first), right in the end."""
    exercises = _exercises(lesson.body)[:1] if only_first else _exercises(lesson.body)
    for child in exercises:
        if wrong_first and child.block_type in CHOICE_BLOCK_TYPES:
            answer = _exercise_answer(child, correct=False)
            answer_submit(user=user, lesson=lesson, block_id=child.id, answer=answer)
            wrong_first = False
        answer_submit(user=user, lesson=lesson, block_id=child.id, answer=_exercise_answer(child))


def _test_take(user: AbstractBaseUser, course: CoursePage, *, right: int) -> None:
    test = final_test_get(course=course)
    answers = {
        child.id: _choice_answer(child.value, correct=number < right)["options"]
        for number, child in enumerate(test.questions)
    }
    attempt_submit(user=user, course=course, answers=answers)


def stage_play(*, user: AbstractBaseUser, course: CoursePage, stage: Stage) -> None:
    """Bring `user` to `stage` in `course`, unless they are enrolled there already."""
    if Enrolment.objects.filter(user=user, course=course).exists():
        return
    enrolment_create(user=user, course=course)
    lessons = {
        lesson.slug: lesson
        for lesson in LessonPage.objects.live().descendant_of(course).order_by("path")
    }
    done = list(lessons) if stage.lessons_done == ALL else stage.lessons_done
    wrong_first = stage.wrong_first
    for slug in done:
        _lesson_work(user, lessons[slug], wrong_first=wrong_first)
        wrong_first = False
        lesson_complete(user=user, lesson=lessons[slug])
    if stage.lesson_started:
        _lesson_work(user, lessons[stage.lesson_started], wrong_first=False, only_first=True)
    for right in stage.attempts_right:
        _test_take(user, course, right=right)


def learners_load(*, courses: dict[str, CoursePage]) -> list[AbstractBaseUser]:
    """Create the demo learners and play their stages; returns every demo learner (the
    existing professional first, created by the accounts demo, which loads before)."""
    user_model = get_user_model()
    learners = [user_model.objects.get(email__iexact=PROFESSIONAL)]
    learners += [learner_ensure(spec) for spec in LEARNERS]
    for user in learners:
        for stage in STAGES.get(user.email, ()):
            course = courses.get(stage.course_slug)
            if course is not None:
                stage_play(user=user, course=course, stage=stage)
    return learners
