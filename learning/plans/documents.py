"""Plan templates and practice plans as documents: DOCX (python-docx) and PDF (WeasyPrint).

Both formats render ONE neutral document model (`PlanDocument`), built either from a
plan template page (to fill in by hand: guidance, an example and room to write per
section) or from a learner's practice plan (their answers, legal bases and cost table).
So the two formats always hold the same text, and the rules for what goes in a
document live in the two builders below, not in the renderers.

Decisions:
- Headings are real headings: the title is Heading 1 / <h1>, each plan section
  Heading 2 / <h2>, the parts within a section (toelichting, voorbeeld, ...) Heading 3
  / <h3>. Tables have a header row (repeated on a new page in Word, <th scope> in PDF).
- The guidance is rich text; it becomes plain paragraphs and list items (bold and
  italic are dropped; a web link keeps its address in brackets, an internal link its
  text only, as its relative address means nothing on paper).
- Amounts are written Dutch style with cents: "€ 1.234,56". The figures come from
  `learning.plans.calculator` (never computed here); a practice plan says when they were
  computed and which tariffs have changed since.
- The PDF loads nothing (no network, no files: like the certificate), uses the system's
  DejaVu fonts and is tagged (pdf_tags) so screen readers get its structure.
- Documents are Dutch whatever language the request has: they are built under
  `translation.override("nl")`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Literal

from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from casebook.models import CostDomain
from portal.core.money import format_euro
from portal.core.pdf import render_pdf

from ..models import (
    CostSide,
    PlanTemplatePage,
    PracticePlan,
    PracticePlanCostLine,
    SectionKind,
)
from .calculator import plan_cost_summary
from .template_pages import plan_template_successor

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

PUBLISHER = "Instituut voor Publieke Waarden"
DOCUMENT_LANGUAGE = "nl"
#: Blank rows in the empty tables of a template, to fill in by hand.
EMPTY_TABLE_ROWS = 4
#: Height of the empty answer area of a template section, in lines.
ANSWER_LINES = 8
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"
CONTENT_TYPES = {"docx": DOCX_CONTENT_TYPE, "pdf": PDF_CONTENT_TYPE}

# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True)
class Subheading:
    """A heading within a section (level 3)."""

    text: str
    kind: Literal["subheading"] = "subheading"


@dataclass(frozen=True)
class Note:
    """A paragraph that must stand out (superseded version, changed tariffs)."""

    text: str
    kind: Literal["note"] = "note"


@dataclass(frozen=True)
class ItemList:
    items: tuple[str, ...]
    ordered: bool = False
    kind: Literal["list"] = "list"


@dataclass(frozen=True)
class AnswerArea:
    """An empty bordered box to write in (templates only)."""

    label: str
    lines: int = ANSWER_LINES
    kind: Literal["answer"] = "answer"


@dataclass(frozen=True)
class Table:
    """A table with a header row. `row_headers`: the first cell of each row names it.
    `numeric`: indexes of columns holding amounts or numbers (aligned right).
    `footer`: total rows, shown in bold after the body rows."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    footer: tuple[tuple[str, ...], ...] = ()
    row_headers: bool = False
    numeric: frozenset[int] = frozenset()
    kind: Literal["table"] = "table"


Block = Paragraph | Subheading | Note | ItemList | AnswerArea | Table


@dataclass(frozen=True)
class DocumentSection:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PlanDocument:
    """What a document says, independent of its format."""

    title: str
    subtitle: str
    #: (label, value) lines under the title: version, date, author, status, ...
    meta: tuple[tuple[str, str], ...]
    #: Blocks between the meta lines and the first section (notes, summary, how to use).
    intro: tuple[Block, ...]
    sections: tuple[DocumentSection, ...]
    author: str = PUBLISHER
    subject: str = ""
    language: str = DOCUMENT_LANGUAGE


# --------------------------------------------------------------------------- formatting


def format_quantity(value: Decimal) -> str:
    """A quantity without needless decimals: 3, 2,5, 0,25."""
    normalised = value.normalize()
    decimals = max(0, -normalised.as_tuple().exponent)
    with translation.override(DOCUMENT_LANGUAGE):
        return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_ratio(value: Decimal) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return number_format(value, decimal_pos=1, use_l10n=True)


def _format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return date_format(value, "j F Y")


