"""Editors keep the casebook's taxonomies in one admin menu group "Casusboek": problem
domains, laws and regulations with their articles, regions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from casebook.models import Law, LawArticle, ProblemDomain, Region
from portal.accounts.factories import UserFactory, client_login_with_mfa

TAXONOMY_PERMISSIONS = {
    f"casebook.{action}_{model}"
    for model in ("problemdomain", "law", "region")
    for action in ("add", "change", "delete", "view")
}


@pytest.mark.parametrize("group", ["IPW redacteur", "IPW moderator"])
def test_editors_and_moderators_may_keep_the_taxonomies(db, group: str) -> None:
    user = UserFactory(groups=[Group.objects.get(name=group)])

    assert TAXONOMY_PERMISSIONS <= user.get_all_permissions()


@pytest.mark.parametrize("group", ["Professional", "Teamleider", "Hulplijn"])
def test_other_groups_may_not(db, group: str) -> None:
    user = UserFactory(groups=[Group.objects.get(name=group)])

    assert not TAXONOMY_PERMISSIONS & user.get_all_permissions()


def test_admin_menu_has_one_casebook_group_with_the_three_taxonomies(client, editor) -> None:
    client_login_with_mfa(client, editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Casusboek" in html
    for url_name in ("problemdomain", "law", "region"):
        assert reverse(f"wagtailsnippets_casebook_{url_name}:list") in html


def test_law_listing_shows_the_seeded_laws_and_searches(client, editor) -> None:
    client_login_with_mfa(client, editor)
    url = reverse("wagtailsnippets_casebook_law:list")

    listing = client.get(url).content.decode()
    found = client.get(url, {"q": "BWBR0015703"}).content.decode()

    assert "Participatiewet" in listing and "Wmo 2015" in listing
    assert "BWBR0035362" in listing  # the BWB identifier is a column
    assert "BWBR0015703" in found  # Participatiewet
    assert "BWBR0035362" not in found  # Wmo 2015 (its name stays in the filter sidebar)


def test_editor_adds_a_local_regulation_with_its_articles(client, editor) -> None:
    client_login_with_mfa(client, editor)

    response = client.post(
        reverse("wagtailsnippets_casebook_law:add"),
        nested_form_data(
            {
                "name": "Verordening maatschappelijke ondersteuning Zwolle",
                "abbreviation": "Wmo-verordening Zwolle",
                "is_local_regulation": "on",
                "bwb_id": "",
                "official_url": "https://lokaleregelgeving.overheid.nl/CVDR000000",
                "cost_domain": "wmo",
                "description": "",
                "articles": inline_formset(
                    [
                        {"article": "7", "title": "Maatwerkvoorziening", "explanation": ""},
                        {"article": "12", "title": "Hardheidsclausule", "explanation": ""},
                    ]
                ),
            }
        ),
    )

    assert response.status_code == 302
    law = Law.objects.get(name="Verordening maatschappelijke ondersteuning Zwolle")
    assert law.is_local_regulation
    assert law.display_url == "https://lokaleregelgeving.overheid.nl/CVDR000000"
    assert list(LawArticle.objects.filter(law=law).values_list("article", flat=True)) == [
        "7",
        "12",
    ]


def test_law_edit_form_shows_the_articles_inline(client, editor) -> None:
    client_login_with_mfa(client, editor)
    law = Law.objects.get(name="Participatiewet")

    html = client.get(reverse("wagtailsnippets_casebook_law:edit", args=[law.pk])).content.decode()

    assert 'value="35 lid 1"' in html
    assert "Artikelen" in html


def test_editor_adds_a_region_and_a_problem_domain(client, editor) -> None:
    client_login_with_mfa(client, editor)

    region = client.post(
        reverse("wagtailsnippets_casebook_region:add"),
        {"name": "Kampen", "slug": "", "province": "Overijssel"},
    )
    domain = client.post(
        reverse("wagtailsnippets_casebook_problemdomain:add"),
        {"name": "Eenzaamheid", "slug": "", "description": "Weinig sociaal netwerk."},
    )

    assert region.status_code == domain.status_code == 302
    assert Region.objects.get(name="Kampen").slug == "kampen"
    assert ProblemDomain.objects.get(name="Eenzaamheid").slug == "eenzaamheid"
    listing = client.get(reverse("wagtailsnippets_casebook_region:list"), {"q": "kamp"})
    assert "Kampen" in listing.content.decode()


def test_a_duplicate_name_is_refused_with_the_form_kept(client, editor) -> None:
    client_login_with_mfa(client, editor)

    response = client.post(
        reverse("wagtailsnippets_casebook_problemdomain:add"),
        {"name": "Schulden", "slug": "schulden-2", "description": "Nog een keer."},
    )

    assert response.status_code == 200
    assert ProblemDomain.objects.filter(name="Schulden").count() == 1
    assert response.context["form"].errors["name"]
    assert "Nog een keer." in response.content.decode()
