"""Page titles in the Wagtail admin for staff without edit rights on the pages.

Wagtail lets everyone with admin access use the page chooser (browse, search, the
"chosen" answer) and open the move-confirm view, and none of them check page
permissions: helpline staff could read the titles of draft and private pages there.

A page is *hidden* from a user unless the user may explore it (Wagtail's page permission
policy: add, change, publish, lock, unlock or bulk delete on it or an ancestor, and the
ancestors of such pages, as the page explorer shows them) or it is *public*:

* live (published), and its admin title is its published title (no unpublished title
  change waiting in a draft; Wagtail's choosers show the draft title);
* without a view restriction (PageViewRestriction) on itself or an ancestor;
* below no page that is hidden for the reasons above (the chooser search shows each
  result's parent).

`pages_visible_to` filters the chooser's listing and search (hook
`construct_page_chooser_queryset` in wagtail_hooks.py); `AdminPagePrivacyMiddleware`
answers 404 for the admin views that name pages in their URL without checking
permissions (the page the chooser browses, the chooser's "chosen" answer, move-confirm).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.views.chooser import page_models_from_string
from wagtail.models import Page, PageViewRestriction
from wagtail.permission_policies.pages import PagePermissionPolicy

#: The admin views (URL names) that show the titles of pages named in the request.
CHOOSER_BROWSE = "wagtailadmin_choose_page"
CHOOSER_BROWSE_CHILD = "wagtailadmin_choose_page_child"
CHOOSER_CHOSEN_MULTIPLE = "wagtailadmin_choose_page_chosen_multiple"
MOVE_CONFIRM = "wagtailadmin_pages:move_confirm"


#: The page permissions that open a page (and its ancestors) in Wagtail's page explorer.
EXPLORE_CODENAMES = frozenset(
    f"{action}_page" for action in ("add", "change", "publish", "lock", "unlock", "bulk_delete")
)


def _unpublished_q() -> Q:
    """Pages whose admin title is not a published title: drafts (never published or
    unpublished) and live pages with a title change waiting in a draft."""
    pending_title = Q(live=True) & ~Q(draft_title="") & ~Q(draft_title=F("title"))
    return Q(live=False) | pending_title


def _hidden_q() -> Q:
    """Pages nobody without edit rights may see the title of (the root always shows).

    Only the search's filter fields (id, live, path, depth) and lookups it translates:
    the chooser's search applies this filter in the search backend."""
    unpublished = Page.objects.filter(_unpublished_q(), depth__gt=1).values_list(
        "pk", "path", "numchild"
    )
    hidden = Q(live=False)
    unpublished_ids = []
    for pk, path, numchild in unpublished:
        unpublished_ids.append(pk)
        if numchild:
            hidden |= Q(path__startswith=path)
    if unpublished_ids:
        hidden |= Q(id__in=unpublished_ids)
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        hidden |= Q(path__startswith=path)
    return hidden & Q(depth__gt=1)


def _explorable_q(*, user: AbstractBaseUser) -> Q | None:
    """The pages `user` may open in the page explorer, as Wagtail's page permission
    policy finds them (`explorable_instances`), in filter fields: the pages below a page
    permission, and their ancestors up to the first common one. None without any."""
    policy = PagePermissionPolicy()
    granted = [perm.page for perm in policy.get_cached_permissions_for_user(user)]
    roots = [
        perm.page
        for perm in policy.get_cached_permissions_for_user(user)
        if perm.permission.codename in EXPLORE_CODENAMES
    ]
    if not granted:
        return None
    top = Page.objects.first_common_ancestor_of(granted).path
    step = Page.steplen
    ancestors = {
        page.path[:end]
        for page in granted
        for end in range(len(top), len(page.path), step)
        if page.path[:end].startswith(top)
    }
    explorable = Q(path__in=sorted(ancestors)) if ancestors else None
    for page in roots:
        below = Q(path__startswith=page.path)
        explorable = below if explorable is None else explorable | below
    return explorable


def user_sees_every_page(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def pages_visible_to(*, pages: QuerySet, user: AbstractBaseUser | AnonymousUser) -> QuerySet:
    """`pages` without those whose titles `user` may not read in the admin."""
    if user_sees_every_page(user=user):
        return pages
    visible = ~_hidden_q()
    if user.is_authenticated and user.is_active:
        explorable = _explorable_q(user=user)
        if explorable is not None:
            visible |= explorable
    return pages.filter(visible)


def page_ids_visible_to(*, page_ids: list[int], user: AbstractBaseUser | AnonymousUser) -> bool:
    """True when every one of `page_ids` that exists is a page `user` may see the title of."""
    pages = Page.objects.filter(pk__in=page_ids)
    return pages.count() == pages_visible_to(pages=pages, user=user).count()


def _int_ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.strip().isdigit()]


def _chooser_root_parent_id(*, page_type: str) -> int | None:
    """The page the chooser browses first for `page_type` (as Wagtail's BrowseView finds
    it: the first common ancestor of the pages of those types), or None for the root."""
    if not page_type or page_type == "wagtailcore.page":
        return None
    try:
        models = page_models_from_string(page_type)
    except (ValueError, LookupError):
        return None  # the view answers 404 itself
    if models == (Page,):
        return None
    return Page.objects.all().type(*models).first_common_ancestor().pk


def admin_request_page_ids(*, view_name: str, kwargs: dict[str, Any], query: Any) -> list[int]:
    """The pages whose titles the admin view `view_name` shows for this request."""
    if view_name == CHOOSER_BROWSE_CHILD:
        return [int(kwargs["parent_page_id"])]
    if view_name == CHOOSER_BROWSE:
        parent_id = _chooser_root_parent_id(page_type=query.get("page_type", ""))
        return [] if parent_id is None else [parent_id]
    if view_name == CHOOSER_CHOSEN_MULTIPLE:
        return _int_ids(query.getlist("id"))
    if view_name == MOVE_CONFIRM:
        return [int(kwargs["page_to_move_id"]), int(kwargs["destination_id"])]
    return []


class AdminPagePrivacyMiddleware:
    """404 for the admin views of `admin_request_page_ids` when one of their pages is
    hidden from the user (see the module docstring). Runs in ``process_view``, when the
    URL is resolved; after AdminMFARequiredMiddleware in MIDDLEWARE."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or not match.view_name.startswith(("wagtailadmin_choose", MOVE_CONFIRM)):
            return None
        user = getattr(request, "user", None)
        if user is None or user_sees_every_page(user=user):
            return None
        page_ids = admin_request_page_ids(
            view_name=match.view_name, kwargs=view_kwargs, query=request.GET
        )
        if page_ids and not page_ids_visible_to(page_ids=page_ids, user=user):
            raise Http404
        return None
