"""The public list and detail of sessions, registering through the page (a double submit
gives a message, never an error page), bringing a plan, and "Mijn sessies"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from casebook.models import Region
from learning.clinics import services
from learning.clinics.factories import ClinicPlanFactory, SessionFactory
from learning.clinics.models import RegistrationStatus

pytestmark = pytest.mark.django_db


def _page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".portal-card__title a")]


def test_the_list_filters_upcoming_past_region_and_online(client, facilitator, site_root):
    zwolle = Region.objects.create(name="Zwolle")
    heerlen = Region.objects.create(name="Heerlen")
    now = timezone.now()
    SessionFactory(title="Zwolle op locatie", region=zwolle, facilitator=facilitator)
    SessionFactory(
        title="Heerlen online",
        region=heerlen,
        online_url="https://meet.example.org/x",
        facilitator=facilitator,
    )
    SessionFactory(
        title="Vorige maand",
        region=zwolle,
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30) + timedelta(hours=2),
        facilitator=facilitator,
    )
    url = reverse("clinics:list")
    assert sorted(_titles(_page(client.get(url)))) == ["Heerlen online", "Zwolle op locatie"]
    assert _titles(_page(client.get(url, {"wanneer": "voorbij"}))) == ["Vorige maand"]
    assert _titles(_page(client.get(url, {"regio": "zwolle"}))) == ["Zwolle op locatie"]
    assert _titles(_page(client.get(url, {"vorm": "online"}))) == ["Heerlen online"]
    assert _titles(_page(client.get(url, {"vorm": "locatie"}))) == ["Zwolle op locatie"]
    page = _page(client.get(url))
    assert page.find("label", string="Regio")
    assert [o.get_text() for o in page.select("#id_regio option")] == [
        "Alle regio's",
        "Heerlen",
        "Zwolle",
    ]


def test_the_list_takes_a_constant_number_of_queries(
    client, facilitator, site_root, django_assert_max_num_queries
):
    url = reverse("clinics:list")
    SessionFactory(facilitator=facilitator)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(5):
        SessionFactory(facilitator=facilitator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(_titles(_page(response))) == 6


def test_the_detail_page_tells_a_visitor_to_log_in(client, session, site_root):
    page = _page(client.get(reverse("clinics:detail", args=[session.pk])))
    assert page.h1.get_text(strip=True) == "Kraken in Zwolle"
    assert "Stadskantoor, zaal 2.14" in page.get_text()
    assert page.find("a", string="Log in om je in te schrijven")


def test_registering_through_the_page_and_a_double_submit(client, learner, session, site_root):
    client.force_login(learner)
    url = reverse("clinics:register", args=[session.pk])
    response = client.post(url, follow=True)
    assert "Je bent ingeschreven." in response.content.decode()
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Je bent al ingeschreven voor deze sessie." in response.content.decode()
    assert session.registrations.count() == 1


def test_a_full_session_offers_the_waiting_list(client, learner, make_user, session, site_root):
    for _ in range(2):
        services.registration_create(session=session, user=make_user())
    client.force_login(learner)
    page = _page(client.get(reverse("clinics:detail", args=[session.pk])))
    assert page.find("button", string="Op de wachtlijst")
    response = client.post(reverse("clinics:register", args=[session.pk]), follow=True)
    assert "op plaats 1" in response.content.decode()


def test_cancelling_through_the_page(client, learner, session, site_root):
    services.registration_create(session=session, user=learner)
    client.force_login(learner)
    response = client.post(reverse("clinics:cancel", args=[session.pk]), follow=True)
    assert "Je bent afgemeld." in response.content.decode()
    response = client.post(reverse("clinics:cancel", args=[session.pk]), follow=True)
    assert "Je bent al afgemeld" in response.content.decode()


def test_bringing_a_plan_refused_by_the_guard_keeps_the_choice(
    client, learner, session, own_plan, site_root
):
    services.registration_create(session=session, user=learner)
    own_plan.answers["doorbraak"] = "Mail naar jan.jansen@example.nl voor de huur."
    own_plan.save()
    client.force_login(learner)
    response = client.post(reverse("clinics:plan", args=[session.pk]), {"plan": own_plan.pk})
    assert response.status_code == 400
    page = _page(response)
    summary = page.select_one(".portal-error-summary")
    assert "jan.jansen@example.nl" in summary.get_text()
    assert summary.a["href"] == "#id_plan"
    assert page.select_one("#id_plan option[selected]")["value"] == str(own_plan.pk)


def test_bringing_a_plan(client, learner, session, own_plan, site_root):
    registration = services.registration_create(session=session, user=learner)
    client.force_login(learner)
    other = ClinicPlanFactory()  # not the learner's: not offered, refused if posted
    page = _page(client.get(reverse("clinics:detail", args=[session.pk])))
    offered = [o["value"] for o in page.select("#id_plan option") if o["value"]]
    assert offered == [str(own_plan.pk)]
    response = client.post(reverse("clinics:plan", args=[session.pk]), {"plan": other.pk})
    assert response.status_code == 400
    response = client.post(reverse("clinics:plan", args=[session.pk]), {"plan": own_plan.pk})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.plan == own_plan


def test_my_sessions_lists_places_waiting_positions_plans_and_comments(
    client, learner, make_user, facilitator, own_plan, site_root, django_assert_max_num_queries
):
    full = SessionFactory(title="Vol", capacity=1, facilitator=facilitator)
    services.registration_create(session=full, user=make_user())
    services.registration_create(session=full, user=make_user())
    services.registration_create(session=full, user=learner)
    mine = SessionFactory(title="Mijn plek", facilitator=facilitator)
    registration = services.registration_create(session=mine, user=learner, plan=own_plan)
    services.plan_comment_create(
        registration=registration, section_key="situatie", text="Goed.", author=facilitator
    )
    client.force_login(learner)
    with django_assert_max_num_queries(15):
        page = _page(client.get(reverse("clinics:mine")))
    table = page.find("table")
    assert table.caption.get_text(strip=True) == "2 kraak-en-maak-sessies"
    rows = {
        row.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }
    assert rows["Vol"][1] == "Wachtlijst, plaats 2"
    assert rows["Mijn plek"][1] == RegistrationStatus.REGISTERED.label
    assert rows["Mijn plek"][2] == "Gezin met huurschuld"
    assert rows["Mijn plek"][3] == "1"
