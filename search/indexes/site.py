"""The site index: one document per live, public page of a registered type.

Apps register their page types here (`site_type_register`, in their AppConfig.ready()),
so the search code knows no app:

    site_type_register(SiteType(
        name="lesson", label=_("Les"), model="learning.LessonPage",
        text=lambda page: [page.intro, *streamfield_text(page.body)],
        date=lambda page: page.last_published_at,
    ))

A document's key is "<app_label>.<model>:<pk>" ("standards.standardpage:12").
Visibility is decided here and only here: live, public (no view restriction on the
page or above it), and whatever the type adds (a standard must be current).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from wagtail.models import Page

from ..text import normalise, searchable_stems, stemmed_text

CHUNK_SIZE = 200


@dataclass(frozen=True)
class SiteDocumentData:
    key: str
    type: str
    title: str
    text: str
    url: str
    date: datetime.date | None
    page_id: int | None = None

    @property
    def title_stems(self) -> str:
        return stemmed_text(self.title)

    @property
    def text_stems(self) -> str:
        """The stems of title and text with their compound parts (search.text)."""
        return searchable_stems(self.title, self.text)

    @property
    def title_words(self) -> str:
        words = " ".join(normalise(self.title).replace("-", " ").split())
        return f" {words} "


def streamfield_text(value) -> list[str]:
    """The searchable text of a StreamField value (rich text without its HTML)."""
    if not value:
        return []
    return [str(part) for part in value.stream_block.get_searchable_content(value) if part]


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


@dataclass(frozen=True)
class SiteType:
    """A page type in the site search.

    - `text(page)`: the text parts searched and cut into snippets (after the title).
    - `date(page)`: the date shown beside a result.
    - `filter(queryset)`: narrows the live, public pages further (e.g. current only).
    - `related_keys(page)`: keys of other documents that a change of this page affects
      (a new standard version hides the version it supersedes).
    """

    name: str
    label: str | Promise
    plural: str | Promise
    model: str
    text: Callable[[Page], list[str]]
    date: Callable[[Page], datetime.date | None] = lambda page: page.last_published_at
    filter: Callable[[QuerySet], QuerySet] = lambda queryset: queryset
    related_keys: Callable[[Page], list[str]] = field(default=lambda page: [])

    @cached_property
    def model_class(self) -> type[Page]:
        return apps.get_model(self.model)

    def queryset(self) -> QuerySet:
        return self.filter(self.model_class.objects.live().public()).order_by("pk")

    def document(self, page: Page) -> SiteDocumentData:
        parts = [" ".join(str(part).split()) for part in self.text(page) if part]
        return SiteDocumentData(
            key=document_key(page),
            type=self.name,
            title=page.title,
            text="\n".join(part for part in parts if part),
            url=page.get_url() or "",
            date=_as_date(self.date(page)),
            page_id=page.pk,
        )


_REGISTRY: dict[str, SiteType] = {}


def site_type_register(site_type: SiteType) -> SiteType:
    """Add (or replace) a page type in the site search."""
    _REGISTRY[site_type.name] = site_type
    return site_type


def site_types() -> list[SiteType]:
    return list(_REGISTRY.values())


def site_type(name: str) -> SiteType | None:
    return _REGISTRY.get(name)


def site_type_for_model(model: type[Model]) -> SiteType | None:
    label = model._meta.label_lower
    for registered in _REGISTRY.values():
        if registered.model.lower() == label:
            return registered
    return None


def document_key(page: Model) -> str:
    return f"{page._meta.label_lower}:{page.pk}"


def split_key(key: str) -> tuple[str, int] | None:
    """("home.contentpage", 12) from "home.contentpage:12", or None if malformed."""
    label, _sep, pk = key.rpartition(":")
    if not label or not pk.isdigit():
        return None
    return label, int(pk)


def site_documents() -> Iterator[SiteDocumentData]:
    """Every document of every registered type: what an anonymous visitor may see."""
    for registered in site_types():
        for page in registered.queryset().iterator(chunk_size=CHUNK_SIZE):
            yield registered.document(page)


def site_documents_count() -> int:
    return sum(registered.queryset().count() for registered in site_types())


def site_documents_for_keys(keys: Iterable[str]) -> list[SiteDocumentData]:
    """The documents of those keys that are visible now (the others are to be removed)."""
    by_label: dict[str, set[int]] = {}
    for key in keys:
        parsed = split_key(key)
        if parsed:
            by_label.setdefault(parsed[0], set()).add(parsed[1])
    documents = []
    for registered in site_types():
        ids = by_label.get(registered.model.lower())
        if ids:
            documents += [
                registered.document(page) for page in registered.queryset().filter(pk__in=ids)
            ]
    return documents


def site_document_for(page: Page) -> SiteDocumentData | None:
    """The document of one page, or None when it is not (or no longer) visible."""
    page = page.specific
    registered = site_type_for_model(type(page))
    if registered is None:
        return None
    visible = registered.queryset().filter(pk=page.pk).first()
    return registered.document(visible) if visible else None


def site_keys_for_pages(pages: QuerySet[Page]) -> list[str]:
    """Keys of the pages of registered types in `pages` (any Page queryset)."""
    labels = {registered.model.lower() for registered in site_types()}
    rows = pages.values_list("pk", "content_type__app_label", "content_type__model")
    return [f"{app}.{model}:{pk}" for pk, app, model in rows if f"{app}.{model}" in labels]
