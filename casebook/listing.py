"""Context of the case listing (CaseIndexPage): filters, facets, results.

Placeholder until the listing goes through the search app."""

from django.http import HttpRequest


def case_listing_context(*, request: HttpRequest, index) -> dict:
    return {}
