"""Learning models: the course catalogue (pages), learner progress and answers."""

from .certificates import Certificate
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
from .plans import (
    CostSide,
    PlanTemplateIndexPage,
    PlanTemplateKind,
    PlanTemplatePage,
    PlanTemplateSection,
    PracticePlan,
    PracticePlanCostLine,
    PracticePlanLegalBasis,
    PracticePlanStatus,
    SectionKind,
    Tariff,
)
from .progress import Enrolment, FinalTestAttempt, LessonProgress
from .teams import Team, TeamKind, TeamMembership, TeamRole

__all__ = [
    "AccreditationRegister",
    "Certificate",
    "CostSide",
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
    "PlanTemplateIndexPage",
    "PlanTemplateKind",
    "PlanTemplatePage",
    "PlanTemplateSection",
    "PracticePlan",
    "PracticePlanCostLine",
    "PracticePlanLegalBasis",
    "PracticePlanStatus",
    "SectionKind",
    "Tariff",
    "Team",
    "TeamKind",
    "TeamMembership",
    "TeamRole",
]
