"""Wagtail's own search index (the admin's page search), paused with ours for bulk loads.

modelsearch updates Wagtail's index on every save of an indexed model, through a task.
A page that is saved three times while it is created (added to the tree, a revision,
published) is indexed three times: in a bulk import that was a sixth of the time. A
model that declares Wagtail's documented `search_auto_update = False` is left alone by
modelsearch; `wagtail_index_follow(model)` gives it the same per-save updates, except
inside `search_updates_paused()`, after which the loader calls `wagtail_index_add` once
for what it stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models.signals import post_delete, post_save
from modelsearch import index as modelsearch_index
from modelsearch.tasks import insert_or_update_object_task
from wagtail.search.backends import get_search_backends

from .indexing import search_updates_are_paused

_DISPATCH = "search.wagtail_index."


def _saved(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    if kwargs.get("raw") or search_updates_are_paused():
        return
    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    modelsearch_index.remove_object(instance)


def wagtail_index_follow(model: type[models.Model]) -> None:
    """Keep Wagtail's index up to date for `model` (which has search_auto_update = False)
    on every save and delete, but not while updates are paused."""
    if getattr(model, "search_auto_update", True):
        raise ValueError(f"{model.__name__}: set search_auto_update = False first.")
    label = model._meta.label_lower
    post_save.connect(_saved, sender=model, dispatch_uid=f"{_DISPATCH}{label}.save")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"{_DISPATCH}{label}.delete")


def wagtail_index_add(
    *,
    model: type[models.Model],
    ids: Iterable[int] = (),
    objects: Iterable[models.Model] | None = None,
) -> None:
    """Add (or update) these objects in Wagtail's index, one bulk write per backend:
    read by `ids`, or given as `objects` when the loader holds them already (a bulk
    load's new objects: no second read, no IN list longer than the database allows)."""
    objects = list(objects) if objects is not None else []
    if not objects and ids:
        objects = list(model.get_indexed_objects().filter(pk__in=list(ids)))
    if not objects:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, objects)
