"""The page benchmark: queries and CPU per request for each page type, against the
current database, through Django's test client (no server, no network).

CPU is `time.process_time()` over N requests after one warm-up request (which fills the
caches a running site has filled too: the menu, the page tree, compiled templates), so
the figure holds steady on a busy machine where wall-clock time does not. The load
average is printed beside the figures because a busy machine still costs some CPU
(caches, scheduling). Nothing is written: the team sizes run in a transaction that is
rolled back.

Pages (the first live one of each type the database holds; a type the database lacks
is reported as missing):
home, case listing, case page, site search, content page, lesson (logged in as a
learner enrolled in its course), standard (logged in), team view (logged in as its lead).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.signals import request_started
from django.db import connection, reset_queries, transaction
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from casebook.models import CaseIndexPage, CasePage
from learning.models import (
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    Team,
    TeamMembership,
    TeamRole,
)
from portal.home.models import ContentPage
from portal.standards.models import StandardPage

PAGE_TYPES = (
    "home",
    "case listing",
    "case page",
    "site search",
    "content page",
    "lesson",
    "standard",
    "team view",
)
SEARCH_QUERY = "schulden"


@dataclass(frozen=True)
class PageTarget:
    page_type: str
    url: str
    user: Model | None = None


@dataclass(frozen=True)
class PageFigure:
    page_type: str
    url: str
    status: int
    queries: int
    cpu_ms: float  # CPU milliseconds per request (mean over the requests)
    size_kb: float
    logged_in: bool


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as the machine reports them."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # pragma: no cover - not on every platform
        return "onbekend"
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def _host() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    hosts = [host for host in settings.ALLOWED_HOSTS if host and host != "*" and "*" not in host]
    if site is not None and (site.hostname in hosts or "*" in settings.ALLOWED_HOSTS):
        return site.hostname
    return hosts[0] if hosts else "testserver"


def _first_url(model: type[Page]) -> str | None:
    page = model.objects.live().public().order_by("path").first()
    return page.url if page is not None else None


def _learner_for(course: Page | None) -> Model | None:
    """A non-staff learner enrolled in `course` (the demo's professional when there is
    one), else any non-staff user."""
    users = get_user_model().objects.filter(is_active=True, is_staff=False).order_by("pk")
    if course is not None:
        users = users.filter(learning_enrolments__course=course) or users
    return users.filter(email__startswith="professional@").first() or users.first()


def page_targets() -> list[PageTarget]:
    """One URL per page type, with the user to log in as (None: anonymous)."""
    targets: list[PageTarget] = []
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        targets.append(PageTarget("home", site.root_page.url or "/"))
    for page_type, model in (
        ("case listing", CaseIndexPage),
        ("case page", CasePage),
    ):
        url = _first_url(model)
        if url:
            targets.append(PageTarget(page_type, url))
    targets.append(PageTarget("site search", f"{reverse('search:site_search')}?q={SEARCH_QUERY}"))
    url = _first_url(ContentPage)
    if url:
        targets.append(PageTarget("content page", url))
    lesson = LessonPage.objects.live().public().order_by("path").first()
    if lesson is not None:
        course = CoursePage.objects.ancestor_of(lesson).first()
        targets.append(PageTarget("lesson", lesson.url, _learner_for(course)))
    url = _first_url(StandardPage)
    if url:
        targets.append(PageTarget("standard", url, _learner_for(None)))
    lead = (
        TeamMembership.objects.filter(role=TeamRole.LEAD, user__is_active=True)
        .select_related("user")
        .order_by("team_id")
        .first()
    )
    if lead is not None:
        targets.append(
            PageTarget("team view", reverse("learning_team_detail", args=[lead.team_id]), lead.user)
        )
    return targets


def _client(user: Model | None) -> Client:
    client = Client(HTTP_HOST=_host())
    if user is not None:
        client.force_login(user)
    return client


def measure(*, page_type: str, url: str, user: Model | None, requests: int) -> PageFigure:
    """One warm-up request, one counted for its queries, then `requests` timed ones."""
    client = _client(user)
    client.get(url)
    # The test client resets the query log when a request starts: keep it for the count
    # (as Django's assertNumQueries does).
    request_started.disconnect(reset_queries)
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
    finally:
        request_started.connect(reset_queries)
    query_count = len(queries)  # read now: the next request clears the log
    # Timed without the debug cursor, whatever DEBUG says (it costs CPU per query).
    with override_settings(DEBUG=False):
        started = time.process_time()
        for _ in range(requests):
            timed = client.get(url)
            if timed.streaming:
                for _chunk in timed.streaming_content:
                    pass
        cpu = time.process_time() - started
    return PageFigure(
        page_type=page_type,
        url=url,
        status=response.status_code,
        queries=query_count,
        cpu_ms=cpu * 1000 / max(requests, 1),
        size_kb=len(body) / 1024,
        logged_in=user is not None,
    )


def benchmark_pages(
    *, requests: int, only: set[str] | None = None, report: Callable[[PageFigure], None]
) -> list[PageFigure]:
    """Measure every page type the database holds; `report` is called after each."""
    figures = []
    for target in page_targets():
        if only and target.page_type not in only:
            continue
        figure = measure(
            page_type=target.page_type, url=target.url, user=target.user, requests=requests
        )
        report(figure)
        figures.append(figure)
    return figures


# ------------------------------------------------------------------------ team sizes


@dataclass(frozen=True)
class TeamFigure:
    members: int
    view: PageFigure
    csv: PageFigure


def _team_with_members(*, members: int) -> tuple[Team, Model]:
    """A throwaway team with `members` learners enrolled in every live course (a third
    of them with the first lessons done) and one lead. Call inside a transaction that is
    rolled back."""
    user_model = get_user_model()
    stamp = f"{time.time_ns()}"
    team = Team.objects.create(name=f"Benchmarkteam {members}", kind="anders", organisation="-")
    lead = user_model.objects.create(
        username=f"bench-lead-{stamp}", email=f"bench-lead-{stamp}@example.invalid"
    )
    TeamMembership.objects.create(team=team, user=lead, role=TeamRole.LEAD)
    users = user_model.objects.bulk_create(
        user_model(
            username=f"bench-{stamp}-{number}",
            email=f"bench-{stamp}-{number}@example.invalid",
            first_name=f"Lid{number:05d}",
            last_name="Benchmark",
        )
        for number in range(members)
    )
    if not all(user.pk for user in users):  # databases that return no keys
        users = list(user_model.objects.filter(username__startswith=f"bench-{stamp}-"))
    TeamMembership.objects.bulk_create(
        TeamMembership(team=team, user=user, role=TeamRole.MEMBER) for user in users
    )
    courses = list(CoursePage.objects.live().order_by("path")[:3])
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(user=user, course=course) for user in users for course in courses
    )
    if not all(enrolment.pk for enrolment in enrolments):
        enrolments = list(Enrolment.objects.filter(user__in=users))
    first_lessons = {
        course.pk: list(LessonPage.objects.live().descendant_of(course).order_by("path")[:2])
        for course in courses
    }
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=enrolment, lesson=lesson, completed_at=now)
        for number, enrolment in enumerate(enrolments)
        if number % 3 == 0
        for lesson in first_lessons[enrolment.course_id]
    )
    return team, lead


class _Rollback(Exception):
    pass


def benchmark_team_sizes(
    *, sizes: list[int], requests: int, report: Callable[[TeamFigure], None]
) -> list[TeamFigure]:
    """The team page and its CSV for a throwaway team of each size (rolled back)."""
    figures = []
    for size in sizes:
        try:
            with transaction.atomic():
                team, lead = _team_with_members(members=size)
                view_url = reverse("learning_team_detail", args=[team.pk])
                csv_url = reverse("learning_team_export", args=[team.pk])
                figure = TeamFigure(
                    members=size,
                    view=measure(page_type="team view", url=view_url, user=lead, requests=requests),
                    csv=measure(page_type="team CSV", url=csv_url, user=lead, requests=requests),
                )
                raise _Rollback
        except _Rollback:
            pass
        report(figure)
        figures.append(figure)
    return figures


def describe_setup() -> Iterator[str]:
    """What the figures were measured on."""
    yield f"Instellingen: {os.environ.get('DJANGO_SETTINGS_MODULE', '?')} (DEBUG={settings.DEBUG})"
    yield f"Database: {connection.vendor} {connection.settings_dict.get('NAME')}"
    yield f"Cache: {settings.CACHES['default']['BACKEND']}"
    yield f"Load average (1, 5, 15 min): {load_average()}"


def as_row(figure: PageFigure, **extra: Any) -> dict[str, Any]:
    return {
        "page_type": figure.page_type,
        "status": figure.status,
        "queries": figure.queries,
        "cpu_ms": round(figure.cpu_ms, 1),
        "size_kb": round(figure.size_kb, 1),
        **extra,
    }
