"""Learning models: the course catalogue (pages), learner progress and answers."""

from .courses import (
    AccreditationRegister,
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    DurationUnit,
    FinalTestPage,
    LessonPage,
    ModulePage,
)
from .exercises import ExerciseAnswer
from .progress import Enrolment, FinalTestAttempt, LessonProgress

__all__ = [
    "AccreditationRegister",
    "CourseFormat",
    "CourseIndexPage",
    "CoursePage",
    "DurationUnit",
    "Enrolment",
    "ExerciseAnswer",
    "FinalTestAttempt",
    "FinalTestPage",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
]
