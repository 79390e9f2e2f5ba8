"""Template tags of the saved searches: the "Zoekopdracht bewaren" box under the casebook
search, and the list on the profile page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from casebook.models import AlertFrequency
from casebook.saved_searches import selectors
from casebook.saved_searches.forms import (
    CREATE_AUTO_ID,
    SavedSearchCreateForm,
    SavedSearchEditForm,
    edit_form_prefix,
)
from casebook.saved_searches.params import (
    search_default_name,
    search_description,
    search_from_params,
    search_pairs,
    search_querystring,
)
from casebook.saved_searches.tokens import feed_token

register = template.Library()


@register.simple_tag(takes_context=True)
def saved_search_box(context: template.Context) -> dict[str, Any]:
    """What the box needs: for a visitor the login link; for a professional the form
    (with the search as hidden fields), or the saved search it already is, or the limit.
    One query for a logged-in user, none for a visitor."""
    request = context.get("request")
    search = context.get("search")
    user = getattr(request, "user", None)
    if search is None or request is None:
        return {"show": False}
    query, filters = search_from_params(params=search.params)
    save_path = reverse("saved_searches:create")
    if user is None or not user.is_authenticated:
        querystring = search_querystring(query=query, filters=filters)
        next_path = f"{save_path}?{querystring}" if querystring else save_path
        return {
            "show": True,
            "login_url": f"{reverse('account_login')}?{urlencode({'next': next_path})}",
        }
    saved = selectors.saved_search_list(user=user)
    default_name = search_default_name(query=query, filters=filters)
    return {
        "show": True,
        "logged_in": True,
        "same": selectors.saved_search_same(saved_searches=saved, query=query, filters=filters),
        "at_limit": len(saved) >= selectors.max_saved_searches(),
        "max": selectors.max_saved_searches(),
        "description": search_description(query=query, filters=filters),
        "pairs": search_pairs(query=query, filters=filters),
        "form": SavedSearchCreateForm(
            initial={"name": default_name, "frequency": AlertFrequency.NONE},
            auto_id=CREATE_AUTO_ID,
        ),
        "save_path": save_path,
    }


@register.simple_tag(takes_context=True)
def saved_searches_for_profile(context: template.Context) -> list[dict[str, Any]]:
    """The user's saved searches, each with its form, link into the casebook and feed."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    saved = selectors.saved_search_list(user=user)
    if not saved:
        return []
    casebook = selectors.casebook_path()
    return [
        {
            "saved_search": saved_search,
            "description": selectors.saved_search_summary(saved_search=saved_search),
            "open_path": selectors.saved_search_path(saved_search=saved_search, casebook=casebook),
            "feed_path": reverse(
                "saved_searches:feed", args=[feed_token(saved_search=saved_search)]
            ),
            "form": SavedSearchEditForm(
                initial={"name": saved_search.name, "frequency": saved_search.frequency},
                prefix=edit_form_prefix(saved_search.pk),
            ),
        }
        for saved_search in saved
    ]
