"""Editors can open the Wagtail editor for every learning page type."""

import pytest
from django.urls import reverse

from portal.accounts.factories import UserFactory, client_login_with_mfa

pytestmark = pytest.mark.django_db


def test_editor_forms_open_for_each_page_type(client, course, lessons_of):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client_login_with_mfa(client, admin)
    lesson = lessons_of(course)["Wat is een doorbraak"]
    for page in (course, lesson.get_parent(), lesson, course.get_children().last()):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
        assert page.title in response.content.decode()
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["learning", "lessonpage", lesson.get_parent().pk])
    )
    assert "Geschatte tijd (minuten)" in response.content.decode()
