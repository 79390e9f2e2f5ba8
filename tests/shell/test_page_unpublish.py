"""Unpublishing in the admin is one transaction: the page's new state and what it records
for the search engines (the index outbox) commit together or not at all."""

from __future__ import annotations

import pytest
from django.db import connection

import search.indexing
from casebook.factories import CasePageFactory
from portal.accounts.factories import client_login_with_mfa
from search.backends import ELASTICSEARCH_BACKEND
from search.backends.breaker import reset_breakers
from search.models import IndexOperation

pytestmark = pytest.mark.django_db


def test_unpublish_records_for_search_inside_its_own_transaction(
    moderator, case_index, client, settings, closed_port, monkeypatch
):
    settings.SEARCH_BACKEND = ELASTICSEARCH_BACKEND
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"  # recorded, not applied
    settings.OPENSEARCH_URL = ""
    settings.SEARCH_AUTO_UPDATE = True
    reset_breakers()
    case = CasePageFactory(
        parent=case_index,
        title="Wordt ingetrokken",
        household="Huishouden",
        situation="Een huishouden loopt vast.",
        perspective="Rust.",
        barrier="Regels.",
        breakthrough="Een uitzondering.",
    )
    outside = len(connection.atomic_blocks)  # the test's own transaction
    depths: list[int] = []
    record = search.indexing.outbox_record

    def recording(**kwargs):
        depths.append(len(connection.atomic_blocks))
        return record(**kwargs)

    monkeypatch.setattr(search.indexing, "outbox_record", recording)
    client_login_with_mfa(client, moderator)

    response = client.post(f"/admin/pages/{case.pk}/unpublish/")

    assert response.status_code == 302
    case.refresh_from_db()
    assert not case.live
    assert depths and min(depths) > outside  # inside the view's transaction
    assert IndexOperation.objects.filter(key=str(case.pk)).exists()
    reset_breakers()
