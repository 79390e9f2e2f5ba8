"""Practice plans: the rules of starting, filling, completing, sharing and reading them.

Rules:
- A plan belongs to its owner. Only the owner changes it. A team lead (a user with a
  lead membership of a team the owner is a member of) may read it, and only while the
  owner shares it. Everybody else is told it does not exist (the views answer 404).
- A plan copies the section list of the template version it was started from; answers
  are stored by section key, so later template versions never change a plan.
- Every text the learner types runs through the casebook's anonymisation guard. A text
  with personal data is refused as a whole: nothing of that save is stored.
- A section counts as filled when: text -> a non-empty answer; legal_bases -> at least
  one legal basis; cost_benefit -> at least one cost line.
- A plan can be completed when every required section is filled. Emptying a required
  section of a completed plan puts it back in progress.
- One plan per learner per lesson assignment: starting the assignment again opens the
  plan that exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.anonymisation.validation import personal_data_errors

from ..models import (
    LessonPage,
    PlanTemplatePage,
    PlanTemplateSection,
    PracticePlan,
    PracticePlanCostLine,
    PracticePlanLegalBasis,
    PracticePlanStatus,
    SectionKind,
    Team,
    TeamMembership,
    TeamRole,
)
from .template_pages import plan_template_list_current

ANSWER_MAX_LENGTH = 5000
SITUATION_KEY = "situatie"
ASSIGNMENT_BLOCK_TYPE = "practice_plan"


def guard_reason() -> str:
    """The closing words of the guard's message for practice plans."""
    return _("een oefenplan mag niets bevatten waaraan een huishouden te herkennen is")


def practice_plan_text_errors(*, fields: dict[str, str], labels: dict[str, str]) -> list[str]:
    """The casebook guard's Dutch messages for texts typed in a practice plan (empty when
    the texts are anonymous). The law lookup and the calculator use the same reason words."""
    found = personal_data_errors(fields, labels=labels, reason=guard_reason())
    return [message for messages in found.values() for message in messages]


# ----------------------------------------------------------------------- selectors


def _with_tool_flags(queryset: QuerySet[PracticePlan]) -> QuerySet[PracticePlan]:
    """Annotate whether a plan has legal bases and cost lines (for "filled" states)."""
    return queryset.annotate(
        has_legal_bases=Exists(PracticePlanLegalBasis.objects.filter(plan=OuterRef("pk"))),
        has_cost_lines=Exists(PracticePlanCostLine.objects.filter(plan=OuterRef("pk"))),
    )


def _plans() -> QuerySet[PracticePlan]:
    return _with_tool_flags(PracticePlan.objects.select_related("owner"))


def practice_plan_get_for_owner(*, user: AbstractBaseUser, plan_id: int) -> PracticePlan | None:
    """The plan when `user` owns it; None otherwise."""
    if not user.is_authenticated:
        return None
    return _plans().filter(pk=plan_id, owner=user).first()


def _lead_team_ids(user: AbstractBaseUser) -> QuerySet:
    return TeamMembership.objects.filter(user=user, role=TeamRole.LEAD).values("team_id")


def practice_plan_get_for_viewer(*, user: AbstractBaseUser, plan_id: int) -> PracticePlan | None:
    """The plan when `user` may read it: its owner, or (while it is shared) a lead of a
    team the owner is a member of. None for everybody else; see
    `practice_plan_is_read_only` for whether the viewer may change it."""
    if not user.is_authenticated:
        return None
    plan = _plans().filter(pk=plan_id).first()
    if plan is None:
        return None
    if plan.owner_id == user.pk:
        return plan
    if not plan.shared_with_team:
        return None
    owner_in_led_team = TeamMembership.objects.filter(
        user_id=plan.owner_id, team_id__in=_lead_team_ids(user)
    ).exists()
    return plan if owner_in_led_team else None


def practice_plan_is_read_only(*, plan: PracticePlan, user: AbstractBaseUser) -> bool:
    """Only the owner writes; a team lead who may see the plan only reads it."""
    return plan.owner_id != user.pk


