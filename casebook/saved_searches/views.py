"""Thin views of the saved searches: save the casebook's current search, change or
delete one (from the profile), unsubscribe from its mail through a signed link, and the
feed (feeds.py). Someone else's saved search answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ..models import AlertFrequency, SavedSearch
from . import selectors, services
from .forms import CREATE_AUTO_ID, SavedSearchCreateForm, SavedSearchEditForm, edit_form_prefix
from .params import search_default_name, search_description, search_normalise, search_pairs
from .tokens import feed_token, saved_search_for_unsubscribe_token


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def saved_search_create(request: HttpRequest) -> HttpResponse:
    """POST from the casebook (the search's parameters and a name); GET shows the same
    form for the search in the query string (where the login link leads)."""
    data = request.POST if request.method == "POST" else request.GET
    query, filters = search_normalise(data=data)
    default_name = search_default_name(query=query, filters=filters)
    if request.method == "POST":
        form = SavedSearchCreateForm(request.POST, auto_id=CREATE_AUTO_ID)
        if form.is_valid():
            try:
                saved_search = services.saved_search_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    query=query,
                    filters=filters,
                    frequency=form.cleaned_data["frequency"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _("Zoekopdracht ‘%(name)s’ bewaard. Je vindt je zoekopdrachten op je profiel.")
                    % {"name": saved_search.name},
                )
                return HttpResponseRedirect(selectors.saved_search_path(saved_search=saved_search))
    else:
        form = SavedSearchCreateForm(
            initial={"name": default_name, "q": query, "frequency": AlertFrequency.NONE},
            auto_id=CREATE_AUTO_ID,
        )
    return render(
        request,
        "casebook/saved_searches/save.html",
        {
            "form": form,
            "description": search_description(query=query, filters=filters),
            "filter_pairs": [
                pair for pair in search_pairs(query=query, filters=filters) if pair[0] != "q"
            ],
            "casebook_path": selectors.casebook_path(),
        },
        status=400 if form.errors else 200,
    )


def _own_or_404(request: HttpRequest, pk: int) -> SavedSearch:
    saved_search = selectors.saved_search_get(user=request.user, pk=pk)
    if saved_search is None:
        raise Http404(_("Deze zoekopdracht bestaat niet of is niet van jou."))
    return saved_search


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def saved_search_edit(request: HttpRequest, pk: int) -> HttpResponse:
    saved_search = _own_or_404(request, pk)
    prefix = edit_form_prefix(saved_search.pk)
    if request.method == "POST":
        form = SavedSearchEditForm(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                services.saved_search_update(
                    saved_search=saved_search,
                    name=form.cleaned_data["name"],
                    frequency=form.cleaned_data["frequency"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request, _("Zoekopdracht ‘%(name)s’ opgeslagen.") % {"name": saved_search.name}
                )
                return HttpResponseRedirect(reverse("accounts_profile") + "#zoekopdrachten")
        saved_search.refresh_from_db()  # the page's heading keeps the stored name
    else:
        form = SavedSearchEditForm(
            initial={"name": saved_search.name, "frequency": saved_search.frequency},
            prefix=prefix,
        )
    return render(
        request,
        "casebook/saved_searches/edit.html",
        {
            "saved_search": saved_search,
            "form": form,
            "description": selectors.saved_search_summary(saved_search=saved_search),
            "open_path": selectors.saved_search_path(saved_search=saved_search),
            "feed_path": reverse(
                "saved_searches:feed", args=[feed_token(saved_search=saved_search)]
            ),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved_search = _own_or_404(request, pk)
    name = saved_search.name
    services.saved_search_delete(saved_search=saved_search)
    messages.success(request, _("Zoekopdracht ‘%(name)s’ verwijderd.") % {"name": name})
    return HttpResponseRedirect(reverse("accounts_profile") + "#zoekopdrachten")


@never_cache
@csrf_exempt  # the signed token is the credential; mail clients post without a cookie
@require_http_methods(["GET", "POST"])
def saved_search_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: ask to confirm (mail scanners open links); POST: stop the mail. A POST with
    `List-Unsubscribe=One-Click` (RFC 8058) does the same."""
    saved_search = saved_search_for_unsubscribe_token(token=token)
    if saved_search is None:
        return render(
            request, "casebook/saved_searches/unsubscribe.html", {"invalid": True}, status=404
        )
    done = False
    if request.method == "POST":
        services.saved_search_unsubscribe(saved_search=saved_search)
        done = True
    return render(
        request,
        "casebook/saved_searches/unsubscribe.html",
        {
            "saved_search": saved_search,
            "done": done,
            "already_off": saved_search.frequency == AlertFrequency.NONE and not done,
        },
    )
