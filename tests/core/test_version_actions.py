""" "Nieuwe versie maken": the next version of a standard or a plan template as a draft
copy that supersedes the current one, with a raised number; the admin buttons, the
block by an earlier draft (linked), permissions, and "Wat is er veranderd"."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from learning.factories import PlanTemplateIndexPageFactory, PlanTemplatePageFactory
from portal.accounts.factories import UserFactory, client_login_with_mfa
from portal.core.version_actions import VersionBlockedError, version_create_next
from portal.core.versioning import version_next_number
from portal.standards.factories import StandardPageFactory
from portal.standards.models import StandardPage
from portal.standards.services import standard_supersedes_validate


@pytest.fixture
def standard(standards_index) -> StandardPage:
    return StandardPageFactory(
        parent=standards_index,
        title="Doorbraakplan",
        version="1.0",
        effective_date=datetime.date(2025, 1, 1),
    )


@pytest.mark.parametrize(
    ("version", "taken", "expected"),
    [
        ("1.0", [], "2.0"),
        ("2.3", [], "3.0"),
        ("4", [], "5"),
        ("1.0", ["2.0", "3.0"], "4.0"),
        ("concept", [], "2.0"),
    ],
)
def test_the_next_version_number(version, taken, expected):
    assert version_next_number(version=version, taken=taken) == expected


def test_new_version_is_a_draft_copy_that_supersedes_the_current_one(standard, editor):
    new = version_create_next(page=standard, user=editor)

    assert isinstance(new, StandardPage)
    assert new.pk != standard.pk
    assert new.supersedes_id == standard.pk
    assert new.version == "2.0"
    assert not new.live
    assert new.has_unpublished_changes
    assert new.title == standard.title
    assert new.summary == standard.summary
    assert new.changes == ""
    assert new.get_parent().pk == standard.get_parent().pk
    assert new.slug != standard.slug
    assert new.latest_revision is not None
    assert new.owner == editor
    standard.refresh_from_db()
    assert standard.live  # the current version stays until the new one is published


def test_plan_template_copy_keeps_its_sections(home, editor):
    index = PlanTemplateIndexPageFactory(parent=home)
    template = PlanTemplatePageFactory(parent=index, version="1.2")

    new = version_create_next(page=template, user=editor)

    assert new.version == "2.0"
    assert new.supersedes_id == template.pk
    assert [s.key for s in new.sections.all()] == [s.key for s in template.sections.all()]
    assert new.sections.count() > 0


def test_a_second_attempt_is_blocked_by_the_first_draft(standard, editor):
    first = version_create_next(page=standard, user=editor)

    with pytest.raises(VersionBlockedError) as blocked:
        version_create_next(page=standard, user=editor)

    assert blocked.value.blocker.pk == first.pk
    assert StandardPage.objects.filter(supersedes=standard).count() == 1


def test_a_professional_may_not_make_a_version(standard):
    with pytest.raises(PermissionDenied):
        version_create_next(page=standard, user=UserFactory())


def test_version_numbers_show_in_admin_titles(standard):
    assert standard.get_admin_display_title() == "Doorbraakplan (versie 1.0)"


# -- the admin ---------------------------------------------------------------------------
def test_the_header_button_posts_and_opens_the_new_draft(client, standard, editor):
    client_login_with_mfa(client, editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[standard.pk])

    page = BeautifulSoup(client.get(edit_url).content, "html.parser")
    buttons = [a for a in page.find_all("a") if "Nieuwe versie maken" in a.get_text()]
    assert len(buttons) == 1
    button = buttons[0]
    assert button["data-action"] == "w-action#post"

    response = client.post(button["data-w-action-url-value"])

    new = StandardPage.objects.get(supersedes=standard)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[new.pk])
    editor_page = client.get(response["Location"]).content.decode()
    assert "Versie 2.0 is gemaakt als concept" in editor_page


def test_the_listing_shows_versions_and_the_action(client, standard, editor):
    client_login_with_mfa(client, editor)

    html = client.get(reverse("wagtailadmin_explore", args=[standard.get_parent().pk])).content
    text = BeautifulSoup(html, "html.parser").get_text(" ")

    assert "Doorbraakplan (versie 1.0)" in text
    assert "Nieuwe versie maken" in text


def test_without_javascript_the_link_shows_a_confirmation(client, standard, editor):
    client_login_with_mfa(client, editor)

    response = client.get(reverse("portal_version_new", args=[standard.pk]))

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("button", string=lambda t: t and "Versie 2.0 maken" in t)
    assert not StandardPage.objects.filter(supersedes=standard).exists()


def test_a_blocked_attempt_links_to_the_blocking_draft(client, standard, editor):
    client_login_with_mfa(client, editor)
    first = version_create_next(page=standard, user=editor)
    url = reverse("portal_version_new", args=[standard.pk])

    response = client.post(url, follow=True)

    soup = BeautifulSoup(response.content, "html.parser")
    text = soup.get_text(" ")
    assert "Er is al een nieuwe versie in de maak" in text
    first_edit = reverse("wagtailadmin_pages:edit", args=[first.pk])
    links = [a for a in soup.find_all("a", href=first_edit) if "Open die versie" in a.get_text()]
    assert links


def test_a_professional_gets_no_button_and_no_action(client, standard):
    user = UserFactory(is_staff=False)
    client.force_login(user)

    response = client.post(reverse("portal_version_new", args=[standard.pk]))

    assert response.status_code in (302, 403)
    assert not StandardPage.objects.filter(supersedes=standard).exists()


# -- "Wat is er veranderd" ---------------------------------------------------------------
def _form_data(page: StandardPage, **changes) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "version": page.version,
            "effective_date": page.effective_date.isoformat(),
            "supersedes": page.supersedes_id or "",
            "changes": "",
            "body": streamfield([("paragraph", rich_text("<p>Tekst.</p>"))]),
            **changes,
        }
    )


def test_submitting_a_new_version_needs_what_changed(client, standard, editor):
    client_login_with_mfa(client, editor)
    new = version_create_next(page=standard, user=editor)
    url = reverse("wagtailadmin_pages:edit", args=[new.pk])

    refused = client.post(url, {**_form_data(new), "action-submit": "Ter beoordeling"})
    saved = client.post(url, _form_data(new))  # saving a draft may leave it empty

    assert refused.status_code == 200
    assert "Vul in wat er is veranderd ten opzichte van versie 1.0" in refused.content.decode()
    assert saved.status_code == 302


def test_readers_see_what_changed(client, standard):
    new = StandardPageFactory(
        parent=standard.get_parent(),
        title="Doorbraakplan",
        version="2.0",
        supersedes=standard,
        effective_date=datetime.date(2026, 1, 1),
        changes="De waardendriehoek is toegevoegd.",
    )

    soup = BeautifulSoup(client.get(new.url).content, "html.parser")

    section = soup.find(id="wat-is-er-veranderd").find_parent("section")
    assert "Wat is er veranderd in versie 2.0" in section.get_text(" ")
    assert "De waardendriehoek is toegevoegd." in section.get_text(" ")


def test_readers_of_a_plan_template_see_what_changed(client, home):
    index = PlanTemplateIndexPageFactory(parent=home)
    old = PlanTemplatePageFactory(parent=index, title="Huurachterstand", version="1.0")
    new = PlanTemplatePageFactory(
        parent=index,
        title="Huurachterstand",
        slug="huurachterstand-2-0",
        version="2.0",
        supersedes=old,
        changes="Een stap voor de verhuurder erbij.",
    )

    soup = BeautifulSoup(client.get(new.url).content, "html.parser")

    section = soup.find(id="wat-is-er-veranderd").find_parent("section")
    assert "Wat is er veranderd in versie 2.0" in section.get_text(" ")
    assert "Een stap voor de verhuurder erbij." in section.get_text(" ")
    old_soup = BeautifulSoup(client.get(old.url).content, "html.parser")
    assert old_soup.find(id="wat-is-er-veranderd") is None


def test_what_changed_is_guarded(client, standard, editor):
    client_login_with_mfa(client, editor)
    new = version_create_next(page=standard, user=editor)
    url = reverse("wagtailadmin_pages:edit", args=[new.pk])

    response = client.post(
        url, _form_data(new, changes="Aangepast na de casus van mevrouw Jansen, BSN 111222333.")
    )

    assert response.status_code == 200
    new.refresh_from_db()
    assert "Jansen" not in (new.get_latest_revision_as_object().changes or "")


def test_choosing_an_already_replaced_version_names_the_forgotten_draft(standard, editor):
    draft = version_create_next(page=standard, user=editor)
    rival = StandardPage(
        title="Doorbraakplan",
        summary="Nog een poging.",
        version="3.0",
        effective_date=datetime.date(2026, 1, 1),
        supersedes=standard,
    )

    with pytest.raises(ValidationError) as error:
        standard_supersedes_validate(standard=rival)

    (message,) = error.value.message_dict["supersedes"]
    assert "Die versie is nog een concept" in message
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in message
