"""Plan templates and practice plans as DOCX and PDF: open the files and read them back."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from casebook.models import CostDomain
from learning.factories import (
    DOORBRAAKPLAN_SECTIONS,
    PlanTemplatePageFactory,
    PracticePlanFactory,
    TariffFactory,
)
from learning.models import (
    CostSide,
    PracticePlanCostLine,
    PracticePlanLegalBasis,
    PracticePlanStatus,
    SectionKind,
)
from learning.plans.documents import (
    document_filename,
    plan_template_docx,
    plan_template_pdf,
    practice_plan_docx,
    practice_plan_pdf,
    rich_text_blocks,
)

HEADINGS = [heading for _key, heading, _kind in DOORBRAAKPLAN_SECTIONS]


def docx_of(content: bytes):
    return Document(io.BytesIO(content))


def docx_text(document) -> str:
    """All text of a Word file: paragraphs and table cells, whitespace normalised."""
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return normalise(" ".join(parts))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    return normalise(" ".join(page.extract_text() for page in reader.pages))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


# --------------------------------------------------------------------------- formatting


def test_filenames_are_readable_slugs_with_the_version():
    assert (
        document_filename(title="Doorbraakplan", version="2.0", extension="docx")
        == "doorbraakplan-versie-2-0.docx"
    )
    assert document_filename(title="Schot voor de boeg", extension="pdf") == (
        "schot-voor-de-boeg.pdf"
    )
    assert document_filename(title="???", extension="pdf") == "document.pdf"


def test_guidance_keeps_paragraphs_bullets_and_web_addresses():
    blocks = rich_text_blocks(
        "<p>Beschrijf <b>kort</b> de situatie.</p><ul><li>Wie hoort bij het huishouden?"
        "</li><li>Welke instanties zijn betrokken?</li></ul><ol><li>Eerst</li><li>Dan</li>"
        '</ol><p>Zie <a href="https://example.org/uitleg">de uitleg</a> en '
        '<a linktype="page" id="3">de les</a>.</p>'
    )
    assert [block.kind for block in blocks] == ["paragraph", "list", "list", "paragraph"]
    assert blocks[0].text == "Beschrijf kort de situatie."
    assert blocks[1].items == ("Wie hoort bij het huishouden?", "Welke instanties zijn betrokken?")
    assert not blocks[1].ordered and blocks[2].ordered
    assert blocks[3].text == "Zie de uitleg (https://example.org/uitleg) en de les."


# --------------------------------------------------------------------------- template


def test_template_docx_has_every_section_as_a_real_heading_with_guidance_and_example(template):
    document = docx_of(plan_template_docx(template=template))

    assert headings(document, 1) == ["Doorbraakplan"]
    assert headings(document, 2) == HEADINGS
    assert document.core_properties.title == "Doorbraakplan"
    assert document.core_properties.language == "nl"
    text = docx_text(document)
    assert "Versie: 2.0" in text
    assert "Geldig vanaf: 1 januari 2026" in text  # the factory's effective date
    assert "Het format om een doorbraak te onderbouwen" in text  # the summary
    for heading in HEADINGS:
        assert f"Wat hoort in {heading.lower()}." in text  # guidance
        assert f"Voorbeeld bij {heading.lower()}." in text  # example
    # Each section: guidance, the labelled example and room to write.
    assert headings(document, 3).count("Voorbeeld") == len(HEADINGS)
    assert headings(document, 3).count("Jouw tekst") == len(HEADINGS)
    assert "vervangen" not in text


def test_template_docx_offers_empty_tables_for_legal_bases_and_costs(template):
    document = docx_of(plan_template_docx(template=template))

    header_rows = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    assert ["Wet", "Artikel", "Waarom"] in header_rows
    assert ["Wetsdomein", "Kosten doorbraak", "Voorkomen kosten"] in header_rows
    costs = next(t for t in document.tables if t.rows[0].cells[0].text == "Wetsdomein")
    first_column = [row.cells[0].text for row in costs.rows]
    assert [label for _value, label in CostDomain.choices] == first_column[1:-2]
    assert first_column[-2] == "Totaal"
    assert first_column[-1].startswith("Rendement")
    assert all(cell.text == "" for row in costs.rows[1:] for cell in row.cells[1:])
    # Header rows are marked as such (repeated on a new page, read as column headers).
    for table in document.tables:
        if len(table.columns) > 1:
            assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_template_guidance_bullets_become_list_paragraphs(template_index):
    template = PlanTemplatePageFactory(
        parent=template_index,
        sections=[
            {
                "key": "situatie",
                "heading": "Situatieschets",
                "kind": SectionKind.TEXT,
                "guidance": "<p>Denk aan:</p><ul><li>het huishouden</li><li>de schulden</li></ul>",
                "example": "Moeder met twee kinderen.",
            }
        ],
    )
    document = docx_of(plan_template_docx(template=template))

    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["het huishouden", "de schulden"]


def test_template_pdf_has_every_section_version_and_example(template):
    content = plan_template_pdf(template=template)
    text = pdf_text(content)

    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title == "Doorbraakplan"
    assert "Sjabloon, versie 2.0" in text
    for heading in HEADINGS:
        assert heading in text
        assert f"Voorbeeld bij {heading.lower()}." in text
    assert "Wet Artikel Waarom" in text
    assert "Wetsdomein Kosten doorbraak Voorkomen kosten" in text
    assert "vervangen" not in text


def test_superseded_template_says_so_and_names_the_newer_version(template_index):
    old = PlanTemplatePageFactory(parent=template_index, title="Doorbraakplan", version="1.0")
    PlanTemplatePageFactory(
        parent=template_index,
        title="Doorbraakplan 2026",
        version="2.0",
        supersedes=old,
        effective_date=datetime.date(2026, 6, 1),
    )

    docx = docx_text(docx_of(plan_template_docx(template=old)))
    pdf = pdf_text(plan_template_pdf(template=old))

    for text in (docx, pdf):
        assert "deze versie is vervangen door Doorbraakplan 2026, versie 2.0" in text
        assert "1 juni 2026" in text


def test_a_draft_successor_does_not_mark_the_template_superseded(template_index):
    old = PlanTemplatePageFactory(parent=template_index, version="1.0")
    PlanTemplatePageFactory(parent=template_index, version="2.0", supersedes=old, live=False)

    assert "vervangen" not in docx_text(docx_of(plan_template_docx(template=old)))


# --------------------------------------------------------------------------- practice plan


@pytest.fixture
def completed_plan(template, learner):
    """A completed plan with answers, a legal basis and computed costs."""
    plan = PracticePlanFactory(
        owner=learner,
        template=template,
        title="Plan voor gezin Noord",
        status=PracticePlanStatus.COMPLETED,
        answers={
            "situatie": "Een moeder met twee kinderen en een huurachterstand.",
            "doorbraak": "- Schuld bevriezen\n- Woning behouden",
        },
        costs_computed_at=timezone.make_aware(datetime.datetime(2026, 2, 3, 10, 0)),
    )
    PracticePlanLegalBasis.objects.create(
        plan=plan,
        law_label="Participatiewet",
        article_label="artikel 18",
        reasoning="Maatwerk bij de bijstand is mogelijk.",
        sort_order=0,
    )
    PracticePlanLegalBasis.objects.create(
        plan=plan,
        law_label="Wet gemeentelijke schuldhulpverlening",
        article_label="artikel 3",
        reasoning="De gemeente biedt hulp bij schulden.",
        sort_order=1,
    )
    return plan


@pytest.fixture
def tariff(db):
    return TariffFactory(
        name="Maand bijstand",
        cost_domain=CostDomain.PARTICIPATIEWET,
        unit="maand",
        amount=Decimal("1234.56"),
    )


@pytest.fixture
def plan_with_costs(completed_plan, tariff):
    plan = completed_plan
    PracticePlanCostLine.objects.create(
        plan=plan,
        side=CostSide.COST,
        domain=CostDomain.WGS,
        description="Saneringskrediet",
        unit="keer",
        unit_price=Decimal("2500.00"),
        quantity=Decimal("1"),
        sort_order=0,
    )
    PracticePlanCostLine.objects.create(
        plan=plan,
        side=CostSide.PREVENTED,
        domain=CostDomain.PARTICIPATIEWET,
        tariff=tariff,
        description="Maand bijstand",
        unit="maand",
        unit_price=tariff.amount,
        quantity=Decimal("6"),
        sort_order=1,
    )
    return plan


def test_practice_plan_docx_holds_the_answers_and_legal_bases(completed_plan):
    document = docx_of(practice_plan_docx(plan=completed_plan))

    assert headings(document, 1) == ["Plan voor gezin Noord"]
    assert headings(document, 2) == HEADINGS  # the plan's own section snapshot
    text = docx_text(document)
    assert "Sjabloon: Doorbraakplan, versie 2.0" in text
    assert "Auteur: Sanne de Vries" in text
    assert "Status: Afgerond" in text
    assert "Een moeder met twee kinderen en een huurachterstand." in text
    assert "Nog niet ingevuld." in text  # the sections without an answer
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Schuld bevriezen", "Woning behouden"]
    bases = next(t for t in document.tables if t.rows[0].cells[0].text == "Wet")
    assert [[cell.text for cell in row.cells] for row in bases.rows[1:]] == [
        ["Participatiewet", "artikel 18", "Maatwerk bij de bijstand is mogelijk."],
        [
            "Wet gemeentelijke schuldhulpverlening",
            "artikel 3",
            "De gemeente biedt hulp bij schulden.",
        ],
    ]
    assert "Nog geen kosten en baten berekend." in text


def test_practice_plan_keeps_its_snapshot_when_the_template_changes(completed_plan, template):
    template.sections.filter(key="situatie").update(heading="Hoe het nu gaat")

    text = docx_text(docx_of(practice_plan_docx(plan=completed_plan)))

    assert "Situatieschets" in text
    assert "Hoe het nu gaat" not in text


def test_practice_plan_pdf_shows_the_amounts_totals_and_when_they_were_computed(
    plan_with_costs,
):
    text = pdf_text(practice_plan_pdf(plan=plan_with_costs))

    for heading in HEADINGS:
        assert heading in text
    assert "Een moeder met twee kinderen" in text
    assert "Participatiewet artikel 18 Maatwerk bij de bijstand is mogelijk." in text
    # 6 x € 1.234,56 = € 7.407,36 prevented; € 2.500,00 cost; return € 4.907,36.
    assert "Saneringskrediet" in text
    assert "€ 1.234,56" in text
    assert "€ 7.407,36" in text
    assert "€ 2.500,00" in text
    assert "Rendement (voorkomen kosten min kosten doorbraak): € 4.907,36." in text
    assert "1 : 3,0" in text
    assert "De bedragen zijn laatst berekend op 3 februari 2026;" in text
    assert "rekent met het tarief dat gold toen de regel werd toegevoegd of herberekend." in text
    assert "inmiddels gewijzigd" not in text


def test_practice_plan_says_which_tariff_changed_after_computing(plan_with_costs, tariff):
    tariff.amount = Decimal("1300.00")
    tariff.save()

    docx = docx_text(docx_of(practice_plan_docx(plan=plan_with_costs)))
    pdf = pdf_text(practice_plan_pdf(plan=plan_with_costs))

    for text in (docx, pdf):
        # The plan keeps the amounts it was computed with ...
        assert "€ 7.407,36" in text
        # ... and says the tariff is different now.
        assert (
            "Het tarief van ‘Maand bijstand’ is inmiddels gewijzigd: nu € 1.300,00 per maand, "
            "in dit plan gerekend met € 1.234,56." in text
        )


def test_practice_plan_documents_read_a_constant_number_of_queries(
    plan_with_costs, django_assert_max_num_queries
):
    from learning.models import PracticePlan

    plan = PracticePlan.objects.select_related("owner").get(pk=plan_with_costs.pk)
    with django_assert_max_num_queries(2):  # legal bases; cost lines with their tariffs
        practice_plan_docx(plan=plan)
