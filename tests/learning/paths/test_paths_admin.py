"""Editors keep the learning paths in the Wagtail admin: title, description and the
courses in order, each with an optional prerequisite."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning.paths.models import LearningPath
from portal.accounts.factories import client_login_with_mfa

pytestmark = pytest.mark.django_db


def test_an_editor_creates_a_path_with_a_prerequisite(client, editor, basics, advanced):
    client_login_with_mfa(client, editor)
    url = reverse("wagtailsnippets_paths_learningpath:add")
    assert client.get(url).status_code == 200
    data = {
        "title": "Doorbraak in het wijkteam",
        "slug": "wijkteam",
        "description": "Van basis tot casus.",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-course": str(basics.pk),
        "items-0-prerequisite": "",
        "items-0-ORDER": "1",
        "items-1-course": str(advanced.pk),
        "items-1-prerequisite": str(basics.pk),
        "items-1-ORDER": "2",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    path = LearningPath.objects.get()
    items = list(path.items.order_by("sort_order"))
    assert [(i.course, i.prerequisite) for i in items] == [(basics, None), (advanced, basics)]
    listing = client.get(reverse("wagtailsnippets_paths_learningpath:list"))
    assert "Doorbraak in het wijkteam" in listing.content.decode()


def test_a_path_description_with_personal_data_is_refused():
    """Editors' texts pass the anonymisation guard, the path's too."""
    from django.core.exceptions import ValidationError  # noqa: PLC0415

    from learning.paths.models import LearningPath  # noqa: PLC0415

    path = LearningPath(
        title="Werken met de methode",
        slug="werken",
        description="Vraag het aan Jan de Vries, BSN 111222333.",
    )
    with pytest.raises(ValidationError) as refused:
        path.full_clean()
    assert "description" in refused.value.message_dict
