"""Rules for following pages and telling followers about what is new.

What can be followed (`FOLLOWABLE`): a standard, a plan template (both versioned: a new
version is news), a course and the lessons learned (a new page under it is news).

When a page is published for the first time (`follow_notices_record`, from Wagtail's
`page_published` signal), every follower of a page it reaches is recorded once in a
`FollowNotice` (unique per follower and revision, so publishing twice, or a signal sent
twice, never tells anyone twice):
- a new version reaches the older versions it replaces (the follow moves on to the new
  version, so the follower keeps following the current one);
- a new page reaches its ancestors (a lesson in a course, a lesson learned in the index).
Wagtail's page privacy holds (`page_readable_by`): a page behind a view restriction the
person does not pass cannot be followed, and a follower who may not read the new page
gets no notice of it (its title and "Wat is er veranderd" would be in the mail).
After commit a task sends the mails of followers who want each one at once
(`follow_notices_send`); `follows_send_digests` sends one mail a day to the others. Each
mail has a signed link to stop following without logging in (`unsubscribe_token`), also
offered as a one-click unsubscribe (RFC 8058 headers, through `queue_mail`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from learning.models import CoursePage, PlanTemplatePage
from portal.core.mail import queue_mail
from portal.core.models import VersionedPage
from portal.core.page_cache import page_is_public
from portal.insights.models import InsightIndexPage
from portal.standards.models import StandardPage

from .models import Follow, FollowNotice, FollowSetting, Frequency

#: The page types a person can follow.
FOLLOWABLE: tuple[type[Page], ...] = (StandardPage, PlanTemplatePage, CoursePage, InsightIndexPage)
UNSUBSCRIBE_SALT = "learning.follows.unsubscribe"


class FollowError(Exception):
    """A page that cannot be followed (not a followable type, or not live)."""


def page_is_followable(*, page: Page) -> bool:
    specific_class = page.specific_class
    return specific_class is not None and issubclass(specific_class, FOLLOWABLE)


# -- following ---------------------------------------------------------------------------
def _restrictions_passed(restrictions: Iterable[PageViewRestriction], user: Any) -> bool:
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            if not user.is_authenticated:
                return False
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            if user.is_superuser:
                continue
            group_ids = {group.pk for group in restriction.groups.all()}
            if not user.is_authenticated or not user.groups.filter(pk__in=group_ids).exists():
                return False
        else:
            # A password lives in a session, not with the account: never passed here.
            return False
    return True


def page_readable_by(*, page: Page, user: Any) -> bool:
    """Whether `user` passes the view restrictions of `page` and its ancestors, as
    Wagtail's `accept_request` judges them (login, groups), without a request; a
    password restriction is never passed. No query when nothing on the way is restricted
    (the page-tree cache knows)."""
    if page_is_public(page):
        return True
    return _restrictions_passed(page.get_view_restrictions(), user)


def follow_create(*, user: Any, page: Page) -> Follow:
    """Follow `page` (idempotent: following twice keeps one follow)."""
    if (
        not page_is_followable(page=page)
        or not page.live
        or not page_readable_by(page=page, user=user)
    ):
        raise FollowError(_("Deze pagina kun je niet volgen."))
    follow, _created = Follow.objects.get_or_create(user=user, page=page)
    return follow


def follow_delete(*, user: Any, page_id: int) -> int:
    """Stop following a page; returns how many follows were removed (0 or 1)."""
    deleted, _details = Follow.objects.filter(user=user, page_id=page_id).delete()
    return deleted


def follow_setting_update(*, user: Any, frequency: str) -> FollowSetting:
    if frequency not in Frequency.values:
        raise FollowError(_("Kies hoe vaak je een mail wilt krijgen."))
    setting, _created = FollowSetting.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return setting


# -- unsubscribe links -------------------------------------------------------------------
def unsubscribe_token(*, user_id: int, page_id: int | None) -> str:
    """A signed token to stop following one page (or, with page_id None, everything)."""
    return signing.dumps({"u": user_id, "p": page_id}, salt=UNSUBSCRIBE_SALT, compress=True)


@dataclass(frozen=True)
class UnsubscribeRequest:
    user_id: int
    page_id: int | None


def unsubscribe_token_read(*, token: str) -> UnsubscribeRequest | None:
    """The request in a token, or None when the token is not one we signed."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    page_id = data.get("p")
    return UnsubscribeRequest(
        user_id=data["u"], page_id=page_id if isinstance(page_id, int) else None
    )