def document_filename(*, title: str, version: str = "", extension: str) -> str:
    """A safe, readable file name: ("Doorbraakplan", "2.0", "docx") ->
    "doorbraakplan-versie-2-0.docx"."""
    words = title
    if version:
        words = f"{title} versie {version}"
    # slugify drops dots ("2.0" -> "20"); make them separators first.
    slug = slugify(re.sub(r"[._/]+", " ", words))[:80].strip("-") or "document"
    return f"{slug}.{extension.lstrip('.').lower()}"


# --------------------------------------------------------------------------- rich text


class _RichTextReader(HTMLParser):
    """Wagtail rich text (p, ul/ol/li, b/i, a, br) to paragraphs and lists."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._lists: list[tuple[bool, list[str]]] = []
        self._in_item = False
        self._href: str | None = None

    def _flush_text(self) -> str:
        text = re.sub(r"[ \t\r\f\v]+", " ", "".join(self._text))
        text = "\n".join(line.strip() for line in text.split("\n")).strip()
        self._text = []
        return text

    def _flush_paragraph(self) -> None:
        text = self._flush_text()
        if text:
            self.blocks.append(Paragraph(text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            if self._in_item:  # a nested list: close the text of the parent item
                self._close_item()
            else:
                self._flush_paragraph()
            self._lists.append((tag == "ol", []))
        elif tag == "li":
            if self._in_item:
                self._close_item()
            self._in_item = True
        elif tag == "br":
            self._text.append("\n")
        elif tag in ("p", "h2", "h3", "h4", "h5", "h6", "blockquote"):
            if not self._lists:
                self._flush_paragraph()
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self._href = href if href.startswith(("http://", "https://", "mailto:")) else None

    def _close_item(self) -> None:
        text = self._flush_text()
        if text and self._lists:
            self._lists[-1][1].append(text)
        self._in_item = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self._close_item()
        elif tag in ("ul", "ol") and self._lists:
            if self._in_item:
                self._close_item()
            ordered, items = self._lists.pop()
            if self._lists:  # nested: fold into the parent list
                self._lists[-1][1].extend(items)
            elif items:
                self.blocks.append(ItemList(tuple(items), ordered=ordered))
        elif tag in ("p", "h2", "h3", "h4", "h5", "h6", "blockquote"):
            if not self._lists:
                self._flush_paragraph()
        elif tag == "a" and self._href:
            address = self._href.removeprefix("mailto:")
            self._text.append(f" ({address})")
            self._href = None

    def handle_data(self, data: str) -> None:
        self._text.append(data.replace("\n", " "))

    def close(self) -> None:
        super().close()
        while self._lists:
            self.handle_endtag("ol" if self._lists[-1][0] else "ul")
        self._flush_paragraph()


def rich_text_blocks(html: str) -> list[Block]:
    """Paragraphs and lists of a rich text value, in order."""
    reader = _RichTextReader()
    reader.feed(html or "")
    reader.close()
    return reader.blocks


def text_blocks(text: str) -> list[Block]:
    """Plain text typed by a person: a paragraph per blank-line-separated part; lines
    starting with "- " or "* " become a bulleted list."""
    blocks: list[Block] = []
    for part in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        lines = [line.rstrip() for line in part.split("\n") if line.strip()]
        if not lines:
            continue
        if all(re.match(r"\s*[-*•]\s+", line) for line in lines):
            items = tuple(re.sub(r"^\s*[-*•]\s+", "", line) for line in lines)
            blocks.append(ItemList(items))
        else:
            blocks.append(Paragraph("\n".join(line.strip() for line in lines)))
    return blocks


# --------------------------------------------------------------------------- builders


def plan_template_newer_version(*, template: PlanTemplatePage) -> PlanTemplatePage | None:
    """The live, public version that replaces this one, as the template page says."""

    return plan_template_successor(template=template)


def _legal_bases_table(rows: Iterable[tuple[str, str, str]]) -> Table:
    return Table(
        caption=_("Wettelijke grondslagen"),
        columns=(_("Wet"), _("Artikel"), _("Waarom")),
        rows=tuple(tuple(row) for row in rows),
    )


def _empty_cost_table() -> Table:
    return Table(
        caption=_("Kosten en baten per wetsdomein"),
        columns=(_("Wetsdomein"), _("Kosten doorbraak"), _("Voorkomen kosten")),
        rows=tuple((str(label), "", "") for _value, label in CostDomain.choices),
        footer=(
            (_("Totaal"), "", ""),
            (_("Rendement (voorkomen kosten min kosten doorbraak)"), "", ""),
        ),
        row_headers=True,
        numeric=frozenset({1, 2}),
    )


def plan_template_document(*, template: PlanTemplatePage) -> PlanDocument:
    """A template to fill in: per section its guidance, an example and room to write."""
    with translation.override(DOCUMENT_LANGUAGE):
        successor = plan_template_newer_version(template=template)
        meta = [
            (_("Soort sjabloon"), str(template.get_kind_display())),
            (_("Versie"), template.version),
            (_("Geldig vanaf"), _format_date(template.effective_date)),
            (_("Uitgegeven door"), PUBLISHER),
        ]
        intro: list[Block] = []
        if successor is not None:
            note = _(
                "Let op: deze versie is vervangen door %(title)s, versie %(version)s "
                "(geldig vanaf %(date)s). Gebruik voor een nieuw plan de nieuwe versie."
            ) % {
                "title": successor.title,
                "version": successor.version,
                "date": _format_date(successor.effective_date),
            }
            url = successor.get_full_url()
            if url:
                note += " " + _("Je vindt hem op %(url)s") % {"url": url}
            intro.append(Note(note))
        if template.summary:
            intro.append(Paragraph(template.summary))
        intro.append(
            Paragraph(
                _(
                    "Zo gebruik je dit sjabloon: per onderdeel lees je wat erin hoort en zie "
                    "je een voorbeeld. Daaronder is ruimte om je eigen tekst te schrijven."
                )
            )
        )
        sections = []
        for section in template.sections.all():
            blocks: list[Block] = [Subheading(_("Toelichting"))]
            blocks.extend(rich_text_blocks(section.guidance))
            if section.example.strip():
                blocks.append(Subheading(_("Voorbeeld")))
                blocks.extend(text_blocks(section.example))
            blocks.append(Subheading(_("Jouw tekst")))
            if section.kind == SectionKind.LEGAL_BASES:
                blocks.append(
                    Paragraph(
                        _(
                            "Noem per regel de wet, het artikel en waarom het de doorbraak "
                            "mogelijk maakt."
                        )
                    )
                )
                blocks.append(_legal_bases_table([("", "", "")] * EMPTY_TABLE_ROWS))
            elif section.kind == SectionKind.COST_BENEFIT:
                blocks.append(
                    Paragraph(
                        _(
                            "Vul per wetsdomein de kosten van de doorbraak en de kosten die "
                            "ermee worden voorkomen in, en tel ze op."
                        )
                    )
                )
                blocks.append(_empty_cost_table())
            else:
                blocks.append(AnswerArea(label=_("Jouw tekst bij %s") % section.heading))
            sections.append(DocumentSection(heading=section.heading, blocks=tuple(blocks)))
        return PlanDocument(
            title=template.title,
            subtitle=_("Sjabloon, versie %(version)s") % {"version": template.version},
            meta=tuple(meta),
            intro=tuple(intro),
            sections=tuple(sections),
            subject=template.summary,
        )


def _cost_blocks(*, plan: PracticePlan) -> list[Block]:

    summary = plan_cost_summary(plan=plan)
    if summary.is_empty:
        return [Paragraph(_("Nog geen kosten en baten berekend."))]
    domain_labels = dict(CostDomain.choices)
    blocks: list[Block] = []
    for side, caption in (
        (CostSide.COST, _("Kosten van de doorbraak")),
        (CostSide.PREVENTED, _("Voorkomen kosten")),
    ):
        lines = [line for line in summary.lines if line.side == side]
        if not lines:
            continue
        blocks.append(
            Table(
                caption=caption,
                columns=(
                    _("Omschrijving"),
                    _("Wetsdomein"),
                    _("Aantal"),
                    _("Eenheid"),
                    _("Prijs per eenheid"),
                    _("Bedrag"),
                ),
                rows=tuple(
                    (
                        line.description,
                        str(domain_labels.get(line.domain, line.domain)),
                        format_quantity(line.quantity),
                        line.unit,
                        format_euro(line.unit_price, cents=True),
                        format_euro(line.amount, cents=True),
                    )
                    for line in lines
                ),
                row_headers=True,
                numeric=frozenset({2, 4, 5}),
            )
        )
    blocks.append(
        Table(
            caption=_("Totalen per wetsdomein"),
            columns=(_("Wetsdomein"), _("Kosten doorbraak"), _("Voorkomen kosten"), _("Saldo")),
            rows=tuple(
                (
                    row.label,
                    format_euro(row.cost, cents=True),
                    format_euro(row.prevented, cents=True),
                    format_euro(row.net, cents=True),
                )
                for row in summary.rows
            ),
            footer=(
                (
                    _("Totaal"),
                    format_euro(summary.cost_total, cents=True),
                    format_euro(summary.prevented_total, cents=True),
                    format_euro(summary.net, cents=True),
                ),
            ),
            row_headers=True,
            numeric=frozenset({1, 2, 3}),
        )
    )
    blocks.append(
        Paragraph(
            _("Rendement (voorkomen kosten min kosten doorbraak): %(net)s.")
            % {"net": format_euro(summary.net, cents=True)}
        )
    )
    if summary.ratio is not None:
        blocks.append(
            Paragraph(
                _("Verhouding: elke euro aan kosten voorkomt %(ratio)s euro (1 : %(ratio)s).")
                % {"ratio": format_ratio(summary.ratio)}
            )
        )
    if summary.computed_at is not None:
        blocks.append(
            Paragraph(
                _(
                    "De bedragen zijn laatst berekend op %(date)s; een regel met een "
                    "standaardtarief rekent met het tarief dat gold toen de regel werd "
                    "toegevoegd of herberekend."
                )
                % {"date": _format_date(summary.computed_at)}
            )
        )
    for stale in summary.stale:
        line = stale.line
        blocks.append(
            Note(
                _(
                    "Het tarief van ‘%(description)s’ is inmiddels gewijzigd: nu %(current)s "
                    "per %(unit)s, in dit plan gerekend met %(used)s."
                )
                % {
                    "description": line.description,
                    "current": format_euro(stale.current_price, cents=True),
                    "unit": line.unit or _("eenheid"),
                    "used": format_euro(line.unit_price, cents=True),
                }
            )
        )
    return blocks


def practice_plan_document(*, plan: PracticePlan) -> PlanDocument:
    """A learner's plan: per section of its snapshot their answer, legal bases or costs."""
    prefetch_related_objects(
        [plan],
        "legal_bases",
        Prefetch("cost_lines", queryset=PracticePlanCostLine.objects.select_related("tariff")),
    )
    with translation.override(DOCUMENT_LANGUAGE):
        author = plan.owner.get_full_name().strip() if plan.owner_id else ""
        meta = [
            (
                _("Sjabloon"),
                _("%(title)s, versie %(version)s")
                % {"title": plan.template_title, "version": plan.template_version}
                if plan.template_version
                else plan.template_title,
            )
        ]
        if author:
            meta.append((_("Auteur"), author))
        meta.append((_("Status"), str(plan.get_status_display())))
        if plan.updated_at:
            meta.append((_("Laatst opgeslagen"), _format_date(plan.updated_at)))
        answers = plan.answers or {}
        sections = []
        for section in plan.sections or []:
            key = section.get("key", "")
            kind = section.get("kind", SectionKind.TEXT)
            blocks: list[Block] = list(text_blocks(str(answers.get(key, "") or "")))
            if kind == SectionKind.LEGAL_BASES:
                bases = list(plan.legal_bases.all())
                if bases:
                    blocks.append(
                        _legal_bases_table(
                            (basis.law_label, basis.article_label, basis.reasoning)
                            for basis in bases
                        )
                    )
                else:
                    blocks.append(Paragraph(_("Nog geen wettelijke grondslagen gekozen.")))
            elif kind == SectionKind.COST_BENEFIT:
                blocks.extend(_cost_blocks(plan=plan))
            elif not blocks:
                blocks.append(Paragraph(_("Nog niet ingevuld.")))
            sections.append(
                DocumentSection(heading=section.get("heading", key), blocks=tuple(blocks))
            )
        return PlanDocument(
            title=plan.title,
            subtitle=_("Oefenplan met het sjabloon %(title)s") % {"title": plan.template_title},
            meta=tuple(meta),
            intro=(),
            sections=tuple(sections),
            author=author or PUBLISHER,
            subject=plan.template_title,
        )


