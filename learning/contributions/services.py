"""Writes with rules of contributed breakthroughs: share a plan as a draft case, follow
the editorial workflow, withdraw, and what an account's deletion does.

Every status change mails the contributor (`portal.core.mail.queue_mail`: sent after the
transaction commits). The workflow's signals (see `signals.py`) call the `contribution_mark_*`
functions here; they do nothing for a case that was not contributed.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug

from casebook.models import CaseCost, CaseIndexPage, CaseLegalBasis, CasePage, ProblemDomain
from learning.models import PracticePlan, PracticePlanStatus
from portal.accounts.selectors import profile_get_for_user
from portal.anonymisation.policy import guard_instance
from portal.anonymisation.validation import personal_data_errors
from portal.core.mail import queue_mail

from .mapping import TEXT_FIELDS, CaseDraft
from .models import OPEN_STATUSES, Contribution, ContributionStatus
from .selectors import contribution_credits_forget


class ContributionRefused(Exception):
    """Nothing was stored; `errors` maps a field (a CaseDraft attribute, "consent",
    "legal_basis_<n>" or "__all__") to its Dutch messages."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        super().__init__("contribution refused")
        self.errors = {name: list(messages) for name, messages in errors.items()}


def legal_basis_field(index: int) -> str:
    """The name of the n-th legal basis's reasoning (in errors and in the share form)."""
    return f"legal_basis_{index}"


def _forget_credits() -> None:
    """Forget the cached credit lines now and again after the commit (a page served in
    between may have cached the old ones)."""
    contribution_credits_forget()
    transaction.on_commit(contribution_credits_forget)


# ----------------------------------------------------------------------- mails


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _mail(contribution: Contribution, *, subject: str, lines: list[str]) -> None:
    user = contribution.user
    if user is None or not user.email:
        return
    body = "\n\n".join(
        [
            _("Beste %(name)s,") % {"name": user.get_full_name() or user.get_username()},
            *lines,
            _("Je volgt je bijdragen op %(url)s.")
            % {"url": _absolute(reverse("contributions:list"))},
            _("Met vriendelijke groet,\nDe redactie van het Instituut voor Publieke Waarden"),
        ]
    )
    queue_mail(to=[user.email], subject=subject, body=body)


def _status_mail(contribution: Contribution) -> None:
    title = contribution.case_title
    status = contribution.status
    if status == ContributionStatus.SUBMITTED:
        subject = _("Je voorbeeldcasus ‘%(title)s’ is ingediend") % {"title": title}
        lines = [
            _(
                "Dank je wel voor het delen van je doorbraak. De redactie van IPW bekijkt je "
                "casus en maakt hem klaar voor het casusboek. Je hoort het als er iets verandert."
            )
        ]
    elif status == ContributionStatus.IN_REVIEW:
        subject = _("Je voorbeeldcasus ‘%(title)s’ is in behandeling") % {"title": title}
        lines = [_("Een redacteur heeft je casus bewerkt en ter beoordeling aangeboden.")]
    elif status == ContributionStatus.RETURNED:
        subject = _("Je voorbeeldcasus ‘%(title)s’ is teruggestuurd") % {"title": title}
        reason = contribution.return_reason or _("Er is geen reden opgegeven.")
        lines = [
            _("De moderator heeft je casus teruggestuurd naar de redactie. De reden:"),
            reason,
        ]
    elif status == ContributionStatus.DECLINED:
        subject = _("Je voorbeeldcasus ‘%(title)s’ wordt niet geplaatst") % {"title": title}
        lines = [
            _("De redactie heeft de conceptcasus verwijderd; hij komt niet in het casusboek."),
            contribution.return_reason,
        ]
    elif status == ContributionStatus.PUBLISHED:
        subject = _("Je voorbeeldcasus ‘%(title)s’ staat in het casusboek") % {"title": title}
        url = contribution.case.full_url if contribution.case else ""
        lines = [_("Je casus is gepubliceerd. Dank je wel!"), url]
    else:
        return
    _mail(contribution, subject=subject, lines=[line for line in lines if line])


# ----------------------------------------------------------------------- sharing


