"""Reads with rules for the helpline: the inbox order, a professional's own questions,
the monthly report and the data export."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.http import Http404, HttpRequest
from django.utils import timezone
from wagtail.models import Site

from .due import AMSTERDAM
from .mail import HULPLIJN_GROUP
from .models import Answer, Kind, MailStatus, OutgoingMail, Status, Submission


def submission_list_for_user(*, user: AbstractBaseUser) -> QuerySet[Submission]:
    """The questions and referrals this user sent while logged in, newest first, with
    their answers (never another user's, never internal notes)."""
    if not user.is_authenticated:
        return Submission.objects.none()
    return (
        Submission.objects.filter(user=user)
        .prefetch_related("answers")
        .order_by("-received_at", "-pk")
    )


def submission_inbox_queryset(*, now: datetime | None = None) -> QuerySet[Submission]:
    """All submissions for the triage inbox: annotated with `is_overdue` and `is_closed`,
    ordered overdue first, then open ones by due time, then closed ones."""
    now = now or timezone.now()
    return (
        Submission.objects.select_related("assignee")
        .annotate(
            is_overdue=Case(
                When(
                    ~Q(status=Status.CLOSED) & Q(first_contact_at__isnull=True, due_at__lt=now),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
            is_closed=Case(
                When(status=Status.CLOSED, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-is_overdue", "is_closed", "due_at", "pk")
    )


def hulplijn_members() -> QuerySet:
    """Active users in the Hulplijn group: the people a submission can be assigned to."""
    return (
        get_user_model()
        .objects.filter(groups__name=HULPLIJN_GROUP, is_active=True)
        .order_by("first_name", "last_name", "email")
        .distinct()
    )


def context_title_for_path(*, request: HttpRequest, path: str) -> str:
    """The title of the public page at `path` on this site: "" when it is not a page, or
    a page with view restrictions (its title must not show to whoever fills in the form)."""
    if not path:
        return ""
    site = Site.find_for_request(request)
    if site is None:
        return ""
    components = [part for part in path.split("?", 1)[0].split("/") if part]
    try:
        route = site.root_page.specific.route(request, components)
    except Http404:
        return ""
    except Exception:  # noqa: BLE001 - a page that cannot route gives no title, no error
        return ""
    page = route[0]
    if page.get_view_restrictions().exists():
        return ""
    return str(getattr(page, "title", "") or "")


# ---------------------------------------------------------------- report


@dataclass
class ReportRow:
    label: str
    volume: int = 0
    contacted_on_time: int = 0
    late: int = 0
    pending: int = 0
    hours_to_contact: list[float] = field(default_factory=list)

    @property
    def judged(self) -> int:
        return self.contacted_on_time + self.late

    @property
    def on_time_share(self) -> float | None:
        """Share contacted on time of those that could be judged (contacted, or past
        due without contact); None when there is nothing to judge yet."""
        return self.contacted_on_time / self.judged if self.judged else None

    @property
    def median_hours_to_contact(self) -> float | None:
        return statistics.median(self.hours_to_contact) if self.hours_to_contact else None


@dataclass
class MonthlyReport:
    year: int
    month: int
    total: ReportRow
    by_urgency: list[ReportRow]
    by_kind: list[ReportRow]
    by_region: list[ReportRow]


def _add(row: ReportRow, submission: Submission, now: datetime) -> None:
    row.volume += 1
    if submission.first_contact_at is not None:
        hours = (submission.first_contact_at - submission.received_at).total_seconds() / 3600
        row.hours_to_contact.append(hours)
        if submission.first_contact_at <= submission.due_at:
            row.contacted_on_time += 1
        else:
            row.late += 1
    elif now > submission.due_at:
        row.late += 1
    else:
        row.pending += 1


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=AMSTERDAM)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=AMSTERDAM)
    return start, end


def submission_report(*, year: int, month: int, now: datetime | None = None) -> MonthlyReport:
    """Volume, share contacted on time and median hours to first contact, for the
    submissions received in that month (Amsterdam time), in total and by urgency, kind
    and region. Regions are free text: grouped case-insensitively."""
    now = now or timezone.now()
    start, end = month_bounds(year, month)
    submissions = (
        Submission.objects.filter(received_at__gte=start, received_at__lt=end)
        .only("kind", "urgent", "region", "received_at", "due_at", "first_contact_at")
        .order_by("received_at", "pk")  # a region is shown as first spelled that month
    )
    total = ReportRow(label="")
    urgency = {True: ReportRow(label="Spoed"), False: ReportRow(label="Geen spoed")}
    kinds = {kind: ReportRow(label=str(kind.label)) for kind in Kind}
    regions: dict[str, ReportRow] = {}
    for submission in submissions:
        _add(total, submission, now)
        _add(urgency[submission.urgent], submission, now)
        _add(kinds[Kind(submission.kind)], submission, now)
        region = " ".join(submission.region.split())
        key = region.casefold()
        if key not in regions:
            regions[key] = ReportRow(label=region or "(onbekend)")
        _add(regions[key], submission, now)
    return MonthlyReport(
        year=year,
        month=month,
        total=total,
        by_urgency=[urgency[True], urgency[False]],
        by_kind=list(kinds.values()),
        by_region=sorted(regions.values(), key=lambda row: (-row.volume, row.label.casefold())),
    )


# ---------------------------------------------------------------- data export


def _answer_for_export(answer: Answer) -> dict[str, Any]:
    return {"answer": answer.body, "sent_at": answer.created_at}


def submission_export_for_user(user: AbstractBaseUser) -> list[dict[str, Any]]:
    """The user's own questions and referrals for "Download al mijn gegevens" (without
    IPW's internal notes or the assignee)."""
    return [
        {
            "reference": submission.reference,
            "kind": submission.kind,
            "received_at": submission.received_at,
            "status": submission.status,
            "name": submission.name,
            "organisation": submission.organisation,
            "role": submission.role,
            "email": submission.email,
            "phone": submission.phone,
            "question": submission.question,
            "barrier": submission.barrier,
            "related_law": submission.related_law,
            "situation": submission.situation,
            "region": submission.region,
            "urgent": submission.urgent,
            "contact_preference": submission.contact_preference,
            "contact_time": submission.contact_time,
            "context_url": submission.context_url,
            "answers": [_answer_for_export(answer) for answer in submission.answers.all()],
        }
        for submission in submission_list_for_user(user=user)
    ]


def overdue_since(submission: Submission, now: datetime) -> timedelta | None:
    if submission.status == Status.CLOSED or submission.first_contact_at is not None:
        return None
    return now - submission.due_at if now > submission.due_at else None


#: A mail that should have gone out this long ago and has not: mail is degraded.
MAIL_OVERDUE_AFTER = timedelta(minutes=15)


def outbox_health(*, now: datetime | None = None) -> dict[str, Any]:
    """For the health endpoint: "degraded" when mails wait longer than they should (the
    mail server or the task worker is not doing its work) or gave up in the last day."""
    now = now or timezone.now()
    overdue = OutgoingMail.objects.filter(
        status__in=[MailStatus.PENDING, MailStatus.SENDING],
        next_attempt_at__lt=now - MAIL_OVERDUE_AFTER,
    ).count()
    failed = OutgoingMail.objects.filter(
        status=MailStatus.FAILED, last_attempt_at__gte=now - timedelta(days=1)
    ).count()
    return {
        "status": "degraded" if overdue or failed else "ok",
        "overdue": overdue,
        "failed_last_day": failed,
    }