# --------------------------------------------------------------------------- DOCX


def _docx_set_language(document: DocxDocument, language: str) -> None:
    """Default proofing language of every style: spelling check and screen readers."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        return
    rpr_default = doc_defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        doc_defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)


def _docx_mark_header_row(row) -> None:
    """Mark a table row as header: repeated on each page, announced as column headers."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _docx_table(document: DocxDocument, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    caption = document.add_paragraph()
    caption.add_run(table.caption).bold = True
    caption.paragraph_format.keep_with_next = True
    rows = [*table.rows]
    docx_table = document.add_table(rows=1 + len(rows) + len(table.footer), cols=len(table.columns))
    docx_table.style = "Table Grid"
    _docx_mark_header_row(docx_table.rows[0])
    for index, heading in enumerate(table.columns):
        cell = docx_table.rows[0].cells[index]
        cell.paragraphs[0].add_run(heading).bold = True
    for row_index, values in enumerate([*rows, *table.footer], start=1):
        is_footer = row_index > len(rows)
        if not any(values[1:]) and not is_footer:
            docx_table.rows[row_index].height = Cm(0.9)  # room to write by hand
        for index, value in enumerate(values):
            paragraph = docx_table.rows[row_index].cells[index].paragraphs[0]
            run = paragraph.add_run(value)
            run.bold = is_footer or (table.row_headers and index == 0 and bool(value))
            if index in table.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()