def unsubscribe_apply(*, request: UnsubscribeRequest) -> int:
    """Stop the follow(s) a token names; returns how many follows were removed."""
    follows = Follow.objects.filter(user_id=request.user_id)
    if request.page_id is not None:
        follows = follows.filter(page_id=request.page_id)
    deleted, _details = follows.delete()
    return deleted


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_url(*, user_id: int, page_id: int | None) -> str:
    token = unsubscribe_token(user_id=user_id, page_id=page_id)
    return _absolute(reverse("follows:unsubscribe", args=[token]))


# -- recording what is new ---------------------------------------------------------------
def _older_version_ids(page: VersionedPage) -> list[int]:
    """The versions `page` replaces, directly or through others (oldest last)."""
    model = type(page)
    graph = dict(model.objects.values_list("pk", "supersedes_id"))
    found: list[int] = []
    current = graph.get(page.pk)
    while current is not None and current not in found:
        found.append(current)
        current = graph.get(current)
    return found


def _ancestor_paths(page: Page) -> list[str]:
    step = Page.steplen
    return [page.path[:length] for length in range(step, len(page.path), step)]


def _is_first_publication(page: Page) -> bool:
    """Whether this publication is the page's first (a new version or a new item), not a
    correction of something already published: Wagtail sets both dates to the same
    moment on a first publication."""
    return page.first_published_at is not None and page.first_published_at == (
        page.last_published_at
    )


@transaction.atomic
def follow_notices_record(*, page: Page, revision: Any) -> list[int]:
    """Record a notice per follower reached by this first publication of `page`; moves
    follows of older versions on to the new version. Returns the ids of new notices."""
    page = page.specific
    if revision is None or not _is_first_publication(page):
        return []
    reached: set[int] = set()
    older_ids: list[int] = []
    if isinstance(page, VersionedPage) and page.supersedes_id is not None:
        older_ids = _older_version_ids(page)
        reached.update(older_ids)
    ancestor_paths = _ancestor_paths(page)
    follows = list(
        Follow.objects.filter(Q(page_id__in=reached) | Q(page__path__in=ancestor_paths))
        .select_related("page", "user")
        .order_by("pk")
    )
    restrictions = list(page.get_view_restrictions().prefetch_related("groups"))
    created: list[int] = []
    for follow in follows:
        if restrictions and not _restrictions_passed(restrictions, follow.user):
            continue  # the follow stays; this page is not theirs to read
        try:
            with transaction.atomic():
                notice = FollowNotice.objects.create(
                    user_id=follow.user_id,
                    followed_id=follow.page_id,
                    page=page,
                    revision_id=revision.pk,
                )
        except IntegrityError:
            continue  # already told about this revision
        created.append(notice.pk)
    if older_ids:
        _follows_move_to(page=page, older_ids=older_ids)
    return created


def _follows_move_to(*, page: Page, older_ids: Iterable[int]) -> None:
    """Followers of an older version now follow the new one (one follow each)."""
    moving = Follow.objects.filter(page_id__in=list(older_ids))
    already = set(Follow.objects.filter(page=page).values_list("user_id", flat=True))
    moving.filter(user_id__in=already).delete()
    moving.update(page=page)


# -- sending -----------------------------------------------------------------------------
def _notice_lines(notice: FollowNotice) -> list[str]:
    page = notice.page.specific
    followed = notice.followed.specific if notice.followed_id != notice.page_id else page
    lines: list[str] = []
    if isinstance(page, VersionedPage) and page.supersedes_id is not None:
        lines.append(
            _("Nieuwe versie: %(title)s, versie %(version)s")
            % {"title": page.title, "version": page.version}
        )
        if page.changes:
            lines.append(_("Wat is er veranderd: %(changes)s") % {"changes": page.changes})
    else:
        lines.append(
            _("Nieuw in %(followed)s: %(title)s")
            % {"followed": followed.title, "title": page.title}
        )
    lines.append(page.get_full_url() or _absolute(page.url or "/"))
    return lines


def _footer(*, stop_url: str, page_id: int | None) -> list[str]:
    profile = _absolute(reverse("accounts_profile"))
    if page_id is None:
        stop = _("Niets meer volgen (zonder inloggen): %(url)s")
    else:
        stop = _("Deze pagina niet meer volgen (zonder inloggen): %(url)s")
    return [
        "",
        "-- ",
        _("Je krijgt deze mail omdat je dit volgt op de Doorbraak Leeromgeving."),
        stop % {"url": stop_url},
        _("Wat je volgt en hoe vaak je mail krijgt, regel je op je profiel: %(url)s")
        % {"url": profile},
    ]


