"""Plan templates as versioned pages: where editors may create them, which version is
current, what an older version shows, and the Dutch messages for bad version links and
bad section lists."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.admin.panels import ObjectList
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from learning.factories import PlanTemplatePageFactory
from learning.models import (
    CourseIndexPage,
    PlanTemplateIndexPage,
    PlanTemplateKind,
    PlanTemplatePage,
    PlanTemplateSection,
    SectionKind,
)
from learning.plans.selectors import (
    plan_template_current_version,
    plan_template_family,
    plan_template_is_current,
    plan_template_list_current,
    plan_template_predecessor,
    plan_template_successor,
)
from learning.plans.template_forms import PlanTemplatePageForm
from portal.accounts.factories import UserFactory, client_login_with_mfa
from portal.home.models import ContentPage, HomePage


class PlanTemplatePageTreeTests(WagtailPageTestCase):
    def test_index_lives_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(PlanTemplateIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, PlanTemplateIndexPage)
        self.assertCanNotCreateAt(ContentPage, PlanTemplateIndexPage)
        self.assertCanNotCreateAt(CourseIndexPage, PlanTemplateIndexPage)
        self.assertCanNotCreateAt(Page, PlanTemplateIndexPage)

    def test_index_only_holds_templates_and_a_template_holds_nothing(self):
        self.assertAllowedSubpageTypes(PlanTemplateIndexPage, {PlanTemplatePage})
        self.assertAllowedParentPageTypes(PlanTemplatePage, {PlanTemplateIndexPage})
        self.assertCanNotCreateAt(HomePage, PlanTemplatePage)
        self.assertAllowedSubpageTypes(PlanTemplatePage, set())


pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(template_index):
    """Doorbraakplan 1.0 (2024), replaced by 2.0 (2026)."""
    old = PlanTemplatePageFactory(
        parent=template_index,
        title="Doorbraakplan",
        slug="doorbraakplan-1",
        version="1.0",
        effective_date=datetime.date(2024, 1, 1),
    )
    new = PlanTemplatePageFactory(
        parent=template_index,
        title="Doorbraakplan",
        slug="doorbraakplan-2",
        version="2.0",
        effective_date=datetime.date(2026, 1, 1),
        supersedes=old,
    )
    return old, new


# -- which version is current ------------------------------------------------------------
def test_listing_holds_only_current_versions(template_index, versions):
    old, new = versions
    canvas = PlanTemplatePageFactory(
        parent=template_index, title="Maatwerkcanvas", kind=PlanTemplateKind.MAATWERKCANVAS
    )

    assert list(plan_template_list_current(index=template_index)) == [new, canvas]
    assert not plan_template_is_current(template=old)
    assert plan_template_is_current(template=new)


def test_successor_predecessor_and_family(versions):
    old, new = versions

    assert plan_template_successor(template=old) == new
    assert plan_template_successor(template=new) is None
    assert plan_template_predecessor(template=new) == old
    assert plan_template_predecessor(template=old) is None
    assert list(plan_template_family(template=old)) == [new, old]
    assert list(plan_template_family(template=new)) == [new, old]


def test_current_version_follows_the_chain_past_a_withdrawn_version(template_index, versions):
    old, middle = versions
    newest = PlanTemplatePageFactory(
        parent=template_index,
        title="Doorbraakplan",
        slug="doorbraakplan-3",
        version="3.0",
        effective_date=datetime.date(2026, 6, 1),
        supersedes=middle,
    )

    assert plan_template_current_version(template=old) == newest
    middle.unpublish()
    assert plan_template_current_version(template=old) == newest
    newest.unpublish()
    assert plan_template_current_version(template=old) == old
    assert list(plan_template_list_current(index=template_index)) == [old]


def test_a_draft_or_restricted_successor_does_not_replace_the_public_version(
    template_index, versions
):
    old, new = versions
    PageViewRestriction.objects.create(page=new, restriction_type=PageViewRestriction.LOGIN)

    assert list(plan_template_list_current(index=template_index)) == [old]
    assert plan_template_successor(template=old) is None
    assert plan_template_current_version(template=old) == old


# -- what a visitor sees -----------------------------------------------------------------
def test_older_version_stays_readable_marked_and_links_the_newer_one(client, versions):
    old, new = versions

    response = client.get(old.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Let op: dit is een oude versie." in html
    assert "Ga naar de geldende versie: Doorbraakplan, versie 2.0" in html
    assert f'href="{new.url}"' in html
    assert "Situatieschets" in html  # the old text is still there to read


def test_newer_version_is_not_marked_and_links_the_version_it_replaces(client, versions):
    old, new = versions

    html = client.get(new.url).content.decode()

    assert "oude versie" not in html
    assert f'<a href="{old.url}">vervangt versie 1.0</a>' in html


def test_listing_page_shows_only_the_current_version(client, template_index, versions):
    old, new = versions

    html = client.get(template_index.url).content.decode()

    assert f'href="{new.url}"' in html
    assert f'href="{old.url}"' not in html
    assert "versie 2.0" in html
    assert "versie 1.0" not in html


# -- validation: the "vervangt" link ---------------------------------------------------
def _supersedes_error(page) -> str:
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    return " ".join(excinfo.value.message_dict["supersedes"])


def test_a_template_cannot_replace_itself(versions):
    old, _new = versions
    old.supersedes = old

    assert "Een sjabloon kan zichzelf niet vervangen." in _supersedes_error(old)


def test_the_replaced_version_may_not_start_later(template_index, versions):
    _old, new = versions
    page = PlanTemplatePageFactory(
        parent=template_index, version="0.9", effective_date=datetime.date(2025, 1, 1)
    )
    page.supersedes = new

    message = _supersedes_error(page)
    assert "latere ingangsdatum (1 januari 2026)" in message
    assert "2.0" in message


def test_a_version_is_replaced_by_one_newer_version_only(template_index, versions):
    old, _new = versions
    rival = PlanTemplatePageFactory(
        parent=template_index, title="Doorbraakplan variant", version="2.1"
    )
    rival.supersedes = old

    assert "wordt al vervangen door Doorbraakplan (versie 2.0)" in _supersedes_error(rival)


def test_a_cycle_of_versions_is_refused_with_template_wording(versions):
    old, new = versions
    old.supersedes = new
    old.effective_date = new.effective_date

    message = _supersedes_error(old)
    assert "kring" in message
    assert "dit sjabloon" in message


def test_a_version_replaces_only_the_same_kind_of_template(template_index, versions):
    _old, new = versions
    canvas = PlanTemplatePageFactory(
        parent=template_index,
        title="Maatwerkcanvas",
        kind=PlanTemplateKind.MAATWERKCANVAS,
        effective_date=datetime.date(2026, 3, 1),
    )
    canvas.supersedes = new

    assert "ander soort sjabloon (Doorbraakplan)" in _supersedes_error(canvas)


# -- validation: the sections ------------------------------------------------------------
def test_sections_on_the_instance_are_checked_by_clean(template_index):
    page = PlanTemplatePageFactory(
        parent=template_index,
        sections=[
            ("situatie", "Situatieschets", SectionKind.TEXT),
            ("grondslag", "Grondslagen", SectionKind.LEGAL_BASES),
        ],
    )
    page.sections.add(  # in memory, as modelcluster holds unsaved rows
        PlanTemplateSection(
            key="grondslag2",
            heading="Nog meer grondslagen",
            kind=SectionKind.LEGAL_BASES,
            guidance="<p>Nog meer.</p>",
        )
    )

    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()

    assert "maar één onderdeel van de soort ‘Wettelijke grondslagen" in str(excinfo.value)


def _admin_form(page, index, sections):
    """The admin edit form of a template (with the form class that checks sections), bound
    to POST data as the Wagtail editor sends it."""
    form_class = (
        ObjectList(PlanTemplatePage.content_panels, base_form_class=PlanTemplatePageForm)
        .bind_to_model(PlanTemplatePage)
        .get_form_class()
    )
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "kind": page.kind,
            "summary": page.summary,
            "version": page.version,
            "effective_date": "2026-01-01",
            "supersedes": "",
            "intro": streamfield([]),
            "practice_enabled": "on",
            "sections": inline_formset(
                [
                    {
                        "key": key,
                        "heading": heading,
                        "kind": kind,
                        "required": "on",
                        "guidance": rich_text(f"<p>Toelichting bij {heading}.</p>"),
                        "example": "",
                    }
                    for key, heading, kind in sections
                ]
            ),
        }
    )
    return form_class(data, instance=page, parent_page=index, for_user=UserFactory())


def test_admin_form_refuses_duplicate_keys_and_double_tools_in_dutch(template_index):
    page = PlanTemplatePageFactory(parent=template_index, title="Schot voor de boeg")
    form = _admin_form(
        page,
        template_index,
        [
            ("situatie", "Situatieschets", SectionKind.TEXT),
            ("situatie", "Nog een situatieschets", SectionKind.TEXT),
            ("kosten", "Kosten en baten", SectionKind.COST_BENEFIT),
            ("baten", "Nog eens kosten en baten", SectionKind.COST_BENEFIT),
        ],
    )

    assert not form.is_valid()
    messages = " ".join(form.non_field_errors())
    assert "De sleutel ‘situatie’ staat bij 2 onderdelen." in messages
    assert "maar één onderdeel van de soort ‘Kosten en baten" in messages


def test_admin_form_accepts_a_sound_section_list(template_index):
    page = PlanTemplatePageFactory(parent=template_index, title="Schot voor de boeg")
    form = _admin_form(
        page,
        template_index,
        [
            ("situatie", "Situatieschets", SectionKind.TEXT),
            ("grondslagen", "Grondslagen", SectionKind.LEGAL_BASES),
            ("kosten", "Kosten en baten", SectionKind.COST_BENEFIT),
        ],
    )

    assert form.is_valid(), form.errors


def test_editor_saving_two_legal_bases_sections_gets_a_dutch_error(client, template_index):
    page = PlanTemplatePageFactory(parent=template_index, title="Maatwerkcanvas")
    revisions_before = page.revisions.count()
    client_login_with_mfa(client, UserFactory(is_staff=True, is_superuser=True))
    data = _admin_form(
        page,
        template_index,
        [
            ("grondslagen", "Grondslagen", SectionKind.LEGAL_BASES),
            ("meer", "Meer grondslagen", SectionKind.LEGAL_BASES),
        ],
    ).data

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 200
    assert "maar één onderdeel van de soort" in response.content.decode()
    assert page.revisions.count() == revisions_before
