"""Theory blocks of a lesson that point at other parts of the portal."""

from __future__ import annotations

from wagtail import blocks

from casebook.models import CasePage
from portal.core.page_cache import page_is_public


def visible_case(case):
    """The chosen case, only while it is live and public: a case an editor unpublished
    or restricted must not leak through a lesson."""
    if case is None:
        return None
    if isinstance(case, CasePage):
        # The chooser loaded the case this request: live and privacy without a query.
        return case if case.live and page_is_public(case) else None
    return CasePage.objects.live().public().filter(pk=case.pk).first()


class CaseStudyValue(blocks.StructValue):
    def visible_case(self):
        return visible_case(self.get("case"))


def current_template(template):
    """The newest live, public version of a chosen plan template (following the chain of
    versions that supersede it), or None when nothing of it is visible."""
    # learning.models imports these blocks, and the plan rules import learning.models.
    from learning.plans.template_pages import plan_template_current_version  # noqa: PLC0415

    if template is None:
        return None
    return plan_template_current_version(template=template)


class CaseStudyBlock(blocks.StructBlock):
    """Embeds a casebook case: its situation and breakthrough in short, and a link."""

    case = blocks.PageChooserBlock(label="Voorbeeldcasus", page_type="casebook.CasePage")
    introduction = blocks.TextBlock(
        label="Inleiding",
        required=False,
        max_length=600,
        help_text="Waarom deze casus bij de les hoort (optioneel).",
    )

    class Meta:
        label = "Casus uit het casusboek"
        icon = "folder-open-inverse"
        template = "learning/blocks/case_study.html"
        value_class = CaseStudyValue


class PlanTemplateLinkValue(blocks.StructValue):
    def current_template(self):
        return current_template(self.get("page"))


class PlanTemplateLinkBlock(blocks.StructBlock):
    """A link to a plan template (Doorbraakplan, Maatwerkcanvas, ...). The learner is led
    to the newest live version of the chosen template (see `learning.plans.selectors`)."""

    page = blocks.PageChooserBlock(label="Sjabloon", page_type="learning.PlanTemplatePage")
    description = blocks.TextBlock(label="Toelichting", max_length=600)

    class Meta:
        label = "Link naar een plansjabloon"
        icon = "doc-full"
        template = "learning/blocks/plan_template.html"
        value_class = PlanTemplateLinkValue


class PracticePlanAssignmentValue(blocks.StructValue):
    def current_template(self):
        return current_template(self.get("template"))

    def visible_case(self):
        return visible_case(self.get("case"))


class PracticePlanAssignmentBlock(blocks.StructBlock):
    """An assignment: complete a practice plan with a template (optionally from a case).

    The learner starts the plan from the lesson; the plan remembers this block's id, so
    the lesson can show its state and, when the assignment is required, the lesson is
    only complete once the plan is marked complete (see `learning.services`)."""

    template = blocks.PageChooserBlock(label="Sjabloon", page_type="learning.PlanTemplatePage")
    case = blocks.PageChooserBlock(
        label="Uitgangscasus",
        page_type="casebook.CasePage",
        required=False,
        help_text="Optioneel: de situatieschets van deze casus staat dan al in het plan.",
    )
    instruction = blocks.TextBlock(label="Opdracht", max_length=1200)
    required = blocks.BooleanBlock(
        label="Verplicht voor het afronden van de les", required=False, default=True
    )

    class Meta:
        label = "Opdracht: oefenplan maken"
        icon = "form"
        template = "learning/blocks/practice_plan_assignment.html"
        value_class = PracticePlanAssignmentValue


class ReflectionPromptBlock(blocks.StructBlock):
    """A question to think about; nothing is stored (see ReflectionQuestionBlock)."""

    prompt = blocks.TextBlock(label="Denkvraag", max_length=600)

    class Meta:
        label = "Denkvraag (zonder antwoordveld)"
        icon = "help"
        template = "learning/blocks/reflection_prompt.html"