def _frequency_of(user_ids: Iterable[int]) -> dict[int, str]:
    return dict(
        FollowSetting.objects.filter(user_id__in=list(user_ids)).values_list("user_id", "frequency")
    )


def _claim(notice_ids: list[int], now: Any) -> int:
    """Mark notices as sent, only those not sent yet; returns how many were claimed."""
    return FollowNotice.objects.filter(pk__in=notice_ids, sent_at__isnull=True).update(sent_at=now)


def follow_notices_send(*, notice_ids: Iterable[int] | None = None) -> int:
    """Mail the pending notices of followers who want each one at once (all pending ones,
    or those in `notice_ids`). Each notice is claimed before its mail is queued, in one
    transaction, so running this twice never sends a mail twice. Returns mails queued."""
    pending = FollowNotice.objects.filter(sent_at__isnull=True).select_related(
        "user", "page", "followed"
    )
    if notice_ids is not None:
        pending = pending.filter(pk__in=list(notice_ids))
    notices = list(pending.order_by("pk"))
    frequencies = _frequency_of(notice.user_id for notice in notices)
    sent = 0
    for notice in notices:
        if frequencies.get(notice.user_id, Frequency.IMMEDIATE) != Frequency.IMMEDIATE:
            continue
        with transaction.atomic():
            if not _claim([notice.pk], timezone.now()):
                continue
            page = notice.page.specific
            if isinstance(page, VersionedPage) and page.supersedes_id is not None:
                subject = _("Nieuwe versie van %(title)s") % {"title": page.title}
            else:
                subject = _("Nieuw: %(title)s") % {"title": page.title}
            stop_url = unsubscribe_url(user_id=notice.user_id, page_id=page.pk)
            body = "\n".join(
                [
                    _("Hallo %(name)s,") % {"name": notice.user.first_name or ""},
                    "",
                    *_notice_lines(notice),
                    *_footer(stop_url=stop_url, page_id=page.pk),
                ]
            )
            queue_mail(to=[notice.user.email], subject=subject, body=body, unsubscribe_url=stop_url)
            sent += 1
    return sent


def follows_send_digests() -> int:
    """One mail per follower who chose the daily digest, with every pending notice;
    returns the number of digests queued. Run daily (`manage.py follows_send_digests`)."""
    daily_users = FollowSetting.objects.filter(frequency=Frequency.DAILY).values("user_id")
    pending = (
        FollowNotice.objects.filter(sent_at__isnull=True, user_id__in=daily_users)
        .select_related("user", "page", "followed")
        .order_by("user_id", "pk")
    )
    by_user: dict[int, list[FollowNotice]] = {}
    for notice in pending:
        by_user.setdefault(notice.user_id, []).append(notice)
    sent = 0
    for user_id, notices in by_user.items():
        with transaction.atomic():
            if _claim([notice.pk for notice in notices], timezone.now()) == 0:
                continue
            claimed = list(
                FollowNotice.objects.filter(pk__in=[n.pk for n in notices])
                .select_related("user", "page", "followed")
                .order_by("pk")
            )
            lines = [
                _("Hallo %(name)s,") % {"name": notices[0].user.first_name or ""},
                "",
                _("Dit is nieuw in wat je volgt:"),
            ]
            for notice in claimed:
                lines.append("")
                lines.extend(_notice_lines(notice))
            stop_url = unsubscribe_url(user_id=user_id, page_id=None)
            lines.extend(_footer(stop_url=stop_url, page_id=None))
            queue_mail(
                unsubscribe_url=stop_url,
                to=[notices[0].user.email],
                subject=_("Nieuw in wat je volgt (%(count)s)") % {"count": len(claimed)},
                body="\n".join(lines),
            )
            sent += 1
    return sent


# -- account data ------------------------------------------------------------------------
def follows_export_for_user(user: Any) -> dict[str, Any]:
    """The follows and the mail setting, for the data export."""
    setting = FollowSetting.objects.filter(user=user).first()
    return {
        "frequency": setting.frequency if setting else Frequency.IMMEDIATE.value,
        "follows": [
            {"page": title, "url": url_path, "since": created_at}
            for title, url_path, created_at in Follow.objects.filter(user=user)
            .order_by("created_at")
            .values_list("page__title", "page__url_path", "created_at")
        ],
    }


def follows_delete_for_user(user: Any) -> int:
    """Follows and notices go with the account (they cascade); counted for the report."""
    deleted, _details = Follow.objects.filter(user=user).delete()
    notices, _details = FollowNotice.objects.filter(user=user).delete()
    FollowSetting.objects.filter(user=user).delete()
    return deleted + notices