def practice_plan_list_for_owner(*, user: AbstractBaseUser) -> list[PracticePlan]:
    """The user's plans, last saved first, in a fixed number of queries (one)."""
    if not user.is_authenticated:
        return []
    return list(_plans().filter(owner=user).order_by("-updated_at", "-pk"))


def practice_plans_shared_with_lead(*, team: Team) -> list[PracticePlan]:
    """The plans that members of `team` share with their team lead (any member's plan,
    leads included), last saved first, in a fixed number of queries (one)."""
    members = TeamMembership.objects.filter(team=team).values("user_id")
    return list(
        _plans()
        .filter(owner_id__in=members, shared_with_team=True)
        .order_by("owner__last_name", "owner__first_name", "owner__username", "-updated_at")
    )


def practice_plan_for_assignment(
    *, owner: AbstractBaseUser, lesson: LessonPage, assignment_block_id: str
) -> PracticePlan | None:
    """The learner's plan for a lesson's practice-plan assignment, if they started one."""
    if not owner.is_authenticated or not assignment_block_id:
        return None
    return (
        PracticePlan.objects.filter(
            owner=owner, lesson=lesson, assignment_block_id=assignment_block_id
        )
        .order_by("created_at", "pk")
        .first()
    )


def practice_plan_section_get(*, plan: PracticePlan, key: str) -> dict[str, Any] | None:
    """The section snapshot {key, heading, kind, required} with this key, or None."""
    for section in plan.sections:
        if section.get("key") == key:
            return section
    return None


def _has_tool_rows(plan: PracticePlan, attribute: str, related: str) -> bool:
    value = getattr(plan, attribute, None)
    if value is None:
        value = getattr(plan, related).exists()
        setattr(plan, attribute, value)
    return bool(value)


def practice_plan_section_is_filled(*, plan: PracticePlan, section: dict[str, Any]) -> bool:
    """Text: a non-empty answer; legal bases: at least one; cost-benefit: at least one line.

    Uses the annotations of the selectors here when present (no extra queries)."""
    kind = section.get("kind")
    if kind == SectionKind.LEGAL_BASES:
        return _has_tool_rows(plan, "has_legal_bases", "legal_bases")
    if kind == SectionKind.COST_BENEFIT:
        return _has_tool_rows(plan, "has_cost_lines", "cost_lines")
    return bool((plan.answers or {}).get(section.get("key"), "").strip())


@dataclass(frozen=True)
class PlanProgress:
    filled: int
    total: int
    missing_required: list[dict[str, Any]]

    @property
    def can_complete(self) -> bool:
        return not self.missing_required


def practice_plan_progress(*, plan: PracticePlan) -> PlanProgress:
    """How many sections are filled, and which required ones are still empty."""
    filled = 0
    missing: list[dict[str, Any]] = []
    for section in plan.sections:
        if practice_plan_section_is_filled(plan=plan, section=section):
            filled += 1
        elif section.get("required", True):
            missing.append(section)
    return PlanProgress(filled=filled, total=len(plan.sections), missing_required=missing)


def practice_plan_continue_key(*, plan: PracticePlan) -> str:
    """Where "Verder waar je was" goes: the last section saved, else the first one."""
    if plan.current_section and practice_plan_section_get(plan=plan, key=plan.current_section):
        return plan.current_section
    return plan.sections[0]["key"] if plan.sections else ""


def practice_plan_section_url(*, plan: PracticePlan, key: str) -> str:
    return reverse("practice_plan_section", kwargs={"plan_id": plan.pk, "key": key})


