"""Accessible NL Design System (Utrecht) markup for Django form fields.

``{% form_field field %}`` renders label, description, error message and input, ties
description and error to the input with ``aria-describedby`` and marks invalid input
with ``aria-invalid``. Used by the allauth element overrides and our own forms.
"""

from typing import Any

from django import forms, template

register = template.Library()

_INPUT_CLASSES = {
    "textbox": "utrecht-textbox utrecht-textbox--html-input",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "choices": "",
    "file": "",
}
_INVALID_CLASSES = {
    "textbox": "utrecht-textbox--invalid",
    "textarea": "utrecht-textarea--invalid",
    "select": "utrecht-select--invalid",
    "checkbox": "utrecht-checkbox--invalid",
}


def widget_kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "textbox"


def field_ids(field: forms.BoundField) -> dict[str, str]:
    base = field.auto_id or field.html_name
    return {"input": base, "help": f"{base}_help", "error": f"{base}_error"}


@register.inclusion_tag("accounts/includes/field.html")
def form_field(field: forms.BoundField) -> dict[str, Any]:
    kind = widget_kind(field.field.widget)
    ids = field_ids(field)
    attrs: dict[str, Any] = {}
    classes = [field.field.widget.attrs.get("class", ""), _INPUT_CLASSES.get(kind, "")]
    if isinstance(field.field.widget, forms.PasswordInput):
        classes.append("utrecht-textbox--password")
    describedby = []
    if field.help_text:
        describedby.append(ids["help"])
    if field.errors:
        describedby.append(ids["error"])
        attrs["aria-invalid"] = "true"
        classes.append(_INVALID_CLASSES.get(kind, ""))
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    css = " ".join(c for c in classes if c)
    if css:
        attrs["class"] = css
    return {
        "field": field,
        "kind": kind,
        "ids": ids,
        "widget": field.as_widget(attrs=attrs),
    }
