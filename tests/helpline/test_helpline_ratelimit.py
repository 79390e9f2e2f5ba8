"""Rate limits per address and per account, on the embedded default cache (LocMem)."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from portal.helpline.models import Submission
from portal.helpline.ratelimit import rate_limit_take

pytestmark = pytest.mark.django_db


def test_too_many_submissions_from_one_address_are_refused_keeping_the_text(
    client, site_root, settings, question_post
):
    settings.HELPLINE_RATE_LIMITS = {"ip": (2, 3600), "user": (5, 3600)}
    for _ in range(2):
        client.post(reverse("helpline_question"), question_post())

    response = client.post(
        reverse("helpline_question"), question_post(question="Een derde vraag over de Wmo.")
    )

    html = response.content.decode()
    assert Submission.objects.count() == 2
    assert response.status_code == 200
    assert "Wacht een uur" in html
    assert "Een derde vraag over de Wmo." in html


def test_limit_per_address_counts_across_both_forms(
    client, site_root, settings, question_post, referral_post
):
    settings.HELPLINE_RATE_LIMITS = {"ip": (1, 3600)}
    client.post(reverse("helpline_question"), question_post())

    response = client.post(reverse("helpline_referral"), referral_post())

    assert Submission.objects.count() == 1
    assert "Wacht een uur" in response.content.decode()


def test_other_addresses_are_not_limited(site_root, settings, question_post):
    settings.HELPLINE_RATE_LIMITS = {"ip": (1, 3600)}
    Client(REMOTE_ADDR="10.0.0.1").post(reverse("helpline_question"), question_post())
    Client(REMOTE_ADDR="10.0.0.2").post(reverse("helpline_question"), question_post())

    assert Submission.objects.count() == 2


def test_a_forwarded_header_is_ignored_without_trusted_proxies(site_root, settings, question_post):
    settings.HELPLINE_RATE_LIMITS = {"ip": (1, 3600)}
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2")
    first.post(reverse("helpline_question"), question_post())

    response = second.post(reverse("helpline_question"), question_post())

    assert Submission.objects.count() == 1  # same REMOTE_ADDR: a forged header is no escape
    assert "Wacht een uur" in response.content.decode()


def test_behind_a_trusted_proxy_each_visitor_has_their_own_limit(
    site_root, settings, question_post
):
    settings.HELPLINE_RATE_LIMITS = {"ip": (1, 3600)}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    visitor_a = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.1")
    visitor_b = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.2")
    # Visitor A forges an address on the left; the proxy appended the real one.
    visitor_a_forging = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.1")

    visitor_a.post(reverse("helpline_question"), question_post())
    visitor_b.post(reverse("helpline_question"), question_post())
    response = visitor_a_forging.post(reverse("helpline_question"), question_post())

    assert Submission.objects.count() == 2
    assert "Wacht een uur" in response.content.decode()


def test_limit_per_account_holds_across_addresses(site_root, settings, professional, question_post):
    settings.HELPLINE_RATE_LIMITS = {"ip": (100, 3600), "user": (1, 3600)}
    first, second = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    first.force_login(professional)
    second.force_login(professional)
    first.post(reverse("helpline_question"), question_post())

    response = second.post(reverse("helpline_question"), question_post())

    assert Submission.objects.count() == 1
    assert "Wacht een uur" in response.content.decode()


def test_forms_with_errors_do_not_use_up_the_limit(client, site_root, settings, question_post):
    settings.HELPLINE_RATE_LIMITS = {"ip": (1, 3600)}
    client.post(reverse("helpline_question"), question_post(email="geen-adres"))

    client.post(reverse("helpline_question"), question_post())

    assert Submission.objects.count() == 1


def anonymous_request(rf, address: str = "192.0.2.10"):
    request = rf.post("/hulplijn/", REMOTE_ADDR=address)
    request.user = AnonymousUser()
    return request


def test_limit_resets_after_the_window(site_root, settings, rf):
    settings.HELPLINE_RATE_LIMITS = {"ip": (1, 60)}
    request = anonymous_request(rf)

    assert rate_limit_take(request=request, now=1_000_020.0)
    assert not rate_limit_take(request=request, now=1_000_030.0)
    assert rate_limit_take(request=request, now=1_000_090.0)


def test_parallel_submissions_from_one_address_get_exactly_the_limit_through(settings, rf):
    settings.HELPLINE_RATE_LIMITS = {"ip": (10, 3600)}
    requests = [anonymous_request(rf) for _ in range(40)]
    barrier = threading.Barrier(8)

    def submit(request) -> bool:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=0.5)  # start together
        return rate_limit_take(request=request)

    with ThreadPoolExecutor(max_workers=8) as pool:
        let_through = list(pool.map(submit, requests))

    assert let_through.count(True) == 10
    assert rate_limit_take(request=anonymous_request(rf, "198.51.100.7"))  # another address
