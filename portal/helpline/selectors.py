"""Reads with rules for the helpline: the inbox (order, search, counts), a professional's
own threads and who may read a thread, the monthly report and the data export."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.models import Site

from .due import AMSTERDAM
from .mail import HULPLIJN_GROUP
from .models import HouseholdType, Kind, MailStatus, Message, OutgoingMail, Status, Submission
from .permissions import user_can_handle_helpline

#: Words of the question shown as its subject in the inbox and on "Mijn vragen".
SUBJECT_WORDS = 8
#: Characters of the latest message shown as the preview.
PREVIEW_CHARS = 110


def subject_of(text: str, *, words: int = SUBJECT_WORDS) -> str:
    """The first words of a question as its subject ("Hoe onderbouw ik een …")."""
    return Truncator(" ".join((text or "").split())).words(words, truncate=" …")


def preview_of(text: str, *, chars: int = PREVIEW_CHARS) -> str:
    return Truncator(" ".join((text or "").split())).chars(chars, truncate="…")


def _unread_for_sender() -> Subquery:
    """Per submission: IPW's messages its sender has not opened yet."""
    return Coalesce(
        Subquery(
            Message.objects.filter(submission=OuterRef("pk"), from_staff=True, read_at__isnull=True)
            .order_by()
            .values("submission")
            .annotate(count=Count("pk"))
            .values("count")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def submission_list_for_user(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Submission]:
    """The questions and referrals this user sent while logged in ("Mijn vragen"), open
    ones first, newest first, with their messages and `unread` (IPW's messages not yet
    opened); never another user's, never internal notes."""
    if not user.is_authenticated:
        return Submission.objects.none()
    return (
        Submission.objects.filter(user=user)
        .select_related("municipality")
        .prefetch_related("messages")
        .annotate(
            unread=_unread_for_sender(),
            is_closed=Case(
                When(status=Status.CLOSED, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("is_closed", "-received_at", "-pk")
    )


def unread_count_for_user(*, user: AbstractBaseUser | AnonymousUser) -> int:
    """How many of IPW's messages to this user's threads are unread (the header badge):
    one query."""
    if not user.is_authenticated:
        return 0
    return Message.objects.filter(
        submission__user=user, from_staff=True, read_at__isnull=True
    ).count()


def thread_get_for_sender(*, user: AbstractBaseUser | AnonymousUser, reference: str) -> Submission:
    """The thread `reference` of this user; Http404 for anyone else's (or none), so a
    reference number reveals nothing. The Hulplijn reads threads in the admin."""
    if not user.is_authenticated:
        raise Http404
    submission = (
        Submission.objects.filter(user=user, reference=reference)
        .select_related("municipality")
        .first()
    )
    if submission is None:
        raise Http404
    return submission


def thread_messages_for_user(
    *, user: AbstractBaseUser | AnonymousUser, submission: Submission
) -> list[Message]:
    """The thread's messages, oldest first, for its sender or the Hulplijn group only;
    PermissionDenied for anyone else (another professional, an editor, a team lead)."""
    is_sender = user.is_authenticated and submission.user_id == user.pk
    if not (is_sender or user_can_handle_helpline(user=user)):
        raise PermissionDenied
    return list(submission.messages.select_related("author").order_by("created_at", "pk"))


def submission_inbox_queryset(*, now: datetime | None = None) -> QuerySet[Submission]:
    """All submissions for the triage inbox: annotated with `is_overdue`, `is_closed`,
    the latest message (`last_message_body`, `last_message_from_staff`) and
    `unread_replies` (the sender's messages the Hulplijn has not opened), ordered overdue
    first, then open ones by due time, then closed ones. Constant queries: everything
    is a subquery."""
    now = now or timezone.now()
    latest = Message.objects.filter(submission=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        Submission.objects.select_related("assignee", "municipality")
        .annotate(
            last_message_body=Subquery(latest.values("body")[:1]),
            last_message_from_staff=Subquery(latest.values("from_staff")[:1]),
            unread_replies=Coalesce(
                Subquery(
                    Message.objects.filter(
                        submission=OuterRef("pk"), from_staff=False, read_at__isnull=True
                    )
                    .order_by()
                    .values("submission")
                    .annotate(count=Count("pk"))
                    .values("count")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
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


#: Fields the inbox search looks in (case-insensitive, every word must match somewhere).
INBOX_SEARCH_FIELDS = (
    "reference",
    "name",
    "email",
    "organisation",
    "question",
    "barrier",
    "situation",
    "region",
    "municipality__name",
)


def submission_inbox_search(*, queryset: QuerySet[Submission], query: str) -> QuerySet[Submission]:
    """Filter the inbox by `query`: every word must occur (icontains, in the database) in
    the reference, the sender's name, e-mail or organisation, the text, the municipality
    or a message of the thread. One query however many submissions there are."""
    for word in query.split()[:10]:
        condition = Q()
        for name in INBOX_SEARCH_FIELDS:
            condition |= Q(**{f"{name}__icontains": word})
        condition |= Exists(Message.objects.filter(submission=OuterRef("pk"), body__icontains=word))
        queryset = queryset.filter(condition)
    return queryset


@dataclass(frozen=True)
class InboxCounts:
    new: int
    urgent: int
    overdue: int
    mine: int


def inbox_counts(*, user: AbstractBaseUser, now: datetime | None = None) -> InboxCounts:
    """For the dashboard panel: open submissions that are new, urgent, overdue, and
    assigned to `user`. One query."""
    now = now or timezone.now()
    open_ = ~Q(status=Status.CLOSED)
    counts = Submission.objects.aggregate(
        new=Count("pk", filter=Q(status=Status.NEW)),
        urgent=Count("pk", filter=open_ & Q(urgent=True)),
        overdue=Count("pk", filter=open_ & Q(first_contact_at__isnull=True, due_at__lt=now)),
        mine=Count("pk", filter=open_ & Q(assignee_id=user.pk)),
    )
    return InboxCounts(**counts)


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
    by_domain: list[ReportRow] = field(default_factory=list)
    by_household_type: list[ReportRow] = field(default_factory=list)


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
    submissions received in that month (Amsterdam time), in total and by urgency, kind,
    municipality, problem domain and household type. The municipality is the one chosen
    from the region taxonomy; free text ("anders", and submissions from before the list)
    is grouped case-insensitively, and joins the listed municipality of the same name."""
    now = now or timezone.now()
    start, end = month_bounds(year, month)
    submissions = (
        Submission.objects.filter(received_at__gte=start, received_at__lt=end)
        .only(
            "kind",
            "urgent",
            "region",
            "municipality__name",
            "household_type",
            "received_at",
            "due_at",
            "first_contact_at",
        )
        .select_related("municipality")
        .prefetch_related("problem_domains")
        .order_by("received_at", "pk")  # a region is shown as first spelled that month
    )
    total = ReportRow(label="")
    urgency = {True: ReportRow(label="Spoed"), False: ReportRow(label="Geen spoed")}
    kinds = {kind: ReportRow(label=str(kind.label)) for kind in Kind}
    regions: dict[str, ReportRow] = {}
    domains: dict[str, ReportRow] = {}
    households: dict[str, ReportRow] = {}
    for submission in submissions:
        _add(total, submission, now)
        _add(urgency[submission.urgent], submission, now)
        _add(kinds[Kind(submission.kind)], submission, now)
        region = " ".join(submission.municipality_label.split())
        key = region.casefold()
        if key not in regions:
            regions[key] = ReportRow(label=region or "(onbekend)")
        _add(regions[key], submission, now)
        for domain in submission.problem_domains.all():
            if domain.name not in domains:
                domains[domain.name] = ReportRow(label=domain.name)
            _add(domains[domain.name], submission, now)
        if submission.kind == Kind.REFERRAL:
            household = submission.household_type
            if household not in households:
                label = HouseholdType(household).label if household else "(niet opgegeven)"
                households[household] = ReportRow(label=str(label))
            _add(households[household], submission, now)
    return MonthlyReport(
        year=year,
        month=month,
        total=total,
        by_urgency=[urgency[True], urgency[False]],
        by_kind=list(kinds.values()),
        by_region=_by_volume(regions),
        by_domain=_by_volume(domains),
        by_household_type=_by_volume(households),
    )


def _by_volume(rows: dict[str, ReportRow]) -> list[ReportRow]:
    return sorted(rows.values(), key=lambda row: (-row.volume, row.label.casefold()))


# ---------------------------------------------------------------- data export


def _message_for_export(message: Message) -> dict[str, Any]:
    return {
        "from": "hulplijn" if message.from_staff else "jij",
        "message": message.body,
        "sent_at": message.created_at,
        "read_at": message.read_at,
    }


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
            "municipality": submission.municipality.name if submission.municipality_id else "",
            "region": submission.region,
            "household_type": submission.household_type,
            "organisations_involved": submission.organisations_involved,
            "urgent": submission.urgent,
            "contact_preference": submission.contact_preference,
            "contact_time": submission.contact_time,
            "context_url": submission.context_url,
            # Kept under this name (an answer from IPW used to be the only message);
            # "messages" holds the whole thread, the professional's replies too.
            "answers": [
                {"answer": message.body, "sent_at": message.created_at}
                for message in submission.messages.all()
                if message.from_staff
            ],
            "messages": [_message_for_export(message) for message in submission.messages.all()],
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
