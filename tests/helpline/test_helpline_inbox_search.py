"""The inbox as a daily tool: subject and preview, search over reference, sender,
organisation and text (constant queries), filters in the URL, the dashboard counts, the
overdue badge, Dutch dates and standard answers."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from portal.accounts.factories import client_login_with_mfa
from portal.helpline.dates import datetime_long
from portal.helpline.due import AMSTERDAM
from portal.helpline.factories import (
    AnswerFactory,
    CannedAnswerFactory,
    ReplyFactory,
    SubmissionFactory,
)
from portal.helpline.models import Status, Submission
from portal.helpline.selectors import (
    inbox_counts,
    submission_inbox_queryset,
    submission_inbox_search,
)

pytestmark = pytest.mark.django_db

INBOX = "helpline_inbox:index"


def ago(**kwargs) -> datetime:
    return timezone.now() - timedelta(**kwargs)


def _search(query: str) -> list[Submission]:
    return list(submission_inbox_search(queryset=submission_inbox_queryset(), query=query))


def test_search_finds_reference_sender_organisation_text_and_messages():
    wmo = SubmissionFactory(
        name="Karin Smit", organisation="Wijkteam Oost", question="Wmo-indicatie loopt vast."
    )
    other = SubmissionFactory(
        name="Piet Bos", organisation="GGD Noord", question="Vraag over schuldhulp."
    )
    ReplyFactory(submission=other, author=None, body="De woningcorporatie reageert niet.")

    assert _search(wmo.reference) == [wmo]
    assert _search("karin") == [wmo]
    assert _search("GGD noord") == [other]
    assert _search("wmo-indicatie") == [wmo]
    assert _search("woningcorporatie") == [other]
    assert _search("karin schuldhulp") == []  # every word must match


def test_search_queries_stay_constant(client, staff, django_assert_max_num_queries):
    SubmissionFactory.create_batch(3, question="Vraag over de Participatiewet.")
    client_login_with_mfa(client, staff)
    client.get(reverse(INBOX), {"q": "participatiewet"})
    with django_assert_max_num_queries(40) as few:
        client.get(reverse(INBOX), {"q": "participatiewet"})
    for submission in SubmissionFactory.create_batch(15, question="Vraag over de Participatiewet."):
        AnswerFactory(submission=submission)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(INBOX), {"q": "participatiewet"})
    assert response.content.decode().count("Vraag over de Participatiewet") >= 18


def test_inbox_shows_subject_preview_and_keeps_search_and_filters_in_the_url(client, staff):
    submission = SubmissionFactory(
        question="Hoe onderbouw ik een uitzondering op de wachttijd voor schuldhulp? Graag hulp.",
        urgent=True,
    )
    AnswerFactory(submission=submission, body="We bellen je morgen om mee te denken.")
    client_login_with_mfa(client, staff)

    response = client.get(reverse(INBOX), {"q": "wachttijd", "urgent": "true"})
    page = BeautifulSoup(response.content, "html.parser")

    text = page.get_text(" ")
    assert "Hoe onderbouw ik een uitzondering op de wachttijd …" in text
    assert "IPW: We bellen je morgen om mee te denken." in text
    assert page.select_one('input[name="q"]')["value"] == "wachttijd"


def test_unread_reply_is_marked_in_the_inbox(client, staff, professional):
    submission = SubmissionFactory(user=professional)
    ReplyFactory(submission=submission)
    client_login_with_mfa(client, staff)

    assert "1 nieuwe reactie" in client.get(reverse(INBOX)).content.decode()
    client.get(reverse("helpline_inbox:edit", args=[submission.pk]))
    assert "nieuwe reactie" not in client.get(reverse(INBOX)).content.decode()


def test_overdue_badge_is_its_own_kind_and_dates_are_dutch(client, staff):
    overdue = SubmissionFactory(received_at=ago(days=10))
    client_login_with_mfa(client, staff)

    page = BeautifulSoup(client.get(reverse(INBOX)).content, "html.parser")

    badge = page.select_one(".helpline-overdue-badge")
    assert badge is not None and "Te laat" in badge.get_text()
    assert "w-status" not in " ".join(badge.get("class", []))
    assert datetime_long(overdue.due_at) in page.get_text(" ")


def test_dates_read_in_dutch_words():
    assert datetime_long(datetime(2026, 12, 4, 16, 59, tzinfo=AMSTERDAM)) == (
        "vrijdag 4 december 2026 om 16:59"
    )


def test_counts_for_the_dashboard(staff, django_assert_num_queries):
    SubmissionFactory(status=Status.NEW)
    SubmissionFactory(status=Status.NEW, urgent=True, assignee=staff)
    SubmissionFactory(status=Status.CLOSED, urgent=True, assignee=staff)
    SubmissionFactory(received_at=ago(days=10))  # overdue, new

    with django_assert_num_queries(1):
        counts = inbox_counts(user=staff)

    assert (counts.new, counts.urgent, counts.overdue, counts.mine) == (3, 1, 1, 1)


def test_dashboard_panel_links_into_the_filtered_inbox(client, staff, editor):
    SubmissionFactory(received_at=ago(days=10))
    client_login_with_mfa(client, staff)

    page = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = page.select_one(".helpline-dashboard")
    assert panel is not None
    links = {a.get_text(" ", strip=True): a["href"] for a in panel.select("li a")}
    assert links["1 Te laat"].endswith("?overdue=true")
    assert f"assignee={staff.pk}" in links["0 Aan mij toegewezen, open"]
    overdue_page = client.get(links["1 Te laat"]).content.decode()
    assert "helpline-overdue-badge" in overdue_page

    client_login_with_mfa(client, editor)
    assert "helpline-dashboard" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_open_filter(client, staff):
    open_one = SubmissionFactory(status=Status.IN_PROGRESS)
    closed = SubmissionFactory(status=Status.CLOSED)
    client_login_with_mfa(client, staff)

    html = client.get(reverse(INBOX), {"open": "true"}).content.decode()

    assert open_one.reference in html and closed.reference not in html


def test_canned_answers_are_offered_in_the_answer_form(client, staff):
    CannedAnswerFactory(title="Terugbellen", body="We bellen je binnen twee werkdagen.")
    submission = SubmissionFactory()
    client_login_with_mfa(client, staff)

    page = BeautifulSoup(
        client.get(reverse("helpline_inbox:edit", args=[submission.pk])).content, "html.parser"
    )

    option = page.select_one("[data-helpline-canned-select] option:not([value=''])")
    assert option.get_text() == "Terugbellen"
    template = page.select_one(f'template[data-helpline-canned-body="{option["value"]}"]')
    assert "We bellen je binnen twee werkdagen." in template.decode_contents()
    assert page.select_one("[data-helpline-canned-insert]").get_text() == "Invoegen"


def test_canned_answers_are_kept_by_the_hulplijn_only(client, staff, editor):
    url = reverse("wagtailsnippets_helpline_cannedanswer:add")
    client_login_with_mfa(client, editor)
    assert client.get(url).status_code in (302, 403)

    client_login_with_mfa(client, staff)
    response = client.post(
        url, {"title": "Bijstand", "body": "Bel mevrouw Jansen, BSN 1234 56 782."}
    )
    assert response.status_code == 200  # refused by the guard, text kept
    assert "1234 56 782" in response.content.decode()
