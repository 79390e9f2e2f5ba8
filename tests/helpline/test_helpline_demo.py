"""The helpline's demo: after `load_demo` the demo professional finds an answered
question at "Mijn vragen" (unread, with the badge in the header) and the Hulplijn finds an
urgent referral in the inbox; a second load adds nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command

from portal.helpline.models import Kind, Submission

pytestmark = pytest.mark.django_db


def _load_demo() -> None:
    call_command("load_demo", "--ook-zonder-debug", stdout=StringIO(), stderr=StringIO())


def test_the_demo_professional_has_an_answered_question_and_an_urgent_referral(client):
    cache.clear()
    _load_demo()
    professional = get_user_model().objects.get(email="professional@demo.doorbraak.nl")
    threads = Submission.objects.filter(user=professional)
    assert sorted(threads.values_list("kind", flat=True)) == [Kind.QUESTION, Kind.REFERRAL]
    referral = threads.get(kind=Kind.REFERRAL)
    assert referral.urgent and referral.problem_domains.count() == 2

    client.force_login(professional)
    page = BeautifulSoup(client.get("/hulplijn/mijn-vragen/").content, "html.parser")
    text = page.get_text(" ", strip=True)
    assert "energieschuld" in text
    assert "1 nieuw antwoord" in text
    header_link = page.select_one("header a[href='/hulplijn/mijn-vragen/']")
    assert header_link is not None and "1" in header_link.get_text()

    _load_demo()
    assert Submission.objects.filter(user=professional).count() == 2
