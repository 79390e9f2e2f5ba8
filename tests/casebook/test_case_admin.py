"""The anonymisation guard in the Wagtail admin: saving a case with personal data in any
text (fields, StreamField body, a legal basis's reasoning) is refused with a Dutch
message at the field, and nothing is stored: no page, no draft revision, no publication."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from casebook.factories import CasePageFactory, RegionFactory
from casebook.models import CaseLegalBasis, CasePage, Law, LawArticle, ProblemDomain
from portal.accounts.factories import client_login_with_mfa

SITUATION = "Een moeder met twee kinderen heeft huurschuld en dreigt de woning te verliezen."


@pytest.fixture
def region(db):
    return RegionFactory(name="Zwolle")


def _law_and_article() -> tuple[Law, LawArticle]:
    law = Law.objects.get(name="Participatiewet")
    return law, LawArticle.objects.get(law=law, article="35 lid 1")


def _case_data(
    region,
    *,
    legal_basis_id: int | None = None,
    reasoning: str = "Bijzondere bijstand voor noodzakelijke kosten.",
    body: str = "<p>Het team overlegde met de woningcorporatie.</p>",
    **fields,
) -> dict:
    law, article = _law_and_article()
    basis = {"law": law.pk, "article": article.pk, "reasoning": reasoning}
    if legal_basis_id is not None:
        basis["id"] = legal_basis_id
    values = {
        "title": "Huurschuld afgelost uit bijzondere bijstand",
        "slug": "huurschuld-afgelost",
        "household": "Alleenstaande moeder met twee kinderen",
        "situation": SITUATION,
        "perspective": "Over een half jaar woont het gezin rustig in dezelfde woning.",
        "needs_self": "De post openen.",
        "needs_support": "Hulp bij de administratie.",
        "needs_treatment": "",
        "barrier": "De corporatie wil pas praten als de schuld is betaald.",
        "breakthrough": "De gemeente lost de achterstand eenmalig af.",
        "engagement": "Het gezin houdt zijn woning en krijgt weer overzicht.",
        "breakthrough_cost": "1500.00",
        "phase": "eerste_nood",
        "region": region.pk,
        "year": "2025",
        "outcome": "gerealiseerd",
        "body": streamfield([("paragraph", rich_text(body))]),
        "legal_bases": inline_formset([basis], initial=1 if legal_basis_id else 0, min=1),
        "costs": inline_formset([{"domain": "wmo", "direct": "-100.00", "prevented": "2000.00"}]),
    }
    values.update(fields)
    data = nested_form_data(values)
    data["problem_domains"] = [
        ProblemDomain.objects.get(name="Schulden").pk,
        ProblemDomain.objects.get(name="Wonen").pk,
    ]
    return data


@pytest.fixture
def case(index, region) -> CasePage:
    law, article = _law_and_article()
    case = CasePageFactory(
        parent=index,
        title="Huurschuld afgelost uit bijzondere bijstand",
        slug="huurschuld-afgelost",
        situation=SITUATION,
        region=region,
        breakthrough_cost=Decimal("1500"),
        legal_bases=[(law, article, "Bijzondere bijstand voor noodzakelijke kosten.")],
    )
    case.save_revision().publish()
    return CasePage.objects.get(pk=case.pk)


def _edit_data(case: CasePage, region, **kwargs) -> dict:
    legal_basis = CaseLegalBasis.objects.get(page=case)
    return _case_data(region, legal_basis_id=legal_basis.pk, **kwargs)


def test_creating_a_case_with_a_bsn_is_refused_and_nothing_is_stored(
    client, index, editor, region
) -> None:
    client_login_with_mfa(client, editor)
    revisions = Revision.objects.count()

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["casebook", "casepage", index.pk]),
        _case_data(region, situation=f"{SITUATION} Haar BSN is 123456782."),
    )

    assert response.status_code == 200  # the form again, not a redirect
    html = response.content.decode()
    # The message quotes what was found, so the editor knows exactly what to change.
    assert "Het veld ‘Situatieschets’ bevat een BSN (“123456782”)" in html
    assert "De casus bevat persoonsgegevens en is niet opgeslagen." in html
    assert response.context["form"].errors["situation"]
    assert not CasePage.objects.filter(slug="huurschuld-afgelost").exists()
    assert Revision.objects.count() == revisions


def test_a_clean_new_case_is_saved_as_a_draft_revision(client, index, editor, region) -> None:
    client_login_with_mfa(client, editor)

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["casebook", "casepage", index.pk]),
        _case_data(region),
    )

    assert response.status_code == 302
    case = CasePage.objects.get(slug="huurschuld-afgelost")
    assert not case.live
    assert case.latest_revision is not None
    assert case.legal_bases.get().reasoning == "Bijzondere bijstand voor noodzakelijke kosten."
    assert [cost.prevented for cost in case.costs.all()] == [Decimal("2000.00")]
    assert set(case.problem_domains.values_list("name", flat=True)) == {"Schulden", "Wonen"}


def test_editing_with_personal_data_stores_no_revision(client, case, editor, region) -> None:
    client_login_with_mfa(client, editor)
    revisions = Revision.objects.filter(object_id=str(case.pk)).count()

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]),
        _edit_data(case, region, barrier="Zij woont aan de Kerkstraat 12 in Zwolle."),
    )

    assert response.status_code == 200
    assert "Het veld ‘Belemmering’ bevat" in response.content.decode()
    assert Revision.objects.filter(object_id=str(case.pk)).count() == revisions
    case.refresh_from_db()
    assert not case.has_unpublished_changes


def test_personal_data_in_the_streamfield_body_is_refused(client, case, editor, region) -> None:
    client_login_with_mfa(client, editor)
    revisions = Revision.objects.filter(object_id=str(case.pk)).count()

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]),
        _edit_data(case, region, body="<p>Bel de moeder op 06-12345678 voor een afspraak.</p>"),
    )

    assert response.status_code == 200
    assert "Het veld ‘Aanvullende inhoud’ bevat een telefoonnummer" in response.content.decode()
    assert Revision.objects.filter(object_id=str(case.pk)).count() == revisions


def test_personal_data_in_a_legal_reasoning_is_refused_at_that_field(
    client, case, editor, region
) -> None:
    client_login_with_mfa(client, editor)
    revisions = Revision.objects.filter(object_id=str(case.pk)).count()

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]),
        _edit_data(case, region, reasoning="Overlegd met moeder via anika.jansen@example.org."),
    )

    assert response.status_code == 200
    formset = response.context["form"].formsets["legal_bases"]
    assert "Het veld ‘Juridische redenering’ bevat een e-mailadres" in " ".join(
        formset.forms[0].errors["reasoning"]
    )
    assert "Het veld ‘Juridische redenering’ bevat een e-mailadres" in response.content.decode()
    assert Revision.objects.filter(object_id=str(case.pk)).count() == revisions
    assert CaseLegalBasis.objects.get(page=case).reasoning.startswith("Bijzondere bijstand")


def test_a_moderator_cannot_publish_personal_data(client, case, moderator, region) -> None:
    client_login_with_mfa(client, moderator)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]),
        _edit_data(
            case,
            region,
            situation=f"{SITUATION} BSN 123456782.",
            **{"action-publish": "action-publish"},
        ),
    )

    assert response.status_code == 200
    case.refresh_from_db()
    assert case.situation == SITUATION
    assert "123456782" not in case.live_revision.content["situation"]


def test_a_clean_edit_saves_a_draft_revision_and_leaves_the_live_case(
    client, case, editor, region
) -> None:
    client_login_with_mfa(client, editor)
    revisions = Revision.objects.filter(object_id=str(case.pk)).count()
    new_situation = "Een moeder met drie kinderen heeft een huurachterstand van vier maanden."

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]),
        _edit_data(case, region, situation=new_situation),
    )

    assert response.status_code == 302
    assert Revision.objects.filter(object_id=str(case.pk)).count() == revisions + 1
    case.refresh_from_db()
    assert case.has_unpublished_changes
    assert case.situation == SITUATION  # the live case is unchanged until it is published
    assert case.get_latest_revision_as_object().situation == new_situation


def test_preview_shows_unsaved_changes_and_refuses_personal_data(
    client, case, editor, region
) -> None:
    client_login_with_mfa(client, editor)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[case.pk])

    refused = client.post(preview_url, _edit_data(case, region, barrier="BSN 123456782."))
    accepted = client.post(
        preview_url,
        _edit_data(
            case,
            region,
            barrier="De corporatie en de gemeente wachten op elkaar.",
            costs=inline_formset([{"domain": "jeugdwet", "direct": "0", "prevented": "4321"}]),
        ),
    )
    preview = client.get(preview_url)

    assert refused.json()["is_valid"] is False
    assert accepted.json()["is_valid"] is True
    html = preview.content.decode()
    assert "De corporatie en de gemeente wachten op elkaar." in html
    assert "€\xa04.321" in html  # the edited cost row, from memory
    assert "Participatiewet</a>, artikel 35 lid 1" in html
