"""The guard as one policy: every text field of every model of the project is either checked
by the guard or exempt with a reason, and a guarded field refuses personal data wherever
it is saved through a model form or Page.save()."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.fields import RichTextField, StreamField

from portal.anonymisation.policy import GuardedText, guard_exemptions, guarded_fields

PROJECT_PACKAGES = ("portal", "casebook", "learning", "search")
# Text a person can type; a field with choices, a slug, a URL or an e-mail address is not
# free text (an e-mail address field is the account's own, asked for on purpose).
TEXT_FIELDS = (models.CharField, models.TextField, RichTextField, StreamField, models.JSONField)
NOT_FREE_TEXT = (models.SlugField, models.URLField, models.EmailField)


def _project_models() -> list[type[models.Model]]:
    return [
        model for model in apps.get_models() if model.__module__.split(".")[0] in PROJECT_PACKAGES
    ]


def _text_fields(model: type[models.Model]) -> list[str]:
    """The free-text fields the project declares on `model` (Wagtail's own Page fields
    belong to Wagtail; a model adds "title" to its guarded fields where it matters)."""
    names = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created:
            continue
        if field.model.__module__.split(".")[0] not in PROJECT_PACKAGES:
            continue
        if isinstance(field, NOT_FREE_TEXT) or getattr(field, "choices", None):
            continue
        if isinstance(field, TEXT_FIELDS):
            names.append(field.name)
    return names


def test_every_text_field_is_guarded_or_exempt_with_a_reason() -> None:
    undecided = []
    for model in _project_models():
        guarded = set(guarded_fields(model))
        exempt = guard_exemptions(model)
        for name in _text_fields(model):
            if name in guarded:
                continue
            if not str(exempt.get(name, "")).strip():
                undecided.append(f"{model._meta.label}.{name}")
    assert undecided == [], (
        f"Add {undecided} to the model's guarded_fields, or to guard_exempt with the reason"
    )


def test_declarations_name_real_fields_and_guarded_models_use_the_mixin() -> None:
    wrong = []
    for model in _project_models():
        guarded = guarded_fields(model)
        for name in (*guarded, *guard_exemptions(model)):
            try:
                model._meta.get_field(name)
            except Exception:  # noqa: BLE001
                wrong.append(f"{model._meta.label}.{name}: no such field")
        if guarded and not issubclass(model, GuardedText):
            wrong.append(f"{model._meta.label}: declares guarded fields without GuardedText")
        overlap = set(guarded) & set(guard_exemptions(model))
        if overlap:
            wrong.append(f"{model._meta.label}: both guarded and exempt: {sorted(overlap)}")
    assert wrong == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("insights.InsightPage", "summary"),
        ("standards.StandardPage", "summary"),
        ("learning.LessonPage", "learning_objective"),
        ("learning.CoursePage", "summary"),
        ("home.ContentPage", "intro"),
        ("helpline.Submission", "internal_notes"),
        ("helpline.Message", "body"),
        ("learning.PracticePlan", "title"),
        ("casebook.CasePage", "situation"),
    ],
)
def test_model_validation_refuses_personal_data_in_a_guarded_field(label: str, field: str) -> None:
    model = apps.get_model(label)
    instance = model(**{field: "Mevrouw Jansen, BSN 1234 56 782, kwam langs."})
    with pytest.raises(ValidationError) as caught:
        instance.clean_fields(exclude=[f.name for f in model._meta.fields if f.name != field])
    messages = caught.value.message_dict[field]
    assert any("“Mevrouw Jansen”" in message for message in messages)
    assert any("een BSN (“1234 56 782”)" in message for message in messages)


@pytest.mark.django_db
def test_an_anonymous_text_passes() -> None:
    model = apps.get_model("insights.InsightPage")
    instance = model(summary="Het gezin van Fatima had € 2.400,00 schuld bij het CAK.")
    instance.clean_fields(exclude=[f.name for f in model._meta.fields if f.name != "summary"])


@pytest.mark.django_db
def test_a_form_without_the_guarded_fields_is_not_refused_for_them() -> None:
    """Only the fields being validated are guarded: a form that leaves the guarded fields
    out (they are in `exclude`) gets no errors about them."""
    model = apps.get_model("insights.InsightPage")
    instance = model(summary="Mevrouw Jansen, BSN 123456782.")
    instance.clean_fields(exclude=[f.name for f in model._meta.fields])
