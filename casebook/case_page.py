"""Context of a case page: cost summary, legal bases, similar cases.

Placeholder until the case page is built."""

from django.http import HttpRequest


def case_page_context(*, request: HttpRequest, case) -> dict:
    return {}