def _docx_blocks(document: DocxDocument, blocks: Iterable[Block]) -> None:
    from docx.shared import Pt

    for block in blocks:
        if isinstance(block, Subheading):
            document.add_heading(block.text, level=3)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            for number, line in enumerate(block.text.split("\n")):
                if number:
                    paragraph.add_run().add_break()
                paragraph.add_run(line)
        elif isinstance(block, Note):
            paragraph = document.add_paragraph()
            paragraph.add_run(block.text).bold = True
        elif isinstance(block, ItemList):
            for position, item in enumerate(block.items, start=1):
                if block.ordered:
                    document.add_paragraph(f"{position}. {item}", style="List Paragraph")
                else:
                    document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, AnswerArea):
            box = document.add_table(rows=1, cols=1)
            box.style = "Table Grid"
            cell = box.rows[0].cells[0]
            cell.paragraphs[0].add_run(block.label).italic = True
            cell.paragraphs[0].runs[0].font.size = Pt(8)
            for _line in range(block.lines):
                cell.add_paragraph()
            document.add_paragraph()
        elif isinstance(block, Table):
            _docx_table(document, block)


def document_docx(*, document: PlanDocument) -> bytes:
    """The document as a Word file (bytes of a .docx)."""
    from docx import Document

    docx_document = Document()
    properties = docx_document.core_properties
    properties.title = document.title
    properties.subject = document.subject[:255]
    properties.author = document.author
    properties.language = document.language
    properties.keywords = "Doorbraakmethode"
    _docx_set_language(docx_document, "nl-NL")

    docx_document.add_heading(document.title, level=1)
    if document.subtitle:
        docx_document.add_paragraph(document.subtitle).runs[0].italic = True
    for label, value in document.meta:
        paragraph = docx_document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    _docx_blocks(docx_document, document.intro)
    for section in document.sections:
        docx_document.add_heading(section.heading, level=2)
        _docx_blocks(docx_document, section.blocks)
    buffer = io.BytesIO()
    docx_document.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- PDF


def document_pdf(*, document: PlanDocument) -> bytes:
    """The document as a PDF (bytes starting with %PDF)."""
    with translation.override(DOCUMENT_LANGUAGE):
        html = render_to_string(
            "learning/plans/documents/plan_document.html", {"document": document}
        )
    return render_pdf(html)


# --------------------------------------------------------------------------- public


def plan_template_docx(*, template: PlanTemplatePage) -> bytes:
    return document_docx(document=plan_template_document(template=template))


def plan_template_pdf(*, template: PlanTemplatePage) -> bytes:
    return document_pdf(document=plan_template_document(template=template))


def practice_plan_docx(*, plan: PracticePlan) -> bytes:
    return document_docx(document=practice_plan_document(plan=plan))


def practice_plan_pdf(*, plan: PracticePlan) -> bytes:
    return document_pdf(document=practice_plan_document(plan=plan))


def plan_template_filename(*, template: PlanTemplatePage, extension: str) -> str:
    return document_filename(title=template.title, version=template.version, extension=extension)


def practice_plan_filename(*, plan: PracticePlan, extension: str) -> str:
    return document_filename(title=plan.title, extension=extension)