def contribution_guard(*, draft: CaseDraft) -> dict[str, list[str]]:
    """The guard's Dutch messages per field of the case (texts and legal bases' reasoning)."""
    case = CasePage(**{name: getattr(draft, name) for name in TEXT_FIELDS})
    errors = {
        name: [error.message for error in found]
        for name, found in guard_instance(case, fields=TEXT_FIELDS).items()
    }
    reasonings = {legal_basis_field(i): b.reasoning for i, b in enumerate(draft.legal_bases)}
    labels = {
        legal_basis_field(i): _("Redenering bij %(law)s") % {"law": b.label}
        for i, b in enumerate(draft.legal_bases)
    }
    errors.update(personal_data_errors(reasonings, labels=labels))
    return errors


def consent_missing_message() -> str:
    return _("Vink aan dat het huishouden toestemming gaf om de casus geanonimiseerd te delen.")


def _check_plan(plan: PracticePlan, user: AbstractBaseUser) -> None:
    if plan.owner_id != user.pk:
        raise ContributionRefused({"__all__": [_("Je kunt alleen je eigen oefenplan delen.")]})
    if plan.status != PracticePlanStatus.COMPLETED:
        raise ContributionRefused(
            {"__all__": [_("Rond je oefenplan eerst af; daarna kun je het delen.")]}
        )
    if Contribution.objects.filter(plan=plan, status__in=OPEN_STATUSES).exists():
        raise ContributionRefused(
            {"__all__": [_("Je hebt dit plan al gedeeld; de redactie bekijkt het nog.")]}
        )


def _case_index() -> CaseIndexPage:
    index = CaseIndexPage.objects.order_by("path").first()
    if index is None:
        raise ContributionRefused(
            {"__all__": [_("Er is nog geen casusboek om de casus in te zetten.")]}
        )
    return index


def _build_case(*, index: CaseIndexPage, draft: CaseDraft) -> CasePage:
    case = CasePage(
        **{name: getattr(draft, name) for name in TEXT_FIELDS},
        slug=find_available_slug(index, slugify(draft.title)[:70] or "casus"),
        live=False,
        phase=draft.phase,
        region_id=draft.region_id,
        year=draft.year,
        outcome=draft.outcome,
        plan_template_id=draft.plan_template_id,
    )
    case.problem_domains = list(ProblemDomain.objects.filter(pk__in=draft.problem_domain_ids))
    case.legal_bases = [
        CaseLegalBasis(
            law_id=basis.law_id,
            article_id=basis.article_id,
            reasoning=basis.reasoning,
            sort_order=position,
        )
        for position, basis in enumerate(draft.legal_bases)
    ]
    case.costs = [
        CaseCost(domain=cost.domain, direct=cost.direct, prevented=cost.prevented, sort_order=i)
        for i, cost in enumerate(draft.costs)
    ]
    try:
        index.add_child(instance=case)
    except ValidationError as error:
        raise ContributionRefused(error.message_dict) from error
    case.save_revision(log_action=True)
    return case


@transaction.atomic
def contribution_submit(
    *,
    user: AbstractBaseUser,
    plan: PracticePlan,
    draft: CaseDraft,
    consent: bool,
    name_organisation: bool,
) -> Contribution:
    """Share a completed plan as an example case: the case (every text guarded) becomes a
    draft under the casebook, for the editors to review; the contributor gets a mail.

    Refused (ContributionRefused, nothing stored) without the household's consent, for
    someone else's or an unfinished plan, a plan already under review, or personal data.
    The plan's row is locked first, so two overlapping submits of one plan (a double
    click) give one case; the second is refused as already under review.
    """
    locked = PracticePlan.objects.select_for_update().get(pk=plan.pk)
    return _submit(
        user=user,
        plan=locked,
        draft=draft,
        consent=consent,
        name_organisation=name_organisation,
    )


def _submit(
    *,
    user: AbstractBaseUser,
    plan: PracticePlan,
    draft: CaseDraft,
    consent: bool,
    name_organisation: bool,
) -> Contribution:
    _check_plan(plan, user)
    errors = contribution_guard(draft=draft)
    if not consent:
        errors["consent"] = [consent_missing_message()]
    organisation = ""
    if name_organisation:
        profile = profile_get_for_user(user=user)
        organisation = profile.organisation if profile else ""
        if not organisation:
            errors["name_organisation"] = [
                _("Je profiel noemt geen organisatie; vul die eerst in of kies ‘Nee’.")
            ]
    if errors:
        raise ContributionRefused(errors)
    case = _build_case(index=_case_index(), draft=draft)
    contribution = Contribution.objects.create(
        user=user,
        plan=plan,
        case=case,
        case_title=case.title,
        name_organisation=bool(organisation),
        organisation=organisation,
        template_title=plan.template_title,
        template_version=plan.template_version,
        consent_at=timezone.now(),
    )
    _forget_credits()
    _status_mail(contribution)
    return contribution


