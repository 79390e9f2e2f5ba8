"""The page benchmark: queries and CPU per request for each page type, against the
current database, through Django's test client (no server, no network).

CPU is `time.process_time()` over N requests after one warm-up request (which fills the
caches a running site has filled too: the menu, the page tree, compiled templates), so
the figure holds steady on a busy machine where wall-clock time does not. The load
average is printed beside the figures because a busy machine still costs some CPU
(caches, scheduling). Nothing is written: the team sizes and the case counts run in a
transaction that is rolled back.

Pages (the first live one of each type the database holds; a type the database lacks
is reported as missing):
home, case listing, case page, impact, site search, content page, lesson (logged in as a
learner enrolled in its course), standard (logged in), team view (logged in as its lead).

Case counts (`benchmark_case_counts`): the casebook is topped up to each number of visible
cases with throwaway copies of its own cases (other titles, regions and years; pages,
relations and case-index documents written in bulk, so the casebook lists them and the
impact page counts them), and the case listing, the impact page and the first case page
are measured at each number. The impact page's first request after the change (which
computes its figures) is reported beside the steady figure.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.signals import request_started
from django.db import connection, reset_queries, transaction
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from casebook.case_search.indexing import case_index_update
from casebook.case_search.queries import CaseSearchParams, case_search
from casebook.models import (
    CaseCost,
    CaseIndexPage,
    CaseLegalBasis,
    CasePage,
    ImpactPage,
    Region,
)
from learning.models import (
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    Team,
    TeamMembership,
    TeamRole,
)
from portal.core.page_cache import page_tree_changed
from portal.home.models import ContentPage
from portal.standards.models import StandardPage

PAGE_TYPES = (
    "home",
    "case listing",
    "case page",
    "impact",
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
    first_cpu_ms: float = 0.0  # CPU of the warm-up request (what fills the caches)


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
        ("impact", ImpactPage),
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
    started = time.process_time()
    client.get(url)
    first_cpu = time.process_time() - started
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
        first_cpu_ms=first_cpu * 1000,
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


# ------------------------------------------------------------------------ case counts


@dataclass(frozen=True)
class CaseCountFigure:
    cases: int  # visible cases the casebook lists
    listing: PageFigure
    impact: PageFigure | None
    case_page: PageFigure


def _case_templates(index: CaseIndexPage) -> list[dict[str, Any]]:
    """The casebook's visible cases with their relations, to copy."""
    cases = (
        CasePage.objects.live()
        .public()
        .child_of(index)
        .order_by("path")
        .prefetch_related("problem_domains", "legal_bases", "costs")
    )
    return [
        {
            "case": case,
            "domains": [domain.pk for domain in case.problem_domains.all()],
            "bases": [
                (basis.law_id, basis.article_id, basis.reasoning)
                for basis in case.legal_bases.all()
            ],
            "costs": [(cost.domain, cost.direct, cost.prevented) for cost in case.costs.all()],
        }
        for case in cases
    ]


def _add_cases(*, index: CaseIndexPage, count: int, templates: list[dict], start: int) -> None:
    """`count` published copies of the template cases under `index`, written in bulk
    (pages, their rows, the problem domains, legal bases and costs, and the case index).
    Call inside a transaction that is rolled back."""
    if count < 1:
        return
    regions = list(Region.objects.order_by("pk").values_list("pk", flat=True))
    content_type_id = ContentType.objects.get_for_model(CasePage).pk
    last = (
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    position = Page._str2int(last[-Page.steplen :]) if last else 0
    now = timezone.now()
    stamp = uuid.uuid4().hex[:8]
    pages = []
    for offset in range(count):
        number = start + offset
        template = templates[number % len(templates)]["case"]
        slug = f"benchmark-{stamp}-{number}"
        title = f"{template.title} ({number})"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type_id=content_type_id,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                path=Page._get_path(index.path, index.depth + 1, position + offset + 1),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )
    pages = Page.objects.bulk_create(pages, batch_size=500)
    if not all(page.pk for page in pages):  # databases that return no keys
        pages = list(
            Page.objects.filter(slug__startswith=f"benchmark-{stamp}-", depth=index.depth + 1)
        )
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    index.numchild += count
    fields = [field.name for field in CasePage._meta.local_concrete_fields]
    cases, domains, bases, costs = [], [], [], []
    through = CasePage.problem_domains.through
    for offset, page in enumerate(pages):
        number = start + offset
        template = templates[number % len(templates)]
        source = template["case"]
        case = CasePage(
            page_ptr_id=page.pk,
            **{
                name: getattr(source, name)
                for name in fields
                if name not in {"page_ptr", "region", "year", "plan_template"}
            },
            region_id=regions[number % len(regions)] if regions else source.region_id,
            year=2019 + number % 8,
            plan_template_id=source.plan_template_id,
        )
        cases.append(case)
        domains += [through(casepage_id=page.pk, problemdomain_id=pk) for pk in template["domains"]]
        bases += [
            CaseLegalBasis(
                page_id=page.pk, law_id=law, article_id=article, reasoning=text, sort_order=order
            )
            for order, (law, article, text) in enumerate(template["bases"])
        ]
        costs += [
            CaseCost(
                page_id=page.pk, domain=domain, direct=direct, prevented=prevented, sort_order=order
            )
            for order, (domain, direct, prevented) in enumerate(template["costs"])
        ]
    # Django's bulk_create refuses a model with a parent table: the case rows (the
    # parent's rows exist already) are inserted as they would be by Page.save().
    concrete = CasePage._meta.local_concrete_fields
    for begin in range(0, len(cases), 500):
        CasePage.objects._insert(cases[begin : begin + 500], fields=concrete)
    through.objects.bulk_create(domains, batch_size=500)
    CaseLegalBasis.objects.bulk_create(bases, batch_size=500)
    CaseCost.objects.bulk_create(costs, batch_size=500)
    case_index_update(page_ids=[page.pk for page in pages])
    page_tree_changed()  # as a publish does: cached figures and the page tree are renewed


def benchmark_case_counts(
    *, sizes: list[int], requests: int, report: Callable[[CaseCountFigure], None]
) -> list[CaseCountFigure]:
    """The case listing, the impact page and the first case page with the casebook
    topped up to each number of visible cases (ascending; rolled back afterwards)."""
    index = CaseIndexPage.objects.live().public().order_by("path").first()
    if index is None:
        return []
    templates = _case_templates(index)
    first_case = templates[0]["case"] if templates else None
    if first_case is None:
        return []
    listing_url = index.url
    impact = ImpactPage.objects.child_of(index).live().public().first()
    figures = []
    try:
        with transaction.atomic():
            added = 0
            for size in sorted(set(sizes)):
                visible = case_search(params=CaseSearchParams(per_page=1)).total
                _add_cases(index=index, count=size - visible, templates=templates, start=added)
                added += max(size - visible, 0)
                listed = case_search(params=CaseSearchParams(per_page=1)).total
                figure = CaseCountFigure(
                    cases=listed,
                    listing=measure(
                        page_type="case listing", url=listing_url, user=None, requests=requests
                    ),
                    impact=measure(page_type="impact", url=impact.url, user=None, requests=requests)
                    if impact is not None
                    else None,
                    case_page=measure(
                        page_type="case page", url=first_case.url, user=None, requests=requests
                    ),
                )
                report(figure)
                figures.append(figure)
            raise _Rollback
    except _Rollback:
        pass
    page_tree_changed()  # nothing cached from the throwaway cases outlives them
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
