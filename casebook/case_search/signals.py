"""Signal handlers: keep the case index in step with what visitors may see.

Handlers only say *which* cases changed; `search.indexing` decides what that means,
after the transaction commits. Connected in CasebookConfig.ready().
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from search.wagtail_index import wagtail_index_follow

from ..models import CaseCost, CaseLegalBasis, CasePage, Law, ProblemDomain, Region
from .indexing import case_index_schedule

DISPATCH_PREFIX = "casebook.case_index."


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
    uid = DISPATCH_PREFIX
    wagtail_index_follow(CasePage)
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
