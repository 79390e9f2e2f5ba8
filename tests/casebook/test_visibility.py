"""A case restricted to logged-in professionals (Wagtail page privacy) is not served to
anonymous visitors; a draft is served to nobody on the site."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from wagtail.models import PageViewRestriction

from casebook.factories import CasePageFactory
from casebook.models import CasePage
from portal.accounts.factories import UserFactory


@pytest.fixture
def restricted_case(index):
    case = CasePageFactory(parent=index, title="Alleen voor professionals")
    PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.LOGIN)
    return case


def test_public_case_is_served_to_anyone(client, index) -> None:
    case = CasePageFactory(parent=index, title="Voor iedereen")

    response = client.get(case.url)

    assert response.status_code == 200
    assert "<h1>Voor iedereen</h1>" in response.content.decode()


def test_restricted_case_sends_anonymous_visitors_to_the_login(client, restricted_case) -> None:
    response = client.get(restricted_case.url)

    assert response.status_code == 302
    login_url = resolve_url(getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", "wagtailcore_login"))
    assert response["Location"] == f"{login_url}?next={restricted_case.url}"
    assert "Alleen voor professionals" not in response.content.decode()


def test_restricted_case_is_served_to_a_logged_in_professional(client, restricted_case) -> None:
    client.force_login(UserFactory())

    response = client.get(restricted_case.url)

    assert response.status_code == 200
    assert "<h1>Alleen voor professionals</h1>" in response.content.decode()


def test_restricted_case_is_not_public(restricted_case) -> None:
    assert restricted_case.pk not in CasePage.objects.live().public().values_list("pk", flat=True)


@pytest.mark.parametrize("logged_in", [False, True])
def test_draft_case_is_not_found(client, index, logged_in: bool) -> None:
    draft = CasePageFactory(parent=index, title="Nog niet gepubliceerd", live=False)
    if logged_in:
        client.force_login(UserFactory())

    response = client.get(f"/{index.slug}/{draft.slug}/")

    assert response.status_code == 404
    assert "Nog niet gepubliceerd" not in response.content.decode()
