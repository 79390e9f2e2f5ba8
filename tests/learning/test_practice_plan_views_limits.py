"""The practice plan builder at its limits, as a learner meets them: long answers with
line breaks, odd numbers in the address or the form, and the refused title."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from learning.models import PracticePlan
from learning.plans.forms import parse_positive_id

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # 20 digits: more than a 64-bit integer holds


def section_url(plan, key="situatie"):
    return reverse("practice_plan_section", kwargs={"plan_id": plan.pk, "key": key})


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def textarea_value(response) -> str:
    match = re.search(r"<textarea[^>]*>(.*?)</textarea>", response.content.decode(), re.S)
    assert match, "no textarea on the page"
    # Django puts a newline after the opening tag, which browsers drop.
    return html.unescape(match.group(1)).removeprefix("\r\n").removeprefix("\n")


# ------------------------------------------------------------- long answers (3)


def test_the_textarea_still_stops_typing_at_the_limit(logged_in, plan):
    response = logged_in.get(section_url(plan))
    assert re.search(r'<textarea[^>]*maxlength="5000"', response.content.decode())


def test_a_long_answer_with_line_breaks_within_the_limit_is_saved(logged_in, plan):
    # The browser counted 3400 characters; it sends each line break as "\r\n" (5100).
    answer = "x\r\n" * 1700
    response = logged_in.post(section_url(plan), {"answer": answer, "save": "1"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.answers["situatie"] == ("x\n" * 1700).strip()


def test_autosave_of_a_long_answer_with_line_breaks_is_saved(logged_in, plan):
    response = logged_in.post(
        section_url(plan), {"answer": "x\r\n" * 1700}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    assert response.json()["saved"] is True


def test_a_too_long_answer_is_refused_on_the_field_and_kept(logged_in, plan):
    answer = "regel\r\n" * 900  # 5400 characters once the line breaks are normalised
    response = logged_in.post(section_url(plan), {"answer": answer, "next": "1"})
    assert response.status_code == 400
    page = page_text(response)
    message = "Je antwoord is 5399 tekens lang; gebruik er hoogstens 5000."
    assert message in page
    assert re.search(r'id="id_answer_error"[^>]*>.*?5399 tekens lang', page, re.S)
    assert 'href="#id_answer"' in page  # the error summary links to the field
    assert textarea_value(response).replace("\r\n", "\n") == answer.replace("\r\n", "\n")
    plan.refresh_from_db()
    assert plan.answers == {}


# ------------------------------------------------------------- huge ids (4)


def test_parse_positive_id_accepts_only_short_digit_strings():
    assert parse_positive_id("42") == 42
    assert parse_positive_id(42) == 42
    assert parse_positive_id("9" * 18) == int("9" * 18)
    for value in ("", None, "0", "-1", "1e3", " 1", "١٢", "9" * 19, HUGE):
        assert parse_positive_id(value) is None, value


@pytest.mark.parametrize(
    ("query", "warning"),
    [
        (f"?casus={HUGE}", "De casus bestaat niet (meer)"),
        (f"?les={HUGE}&opdracht=opdracht-1", "De opdracht uit de les bestaat niet (meer)"),
    ],
)
def test_start_with_a_huge_case_or_lesson_id_warns_and_offers_templates(
    logged_in, template, query, warning
):
    response = logged_in.get(reverse("practice_plan_start") + query, follow=True)
    assert response.status_code == 200
    page = page_text(response)
    assert warning in page
    assert "Doorbraakplan (versie 2.0)" in page


def test_start_with_a_huge_template_id_selects_nothing(logged_in, template):
    response = logged_in.get(reverse("practice_plan_start") + f"?sjabloon={HUGE}")
    assert response.status_code == 200
    page = page_text(response)
    assert "Doorbraakplan (versie 2.0)" in page
    assert " checked" not in page


def test_posting_a_huge_template_id_is_an_invalid_choice(logged_in, learner, template):
    response = logged_in.post(
        reverse("practice_plan_start"), {"template": HUGE, "title": "Oefenen met de buurt"}
    )
    assert response.status_code == 400
    page = page_text(response)
    assert "Kies een van de sjablonen uit de lijst." in page
    assert 'value="Oefenen met de buurt"' in page
    assert not PracticePlan.objects.filter(owner=learner).exists()


def test_posting_huge_case_and_lesson_ids_starts_a_plain_plan(logged_in, learner, template):
    response = logged_in.post(
        reverse("practice_plan_start"),
        {"template": template.pk, "casus": HUGE, "les": HUGE, "opdracht": "opdracht-1"},
    )
    assert response.status_code == 302
    plan = PracticePlan.objects.get(owner=learner)
    assert (plan.case, plan.lesson, plan.assignment_block_id) == (None, None, "")


def test_huge_plan_and_team_ids_in_the_address_are_not_found(logged_in, plan):
    huge = int(HUGE)
    for name in ("practice_plan_detail", "practice_plan_delete"):
        response = logged_in.get(reverse(name, kwargs={"plan_id": huge}))
        assert response.status_code == 404
    section = reverse("practice_plan_section", kwargs={"plan_id": huge, "key": "situatie"})
    assert logged_in.get(section).status_code == 404
    share = reverse("practice_plan_share", kwargs={"plan_id": huge})
    assert logged_in.post(share).status_code == 404
    team = reverse("learning_team_plans", kwargs={"team_id": huge})
    assert logged_in.get(team).status_code == 404


# ---------------------------------------------------------- refused title (10)


def test_a_refused_title_answers_400_with_the_message_and_the_typed_title(
    logged_in, learner, template
):
    title = "Plan voor BSN 123456782"
    response = logged_in.post(
        reverse("practice_plan_start"), {"template": template.pk, "title": title}
    )
    assert response.status_code == 400
    page = page_text(response)
    assert "Je oefenplan is nog niet aangemaakt" in page  # error summary
    assert "bevat een BSN" in page
    assert f'value="{title}"' in page
    assert not PracticePlan.objects.filter(owner=learner).exists()
