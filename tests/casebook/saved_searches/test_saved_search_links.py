"""The links that work without logging in: unsubscribing from a saved search's mail (GET
asks, POST stops it, RFC 8058's one-click POST too; a forged, feed or retired token does
nothing), and the RSS feed per saved search (only live, public cases the search finds,
newest first; a bad token is a 404)."""

from __future__ import annotations

import uuid
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import PageViewRestriction

from casebook.models import AlertFrequency, SavedSearch
from casebook.saved_searches import services
from casebook.saved_searches.tokens import feed_token, unsubscribe_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(professional, cases):
    return services.saved_search_create(
        user=professional,
        name="Schulden",
        query="",
        filters={"domain": ["Schulden"]},
        frequency=AlertFrequency.WEEKLY,
    )


def unsubscribe_url(saved_search) -> str:
    return reverse(
        "saved_searches:unsubscribe", args=[unsubscribe_token(saved_search=saved_search)]
    )


def test_unsubscribe_asks_first_then_stops_the_mail_without_a_login(client, saved):
    url = unsubscribe_url(saved)
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert "Wil je geen e-mail meer krijgen" in page.get_text()
    assert page.find("button", string="Afmelden") is not None
    saved.refresh_from_db()
    assert saved.frequency == AlertFrequency.WEEKLY  # a mail scanner's GET changes nothing

    client.handler.enforce_csrf_checks = True  # no cookie in a mail client: still works
    response = client.post(url)
    assert response.status_code == 200
    assert "Je krijgt geen e-mail meer over nieuwe casussen bij ‘Schulden’" in (
        response.content.decode()
    )
    saved.refresh_from_db()
    assert saved.frequency == AlertFrequency.NONE
    assert SavedSearch.objects.filter(pk=saved.pk).exists()  # the search itself stays


def test_one_click_unsubscribe_rfc_8058(client, saved):
    response = client.post(
        unsubscribe_url(saved),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    saved.refresh_from_db()
    assert saved.frequency == AlertFrequency.NONE


def test_a_forged_or_retired_or_wrong_kind_of_token_does_nothing(client, saved):
    forged = unsubscribe_token(saved_search=saved)[:-3] + "abc"
    feed = feed_token(saved_search=saved)
    old = unsubscribe_url(saved)
    SavedSearch.objects.filter(pk=saved.pk).update(link_key=uuid.uuid4())
    for url in (
        reverse("saved_searches:unsubscribe", args=[forged]),
        reverse("saved_searches:unsubscribe", args=[feed]),
        old,
    ):
        response = client.post(url)
        assert response.status_code == 404
        assert "Deze afmeldlink werkt niet (meer)" in response.content.decode()
    saved.refresh_from_db()
    assert saved.frequency == AlertFrequency.WEEKLY


def _feed(client, saved_search) -> ElementTree.Element:
    response = client.get(
        reverse("saved_searches:feed", args=[feed_token(saved_search=saved_search)])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ElementTree.fromstring(response.content)


def test_the_feed_lists_the_matching_public_cases_newest_first_without_login(
    client, saved, publish
):
    publish(title="Nieuwe schuldencasus", domain_names=("Schulden",))
    private = publish(title="Besloten schuldencasus", domain_names=("Schulden",))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    private.save()  # the index follows the restriction after the commit
    publish(title="Alleen opvoeding", domain_names=("Jeugdzorg en opvoeding",))
    channel = _feed(client, saved).find("channel")
    assert channel.findtext("title") == "Casussen: Schulden"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles[0] == "Nieuwe schuldencasus"
    assert set(titles) == {
        "Nieuwe schuldencasus",
        "Huurachterstand betaald uit bijzondere bijstand",
        "Medicijnen vergoed via de gemeente",
    }
    link = channel.find("item").findtext("link")
    assert link.startswith("http") and "/casussen/" in link


def test_a_bad_feed_token_is_a_404(client, saved):
    assert client.get(reverse("saved_searches:feed", args=["nietsvanwaar"])).status_code == 404
    token = unsubscribe_token(saved_search=saved)
    assert client.get(reverse("saved_searches:feed", args=[token])).status_code == 404
