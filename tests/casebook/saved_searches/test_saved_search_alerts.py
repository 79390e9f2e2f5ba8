"""The digest of a saved search: a case published after the search was saved that the
casebook search finds is mailed once; nothing is sent when nothing is new or nothing
matches; a second run sends nothing (idempotent, task and command alike); daily is due
once a day, weekly once a week; private and draft cases never go out; a mail without
alerts on is never sent."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from casebook.models import AlertFrequency, SavedSearch
from casebook.saved_searches import services
from casebook.saved_searches.tasks import saved_search_alerts_send_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def save(professional, cases):
    def _save(frequency=AlertFrequency.DAILY, *, filters=None, query="", checked_days_ago=1):
        saved = services.saved_search_create(
            user=professional,
            name="Schulden en Wonen",
            query=query,
            filters={"domain": ["Schulden", "Wonen"]} if filters is None else filters,
            frequency=frequency,
            now=timezone.now() - timedelta(days=checked_days_ago),
        )
        return saved

    return _save


def test_a_new_matching_case_is_mailed(save, publish, mails, professional):
    saved = save()
    publish(title="Energieschuld opgelost met een betalingsregeling", region__name="Zwolle")
    publish(title="Alleen over opvoeding", domain_names=("Jeugdzorg en opvoeding",))
    with mails() as outbox:
        assert services.alerts_send_due() == 1
    (message,) = outbox
    assert message.to == [professional.email]
    assert message.subject == "Nieuwe casus bij je zoekopdracht ‘Schulden en Wonen’"
    assert "Hallo Noor," in message.body
    assert "- Energieschuld opgelost met een betalingsregeling" in message.body
    assert "Alleen over opvoeding" not in message.body
    # The cases from before the search was saved are not new.
    assert "Huurachterstand" not in message.body
    assert "/zoekopdrachten/afmelden/" in message.body
    assert "/casussen/?domain=Schulden&domain=Wonen" in message.body
    # Mail programs offer their own one-click "Afmelden" (RFC 8058) on the same link.
    assert "/zoekopdrachten/afmelden/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    saved.refresh_from_db()
    assert saved.alert_last_sent_at is not None


def test_nothing_new_nothing_sent(save, mails):
    saved = save()
    with mails() as outbox:
        assert services.alerts_send_due() == 0
    assert outbox == []
    saved.refresh_from_db()
    assert saved.alert_last_sent_at is None
    assert timezone.now() - saved.alert_checked_until < timedelta(minutes=5)


def test_a_new_case_that_does_not_match_is_not_sent(save, publish, mails):
    save(query="verhuizing", filters={"region": ["Deventer"]})
    publish(title="Schulden in Zwolle", region__name="Zwolle")
    with mails() as outbox:
        assert services.alerts_send_due() == 0
    assert outbox == []


def test_a_second_run_sends_nothing_task_and_command_alike(save, publish, mails):
    save()
    publish(title="Beslagvrije voet hersteld")
    with mails() as outbox:
        assert saved_search_alerts_send_task.enqueue().return_value == 1
        call_command("casebook_send_search_alerts", stdout=StringIO())
        assert services.alerts_send_due() == 0
    assert [m.subject for m in outbox] == ["Nieuwe casus bij je zoekopdracht ‘Schulden en Wonen’"]


def test_the_next_day_only_what_is_new_since(save, publish, mails):
    save()
    publish(title="Eerste nieuwe casus")
    with mails() as outbox:
        services.alerts_send_due()
        publish(title="Tweede nieuwe casus")
        assert services.alerts_send_due(now=timezone.now() + timedelta(days=1)) == 1
    assert len(outbox) == 2
    assert "Tweede nieuwe casus" in outbox[1].body
    assert "Eerste nieuwe casus" not in outbox[1].body


def test_daily_is_due_every_day_weekly_once_a_week(professional, save, publish, mails):
    daily = save(AlertFrequency.DAILY)
    weekly = save(AlertFrequency.WEEKLY, filters={"domain": ["Schulden"]}, checked_days_ago=1)
    publish(title="Nieuwe schuldencasus")
    with mails() as outbox:
        assert services.alerts_send_due() == 1  # only the daily one
        assert services.alerts_send_due(now=timezone.now() + timedelta(days=3)) == 0
        assert services.alerts_send_due(now=timezone.now() + timedelta(days=7)) == 1
        assert services.alerts_send_due(now=timezone.now() + timedelta(days=8)) == 0
    assert [m.subject.split("‘")[1] for m in outbox] == [
        f"{daily.name}’",
        f"{weekly.name}’",
    ]
    assert all("Nieuwe schuldencasus" in m.body for m in outbox)
    assert "elke dag" in outbox[0].body
    assert "elke week" in outbox[1].body


def test_no_mail_without_alerts_or_after_unsubscribing(save, publish, mails):
    save(AlertFrequency.NONE)
    other = save(AlertFrequency.WEEKLY, filters={"domain": ["Schulden"]}, checked_days_ago=8)
    services.saved_search_unsubscribe(saved_search=other)
    publish(title="Nieuwe casus")
    with mails() as outbox:
        assert services.alerts_send_due() == 0
    assert outbox == []


def test_switching_alerts_on_later_counts_from_then(save, publish, mails):
    saved = save(AlertFrequency.NONE)
    publish(title="Gepubliceerd voordat de e-mail aan ging")
    services.saved_search_update(
        saved_search=saved,
        name=saved.name,
        frequency=AlertFrequency.DAILY,
        now=timezone.now(),
    )
    SavedSearch.objects.filter(pk=saved.pk).update(
        alert_checked_until=timezone.now() - timedelta(days=1)
    )
    with mails() as outbox:
        assert services.alerts_send_due() == 0
    assert outbox == []


def test_private_and_unpublished_cases_are_never_mailed(save, publish, mails):
    save()
    private = publish(title="Alleen voor ingelogde professionals")
    with mails() as outbox:
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        draft = publish(title="Nog een concept")
        draft.unpublish()
        assert services.alerts_send_due() == 0
    assert outbox == []


def test_many_new_cases_are_cut_off_with_a_count(save, publish, mails, settings):
    save()
    for number in range(services.MAIL_MAX_CASES + 2):
        publish(title=f"Nieuwe casus {number:02d}")
    with mails() as outbox:
        assert services.alerts_send_due() == 1
    body = outbox[0].body
    assert outbox[0].subject == "22 nieuwe casussen bij je zoekopdracht ‘Schulden en Wonen’"
    assert body.count("\n- Nieuwe casus") == services.MAIL_MAX_CASES
    assert "En nog 2 casussen." in body


def test_one_failing_search_does_not_keep_the_others_mail_back(save, publish, mails, monkeypatch):
    broken = save(filters={"domain": ["Schulden"]})
    save()
    publish(title="Nieuwe casus voor allebei")
    real = services.cases_matching

    def failing(**kwargs):
        if kwargs["filters"] == broken.filters:
            raise RuntimeError("stuk")
        return real(**kwargs)

    monkeypatch.setattr(services, "cases_matching", failing)
    with mails() as outbox:
        assert services.alerts_send_due() == 1
    assert len(outbox) == 1
    broken.refresh_from_db()
    assert broken.alert_checked_until < timezone.now() - timedelta(hours=12)  # tried again


def test_a_stored_sort_the_casebook_no_longer_offers_is_ignored(save, publish, mails):
    saved = save()
    SavedSearch.objects.filter(pk=saved.pk).update(
        filters={"domain": ["Schulden", "Wonen"], "sort": "verdwenen"}
    )
    publish(title="Nieuwe casus")
    with mails() as outbox:
        assert services.alerts_send_due() == 1
    assert "/casussen/?domain=Schulden&domain=Wonen\n" in outbox[0].body
