"""The law lookup (/leren/wettenzoeker/) and the legal bases section of a practice plan.

The laws and articles are the casebook's taxonomy, seeded by casebook 0002 (Wmo 2015,
Jeugdwet, Wgs, Participatiewet with art. 18 and 35, ...)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casebook.factories import LawArticleFactory, LawFactory
from casebook.models import LawArticle
from learning.factories import (
    TeamFactory,
    TeamMembershipFactory,
)
from learning.models import PracticePlanLegalBasis, TeamRole
from learning.plans.costs import PlanRowsRefused
from learning.plans.laws import LegalBasisInput, law_lookup_laws, practice_plan_legal_bases_save

PREFIX = "grondslag"
LOOKUP = "/leren/wettenzoeker/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def wmo_article(db) -> LawArticle:
    return LawArticle.objects.get(law__name="Wmo 2015", article="2.3.5")


def section_url(plan, key: str = "legitimiteit") -> str:
    return reverse("practice_plan_section", kwargs={"plan_id": plan.pk, "key": key})


def formset_data(rows: list[dict], *, initial: int = 0, extra_empty: int = 1, **buttons) -> dict:
    data = {
        f"{PREFIX}-TOTAL_FORMS": str(len(rows) + extra_empty),
        f"{PREFIX}-INITIAL_FORMS": str(initial),
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "30",
        **buttons,
    }
    for index, row in enumerate(rows):
        for name in ("law", "article", "reasoning"):
            data[f"{PREFIX}-{index}-{name}"] = str(row.get(name, ""))
        if row.get("DELETE"):
            data[f"{PREFIX}-{index}-DELETE"] = "on"
    return data


# ---------------------------------------------------------------- the law lookup


def test_the_lookup_is_public_and_lists_every_law_with_its_article_explanations(client) -> None:
    response = client.get(LOOKUP)

    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("learning_law_lookup") == LOOKUP
    assert "<h1>Wettenzoeker</h1>" in html
    for name in ("Wmo 2015", "Jeugdwet", "Participatiewet", "Wet langdurige zorg"):
        assert name in html
    assert "Artikel 35 lid 1 – Bijzondere bijstand" in html
    assert "noodzakelijke kosten die door bijzondere omstandigheden ontstaan" in html
    assert "https://wetten.overheid.nl/BWBR0015703" in html


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        (
            "bijzondere bijstand",
            ["Participatiewet", "Artikel 35 lid 1"],
            ["Wmo 2015", "Artikel 18 lid 1"],
        ),
        (
            "PW",
            ["Artikel 18 lid 1", "Artikel 35 lid 1"],
            ["Jeugdwet"],
        ),  # abbreviation: all articles
        (
            "maatwerkvoorziening",
            ["Wmo 2015", "Artikel 2.3.5"],
            ["Artikel 2.3.2", "Participatiewet"],
        ),
        ("2.3.2", ["Artikel 2.3.2"], ["Artikel 2.3.5"]),
        ("participatiewet 35", ["Artikel 35 lid 1"], ["Artikel 18 lid 1"]),
        ("zelfredzaamheid", ["Wmo 2015"], ["Jeugdwet"]),  # words of an explanation
    ],
)
def test_search_matches_names_abbreviations_article_numbers_titles_and_explanations(
    client, query: str, found: list[str], not_found: list[str]
) -> None:
    results = client.get(LOOKUP, {"q": query}).content.decode().split("law-lookup__count")[1]

    for text in found:
        assert text in results, text
    for text in not_found:
        assert text not in results, text


def test_the_lookup_filters_by_cost_domain_and_says_what_it_found(client) -> None:
    html = client.get(LOOKUP, {"domein": "jeugdwet"}).content.decode()

    assert "1 wet of regeling gevonden in Jeugdwet." in " ".join(html.split())
    assert 'id="law-' in html and "Voorziening op het gebied van jeugdhulp" in html
    assert "Participatiewet</h2>" not in html


def test_nothing_found_says_so_and_a_bad_domain_is_explained(client) -> None:
    nothing = client.get(LOOKUP, {"q": "ruimtevaart"}).content.decode()
    bad = client.get(LOOKUP, {"domein": "mars"})

    assert "Geen wetten of artikelen gevonden." in nothing
    assert bad.status_code == 400
    assert "Kies een wetsdomein uit de lijst." in bad.content.decode()


def test_the_lookup_needs_the_same_queries_for_more_laws(
    client, django_assert_max_num_queries
) -> None:
    client.get(LOOKUP)
    with django_assert_max_num_queries(10) as few:
        client.get(LOOKUP, {"q": "wet"})
    for n in range(6):
        law = LawFactory(name=f"Verordening {n}", cost_domain="wmo")
        for a in range(3):
            LawArticleFactory(law=law, article=str(a + 1), explanation="Een wet met uitleg.")

    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(LOOKUP, {"q": "wet"}).content.decode()
    assert "Verordening 5" in html


def test_the_selector_lists_only_the_matching_articles_of_a_law_found_through_them(
    db,
) -> None:
    [law] = law_lookup_laws(query="jeugdhulp")

    assert law.name == "Jeugdwet"
    assert [a.article for a in law.matching_articles] == ["2.3"]


# ---------------------------------------------------------------- the service


def test_saving_snapshots_labels_and_keeps_order(plan, special_assistance, wmo_article) -> None:
    practice_plan_legal_bases_save(
        plan=plan,
        bases=[
            LegalBasisInput(
                law=wmo_article.law, article=wmo_article, reasoning="Huishoudelijke hulp direct."
            ),
            LegalBasisInput(
                law=special_assistance.law,
                article=special_assistance,
                reasoning="Medicatie uit bijzondere bijstand.",
            ),
        ],
        section_key="legitimiteit",
    )

    rows = list(plan.legal_bases.values_list("law_label", "article_label", "reasoning"))
    assert rows == [
        ("Wmo 2015", "art. 2.3.5 Maatwerkvoorziening", "Huishoudelijke hulp direct."),
        (
            "Participatiewet",
            "art. 35 lid 1 Bijzondere bijstand",
            "Medicatie uit bijzondere bijstand.",
        ),
    ]
    plan.refresh_from_db()
    assert plan.current_section == "legitimiteit"


def test_an_article_of_another_law_and_personal_data_are_refused_and_nothing_is_stored(
    plan, participatiewet, wmo_article, special_assistance
) -> None:
    practice_plan_legal_bases_save(
        plan=plan,
        bases=[
            LegalBasisInput(law=participatiewet, article=special_assistance, reasoning="Eerst.")
        ],
    )

    with pytest.raises(PlanRowsRefused) as refused:
        practice_plan_legal_bases_save(
            plan=plan,
            bases=[
                LegalBasisInput(law=participatiewet, article=wmo_article, reasoning="Klopt niet."),
                LegalBasisInput(
                    law=participatiewet, reasoning="Haar BSN is 123456782, zie dossier."
                ),
            ],
        )

    assert "hoort niet bij Participatiewet" in refused.value.errors[0]["article"][0]
    assert "BSN" in refused.value.errors[1]["reasoning"][0]
    assert list(plan.legal_bases.values_list("reasoning", flat=True)) == ["Eerst."]


# ---------------------------------------------------------------- the section page


def test_the_owner_picks_bases_without_javascript_and_sees_their_explanation(
    client, plan, participatiewet, special_assistance
) -> None:
    client.force_login(plan.owner)
    page = client.get(section_url(plan)).content.decode()
    assert '<optgroup label="Participatiewet">' in page
    assert (
        f'<option value="{special_assistance.pk}">PW art. 35 lid 1 – Bijzondere bijstand</option>'
        in page
    )
    assert f'href="{LOOKUP}"' in page
    assert "Nog geen wettelijke grondslagen gekozen." in page

    response = client.post(
        section_url(plan),
        formset_data(
            [
                {
                    "law": participatiewet.pk,
                    "article": special_assistance.pk,
                    "reasoning": "De medicatie valt buiten het basispakket.",
                }
            ],
            save="1",
        ),
    )

    assert response.status_code == 302 and response.url == section_url(plan)
    html = client.get(section_url(plan)).content.decode()
    assert "Je wettelijke grondslagen zijn opgeslagen." in html
    assert "Participatiewet – art. 35 lid 1 Bijzondere bijstand" in html
    assert "Uitleg uit de wettenzoeker:" in html
    assert "noodzakelijke kosten die door bijzondere omstandigheden ontstaan" in html
    assert "De medicatie valt buiten het basispakket." in html


def test_next_goes_to_the_next_section(client, plan, participatiewet) -> None:
    client.force_login(plan.owner)

    response = client.post(
        section_url(plan),
        formset_data([{"law": participatiewet.pk, "reasoning": "Omdat."}], next="1"),
    )

    assert response.url == section_url(plan, "betrokkenheid")


def test_an_article_of_another_law_gets_a_dutch_message_on_its_row_and_keeps_the_input(
    client, plan, participatiewet, wmo_article
) -> None:
    client.force_login(plan.owner)

    response = client.post(
        section_url(plan),
        formset_data(
            [
                {"law": participatiewet.pk, "reasoning": "Eerste grondslag klopt."},
                {"law": participatiewet.pk, "article": wmo_article.pk, "reasoning": "Mijn uitleg"},
                {"reasoning": "Zonder wet"},
                {"law": participatiewet.pk},
            ]
        ),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Je grondslagen zijn nog niet opgeslagen" in html
    assert "Artikel 2.3.5 hoort niet bij Participatiewet. Kies een artikel van deze wet." in html
    assert 'href="#id_grondslag-1-article"' in html
    assert 'aria-describedby="id_grondslag-1-article_help id_grondslag-1-article_error"' in html
    assert "Kies de wet of regeling waar je toelichting bij hoort." in html
    assert "Schrijf waarom deze grondslag hier van toepassing is." in html
    assert "Mijn uitleg</textarea>" in html and "Zonder wet</textarea>" in html
    assert f'<option value="{wmo_article.pk}" selected>' in html
    assert not PracticePlanLegalBasis.objects.filter(plan=plan).exists()


def test_personal_data_in_a_reasoning_is_refused_with_the_casebook_message(
    client, plan, participatiewet
) -> None:
    client.force_login(plan.owner)

    response = client.post(
        section_url(plan),
        formset_data([{"law": participatiewet.pk, "reasoning": "Bel haar op 06-12345678."}]),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Het veld ‘Waarom deze grondslag’ bevat een telefoonnummer" in html
    assert "Bel haar op 06-12345678.</textarea>" in html
    assert not plan.legal_bases.exists()


def test_an_article_alone_takes_its_law_and_verwijderen_removes_a_basis(
    client, plan, participatiewet, special_assistance, wmo_article
) -> None:
    practice_plan_legal_bases_save(
        plan=plan,
        bases=[LegalBasisInput(law=participatiewet, article=special_assistance, reasoning="Weg.")],
    )
    client.force_login(plan.owner)

    client.post(
        section_url(plan),
        formset_data(
            [
                {
                    "law": participatiewet.pk,
                    "article": special_assistance.pk,
                    "reasoning": "Weg.",
                    "DELETE": True,
                },
                {"article": wmo_article.pk, "reasoning": "Maatwerk in de Wmo."},
            ],
            initial=1,
        ),
    )

    assert list(plan.legal_bases.values_list("law_label", "reasoning")) == [
        ("Wmo 2015", "Maatwerk in de Wmo.")
    ]


def test_a_team_lead_reads_the_bases_of_a_shared_plan_without_a_form(
    client, plan, participatiewet, special_assistance
) -> None:
    practice_plan_legal_bases_save(
        plan=plan,
        bases=[
            LegalBasisInput(law=participatiewet, article=special_assistance, reasoning="Omdat.")
        ],
    )
    plan.shared_with_team = True
    plan.save()
    team = TeamFactory()
    TeamMembershipFactory(team=team, user=plan.owner)
    lead = TeamMembershipFactory(team=team, role=TeamRole.LEAD).user
    client.force_login(lead)

    html = client.get(section_url(plan)).content.decode()

    assert "Participatiewet – art. 35 lid 1 Bijzondere bijstand" in html
    assert '<form class="portal-form plan-tool-form"' not in html
    assert "grondslag-TOTAL_FORMS" not in html


def test_a_renamed_law_leaves_the_saved_label(plan, participatiewet, special_assistance) -> None:
    practice_plan_legal_bases_save(
        plan=plan,
        bases=[LegalBasisInput(law=participatiewet, article=special_assistance, reasoning="X.")],
    )
    participatiewet.name = "Participatiewet 2027"
    participatiewet.save()

    assert plan.legal_bases.get().law_label == "Participatiewet"
