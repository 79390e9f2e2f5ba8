"""Signed links of a saved search that work without logging in: the RSS feed (a feed
reader cannot log in) and unsubscribing from its mails (one click from the mail).

A token is signed with the site's SECRET_KEY (django.core.signing) and carries the saved
search's id and its `link_key`; each kind of link has its own salt, so a feed token cannot
unsubscribe and the other way round. A deleted saved search, or a new `link_key`, ends
every link made before.
"""

from __future__ import annotations

from django.core import signing

from ..models import SavedSearch

FEED_SALT = "casebook.saved_searches.feed"
UNSUBSCRIBE_SALT = "casebook.saved_searches.unsubscribe"


def _token(saved_search: SavedSearch, salt: str) -> str:
    return signing.dumps(
        {"id": saved_search.pk, "key": saved_search.link_key.hex}, salt=salt, compress=True
    )


def _saved_search_for(token: str, salt: str) -> SavedSearch | None:
    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    saved_search = SavedSearch.objects.select_related("user").filter(pk=data.get("id")).first()
    if saved_search is None or saved_search.link_key.hex != data.get("key"):
        return None
    return saved_search


def feed_token(*, saved_search: SavedSearch) -> str:
    return _token(saved_search, FEED_SALT)


def unsubscribe_token(*, saved_search: SavedSearch) -> str:
    return _token(saved_search, UNSUBSCRIBE_SALT)


def saved_search_for_feed_token(*, token: str) -> SavedSearch | None:
    """The saved search of a feed link, or None for a forged, old or unknown token."""
    return _saved_search_for(token, FEED_SALT)


def saved_search_for_unsubscribe_token(*, token: str) -> SavedSearch | None:
    return _saved_search_for(token, UNSUBSCRIBE_SALT)
