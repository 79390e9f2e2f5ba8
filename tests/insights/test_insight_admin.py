"""Editors write lessons learned in the Wagtail editor: the guard refuses personal data."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.accounts.factories import client_login_with_mfa
from portal.insights.models import InsightPage

pytestmark = pytest.mark.django_db


def _insight_data(**fields: str) -> dict:
    values = {
        "title": "Vroeg signaleren werkt",
        "slug": "vroeg-signaleren",
        "date": "2026-03-12",
        "summary": "Wie huurachterstand vroeg ziet, voorkomt een ontruiming.",
        "body": streamfield([("paragraph", rich_text("<p>Het team belde binnen een week.</p>"))]),
        "source": "Wijkteam",
        "region": "Zwolle",
        "tags": "",
    }
    values.update(fields)
    return nested_form_data(values)


def test_a_lesson_learned_with_a_name_birth_date_and_bsn_is_refused(
    client, editor, insights_index
) -> None:
    client_login_with_mfa(client, editor)
    revisions = Revision.objects.count()

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["insights", "insightpage", insights_index.pk]),
        _insight_data(
            summary="Dhr. Pieter Bakker (geboren 03-05-1971, BSN 123456782) kreeg geen hulp."
        ),
    )

    assert response.status_code == 200  # the editor again, not a redirect
    errors = " ".join(response.context["form"].errors["summary"])
    assert "een naam (“Dhr. Pieter Bakker”)" in errors
    assert "een geboortedatum (“03-05-1971”)" in errors
    assert "een BSN (“123456782”)" in errors
    assert not InsightPage.objects.filter(slug="vroeg-signaleren").exists()
    assert Revision.objects.count() == revisions


def test_personal_data_in_the_body_is_refused_too(client, editor, insights_index) -> None:
    client_login_with_mfa(client, editor)

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["insights", "insightpage", insights_index.pk]),
        _insight_data(
            body=streamfield(
                [("paragraph", rich_text("<p>Bel mevrouw Jansen op 06-12345678.</p>"))]
            )
        ),
    )

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["body"])
    assert "bevat een telefoonnummer (“06-12345678”)" in errors
    assert not InsightPage.objects.filter(slug="vroeg-signaleren").exists()


def test_an_anonymous_lesson_learned_is_saved(client, editor, insights_index) -> None:
    client_login_with_mfa(client, editor)

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["insights", "insightpage", insights_index.pk]),
        _insight_data(summary="Het gezin van Fatima hield de woning: € 2.400,00 voorkomen."),
    )

    assert response.status_code == 302
    assert InsightPage.objects.filter(slug="vroeg-signaleren").exists()
