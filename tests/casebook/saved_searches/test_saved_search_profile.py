"""Managing saved searches on the profile: each with its summary, a link into the
casebook and its feed; rename and change the mail (alerts counted from then), delete;
someone else's saved search is a 404; part of the data export (without link secrets)
and gone with the account."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from casebook.models import AlertFrequency, SavedSearch
from casebook.saved_searches import services
from portal.accounts.factories import UserFactory
from portal.accounts.services import account_delete

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(professional, cases):
    return services.saved_search_create(
        user=professional,
        name="Schulden in Zwolle",
        query="huur",
        filters={"domain": ["Schulden"], "region": ["Zwolle"]},
    )


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/accounts/profile/")
    return len(queries)


def test_the_profile_lists_them_with_links_in_constant_queries(client, professional, saved):
    client.force_login(professional)
    client.get("/accounts/profile/")
    client.get("/accounts/profile/")
    one = _queries(client)
    services.saved_search_create(
        user=professional, name="Wonen", query="", filters={"domain": ["Wonen"]}
    )
    assert _queries(client) <= one
    response = client.get("/accounts/profile/")
    section = soup(response).select_one("#zoekopdrachten")
    headings = [h.get_text(strip=True) for h in section.find_all("h3")]
    assert headings == ["Schulden in Zwolle", "Wonen"]
    text = section.get_text(" ", strip=True)
    assert "Zoekt op: ‘huur’ · Schulden · Zwolle" in text
    open_link = next(
        a for a in section.find_all("a") if a.get_text().startswith("Openen in het casusboek")
    )
    assert open_link["href"] == "/casussen/?q=huur&domain=Schulden&region=Zwolle"
    feeds = section.select("a[type='application/rss+xml']")
    assert len(feeds) == 2 and feeds[0]["href"].startswith("/zoekopdrachten/feed/")


def test_the_profile_without_saved_searches_says_how(client, professional, cases):
    client.force_login(professional)
    section = soup(client.get("/accounts/profile/")).select_one("#zoekopdrachten")
    assert "Je hebt nog geen zoekopdrachten bewaard" in section.get_text()


def test_rename_and_switch_on_the_weekly_mail(client, professional, saved):
    client.force_login(professional)
    prefix = f"zoekopdracht-{saved.pk}"
    response = client.post(
        f"/zoekopdrachten/{saved.pk}/",
        {f"{prefix}-name": "Huur in Zwolle", f"{prefix}-frequency": "weekly"},
        follow=True,
    )
    assert "Zoekopdracht ‘Huur in Zwolle’ opgeslagen." in response.content.decode()
    saved.refresh_from_db()
    assert saved.name == "Huur in Zwolle"
    assert saved.frequency == AlertFrequency.WEEKLY
    assert saved.alerts_on_since is not None


def test_a_rename_with_personal_data_keeps_what_was_typed(client, professional, saved):
    client.force_login(professional)
    prefix = f"zoekopdracht-{saved.pk}"
    response = client.post(
        f"/zoekopdrachten/{saved.pk}/",
        {f"{prefix}-name": "Mevrouw Jansen, 06-12345678", f"{prefix}-frequency": "daily"},
    )
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one(f"#id_{prefix}-name")["value"] == "Mevrouw Jansen, 06-12345678"
    assert page.select_one(f"#id_{prefix}-frequency option[selected]")["value"] == "daily"
    assert page.h1.get_text(strip=True) == "Zoekopdracht ‘Schulden in Zwolle’"
    saved.refresh_from_db()
    assert saved.name == "Schulden in Zwolle"
    assert saved.frequency == AlertFrequency.NONE


def test_delete(client, professional, saved):
    client.force_login(professional)
    response = client.post(f"/zoekopdrachten/{saved.pk}/verwijderen/", follow=True)
    assert "Zoekopdracht ‘Schulden in Zwolle’ verwijderd." in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_someone_elses_saved_search_is_a_404(client, saved):
    client.force_login(UserFactory())
    assert client.get(f"/zoekopdrachten/{saved.pk}/").status_code == 404
    assert client.post(f"/zoekopdrachten/{saved.pk}/verwijderen/").status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_part_of_the_data_export_without_secrets(client, professional, saved):
    client.force_login(professional)
    response = client.post("/accounts/profile/export/")
    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    (exported,) = data["bewaarde_zoekopdrachten"]
    assert exported["name"] == "Schulden in Zwolle"
    assert exported["query"] == "huur"
    assert exported["filters"] == {"domain": ["Schulden"], "region": ["Zwolle"]}
    assert exported["frequency_label"] == "Geen e-mail"
    assert str(saved.link_key) not in json.dumps(data, default=str)
    assert saved.link_key.hex not in json.dumps(data, default=str)


def test_gone_with_the_account(professional, saved):
    other = services.saved_search_create(
        user=UserFactory(), name="Van een ander", query="", filters={"domain": ["Wonen"]}
    )
    counts = account_delete(user=professional)
    assert counts.get("bewaarde_zoekopdrachten") == 1
    assert list(SavedSearch.objects.all()) == [other]
