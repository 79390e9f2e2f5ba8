"""Storing validated cases as pages, in bulk, leaving what Wagtail's page API leaves.

An editor's case, or one stored with `parent.add_child(instance=page)`,
`page.save_revision(log_action=True)` and a publish, costs about 65 queries. An import
writes the same rows in batches of `BATCH_SIZE` cases, a few statements per table:

- `wagtailcore_page` rows (Django's bulk_create on the base model `Page`, which fills in
  the ids) and `casebook_casepage` rows (the same objects inserted into the child table:
  bulk_create refuses a multi-table model, so the insert Django's own save uses is run
  with the child table's fields). Tree position as treebeard's `add_child` computes it:
  the next free steps after the parent's last child (`Page._get_path`, `_str2int`),
  depth, numchild 0, `url_path`; the parent's numchild is raised once. The parent row
  is locked (PostgreSQL) so that two imports under one parent cannot take the same paths.
- the legal bases, costs and problem domains (the M2M through rows);
- a revision per case whose content is `page.serializable_data()` taken in the state
  Wagtail's `save_revision` takes it in (no latest revision yet, no publication dates),
  so the editor opens it and publishing it later works; then the page's latest
  revision, and for a published import its live revision, first and last publication
  dates (`has_unpublished_changes` False); a draft import: `live` False, a draft
  revision only;
- the history: "wagtail.create", "wagtail.edit" (with the revision) and, published,
  "wagtail.publish" (with the revision), with the user and uuid of the active log
  context, as Wagtail's `log()` writes them;
- Wagtail's reference index (the references Wagtail itself extracts from each page) and
  Wagtail's own search index (the admin's page search, one bulk write:
  search.wagtail_index).

Per-save signals are not sent (no `post_save`, no `page_published`); what their
receivers do for a new case is done here once: the page-tree cache gets a new generation
(portal.core.page_cache), our search indexes are updated in bulk by the caller after the
commit. The other `page_published` receivers have nothing to do for a new case: a
contribution (learning.contributions) belongs to a case created from a shared plan, not
to an imported one, and follows (learning.follows) reach only followable ancestors
(standards, plan templates, courses, the lessons learned), never a casebook.
tests/casebook/test_case_import_bulk.py lists the receivers, so a new one is noticed.

Runs inside the caller's transaction: an error anywhere leaves nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from treebeard.exceptions import PathOverflow
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from portal.core.page_cache import page_tree_changed
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

#: Cases written per round of bulk inserts (progress is reported after each round).
BATCH_SIZE = 100

#: The page fields Wagtail's `save_revision` serialises before it sets them: the
#: revision's content holds them as they were before the revision and the publication.
_BEFORE_REVISION = {
    "latest_revision": None,
    "latest_revision_created_at": None,
    "has_unpublished_changes": False,
    "live_revision": None,
    "first_published_at": None,
    "last_published_at": None,
}


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


@dataclass
class _Place:
    """Where the new pages go: the parent's row (locked) and the next free step."""

    path: str
    depth: int
    url_path: str
    locale_id: int
    next_step: int

    def child_path(self) -> str:
        """The path of the next child, as treebeard's add_child computes it."""
        step = self.next_step
        if step >= len(Page.alphabet) ** Page.steplen:
            raise PathOverflow(f"Path overflow under '{self.path}'")
        self.next_step += 1
        return Page._get_path(self.path, self.depth + 1, step)