def practice_plan_section_context(
    *, plan: PracticePlan, section: dict[str, Any], user: AbstractBaseUser
) -> dict[str, Any]:
    """What `learning/plans/section_base.html` needs, for text and tool sections alike.

    Keys: plan, section (the snapshot dict), read_only, steps (every section with
    number, filled, url and is_current), previous_section / next_section (steps or None),
    template_section (the live template's section with this key, or None), guidance
    (rich-text HTML), example, progress (PlanProgress), section_url, detail_url.
    """
    steps: list[dict[str, Any]] = []
    for number, item in enumerate(plan.sections, start=1):
        steps.append(
            {
                **item,
                "number": number,
                "filled": practice_plan_section_is_filled(plan=plan, section=item),
                "url": practice_plan_section_url(plan=plan, key=item["key"]),
                "is_current": item["key"] == section["key"],
            }
        )
    position = next(i for i, step in enumerate(steps) if step["is_current"])
    template_section = None
    if plan.template_id:
        template_section = PlanTemplateSection.objects.filter(
            page_id=plan.template_id, key=section["key"]
        ).first()
    progress = PlanProgress(
        filled=sum(1 for step in steps if step["filled"]),
        total=len(steps),
        missing_required=[s for s in steps if s.get("required", True) and not s["filled"]],
    )
    return {
        "plan": plan,
        "section": section,
        "read_only": practice_plan_is_read_only(plan=plan, user=user),
        "steps": steps,
        "current_step": steps[position],
        "previous_section": steps[position - 1] if position > 0 else None,
        "next_section": steps[position + 1] if position + 1 < len(steps) else None,
        "template_section": template_section,
        "guidance": template_section.guidance if template_section else "",
        "example": template_section.example if template_section else "",
        "progress": progress,
        "section_url": steps[position]["url"],
        "detail_url": reverse("practice_plan_detail", kwargs={"plan_id": plan.pk}),
    }


def practice_plan_templates_for_start() -> QuerySet[PlanTemplatePage]:
    """Templates a learner can practise with: the current versions (live, public, not
    replaced by a live public version) with practising switched on."""

    return plan_template_list_current().filter(practice_enabled=True)


def practice_plan_assignment_get(*, lesson: LessonPage, block_id: str):
    """The lesson's practice-plan assignment block with this id, or None."""
    if not block_id:
        return None
    for block in lesson.body:
        if block.id == block_id and block.block_type == ASSIGNMENT_BLOCK_TYPE:
            return block
    return None


# ------------------------------------------------------------------------ services


def practice_plan_default_title(*, template: PlanTemplatePage) -> str:
    today = formats.date_format(timezone.localdate(), "j F Y")
    return _("Oefenplan %(template)s %(date)s") % {"template": template.title, "date": today}


def _sections_snapshot(template: PlanTemplatePage) -> list[dict[str, Any]]:
    return [
        {"key": s.key, "heading": s.heading, "kind": s.kind, "required": s.required}
        for s in template.sections.all().order_by("sort_order", "pk")
    ]


def _situation_key(sections: list[dict[str, Any]]) -> str | None:
    keys = [s["key"] for s in sections if s["kind"] == SectionKind.TEXT]
    if SITUATION_KEY in keys:
        return SITUATION_KEY
    return keys[0] if keys else None


@transaction.atomic
def practice_plan_create(
    *,
    owner: AbstractBaseUser,
    template: PlanTemplatePage,
    case=None,
    lesson: LessonPage | None = None,
    assignment_block_id: str = "",
    title: str = "",
) -> PracticePlan:
    """Start a plan from a template version: copy its sections; with a case, put the
    case's situation in the situation section (or the first text section). For a lesson
    assignment the learner already started, return that plan instead of a second one."""
    if lesson is not None and assignment_block_id:
        existing = practice_plan_for_assignment(
            owner=owner, lesson=lesson, assignment_block_id=assignment_block_id
        )
        if existing is not None:
            return existing
    title = " ".join((title or "").split())
    if len(title) > 200:
        raise ValidationError(_("Gebruik voor de werktitel hoogstens 200 tekens."))
    if title:
        errors = practice_plan_text_errors(
            fields={"title": title}, labels={"title": _("Werktitel")}
        )
        if errors:
            raise ValidationError(errors)
    sections = _sections_snapshot(template)
    if not sections:
        raise ValidationError(_("Dit sjabloon heeft nog geen onderdelen."))
    answers: dict[str, str] = {}
    situation_key = _situation_key(sections)
    if case is not None and situation_key:
        answers[situation_key] = case.situation
    return PracticePlan.objects.create(
        owner=owner,
        title=title or practice_plan_default_title(template=template),
        template=template,
        template_title=template.title,
        template_version=template.version,
        sections=sections,
        answers=answers,
        case=case,
        lesson=lesson if assignment_block_id else None,
        assignment_block_id=assignment_block_id if lesson is not None else "",
        current_section=sections[0]["key"],
    )


