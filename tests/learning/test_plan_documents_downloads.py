"""Downloading a plan template as DOCX or PDF from its page."""

from __future__ import annotations

import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from docx import Document
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from learning.factories import (
    DOORBRAAKPLAN_SECTIONS,
    PlanTemplatePageFactory,
)
from portal.accounts.factories import UserFactory

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def docx_headings(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def test_docx_download_is_an_attachment_with_every_section(client, template):
    response = client.get(f"{template.url}download/docx/")

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="doorbraakplan-versie-2-0.docx"'
    )
    headings = docx_headings(response.content)
    assert headings[0] == "Doorbraakplan"
    for _key, heading, _kind in DOORBRAAKPLAN_SECTIONS:
        assert heading in headings


def test_pdf_download_is_an_attachment_with_every_section(client, template):
    response = client.get(f"{template.url}download/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="doorbraakplan-versie-2-0.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    for _key, heading, _kind in DOORBRAAKPLAN_SECTIONS:
        assert heading in text


def test_unknown_format_is_not_found(client, template):
    assert client.get(f"{template.url}download/odt/").status_code == 404


def test_draft_template_cannot_be_downloaded(client, template_index):
    draft = PlanTemplatePageFactory(parent=template_index, title="Concept", live=False)

    for file_format in ("docx", "pdf"):
        assert client.get(f"/sjablonen/{draft.slug}/download/{file_format}/").status_code == 404


def test_unpublished_template_is_no_longer_downloadable(client, template):
    url = f"{template.url}download/docx/"
    assert client.get(url).status_code == 200

    template.unpublish()

    assert client.get(url).status_code == 404


def test_login_restricted_template_sends_anonymous_users_to_log_in(client, template):
    PageViewRestriction.objects.create(page=template, restriction_type="login")
    url = f"{template.url}download/docx/"

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]
    assert response.get("Content-Disposition") is None

    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert "private" in response["Cache-Control"]


def test_restriction_on_the_index_applies_to_the_download_too(client, template, template_index):
    PageViewRestriction.objects.create(page=template_index, restriction_type="login")

    response = client.get(f"{template.url}download/pdf/")

    assert response.status_code == 302
    assert response.get("Content-Disposition") is None


def test_a_new_publication_gives_a_new_document_not_the_cached_one(client, template):
    url = f"{template.url}download/docx/"
    assert docx_headings(client.get(url).content)[0] == "Doorbraakplan"

    template.title = "Doorbraakplan herzien"
    template.save_revision().publish()

    response = client.get(url)
    assert docx_headings(response.content)[0] == "Doorbraakplan herzien"
    assert 'filename="doorbraakplan-herzien-versie-2-0.docx"' in response["Content-Disposition"]


def test_publishing_a_newer_version_adds_the_superseded_note_to_the_older(
    client, template, template_index
):
    url = f"{template.url}download/docx/"
    assert "vervangen" not in " ".join(
        p.text for p in Document(io.BytesIO(client.get(url).content)).paragraphs
    )

    PlanTemplatePageFactory(
        parent=template_index, title="Doorbraakplan 2027", version="3.0", supersedes=template
    )

    text = " ".join(p.text for p in Document(io.BytesIO(client.get(url).content)).paragraphs)
    assert "deze versie is vervangen door Doorbraakplan 2027, versie 3.0" in text
