"""Signal handlers: keep the site index and the synonyms in step with the pages.

Handlers only say *which* pages changed; `search.indexing` decides what that means,
after the transaction commits. Apps with a faceted index connect their own handlers
(the casebook: casebook.case_search.signals).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .indexes.site import document_key, site_keys_for_pages, site_type_for_model
from .indexing import site_index_schedule
from .models import Synonym
from .synonyms import synonyms_changed

SITE_DISPATCH_PREFIX = "search.site_index."


def _site_keys(instance) -> list[str]:
    """The key of a page of a registered type, plus the keys its change affects."""
    registered = site_type_for_model(type(instance))
    if registered is None or instance.pk is None:
        return []
    return [document_key(instance), *registered.related_keys(instance)]


def _site_page_saved_or_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        site_index_schedule(keys=_site_keys(instance))


def _site_subtree_changed(page: Page) -> None:
    """A page and everything below it: publishing, unpublishing, moving or restricting
    an ancestor changes the visibility and addresses of its descendants."""
    keys = _site_keys(page)  # with related keys (a standard's older version)
    keys += site_keys_for_pages(Page.objects.descendant_of(page, inclusive=True))
    site_index_schedule(keys=keys)


def _site_page_published(sender, instance: Page, **kwargs) -> None:
    _site_subtree_changed(instance)


def _site_page_moved(sender, instance: Page, **kwargs) -> None:
    _site_subtree_changed(instance)


def _site_restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:  # the page itself is being deleted
        return
    _site_subtree_changed(page)


def _synonym_changed(sender, instance, **kwargs) -> None:
    synonyms_changed()


def connect() -> None:
    """Keep the site index in step; the registry of types is read when a signal fires,
    so every type an app registers is covered. Called in SearchConfig.ready()."""
    uid = SITE_DISPATCH_PREFIX
    post_save.connect(_site_page_saved_or_deleted, dispatch_uid=uid + "page_save")
    post_delete.connect(_site_page_saved_or_deleted, dispatch_uid=uid + "page_delete")
    page_published.connect(_site_page_published, dispatch_uid=uid + "published")
    page_unpublished.connect(_site_page_published, dispatch_uid=uid + "unpublished")
    post_page_move.connect(_site_page_moved, dispatch_uid=uid + "moved")
    post_save.connect(
        _site_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid=uid + "restriction_save",
    )
    post_delete.connect(
        _site_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid=uid + "restriction_delete",
    )
    post_save.connect(_synonym_changed, sender=Synonym, dispatch_uid=uid + "synonym_save")
    post_delete.connect(_synonym_changed, sender=Synonym, dispatch_uid=uid + "synonym_delete")