def _reopen_when_incomplete(plan: PracticePlan) -> list[str]:
    if (
        plan.status == PracticePlanStatus.COMPLETED
        and not practice_plan_progress(plan=plan).can_complete
    ):
        plan.status = PracticePlanStatus.DRAFT
        plan.completed_at = None
        return ["status", "completed_at"]
    return []


@transaction.atomic
def practice_plan_section_save(
    *, plan: PracticePlan, key: str, text: str, user: AbstractBaseUser | None = None
) -> PracticePlan:
    """Save the answer of a text section and remember it as the place to continue.

    Refused as a whole (ValidationError with Dutch messages, nothing stored) when the
    text is too long or holds personal data. `user`, when given, must be the owner."""
    if user is not None and plan.owner_id != user.pk:
        raise ValidationError(_("Alleen de auteur kan dit oefenplan wijzigen."))
    section = practice_plan_section_get(plan=plan, key=key)
    if section is None or section.get("kind") != SectionKind.TEXT:
        raise ValidationError(_("Dit onderdeel bestaat niet in dit oefenplan."))
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > ANSWER_MAX_LENGTH:
        raise ValidationError(
            _("Je antwoord is %(length)s tekens lang; gebruik er hoogstens %(max)s.")
            % {"length": len(text), "max": ANSWER_MAX_LENGTH}
        )
    errors = practice_plan_text_errors(fields={key: text}, labels={key: section["heading"]})
    if errors:
        raise ValidationError(errors)
    locked = PracticePlan.objects.select_for_update().get(pk=plan.pk)
    answers = dict(locked.answers or {})
    if text:
        answers[key] = text
    else:
        answers.pop(key, None)
    plan.answers = answers
    plan.current_section = key
    fields = ["answers", "current_section", "updated_at", *_reopen_when_incomplete(plan)]
    plan.save(update_fields=fields)
    return plan


def practice_plan_current_section_set(*, plan: PracticePlan, key: str) -> None:
    """Remember `key` as the place to continue (tool sections call this after saving)."""
    if practice_plan_section_get(plan=plan, key=key) is None:
        return
    plan.current_section = key
    plan.save(update_fields=["current_section", "updated_at"])


@transaction.atomic
def practice_plan_complete(*, plan: PracticePlan) -> PracticePlan:
    """Mark the plan complete; refused (ValidationError naming the empty required
    sections) while a required section is empty."""
    progress = practice_plan_progress(plan=plan)
    if not progress.can_complete:
        headings = ", ".join(f"‘{s['heading']}’" for s in progress.missing_required)
        raise ValidationError(
            _("Vul eerst de verplichte onderdelen in: %(sections)s.") % {"sections": headings}
        )
    if plan.status != PracticePlanStatus.COMPLETED:
        plan.status = PracticePlanStatus.COMPLETED
        plan.completed_at = timezone.now()
        plan.save(update_fields=["status", "completed_at", "updated_at"])
    return plan


def practice_plan_share(*, plan: PracticePlan) -> PracticePlan:
    """Let the leads of the owner's teams read the plan."""
    if not plan.shared_with_team:
        plan.shared_with_team = True
        plan.shared_at = timezone.now()
        plan.save(update_fields=["shared_with_team", "shared_at"])
    return plan


def practice_plan_unshare(*, plan: PracticePlan) -> PracticePlan:
    """Make the plan private again."""
    if plan.shared_with_team:
        plan.shared_with_team = False
        plan.shared_at = None
        plan.save(update_fields=["shared_with_team", "shared_at"])
    return plan


@transaction.atomic
def practice_plan_delete(*, plan: PracticePlan) -> None:
    """Delete the plan with its legal bases and cost lines (FK cascade)."""
    plan.delete()