def _place(parent: CaseIndexPage) -> _Place:
    row = Page.objects.select_for_update().filter(pk=parent.pk)
    path, depth, url_path, locale_id = row.values_list(
        "path", "depth", "url_path", "locale_id"
    ).get()
    last = (
        Page.objects.filter(path__startswith=path, depth=depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
    return _Place(path, depth, url_path, locale_id, next_step)


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
        draft_title=case.title,
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
    # A new page has no other child rows: said in memory, so that serialising it for
    # its revision does not ask the database (a query per relation per page).
    for relation in get_all_child_relations(page):
        if relation.get_accessor_name() not in ("legal_bases", "costs"):
            setattr(page, relation.get_accessor_name(), [])
    for field in get_all_child_m2m_relations(page):
        if field.name != "problem_domains":
            setattr(page, field.name, [])
    return page


def _placed(page: CasePage, *, place: _Place, draft: bool, now: datetime) -> None:
    """Tree position and the page's state after its revision (and publication)."""
    page.path = place.child_path()
    page.depth = place.depth + 1
    page.numchild = 0
    page.url_path = f"{place.url_path}{page.slug}/"
    page.locale_id = place.locale_id
    page.live = not draft
    page.has_unpublished_changes = draft
    page.latest_revision_created_at = now
    if not draft:
        page.first_published_at = page.last_published_at = now


def _content(page: CasePage) -> dict:
    """The revision content Wagtail's save_revision stores for a new page."""
    kept = {name: getattr(page, name) for name in _BEFORE_REVISION}
    for name, value in _BEFORE_REVISION.items():
        setattr(page, name, value)
    try:
        return page.serializable_data()
    finally:
        for name, value in kept.items():
            setattr(page, name, value)


def _insert_case_rows(pages: Sequence[CasePage]) -> None:
    """The casebook_casepage rows of pages whose wagtailcore_page rows exist: the insert
    Django's save runs for a child table, for many rows at once."""
    fields = list(CasePage._meta.local_concrete_fields)
    size = max(connection.ops.bulk_batch_size(fields, pages), 1)
    for start in range(0, len(pages), size):
        CasePage._base_manager._insert(pages[start : start + size], fields=fields)


def _uniform_offset(pages: Sequence[CasePage]) -> int | None:
    """The difference between each page's revision id and its own id, when it is the
    same for every page (ids given out in order, as they nearly always are)."""
    offset = pages[0].latest_revision.pk - pages[0].pk
    if all(page.latest_revision.pk - page.pk == offset for page in pages):
        return offset
    return None


def _revisions_recorded(pages: Sequence[CasePage], *, draft: bool) -> None:
    """Each page's latest (and, published, live) revision in the database: one UPDATE
    by id arithmetic when the offset is uniform, else Django's bulk_update."""
    offset = _uniform_offset(pages)
    if offset is None:
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
        return
    batch = Page.objects.filter(pk__in=[page.pk for page in pages])
    revision = F("pk") + offset
    batch.update(latest_revision=revision, live_revision=None if draft else revision)


def _store_batch(
    pages: list[CasePage], *, draft: bool, now: datetime, types: dict[str, ContentType]
) -> None:
    Page.objects.bulk_create(pages)  # fills in page.id
    for page in pages:
        page.page_ptr_id = page.id
    _insert_case_rows(pages)

    legal_bases, costs, domains = [], [], []
    through = CasePage.problem_domains.through
    for page in pages:
        for child in (*page.legal_bases.all(), *page.costs.all()):
            child.page_id = page.pk
            (legal_bases if isinstance(child, CaseLegalBasis) else costs).append(child)
        domains += [
            through(casepage_id=page.pk, problemdomain_id=domain.pk)
            for domain in page.problem_domains.all()
        ]
    CaseLegalBasis.objects.bulk_create(legal_bases)  # ids in memory: in the revision too
    CaseCost.objects.bulk_create(costs)
    through.objects.bulk_create(domains)

    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=types["case"],
                base_content_type=types["page"],
                object_id=str(page.pk),
                created_at=now,
                content=_content(page),
                object_str=str(page),
            )
            for page in pages
        ]
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        if not draft:
            page.live_revision = revision
    _revisions_recorded(pages, draft=draft)

    context = get_active_log_context()
    actions = ["wagtail.create", "wagtail.edit"] + ([] if draft else ["wagtail.publish"])
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                content_type=types["case"],
                label=page.get_admin_display_title(),
                action=action,
                timestamp=now,
                data={},
                user=context.user,
                uuid=context.uuid,
                page_id=page.pk,
                revision=None if action == "wagtail.create" else page.latest_revision,
                content_changed=True,
            )
            for page in pages
            for action in actions
        ]
    )

    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=types["case"],
                base_content_type=types["page"],
                object_id=page.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for page in pages
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            )
        ],
        ignore_conflicts=connection.features.supports_ignore_conflicts,
    )


def cases_store(
    *,
    cases: Iterable[CaseRecord],
    parent: CaseIndexPage,
    draft: bool,
    progress: Progress | None = None,
) -> list[CasePage]:
    """Create a page per case under `parent` (inside the caller's transaction); with
    `draft`, a draft revision only. Returns the new pages, in the order given."""
    cases = list(cases)
    if not cases:
        return []
    lookups = _Lookups()
    place = _place(parent)
    taken = set(parent.get_children().values_list("slug", flat=True))
    types = {
        "case": ContentType.objects.get_for_model(CasePage),
        "page": ContentType.objects.get_for_model(Page),
    }
    pages: list[CasePage] = []
    for start in range(0, len(cases), BATCH_SIZE):
        now = timezone.now()
        batch = []
        for case in cases[start : start + BATCH_SIZE]:
            page = _page(case, slug=_slug(case.title, taken), lookups=lookups)
            _placed(page, place=place, draft=draft, now=now)
            batch.append(page)
        _store_batch(batch, draft=draft, now=now, types=types)
        pages += batch
        if progress:
            progress(len(pages))
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    # The pages as stored (CasePage indexes no related fields, so they need nothing
    # that get_indexed_objects would add).
    wagtail_index_add(model=CasePage, objects=pages)
    page_tree_changed()
    parent.refresh_from_db(fields=["numchild"])
    return pages
