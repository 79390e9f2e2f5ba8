"""The "Volgen" button on the pages one can follow, and the follows on the profile."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from learning.factories import CourseIndexPageFactory, CoursePageFactory
from learning.follows.models import Follow, FollowSetting
from portal.accounts.factories import UserFactory
from portal.insights.models import InsightIndexPage
from portal.standards.factories import StandardPageFactory


@pytest.fixture
def standard(standards_index):
    return StandardPageFactory(parent=standards_index, title="Doorbraakplan")


@pytest.fixture
def professional(db):
    return UserFactory(email="sanne@example.org")


def _follow_box(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find(attrs={"data-testid": "follow"})


def test_a_visitor_is_asked_to_log_in(client, standard):
    box = _follow_box(client.get(standard.url))

    link = box.find("a")
    assert link.get_text() == "Log in om te volgen"
    assert "next=" in link["href"]
    assert box.find("form") is None


def test_following_and_unfollowing_a_standard_without_javascript(client, standard, professional):
    client.force_login(professional)

    form = _follow_box(client.get(standard.url)).find("form")
    assert form["method"] == "post"
    assert form.find("button").get_text(strip=True) == "Volgen"
    data = {field["name"]: field["value"] for field in form.find_all("input")}
    assert "csrfmiddlewaretoken" in data

    response = client.post(form["action"], data, follow=True)

    assert Follow.objects.filter(user=professional, page=standard).exists()
    box = _follow_box(response)
    assert box.find("button").get_text(strip=True) == "Niet meer volgen"
    assert "Je volgt nu Doorbraakplan" in response.content.decode()

    form = box.find("form")
    data = {field["name"]: field["value"] for field in form.find_all("input")}
    client.post(form["action"], data)
    assert not Follow.objects.filter(user=professional).exists()


def test_the_button_is_on_courses_and_the_lessons_learned(client, site_root, professional):
    client.force_login(professional)
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site_root))
    insights = site_root.add_child(
        instance=InsightIndexPage(title="Geleerde lessen", slug="lessen")
    )

    for page in (course, insights):
        assert _follow_box(client.get(page.url)).find("button").get_text(strip=True) == "Volgen"


def test_a_page_that_cannot_be_followed_is_refused(client, site_root, professional):
    client.force_login(professional)

    client.post(reverse("follows:toggle", args=[site_root.pk]), {"actie": "volgen"})

    assert not Follow.objects.exists()


def test_following_needs_a_post_and_a_login(client, standard, professional):
    url = reverse("follows:toggle", args=[standard.pk])

    assert client.post(url).status_code == 302  # to the login
    client.force_login(professional)
    assert client.get(url).status_code == 405
    assert not Follow.objects.exists()


def test_the_profile_lists_follows_with_constant_queries(
    client, standards_index, professional, django_assert_max_num_queries
):
    client.force_login(professional)
    url = reverse("accounts_profile")
    first = StandardPageFactory(parent=standards_index, title="Maatwerkcanvas")
    Follow.objects.create(user=professional, page=first)
    response = client.get(url)
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    for number in range(5):
        page = StandardPageFactory(parent=standards_index, title=f"Standaard {number}")
        Follow.objects.create(user=professional, page=page)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)

    section = (
        BeautifulSoup(response.content, "html.parser").find(id="volgen").find_parent("section")
    )
    items = section.select(".follows-profile__item")
    assert len(items) == 6
    assert "Maatwerkcanvas" in section.get_text(" ")
    assert section.find("input", attrs={"value": "immediate"}).has_attr("checked")


def test_the_mail_setting_is_saved(client, professional):
    client.force_login(professional)

    response = client.post(reverse("follows:settings"), {"frequency": "daily"})
    assert response["Location"].endswith("#volgen")
    assert FollowSetting.objects.get(user=professional).frequency == "daily"

    client.post(reverse("follows:settings"), {"frequency": "elk uur"})
    assert FollowSetting.objects.get(user=professional).frequency == "daily"


def test_stopping_from_the_profile(client, standard, professional):
    client.force_login(professional)
    Follow.objects.create(user=professional, page=standard)

    client.post(reverse("follows:stop", args=[standard.pk]))

    assert not Follow.objects.exists()
