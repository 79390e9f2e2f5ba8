"""The demo loader: builds the demo site from each app's own `demo` module.

An app takes part by having a module `<app>.demo` with

    DEMO_AFTER = ("home", "casebook")   # optional: app labels whose demo loads first
    def load(*, home): ...              # its demo content under the home page
    def finish(*, home): ...            # optional: after every app's load
    def logins(): ...                   # optional: the demo logins to print

The loader finds these modules among the installed apps (no list to keep), orders them
by DEMO_AFTER (ties in INSTALLED_APPS order), creates the home page first (every page
hangs under it) and runs it all in one transaction with search updates paused, then
rebuilds the search indexes once. Idempotent: each app's demo creates only what is
missing.
"""

from __future__ import annotations

import graphlib
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from portal.home.demo import home_load
from search.indexing import search_index_rebuild, search_updates_paused

DEMO_MODULE = "demo"


@dataclass(frozen=True)
class DemoResult:
    """What the loader did: the apps in the order they loaded, the logins to print and
    the numbers indexed."""

    apps: list[str]
    logins: list[Any] = field(default_factory=list)
    indexed: dict[str, int] = field(default_factory=dict)


def demo_modules() -> list[tuple[str, ModuleType]]:
    """(app label, demo module) of every installed app of the project that has one,
    ordered so that each comes after the labels in its DEMO_AFTER."""
    found: dict[str, ModuleType] = {}
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, DEMO_MODULE):
            module = import_module(f"{config.name}.{DEMO_MODULE}")
            if callable(getattr(module, "load", None)):
                found[config.label] = module
    order = list(found)  # INSTALLED_APPS order breaks ties
    sorter = graphlib.TopologicalSorter()
    for label in order:
        after = [name for name in getattr(found[label], "DEMO_AFTER", ()) if name in found]
        sorter.add(label, *after)
    sorter.prepare()
    ordered: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=order.index)
        for label in ready:
            ordered.append(label)
            sorter.done(label)
    return [(label, found[label]) for label in ordered]


def demo_load() -> DemoResult:
    """Load every app's demo (idempotent) and rebuild the search indexes."""
    modules = demo_modules()
    logins: list[Any] = []
    with search_updates_paused(), transaction.atomic():
        home = home_load()
        for _label, module in modules:
            module.load(home=home)
        for _label, module in modules:
            if callable(getattr(module, "finish", None)):
                module.finish(home=home)
        for _label, module in modules:
            if callable(getattr(module, "logins", None)):
                logins += module.logins()
    indexed = search_index_rebuild()
    return DemoResult(apps=[label for label, _module in modules], logins=logins, indexed=indexed)
