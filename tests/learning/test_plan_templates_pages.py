"""What a visitor sees on the plan template pages: the listing, the sections with their
guidance, example and tool, the downloads, the practice call to action, where the
template is used, and the template in the site search."""

from __future__ import annotations

import datetime
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from casebook.factories import CasePageFactory
from learning.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    PlanTemplatePageFactory,
    paragraph,
    plan_template,
)
from learning.models import PlanTemplateKind, SectionKind
from learning.plans.selectors import plan_template_usage
from portal.accounts.factories import UserFactory
from search.indexing import site_index_rebuild
from search.queries import site_search
from search.site import SiteSearchParams

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(template_index):
    return PlanTemplatePageFactory(
        parent=template_index,
        title="Schot voor de boeg",
        slug="schot-voor-de-boeg",
        kind=PlanTemplateKind.SCHOT_VOOR_DE_BOEG,
        summary="Een eerste schets van het plan, gemaakt vóór het huisbezoek.",
        version="1.2",
        sections=[
            {
                "key": "situatie",
                "heading": "Situatieschets",
                "kind": SectionKind.TEXT,
                "guidance": "<p>Beschrijf kort wie er in het huishouden wonen.</p>",
                "example": "Moeder met twee kinderen; huurachterstand van vier maanden.",
            },
            {
                "key": "grondslagen",
                "heading": "Wettelijke grondslagen",
                "kind": SectionKind.LEGAL_BASES,
                "guidance": "<p>Op welke wet rust de uitzondering?</p>",
                "required": False,
            },
            {
                "key": "rendement",
                "heading": "Kosten en baten",
                "kind": SectionKind.COST_BENEFIT,
                "guidance": "<p>Zet de kosten af tegen wat je voorkomt.</p>",
            },
        ],
    )


@pytest.fixture
def module(site_root):
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=site_root), title="Plannen maken"
    )
    return ModulePageFactory(parent=course, title="Het eerste plan")


# -- the template page -------------------------------------------------------------------
def test_template_page_explains_every_section_with_its_tool_and_example(client, template):
    html = client.get(template.url).content.decode()

    assert "Schot voor de boeg" in html
    assert "Een eerste schets van het plan, gemaakt vóór het huisbezoek." in html
    for heading in ["1. Situatieschets", "2. Wettelijke grondslagen", "3. Kosten en baten"]:
        assert heading in html
    assert "Beschrijf kort wie er in het huishouden wonen." in html
    assert "Voorbeeld bij Situatieschets" in html
    assert "huurachterstand van vier maanden" in html
    assert "Je schrijft dit onderdeel in een tekstveld." in html
    assert "met de wettenzoeker" in html
    assert f'href="{reverse("learning_law_lookup")}"' in html
    assert "met de rekenhulp" in html
    assert "Optioneel onderdeel" in html  # the legal bases are not required here


def test_template_page_links_both_downloads(client, template):
    html = client.get(template.url).content.decode()

    assert f'href="{template.url}download/docx/"' in html
    assert f'href="{template.url}download/pdf/"' in html
    assert "Download versie 1.2 als Word-bestand (DOCX)" in html
    assert "Download versie 1.2 als PDF" in html


def test_practice_call_to_action_sends_anonymous_visitors_to_log_in_first(client, template):
    start = f"{reverse('practice_plan_start')}?sjabloon={template.pk}"

    anonymous = client.get(template.url).content.decode()
    assert "Oefen met dit sjabloon" in anonymous
    assert f"{reverse('account_login')}?next={quote(start, safe='')}" in anonymous

    client.force_login(UserFactory())
    logged_in = client.get(template.url).content.decode()
    assert f'href="{start.replace("&", "&amp;")}"' in logged_in


def test_no_practice_button_when_practising_is_switched_off(client, template):
    template.practice_enabled = False
    template.save_revision().publish()

    assert "Oefen met dit sjabloon" not in client.get(template.url).content.decode()


def test_a_superseded_version_practises_with_the_current_one(client, template_index, template):
    newer = PlanTemplatePageFactory(
        parent=template_index,
        title="Schot voor de boeg",
        slug="schot-voor-de-boeg-2",
        kind=PlanTemplateKind.SCHOT_VOOR_DE_BOEG,
        version="2.0",
        effective_date=datetime.date(2026, 9, 1),
        supersedes=template,
    )
    client.force_login(UserFactory())

    html = client.get(template.url).content.decode()

    assert f"?sjabloon={newer.pk}" in html
    assert "Je oefent met de geldende versie (2.0)." in html


