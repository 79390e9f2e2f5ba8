"""Signal handlers: keep the case index in step with what visitors may see.

Handlers only say *which* pages changed; `search.indexing` decides what that means,
after the transaction commits. Connected in SearchConfig.ready().
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from casebook.models import CaseCost, CaseLegalBasis, CasePage, Law, ProblemDomain, Region

from .indexing import case_index_schedule, site_index_schedule

DISPATCH_PREFIX = "search.case_index."


def _case_changed(sender, instance: CasePage, **kwargs) -> None:
    case_index_schedule(page_ids=[instance.pk])


def _case_part_changed(sender, instance, **kwargs) -> None:
    case_index_schedule(page_ids=[instance.page_id])


def _restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    """A restriction on a case or on any page above it hides (or, when removed, shows)
    every case below it."""
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:  # the page itself is being deleted
        return
    ids = CasePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    case_index_schedule(page_ids=list(ids))


def _page_moved_or_published(sender, instance: Page, **kwargs) -> None:
    """Publishing or unpublishing an ancestor (e.g. the case index) changes the cases'
    visibility and URLs as well."""
    if isinstance(instance, CasePage):
        case_index_schedule(page_ids=[instance.pk])
        return
    ids = CasePage.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True)
    case_index_schedule(page_ids=list(ids))


def _taxonomy_changed(sender, instance, **kwargs) -> None:
    """A renamed domain, law or region changes the documents of its cases."""
    if sender is ProblemDomain:
        ids = CasePage.objects.filter(problem_domains=instance).values_list("pk", flat=True)
    elif sender is Region:
        ids = CasePage.objects.filter(region=instance).values_list("pk", flat=True)
    else:
        ids = CaseLegalBasis.objects.filter(law=instance).values_list("page_id", flat=True)
    case_index_schedule(page_ids=list(ids))


def connect() -> None:
    connect_site()
    uid = DISPATCH_PREFIX
    post_save.connect(_case_changed, sender=CasePage, dispatch_uid=uid + "case_save")
    post_delete.connect(_case_changed, sender=CasePage, dispatch_uid=uid + "case_delete")
    page_published.connect(_page_moved_or_published, dispatch_uid=uid + "published")
    page_unpublished.connect(_page_moved_or_published, dispatch_uid=uid + "unpublished")
    for model in (CaseLegalBasis, CaseCost):
        name = model.__name__
        post_save.connect(_case_part_changed, sender=model, dispatch_uid=f"{uid}{name}_save")
        post_delete.connect(_case_part_changed, sender=model, dispatch_uid=f"{uid}{name}_del")
    post_save.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid=uid + "restriction_save"
    )
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid=uid + "restriction_del"
    )
    for model in (ProblemDomain, Region, Law):
        post_save.connect(
            _taxonomy_changed, sender=model, dispatch_uid=f"{uid}{model.__name__}_save"
        )


# -- the site index ------------------------------------------------------------------
SITE_DISPATCH_PREFIX = "search.site_index."


def _site_keys(instance) -> list[str]:
    """The key of a page of a registered type, plus the keys its change affects."""
    from .indexes.site import document_key, site_type_for_model  # noqa: PLC0415

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
    from .indexes.site import site_keys_for_pages  # noqa: PLC0415

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
    from .synonyms import synonyms_changed  # noqa: PLC0415

    synonyms_changed()


def connect_site() -> None:
    """Keep the site index in step; the registry of types is read when a signal fires,
    so types registered later (learning, plan templates) are covered too."""
    from wagtail.signals import post_page_move  # noqa: PLC0415

    from .models import Synonym  # noqa: PLC0415

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
