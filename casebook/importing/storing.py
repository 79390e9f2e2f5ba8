"""Storing validated cases as pages, through Wagtail's public page API.

Each case becomes a page the way an editor's would: `parent.add_child(instance=page)`
(tree path, depth, url_path, the parent's numchild and the "create" entry of the
history), `page.save_revision(log_action=True)` (a revision and the "edit" entry). A
published import creates the page live and then records that revision as published,
the way Wagtail's own CopyPageAction does for a page copied live: live revision and
publication dates (one `save(update_fields=...)`), the "publish" entry of the history
(`wagtail.log_actions.log`) and Wagtail's `page_published` signal. `revision.publish()`
would reach the same state, but it loads the revision back into a page and saves the
whole page and its child rows a third time: half of the import's time. Runs inside
the caller's transaction.

Three kinds of per-save bookkeeping are done once at the end instead of after every
save: our search indexes (updates are paused; the caller updates the case and site
index for the new pages after commit), Wagtail's own search index (paused with ours,
search.wagtail_index; then one bulk write) and Wagtail's reference index (its
auto-update is switched off with Wagtail's `disable_reference_index_auto_update`, then
`ReferenceIndex.create_or_update_for_object` runs once per page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from search.indexing import search_updates_paused
from search.wagtail_index import wagtail_index_add

from ..models import (
    CaseCost,
    CaseIndexPage,
    CaseLegalBasis,
    CasePage,
    Law,
    LawArticle,
    ProblemDomain,
    Region,
)
from .names import unique_slug
from .records import CaseRecord

Progress = Callable[[int], None]


class _Lookups:
    """Taxonomy rows by name, read once per import (after missing names were created)."""

    def __init__(self) -> None:
        self.domains = {domain.name: domain for domain in ProblemDomain.objects.all()}
        self.regions = dict(Region.objects.values_list("name", "pk"))
        self.laws = dict(Law.objects.values_list("name", "pk"))
        self.articles = {
            (law_name, article): pk
            for pk, law_name, article in LawArticle.objects.values_list(
                "pk", "law__name", "article"
            )
        }


def _slug(title: str, taken: set[str]) -> str:
    return unique_slug(
        title,
        taken=taken,
        max_length=CasePage._meta.get_field("slug").max_length,
        fallback="casus",
        allow_unicode=getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True),
    )


def _page(case: CaseRecord, *, slug: str, lookups: _Lookups) -> CasePage:
    """The unsaved page of a case, its legal bases, costs and domains in memory
    (modelcluster keeps child rows until the page is saved)."""
    page = CasePage(
        title=case.title,
        slug=slug,
        **case.texts,
        breakthrough_cost=case.breakthrough_cost,
        phase=case.phase,
        region_id=lookups.regions[case.region],
        year=case.year,
        outcome=case.outcome,
    )
    page.legal_bases = [
        CaseLegalBasis(
            law_id=lookups.laws[law],
            article_id=lookups.articles[(law, article)] if article else None,
            reasoning=reasoning,
            sort_order=order,
        )
        for order, (law, article, reasoning) in enumerate(case.legal_bases)
    ]
    page.costs = [
        CaseCost(domain=domain, direct=direct, prevented=prevented, sort_order=order)
        for order, (domain, (direct, prevented)) in enumerate(case.costs.items())
    ]
    page.problem_domains = [lookups.domains[name] for name in case.problem_domains]
    return page


def _record_published(page: CasePage, revision: Revision) -> None:
    """Record `revision` of the new, live `page` as its published revision."""
    page.live_revision = revision
    page.first_published_at = page.last_published_at = revision.created_at
    page.has_unpublished_changes = False
    page.save(
        clean=False,
        update_fields=[
            "live_revision",
            "first_published_at",
            "last_published_at",
            "has_unpublished_changes",
        ],
    )
    log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
    page_published.send(sender=CasePage, instance=page, revision=revision)


def cases_store(
    *,
    cases: Iterable[CaseRecord],
    parent: CaseIndexPage,
    draft: bool,
    progress: Progress | None = None,
) -> list[CasePage]:
    """Create a page per case under `parent` (inside the caller's transaction); with
    `draft`, a draft revision only. Returns the new pages, in the order given."""
    lookups = _Lookups()
    taken = set(parent.get_children().values_list("slug", flat=True))
    pages: list[CasePage] = []
    with search_updates_paused(), disable_reference_index_auto_update():
        for case in cases:
            page = _page(case, slug=_slug(case.title, taken), lookups=lookups)
            page.live = not draft
            parent.add_child(instance=page)
            revision = page.save_revision(log_action=True, clean=False)
            if not draft:
                _record_published(page, revision)
            pages.append(page)
            if progress:
                progress(len(pages))
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)
        wagtail_index_add(model=CasePage, ids=[page.pk for page in pages])
    parent.refresh_from_db(fields=["numchild"])
    return pages
