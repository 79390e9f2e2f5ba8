"""The course outline and "Vorige / Volgende" on module, lesson and final-test pages
(issue #13, point 1), and the link from "Les afronden" to the exercise that blocks it."""

import pytest
from bs4 import BeautifulSoup

from learning.selectors import course_progress
from learning.services import enrolment_create, lesson_complete

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def pager(soup):
    """{"Vorige": (href, text), "Volgende": (href, text)} of the page's pager."""
    links = {}
    for link in soup.select(".learning-pager a"):
        words = " ".join(link.get_text().split())
        links[words.split(":")[0].strip("← ")] = (link["href"], words)
    return links


def test_lesson_page_shows_the_outline_with_ticks_current_and_optional(
    logged_in, learner, course, lessons_of
):
    enrolment_create(user=learner, course=course)
    lessons = lessons_of(course)
    lesson_complete(user=learner, lesson=lessons["De waardendriehoek"])

    soup = soup_of(logged_in, lessons["Cocktails herkennen"].url)
    nav = soup.select_one("nav.learning-nav")
    assert nav.select_one("details summary").get_text(" ", strip=True).startswith("Cursusinhoud")
    assert "1 van 4 stappen klaar" in nav.get_text(" ", strip=True)
    items = [
        " ".join(li.get_text(" ", strip=True).split()) for li in nav.select(".learning-nav__item")
    ]
    assert items == [
        "Wat is een doorbraak",
        "✓ De waardendriehoek (afgerond)",
        "Cocktails herkennen",
        "Verdieping optioneel",
        "Eindtoets",
    ]
    current = nav.select("[aria-current]")
    assert [(a.get_text(strip=True), a["aria-current"]) for a in current] == [
        ("Cocktails herkennen", "page")
    ]


def test_volgende_runs_through_the_course_to_the_final_test_and_back(
    logged_in, learner, course, lessons_of
):
    enrolment_create(user=learner, course=course)
    progress = course_progress(course=course, user=learner)
    module_1, module_2 = (m.module for m in progress.modules)
    lessons = lessons_of(course)
    test = progress.final_test

    links = pager(soup_of(logged_in, module_1.url))
    assert links["Vorige"][0] == course.url
    assert links["Volgende"] == (
        lessons["Wat is een doorbraak"].url,
        "Volgende: Wat is een doorbraak →",
    )

    links = pager(soup_of(logged_in, lessons["De waardendriehoek"].url))
    assert links["Vorige"][0] == lessons["Wat is een doorbraak"].url
    assert links["Volgende"][0] == lessons["Cocktails herkennen"].url  # into the next module

    links = pager(soup_of(logged_in, module_2.url))
    assert links["Vorige"][0] == lessons["De waardendriehoek"].url
    assert links["Volgende"][0] == lessons["Cocktails herkennen"].url

    links = pager(soup_of(logged_in, lessons["Verdieping"].url))
    assert links["Volgende"] == (test.url, "Volgende: Eindtoets →")

    soup = soup_of(logged_in, test.url)
    links = pager(soup)
    assert links["Vorige"][0] == lessons["Verdieping"].url
    assert "Volgende" not in links
    assert soup.select_one("nav.learning-nav a[aria-current]")["href"] == test.url


def test_a_visitor_gets_the_outline_without_ticks(client, course, lessons_of):
    soup = soup_of(client, lessons_of(course)["Wat is een doorbraak"].url)
    nav = soup.select_one("nav.learning-nav")
    assert nav is not None
    assert not nav.select(".learning-nav__tick")
    assert "stappen klaar" not in nav.get_text()


def test_blocked_les_afronden_links_to_the_exercises(logged_in, learner, course, lessons_of):
    enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)["Wat is een doorbraak"]
    response = logged_in.post(lesson.url, {"action": "complete"})
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert "Maak eerst de verplichte oefeningen af" in soup.select_one("#afronden-fout").get_text()
    links = [(a["href"], a.get_text(strip=True)) for a in soup.select("#afronden-uitleg a")]
    assert links == [
        ("#oefening-single", "Wat is een doorbraak?"),
        ("#oefening-multi", "Welke toetsen horen bij de waardendriehoek?"),
        ("#oefening-reflect", "Welke casus uit je eigen werk past hierbij?"),
    ]
    for href, _label in links:
        assert soup.select_one(href) is not None  # the anchor exists on the page
