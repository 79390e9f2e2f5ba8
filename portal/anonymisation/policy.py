"""One policy for every text a person writes: each model says which of its text fields the
guard checks and which it leaves alone, with the reason.

    class InsightPage(GuardedText, Page):
        guarded_fields = ("title", "summary", "body")
        guard_exempt = {"source": "names the organisation that reported it"}

`GuardedText.clean_fields()` runs the guard on the declared fields, so every model form
(the Wagtail page editor, snippets, admin views) refuses personal data at the field that
holds it, and `Page.save()` (which validates) never stores it either. Services that store
text without a form call `guard_instance()` themselves. tests/anonymisation/
test_anonymisation_policy.py walks every model of the project and fails for a text field
that is neither guarded nor exempt with a reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst

from .validation import field_to_text, personal_data_errors

#: The error code of every guard message, so forms can tell them from other errors.
PERSONAL_DATA = "personal_data"


def guarded_fields(model: type[models.Model] | models.Model) -> tuple[str, ...]:
    """The text fields of `model` the guard checks (empty when it declares none)."""
    return tuple(getattr(model, "guarded_fields", ()))


def guard_exemptions(model: type[models.Model] | models.Model) -> Mapping[str, str]:
    """The text fields of `model` the guard leaves alone, with the reason for each; a
    subclass adds to what its bases declare (VersionedPage exempts "version")."""
    merged: dict[str, str] = {}
    for klass in reversed(type.mro(model if isinstance(model, type) else type(model))):
        merged.update(vars(klass).get("guard_exempt", {}))
    return merged


def _label(instance: models.Model, name: str) -> str:
    try:
        return str(capfirst(instance._meta.get_field(name).verbose_name))
    except Exception:  # noqa: BLE001 - a non-field attribute: its name is the label
        return name


def guard_instance(
    instance: models.Model,
    *,
    fields: Iterable[str] | None = None,
    exclude: Collection[str] = (),
    reason: str | None = None,
) -> dict[str, list[ValidationError]]:
    """Guard errors per field of `instance` (its declared `guarded_fields`, or `fields`),
    as ValidationErrors with code "personal_data"; an empty dict when all is anonymous."""
    chosen = guarded_fields(instance) if fields is None else fields
    names = [n for n in chosen if n not in exclude]
    values = {name: getattr(instance, name, None) for name in names}
    values = {
        name: value
        for name, value in values.items()
        if value is not None and not (isinstance(value, str) and not value.strip())
    }
    found = personal_data_errors(
        values,
        labels={name: _label(instance, name) for name in values},
        reason=reason or getattr(instance, "guard_reason", None),
    )
    return {
        name: [ValidationError(message, code=PERSONAL_DATA) for message in messages]
        for name, messages in found.items()
    }


def _digest(instance: models.Model, names: Iterable[str]) -> str:
    text = "\x1f".join(field_to_text(getattr(instance, name, None) or "") for name in names)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class GuardedText(models.Model):
    """Model mixin: the guard on `guarded_fields` whenever the model is validated."""

    #: Text fields that a person writes and that may describe a household.
    guarded_fields: ClassVar[tuple[str, ...]] = ()
    #: Text fields the guard leaves alone: field name → why (read by the policy test).
    guard_exempt: ClassVar[Mapping[str, str]] = {}
    #: Closing words of the message ("de casus moet anoniem zijn" by default).
    guard_reason: ClassVar[str | None] = None

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        names = [n for n in guarded_fields(self) if n not in (exclude or ()) and n not in errors]
        # Page.save() validates again after the form did: skip texts already checked.
        digest = _digest(self, names)
        if names and getattr(self, "_guard_passed", None) != digest:
            found = guard_instance(self, fields=names)
            for name, messages in found.items():
                errors.setdefault(name, []).extend(messages)
            if not found:
                self._guard_passed = digest
        if errors:
            raise ValidationError(errors)
