"""StreamField blocks of the learning environment.

Split by concern: `content` (case study, plan-template link, reflection prompt) and
`exercises` (single and multiple choice, reflection question, case exercise). Exercises
are identified by the StreamField block id, which Wagtail keeps stable when editors
reorder or edit blocks; learners' answers are stored against that id.
"""

from wagtail import blocks

from portal.core.blocks import VideoBlock

from .content import (
    CaseStudyBlock,
    PlanTemplateLinkBlock,
    PracticePlanAssignmentBlock,
    ReflectionPromptBlock,
)
from .exercises import (
    CaseExerciseBlock,
    ChoiceOptionBlock,
    MultipleChoiceBlock,
    ReflectionQuestionBlock,
    SingleChoiceBlock,
)

# Block types whose answers the learner submits (see services.answer_submit).
EXERCISE_BLOCK_TYPES = frozenset(
    {"single_choice", "multiple_choice", "reflection_question", "case_exercise"}
)
# Exercises that are scored: a required one counts only when answered correctly.
CHOICE_BLOCK_TYPES = frozenset({"single_choice", "multiple_choice"})


class LessonStreamBlock(blocks.StreamBlock):
    """The body of a lesson: theory and exercises, in the order the learner meets them."""

    paragraph = blocks.RichTextBlock(
        label="Tekst",
        features=["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"],
        icon="pilcrow",
    )
    video = VideoBlock()
    case_study = CaseStudyBlock()
    plan_template = PlanTemplateLinkBlock()
    practice_plan = PracticePlanAssignmentBlock()
    reflection_prompt = ReflectionPromptBlock()
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    reflection_question = ReflectionQuestionBlock()
    case_exercise = CaseExerciseBlock()


class FinalTestStreamBlock(blocks.StreamBlock):
    """The questions of a final test; every question counts towards the score."""

    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()


__all__ = [
    "CHOICE_BLOCK_TYPES",
    "EXERCISE_BLOCK_TYPES",
    "CaseExerciseBlock",
    "CaseStudyBlock",
    "ChoiceOptionBlock",
    "FinalTestStreamBlock",
    "LessonStreamBlock",
    "MultipleChoiceBlock",
    "PlanTemplateLinkBlock",
    "PracticePlanAssignmentBlock",
    "ReflectionPromptBlock",
    "ReflectionQuestionBlock",
    "SingleChoiceBlock",
]
