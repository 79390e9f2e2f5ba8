"""Exercise blocks. Each has `required`; a learner's answer is stored against the block id.

Choice options live in a ListBlock, whose items also carry stable ids: answers name the
chosen option ids, so reordering options does not change what a learner chose.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .content import visible_case


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Antwoord", max_length=300)
    is_correct = blocks.BooleanBlock(label="Juist antwoord", required=False)
    feedback = blocks.TextBlock(
        label="Feedback",
        max_length=600,
        help_text="Wat de deelnemer leest na het kiezen van dit antwoord.",
    )

    class Meta:
        label = "Antwoordmogelijkheid"


def _required_flag() -> blocks.BooleanBlock:
    return blocks.BooleanBlock(
        label="Verplicht",
        required=False,
        default=True,
        help_text="Een les is pas af als de verplichte oefeningen zijn gemaakt.",
    )


class _ChoiceBlock(blocks.StructBlock):
    question = blocks.TextBlock(label="Vraag", max_length=600)
    options = blocks.ListBlock(ChoiceOptionBlock(), label="Antwoordmogelijkheden", min_num=2)
    required = _required_flag()

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["is_correct"])
        self.check_correct_count(correct)
        return value

    def check_correct_count(self, correct: int) -> None:
        raise NotImplementedError


class SingleChoiceBlock(_ChoiceBlock):
    class Meta:
        label = "Meerkeuzevraag (één antwoord)"
        icon = "radio-full"
        template = "learning/blocks/choice_exercise.html"

    def check_correct_count(self, correct: int) -> None:
        if correct != 1:
            raise StructBlockValidationError(
                block_errors={"options": ValidationError("Markeer precies één juist antwoord.")}
            )


class MultipleChoiceBlock(_ChoiceBlock):
    class Meta:
        label = "Meerkeuzevraag (meer antwoorden)"
        icon = "tasks"
        template = "learning/blocks/choice_exercise.html"

    def check_correct_count(self, correct: int) -> None:
        if correct < 1:
            raise StructBlockValidationError(
                block_errors={"options": ValidationError("Markeer minstens één juist antwoord.")}
            )


class ReflectionQuestionBlock(blocks.StructBlock):
    """A free-text question; the answer is private to the learner."""

    question = blocks.TextBlock(label="Reflectievraag", max_length=600)
    required = _required_flag()

    class Meta:
        label = "Reflectievraag (met antwoordveld)"
        icon = "edit"
        template = "learning/blocks/reflection_question.html"


class CaseExerciseValue(blocks.StructValue):
    def visible_case(self):
        return visible_case(self.get("case"))


class CaseExerciseBlock(blocks.StructBlock):
    """Shows a case's situation; the learner writes the breakthrough and picks legal
    bases, then sees the case's real breakthrough and legal bases beside their own."""

    case = blocks.PageChooserBlock(label="Voorbeeldcasus", page_type="casebook.CasePage")
    instruction = blocks.TextBlock(
        label="Opdracht",
        max_length=600,
        default="Lees de situatie. Wat is hier de doorbraak, en op welke wettelijke grondslag?",
    )
    required = _required_flag()

    class Meta:
        label = "Casusopdracht"
        icon = "folder-open-1"
        template = "learning/blocks/case_exercise.html"
        value_class = CaseExerciseValue
