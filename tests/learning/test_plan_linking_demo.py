"""The plan demo: templates with real sections, tariffs, cases that follow the current
Doorbraakplan, a lesson with a practice-plan assignment, and a learner's plan in
progress; loading it again changes nothing."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Revision

from casebook import demo as casebook_demo
from casebook.models import CasePage
from learning import demo
from learning.models import LessonPage, PlanTemplatePage, PracticePlan, Tariff
from portal.accounts import demo as accounts_demo

pytestmark = pytest.mark.django_db


def test_plan_demo_links_lessons_cases_and_a_practice_plan(site_root, client):
    casebook_demo.load(home=site_root)
    accounts_demo.load(home=site_root)
    demo.load(home=site_root)
    counts = (Revision.objects.count(), Tariff.objects.count(), PracticePlan.objects.count())

    old, new = PlanTemplatePage.objects.filter(kind="doorbraakplan").order_by("effective_date")
    assert (old.version, new.version, new.supersedes_id) == ("1.0", "2.0", old.pk)
    assert [s.key for s in new.sections.all()][-3:] == [
        "legitimiteit",
        "betrokkenheid",
        "rendement",
    ]
    assert PlanTemplatePage.objects.live().count() == 5
    assert Tariff.objects.count() >= 12 and not Tariff.objects.filter(source="").exists()
    assert not CasePage.objects.exclude(plan_template=new).exists()

    pien = get_user_model().objects.get(email="professional@demo.doorbraak.nl")
    plan = PracticePlan.objects.get(owner=pien)
    assert plan.legal_bases.exists() and plan.cost_lines.count() >= 3
    client.force_login(pien)
    lesson = LessonPage.objects.get(slug="de-vier-onderdelen-van-een-plan")
    page = html.unescape(client.get(lesson.url).content.decode())
    assert "Verder met je oefenplan" in page
    assert "Doorbraakplan (versie 2.0)" in page

    demo.load(home=site_root)
    assert (
        Revision.objects.count(),
        Tariff.objects.count(),
        PracticePlan.objects.count(),
    ) == counts
