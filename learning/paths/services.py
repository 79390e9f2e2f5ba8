"""Rules of paths and assignments: the prerequisite check of enrolment, team leads
assigning courses with a due date, the learner's own target date, and the reminders.

Reminders (`reminders_send_due`, run daily by the task or `manage.py
paths_send_reminders`): a learner with an open assignment (not completed by the one
definition of progress) gets a mail when a due date is exactly
`PATHS_REMINDER_DAYS_BEFORE` days away (default 3), and when it has passed: the day after
and then every week. All such assignments go in one mail, at most one per learner per
day: the day is recorded (`ReminderSent`, unique per learner and day) before the mail is
queued, so a second run the same day sends nothing. `PATHS_REMINDERS_ENABLED = False`
switches them off.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.models import CoursePage, Team, TeamMembership, TeamRole
from learning.teams import team_get_for_lead
from portal.core.mail import queue_mail

from .models import Assignment, LearningPath, ReminderSent, TargetDate
from .selectors import AssignmentStatus, _statuses, prerequisites_unmet

DEFAULT_DAYS_BEFORE = 3
OVERDUE_EVERY_DAYS = 7


def enrolment_check_prerequisites(*, user: AbstractBaseUser, course: CoursePage) -> None:
    """Refuse enrolment while a prerequisite of the course (in a path) is not completed;
    the message says which course to finish first."""
    unmet = prerequisites_unmet(user=user, course=course)
    if unmet:
        raise ValidationError(unmet[0].message)


# ------------------------------------------------------------------ assignments


def assignment_create(
    *,
    lead: AbstractBaseUser,
    team: Team,
    due_date: date,
    course: CoursePage | None = None,
    path: LearningPath | None = None,
    user_ids: list[int] | None = None,
) -> list[Assignment]:
    """A lead of `team` assigns a course or a path (each of its live courses) to some
    members (`user_ids`) or, when None, to every member, due on `due_date`. Assigning
    again changes the due date. Anyone else gets PermissionDenied."""
    if team_get_for_lead(user=lead, team_id=team.pk) is None:
        raise PermissionDenied(_("Alleen een teamleider van dit team mag cursussen toewijzen."))
    if (course is None) == (path is None):
        raise ValidationError(_("Kies een cursus of een leerlijn."))
    if due_date < timezone.localdate():
        raise ValidationError(_("De datum ligt in het verleden. Kies een datum vanaf vandaag."))
    members = TeamMembership.objects.filter(team=team, role=TeamRole.MEMBER)
    if user_ids is not None:
        members = members.filter(user_id__in=user_ids)
    member_ids = list(members.values_list("user_id", flat=True))
    if not member_ids:
        raise ValidationError(_("Kies minstens één teamlid."))
    if path is not None:
        courses = [
            item.course for item in path.items.filter(course__live=True).order_by("sort_order")
        ]
    else:
        courses = [course] if course.live else []
    if not courses:
        raise ValidationError(_("Deze cursus is niet beschikbaar."))
    result = []
    with transaction.atomic():
        for user_id in member_ids:
            for item in courses:
                assignment, _created = Assignment.objects.update_or_create(
                    team=team,
                    user_id=user_id,
                    course=item,
                    defaults={"due_date": due_date, "path": path, "assigned_by": lead},
                )
                result.append(assignment)
    return result


def target_date_set(
    *, user: AbstractBaseUser, course: CoursePage, target_date: date | None
) -> TargetDate | None:
    """The learner's own target date for a course; None clears it."""
    if not user.is_authenticated:
        raise PermissionDenied
    if target_date is None:
        TargetDate.objects.filter(user=user, course=course).delete()
        return None
    if target_date < timezone.localdate():
        raise ValidationError(_("De datum ligt in het verleden. Kies een datum vanaf vandaag."))
    target, _created = TargetDate.objects.update_or_create(
        user=user, course=course, defaults={"target_date": target_date}
    )
    return target


# ------------------------------------------------------------------ reminders


def reminders_enabled() -> bool:
    return bool(getattr(settings, "PATHS_REMINDERS_ENABLED", True))


def reminder_days_before() -> int:
    return int(getattr(settings, "PATHS_REMINDER_DAYS_BEFORE", DEFAULT_DAYS_BEFORE))


def _reminder_due(status: AssignmentStatus, days_before: int) -> bool:
    if status.done:
        return False
    days_left = status.days_left
    if days_left == days_before:
        return True
    return days_left < 0 and (-days_left - 1) % OVERDUE_EVERY_DAYS == 0


def _mail_body(user: AbstractBaseUser, statuses: list[AssignmentStatus]) -> str:
    site = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    lines = [
        _("Beste %(name)s,") % {"name": user.get_full_name() or user.get_username()},
        "",
        _("Je teamleider heeft je deze cursussen toegewezen:"),
        "",
    ]
    for status in statuses:
        due = status.assignment.due_date.strftime("%d-%m-%Y")
        if status.overdue:
            line = _("- %(title)s: dit had af moeten zijn op %(date)s (te laat)")
        else:
            line = _("- %(title)s: af uiterlijk op %(date)s")
        lines.append(line % {"title": status.assignment.course.title, "date": due})
    lines += [
        "",
        _("Ga verder in je leeromgeving: %(url)s") % {"url": site + reverse("learning_dashboard")},
        "",
        _("Met vriendelijke groet,"),
        _("Instituut voor Publieke Waarden"),
    ]
    return "\n".join(lines)


def reminders_send_due(*, today: date | None = None, now: datetime | None = None) -> int:
    """Send today's reminders (see module doc); returns how many mails were queued."""
    if not reminders_enabled():
        return 0
    today = today or timezone.localdate(now)
    days_before = reminder_days_before()
    already = set(ReminderSent.objects.filter(sent_on=today).values_list("user_id", flat=True))
    assignments = list(
        Assignment.objects.filter(course__live=True, user__is_active=True)
        .exclude(user_id__in=already)
        .select_related("course", "user")
        .order_by("due_date", "pk")
    )
    by_user: dict[int, list[AssignmentStatus]] = defaultdict(list)
    for status in _statuses(assignments, today=today):
        if _reminder_due(status, days_before):
            by_user[status.assignment.user_id].append(status)
    sent = 0
    for statuses in by_user.values():
        user = statuses[0].assignment.user
        if not user.email:
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(user=user, sent_on=today, assignments=len(statuses))
                queue_mail(
                    to=[user.email],
                    subject=_("Herinnering: cursussen die je team van je verwacht"),
                    body=_mail_body(user, statuses),
                )
        except IntegrityError:
            continue  # another run reminded this learner today
        sent += 1
    return sent


# ------------------------------------------------------------------ account deletion


def paths_delete_for_user(user: AbstractBaseUser) -> int:
    """Delete the learner's assignments, target dates and reminder records."""
    count = Assignment.objects.filter(user=user).delete()[0]
    count += TargetDate.objects.filter(user=user).delete()[0]
    count += ReminderSent.objects.filter(user=user).delete()[0]
    return count