# -- where a template is used ------------------------------------------------------------
def test_usage_lists_live_public_lessons_and_cases_of_any_version(
    client, template_index, template, module, case_index
):
    newer = PlanTemplatePageFactory(
        parent=template_index,
        title="Schot voor de boeg",
        slug="schot-2",
        kind=PlanTemplateKind.SCHOT_VOOR_DE_BOEG,
        version="2.0",
        effective_date=datetime.date(2026, 9, 1),
        supersedes=template,
    )
    LessonPageFactory(
        parent=module,
        title="Je eerste schot voor de boeg",
        body=[paragraph("<p>Theorie.</p>"), plan_template(template.pk, "Gebruik dit format.")],
    )
    LessonPageFactory(
        parent=module,
        title="Les in voorbereiding",
        live=False,
        body=[plan_template(newer.pk, "Nog niet af.")],
    )
    private = LessonPageFactory(
        parent=module, title="Interne les", body=[plan_template(newer.pk, "Alleen intern.")]
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    LessonPageFactory(parent=module, title="Les zonder sjabloon")
    CasePageFactory(parent=case_index, title="Huurschuld in Zwolle", plan_template=newer)
    CasePageFactory(parent=case_index, title="Casus in concept", plan_template=newer, live=False)

    html = client.get(newer.url).content.decode()

    lessons_part, cases_part = html.split("Gebruikt in voorbeeldcasussen")
    lessons_part = lessons_part.split("Gebruikt in lessen")[1]
    assert "Je eerste schot voor de boeg" in lessons_part  # links the older version
    assert "(cursus Plannen maken)" in lessons_part
    for hidden in ["Les in voorbereiding", "Interne les", "Les zonder sjabloon"]:
        assert hidden not in html
    assert "Huurschuld in Zwolle" in cases_part
    assert "Casus in concept" not in html
    # the older version lists the same uses
    old_usage = plan_template_usage(template=template)
    assert [item.lesson.title for item in old_usage.lessons] == ["Je eerste schot voor de boeg"]
    assert [case.title for case in old_usage.cases] == ["Huurschuld in Zwolle"]


def test_a_template_followed_by_many_cases_names_the_newest_and_counts_the_rest(
    client, template, case_index, django_assert_max_num_queries
):
    now = timezone.now()
    for n in range(12):
        CasePageFactory(
            parent=case_index,
            title=f"Casus nummer {n:02d}",
            plan_template=template,
            first_published_at=now - datetime.timedelta(days=12 - n),
        )
    with django_assert_max_num_queries(_page_queries(client, template.url)):
        html = client.get(template.url).content.decode()

    cases_part = html.split("Gebruikt in voorbeeldcasussen")[1]
    assert "12 voorbeeldcasussen volgen dit sjabloon. De nieuwste:" in cases_part
    assert cases_part.count("Casus nummer") == 10
    assert "Casus nummer 11" in cases_part and "Casus nummer 01" not in cases_part
    assert f'href="{case_index.url}"' in cases_part
    assert "Alle voorbeeldcasussen" in cases_part


def test_usage_of_an_unused_template_says_so(client, template):
    html = client.get(template.url).content.decode()

    assert "Nog geen les gebruikt dit sjabloon." in html
    assert "Nog geen voorbeeldcasus volgt dit sjabloon." in html


def _page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_template_page_queries_do_not_grow_with_its_uses(
    client, template, module, case_index, django_assert_max_num_queries
):
    LessonPageFactory(parent=module, body=[plan_template(template.pk, "Een.")])
    CasePageFactory(parent=case_index, plan_template=template)
    few = _page_queries(client, template.url)
    for n in range(4):
        LessonPageFactory(parent=module, body=[plan_template(template.pk, f"Les {n}.")])
        CasePageFactory(parent=case_index, plan_template=template)

    with django_assert_max_num_queries(few):
        client.get(template.url)


# -- the listing -------------------------------------------------------------------------
def test_index_lists_kind_version_date_and_summary(client, template_index, template):
    html = client.get(template_index.url).content.decode()

    assert f'<a href="{template.url}">Schot voor de boeg</a>' in html
    assert "Schot voor de boeg</span>" in html  # the kind
    assert "versie 1.2" in html
    assert "1 januari 2026" in html
    assert "Een eerste schets van het plan" in html


def test_index_queries_do_not_grow_with_the_number_of_templates(
    client, template_index, template, django_assert_max_num_queries
):
    few = _page_queries(client, template_index.url)
    for n in range(5):
        PlanTemplatePageFactory(parent=template_index, title=f"Inclusiecriteria {n}")

    with django_assert_max_num_queries(few):
        html = client.get(template_index.url).content.decode()
    assert "Inclusiecriteria 4" in html


# -- site search -------------------------------------------------------------------------
def test_site_search_finds_the_current_version_only(template_index, template):
    newer = PlanTemplatePageFactory(
        parent=template_index,
        title="Schot voor de boeg",
        slug="schot-voor-de-boeg-2",
        kind=PlanTemplateKind.SCHOT_VOOR_DE_BOEG,
        summary="Een eerste schets van het plan, gemaakt vóór het huisbezoek.",
        version="2.0",
        effective_date=datetime.date(2026, 9, 1),
        supersedes=template,
    )
    site_index_rebuild()

    result = site_search(params=SiteSearchParams(q="huisbezoek"))

    hits = [(hit.type, hit.url) for hit in result.results]
    assert ("plan_template", newer.url) in hits
    assert all(url != template.url for _type, url in hits)
    assert "plan_template" in {option.value for option in result.type_facets}


def test_site_search_finds_a_template_by_its_section_guidance(template):
    site_index_rebuild()

    result = site_search(params=SiteSearchParams(q="huishouden"))

    assert [hit.title for hit in result.results if hit.type == "plan_template"] == [
        "Schot voor de boeg"
    ]


def test_publishing_a_new_version_takes_the_old_one_out_of_the_search(
    template_index, template, django_capture_on_commit_callbacks
):
    site_index_rebuild()
    assert [hit.url for hit in site_search(params=SiteSearchParams(q="huisbezoek")).results] == [
        template.url
    ]

    with django_capture_on_commit_callbacks(execute=True):
        newer = PlanTemplatePageFactory(
            parent=template_index,
            title="Schot voor de boeg",
            slug="schot-voor-de-boeg-2",
            kind=PlanTemplateKind.SCHOT_VOOR_DE_BOEG,
            summary="De nieuwe schets, nog steeds vóór het huisbezoek.",
            version="2.0",
            effective_date=datetime.date(2026, 9, 1),
            supersedes=template,
        )

    hits = [hit.url for hit in site_search(params=SiteSearchParams(q="huisbezoek")).results]
    assert hits == [newer.url]
