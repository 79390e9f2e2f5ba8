"""Helpers for forms and imports: check every text field of a case for personal data.

    errors = personal_data_errors({"Situatie": form.cleaned_data["situation"]})
    # {"Situatie": ["Het veld ‘Situatie’ bevat een BSN (“123456782”); verwijder ..."]}

Field values may be plain text, rich-text HTML, StreamField raw data (nested lists and
dicts) or objects that carry those (StreamValue.raw_data, RichText.source).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import unescape
from html.parser import HTMLParser
from typing import Any

from django.utils.translation import gettext as _

from .guard import find_personal_data

# Keys in StreamField raw data that hold structure, not text.
_STRUCTURAL_KEYS = {"type", "id"}
_BLOCK_TAGS = {
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "hr",
    "pre",
}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _looks_like_html(value: str) -> bool:
    return "<" in value and ">" in value


def html_to_text(html: str) -> str:
    """Plain text of (rich-text) HTML; block elements become line breaks."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = (" ".join(line.split()) for line in unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def _walk(value: Any, out: list[str]) -> None:
    if value is None or isinstance(value, bool | int | float):
        return
    if isinstance(value, str):
        out.append(html_to_text(value) if _looks_like_html(value) else value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key not in _STRUCTURAL_KEYS:
                _walk(item, out)
    elif isinstance(value, list | tuple):
        for item in value:
            _walk(item, out)
    elif hasattr(value, "raw_data"):  # wagtail StreamValue
        _walk(list(value.raw_data), out)
    elif hasattr(value, "source"):  # wagtail RichText
        _walk(value.source, out)
    else:
        _walk(str(value), out)


def streamfield_to_text(raw: Any) -> str:
    """Plain text of StreamField raw data (a list of {"type", "value", "id"} dicts, or its
    JSON): every string in the nested values, rich text converted, blocks on own lines."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            pass
    out: list[str] = []
    _walk(raw, out)
    return "\n\n".join(part for part in out if part.strip())


def field_to_text(value: Any) -> str:
    """Plain text of any field value: text, HTML, StreamField data, StreamValue, RichText."""
    if isinstance(value, str) and not value.lstrip().startswith(("[", "{")):
        return html_to_text(value) if _looks_like_html(value) else value
    return streamfield_to_text(value)


def personal_data_errors(
    fields: Mapping[str, Any],
    *,
    labels: Mapping[str, str] | None = None,
    reason: str | None = None,
    quote: bool = True,
) -> dict[str, list[str]]:
    """Dutch error messages per field that holds personal data; fields without any are left
    out, so an empty dict means the case is anonymous.

    `fields` maps a field name (or label) to its value; `labels` optionally maps the names
    to the labels users see; `reason` replaces the closing words ("de casus moet anoniem
    zijn") where the text is not a case. The message quotes the whole fragment found, so
    the writer sees exactly what to change; it is meant for the form the writer is filling
    in. Pass `quote=False` where the message may end up in a log or a terminal (the bulk
    import): it then names the kind only.
    """
    reason = reason or _("de casus moet anoniem zijn")
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        label = (labels or {}).get(name, name)
        messages: list[str] = []
        seen: set[tuple[str, str]] = set()
        for finding in find_personal_data(field_to_text(value)):
            if (finding.kind, finding.text) in seen:
                continue
            seen.add((finding.kind, finding.text))
            values = {"label": label, "kind": finding.label, "found": finding.text}
            values["reason"] = reason
            if quote:
                message = _(
                    "Het veld ‘%(label)s’ bevat %(kind)s (“%(found)s”); verwijder "
                    "persoonsgegevens: %(reason)s."
                )
            else:
                message = _(
                    "Het veld ‘%(label)s’ bevat %(kind)s; verwijder persoonsgegevens: %(reason)s."
                )
            messages.append(message % values)
        if messages:
            errors[name] = messages
    return errors