# ----------------------------------------------------------------------- the workflow


def _change_status(contribution: Contribution, status: str, **fields: object) -> Contribution:
    contribution.status = status
    contribution.status_changed_at = timezone.now()
    for name, value in fields.items():
        setattr(contribution, name, value)
    contribution.save(update_fields=["status", "status_changed_at", *fields])
    _forget_credits()
    _status_mail(contribution)
    return contribution


def _contribution_for_case(case_id: int | str | None) -> Contribution | None:
    if not case_id:
        return None
    return (
        Contribution.objects.select_related("user", "case")
        .filter(case_id=int(case_id))
        .exclude(status=ContributionStatus.WITHDRAWN)
        .first()
    )


def contribution_mark_in_review(*, case_id: int | str) -> Contribution | None:
    """An editor submitted the contributed case for moderation (again)."""
    contribution = _contribution_for_case(case_id)
    if contribution is None or contribution.status == ContributionStatus.IN_REVIEW:
        return contribution
    return _change_status(contribution, ContributionStatus.IN_REVIEW, return_reason="")


def contribution_mark_returned(*, case_id: int | str, reason: str) -> Contribution | None:
    """A moderator sent the contributed case back, with `reason` (the workflow comment)."""
    contribution = _contribution_for_case(case_id)
    if contribution is None or contribution.status == ContributionStatus.PUBLISHED:
        return contribution
    return _change_status(contribution, ContributionStatus.RETURNED, return_reason=reason)


def contribution_mark_published(*, case_id: int | str) -> Contribution | None:
    """The contributed case went live (a later republication changes nothing)."""
    contribution = _contribution_for_case(case_id)
    if contribution is None or contribution.status == ContributionStatus.PUBLISHED:
        return contribution
    return _change_status(
        contribution,
        ContributionStatus.PUBLISHED,
        return_reason="",
        published_at=timezone.now(),
    )


DECLINED_REASON = "De redactie heeft de conceptcasus verwijderd."


def contribution_mark_case_deleted(*, case_id: int | str) -> Contribution | None:
    """An editor deleted the contributed case: it will not be published (the contributor
    may share the plan again)."""
    contribution = _contribution_for_case(case_id)
    if contribution is None or contribution.status not in OPEN_STATUSES:
        return contribution
    return _change_status(
        contribution, ContributionStatus.DECLINED, return_reason=_(DECLINED_REASON)
    )


@transaction.atomic
def contribution_withdraw(*, user: AbstractBaseUser, contribution: Contribution) -> Contribution:
    """The contributor takes the case back before it is published: its draft is deleted."""
    if contribution.user_id != user.pk:
        raise ContributionRefused({"__all__": [_("Dit is niet jouw bijdrage.")]})
    case = contribution.case
    if contribution.status not in OPEN_STATUSES or (case is not None and case.live):
        raise ContributionRefused(
            {"__all__": [_("Een gepubliceerde casus kun je niet meer intrekken.")]}
        )
    contribution.status = ContributionStatus.WITHDRAWN
    contribution.status_changed_at = timezone.now()
    contribution.case = None
    contribution.save(update_fields=["status", "status_changed_at", "case"])
    if case is not None:
        case.delete()
    _forget_credits()
    return contribution


# ----------------------------------------------------------------------- the account


@transaction.atomic
def contributions_delete_for_user(user: AbstractBaseUser) -> int:
    """On account deletion: a draft case is deleted with its contribution; a published
    case stays (it never names the person) but no longer links to the user."""
    deleted = 0
    for contribution in Contribution.objects.select_related("case").filter(user=user):
        case = contribution.case
        if case is not None and case.live:
            contribution.user = None
            contribution.plan = None
            contribution.save(update_fields=["user", "plan"])
            continue
        contribution.delete()
        if case is not None:
            case.delete()
        deleted += 1
    _forget_credits()
    return deleted
