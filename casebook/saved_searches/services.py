"""Writing saved searches, and the mail digest of new matching cases.

Saving: the search is what the casebook's form validated (params.search_normalise); the
name and the query pass the anonymisation guard (`SavedSearch.full_clean`); a user keeps
at most `CASEBOOK_SAVED_SEARCHES_MAX` searches (default 25) and the same search only once.

The digest (`alerts_send_due`, run by the task or `manage.py casebook_send_search_alerts`,
hourly or daily by cron): a saved search with daily mail is due once per calendar day,
with weekly mail once the last check is seven days ago. A due search looks for live,
public cases first published after its high-water mark (`alert_checked_until`, minus a
look-back of one day for cases whose index update came late, but never before the mail
was switched on) that the casebook search
with its parameters finds, leaving out the cases it mailed before (`alert_sent_ids`). New
cases: one mail through the portal's outbox. Either way the mark moves to now. Each
search is handled in its own transaction with its row locked, so a second run at the
same time, or straight after, sends nothing again.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.core.mail import queue_mail

from ..models import AlertFrequency, SavedSearch
from .params import search_default_name
from .selectors import (
    MatchingCase,
    casebook_path,
    cases_matching,
    max_saved_searches,
    saved_search_path,
    saved_search_same,
)
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)

#: Cases published this long before the mark are looked at again (late index updates).
LOOK_BACK = timedelta(days=1)
#: At most this many cases are listed in one mail; the rest is a link to the casebook.
MAIL_MAX_CASES = 20


def _site_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _alerts_on(frequency: str) -> bool:
    return frequency in (AlertFrequency.DAILY, AlertFrequency.WEEKLY)


def saved_search_create(
    *,
    user: AbstractBaseUser,
    name: str,
    query: str,
    filters: dict,
    frequency: str = AlertFrequency.NONE,
    now: datetime | None = None,
) -> SavedSearch:
    """Save a normalised search (params.search_normalise) for `user`; an empty name gets
    one built from the search. Raises ValidationError (per field, or for the whole form:
    the limit, the same search saved before) with Dutch messages."""
    existing = list(SavedSearch.objects.filter(user=user).only("pk", "name", "query", "filters"))
    limit = max_saved_searches()
    if len(existing) >= limit:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _(
                        "Je kunt hoogstens %(max)s zoekopdrachten bewaren. Verwijder eerst "
                        "een zoekopdracht die je niet meer gebruikt (op je profiel)."
                    )
                    % {"max": limit}
                ]
            }
        )
    same = saved_search_same(saved_searches=existing, query=query, filters=filters)
    if same is not None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _("Deze zoekopdracht heb je al bewaard als ‘%(name)s’.") % {"name": same.name}
                ]
            }
        )
    saved_search = SavedSearch(
        user=user,
        name=(name or "").strip() or search_default_name(query=query, filters=filters),
        query=query,
        filters=filters,
        frequency=frequency,
    )
    if _alerts_on(frequency):
        saved_search.alert_checked_until = saved_search.alerts_on_since = now or timezone.now()
    saved_search.full_clean(exclude=["user"])
    saved_search.save()
    return saved_search


def saved_search_update(
    *, saved_search: SavedSearch, name: str, frequency: str, now: datetime | None = None
) -> SavedSearch:
    """Rename and choose the mail; alerts switched on count from now (nothing older)."""
    saved_search.name = (name or "").strip() or search_default_name(
        query=saved_search.query, filters=saved_search.filters
    )
    if _alerts_on(frequency) and not _alerts_on(saved_search.frequency):
        saved_search.alert_checked_until = saved_search.alerts_on_since = now or timezone.now()
        saved_search.alert_sent_ids = []
    saved_search.frequency = frequency
    saved_search.full_clean(exclude=["user"])
    saved_search.save()
    return saved_search


def saved_search_delete(*, saved_search: SavedSearch) -> None:
    saved_search.delete()


def saved_search_unsubscribe(*, saved_search: SavedSearch) -> bool:
    """Stop the mails of this search (the search itself stays); False when already off."""
    if not _alerts_on(saved_search.frequency):
        return False
    saved_search.frequency = AlertFrequency.NONE
    saved_search.save(update_fields=["frequency", "updated_at"])
    return True


def saved_searches_delete_for_user(user: AbstractBaseUser) -> int:
    """Account deletion: every saved search of the user (they cascade anyway; counted)."""
    return SavedSearch.objects.filter(user=user).delete()[0]


# ------------------------------------------------------------------ the digest


def alert_due(*, saved_search: SavedSearch, now: datetime) -> bool:
    """Daily: not yet checked today; weekly: last checked seven days ago or longer."""
    if not _alerts_on(saved_search.frequency):
        return False
    if saved_search.alert_checked_until is None:
        return True
    last = timezone.localdate(saved_search.alert_checked_until)
    today = timezone.localdate(now)
    if saved_search.frequency == AlertFrequency.DAILY:
        return last < today
    return last <= today - timedelta(days=7)


def _mail_body(
    saved_search: SavedSearch, matches: list[MatchingCase], *, casebook: str, unsubscribe: str
) -> str:
    user = saved_search.user
    greeting = _("Hallo %(name)s,") % {"name": user.first_name} if user.first_name else _("Hallo,")
    lines = [
        greeting,
        "",
        ngettext(
            "Er is %(count)s nieuwe casus gepubliceerd bij je bewaarde zoekopdracht ‘%(name)s’:",
            "Er zijn %(count)s nieuwe casussen gepubliceerd bij je bewaarde zoekopdracht "
            "‘%(name)s’:",
            len(matches),
        )
        % {"count": len(matches), "name": saved_search.name},
        "",
    ]
    for match in matches[:MAIL_MAX_CASES]:
        hit = match.hit
        details = " · ".join(str(part) for part in (hit.household, hit.region, hit.year) if part)
        lines += [f"- {hit.title}", f"  {details}", f"  {_site_url(hit.url)}", ""]
    if len(matches) > MAIL_MAX_CASES:
        rest = len(matches) - MAIL_MAX_CASES
        lines += [
            ngettext("En nog %(count)s casus.", "En nog %(count)s casussen.", rest)
            % {"count": rest},
            "",
        ]
    frequency = _("elke dag") if saved_search.frequency == AlertFrequency.DAILY else _("elke week")
    lines += [
        _("Alle casussen van deze zoekopdracht: %(url)s")
        % {"url": _site_url(saved_search_path(saved_search=saved_search, casebook=casebook))},
        "",
        _(
            "Je krijgt deze e-mail %(frequency)s als er nieuwe casussen zijn, omdat je dat "
            "voor deze zoekopdracht hebt gekozen. Wijzigen of stoppen kan op je profiel: "
            "%(profile)s"
        )
        % {
            "frequency": frequency,
            "profile": _site_url(reverse("accounts_profile") + "#zoekopdrachten"),
        },
        _("Of stop deze e-mail zonder in te loggen: %(url)s") % {"url": unsubscribe},
    ]
    return "\n".join(lines)


def _alert_send(saved_search_id: int, *, now: datetime, casebook: str) -> bool:
    """Check one saved search (in its own transaction, its row locked); True when a mail
    was queued."""
    with transaction.atomic():
        saved_search = (
            SavedSearch.objects.select_for_update()
            .select_related("user")
            .filter(pk=saved_search_id)
            .first()
        )
        if saved_search is None or not alert_due(saved_search=saved_search, now=now):
            return False
        mark = saved_search.alert_checked_until
        sent_before = {int(pk) for pk in saved_search.alert_sent_ids or []}
        published_after = (mark or now) - LOOK_BACK
        if saved_search.alerts_on_since and saved_search.alerts_on_since > published_after:
            published_after = saved_search.alerts_on_since
        # Everything published after the mark minus the look-back: the cases mailed
        # before are left out by id, the rest is new.
        seen = cases_matching(
            query=saved_search.query,
            filters=saved_search.filters,
            published_after=published_after,
        )
        matches = [match for match in seen if match.hit.id not in sent_before]
        matches = [match for match in matches if match.published_at <= now]
        new_mark = now
        keep_after = new_mark - LOOK_BACK
        sent_now = {match.hit.id for match in matches}
        published = {match.hit.id: match.published_at for match in seen}
        saved_search.alert_sent_ids = sorted(
            pk for pk in sent_before | sent_now if pk in published and published[pk] > keep_after
        )
        saved_search.alert_checked_until = new_mark
        fields = ["alert_checked_until", "alert_sent_ids"]
        if matches and saved_search.user.email:
            token = unsubscribe_token(saved_search=saved_search)
            unsubscribe = _site_url(reverse("saved_searches:unsubscribe", args=[token]))
            queue_mail(
                to=[saved_search.user.email],
                subject=ngettext(
                    "Nieuwe casus bij je zoekopdracht ‘%(name)s’",
                    "%(count)s nieuwe casussen bij je zoekopdracht ‘%(name)s’",
                    len(matches),
                )
                % {"count": len(matches), "name": saved_search.name},
                body=_mail_body(saved_search, matches, casebook=casebook, unsubscribe=unsubscribe),
                unsubscribe_url=unsubscribe,
            )
            saved_search.alert_last_sent_at = now
            fields.append("alert_last_sent_at")
        saved_search.save(update_fields=fields)
        return bool(matches and saved_search.user.email)


def alerts_send_due(*, now: datetime | None = None) -> int:
    """Send the digest of every due saved search (see the module doc); returns how many
    mails were queued. Idempotent: a second run sends nothing new."""
    now = now or timezone.now()
    today_start = timezone.make_aware(
        datetime.combine(timezone.localdate(now), datetime.min.time())
    )
    ids = list(
        SavedSearch.objects.filter(
            Q(alert_checked_until__isnull=True) | Q(alert_checked_until__lt=today_start),
            frequency__in=[AlertFrequency.DAILY, AlertFrequency.WEEKLY],
            user__is_active=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    casebook = casebook_path()
    sent = 0
    for pk in ids:
        try:
            sent += _alert_send(pk, now=now, casebook=casebook)
        except Exception:  # one broken search must not keep the others' mail back
            logger.exception("Saved search %s: the digest failed; it is tried again next run", pk)
    return sent
