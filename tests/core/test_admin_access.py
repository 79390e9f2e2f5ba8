"""Editors see Wagtail's user bar on the site's pages, learners don't, and a learner's
page costs no permission queries."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.accounts.factories import UserFactory
from portal.core import page_cache
from portal.home.factories import ContentPageFactory


@pytest.fixture(autouse=True)
def _page_cache_kept(monkeypatch):
    monkeypatch.setattr(page_cache, "LOCAL_TIMEOUT", 3600)


@pytest.fixture
def page(site_root):
    return ContentPageFactory(parent=site_root, title="Over de methode")


def _has_userbar(response) -> bool:
    return b"wagtail-userbar" in response.content


def test_an_editor_sees_the_user_bar(client, editor, page):
    client.force_login(editor)
    assert _has_userbar(client.get(page.url))


def test_a_learner_sees_no_user_bar_and_pays_no_permission_queries(client, page):
    client.force_login(UserFactory(email="lerende@example.org"))
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    assert not _has_userbar(response)
    assert not any("auth_permission" in query["sql"] for query in queries.captured_queries)


def test_a_learner_made_editor_sees_the_bar_on_the_next_page(client, page):
    learner = UserFactory(email="lerende@example.org")
    client.force_login(learner)
    assert not _has_userbar(client.get(page.url))
    learner.groups.add(Group.objects.get(name="IPW redacteur"))
    assert _has_userbar(client.get(page.url))
    learner.groups.clear()
    assert not _has_userbar(client.get(page.url))


def test_a_group_given_admin_access_shows_the_bar_to_its_members(client, page):
    group = Group.objects.create(name="Lezers")
    learner = UserFactory(email="lerende@example.org", groups=[group])
    client.force_login(learner)
    assert not _has_userbar(client.get(page.url))
    group.permissions.add(
        *Group.objects.get(name="IPW redacteur").permissions.filter(codename="access_admin")
    )
    assert _has_userbar(client.get(page.url))
