"""After migrating, the portal's groups exist with the agreed permissions."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

pytestmark = pytest.mark.django_db


def _page_permissions(name: str) -> set[str]:
    root = Page.get_first_root_node()
    return set(
        GroupPagePermission.objects.filter(group__name=name, page=root).values_list(
            "permission__codename", flat=True
        )
    )


def _collection_permissions(name: str) -> set[str]:
    return set(
        GroupCollectionPermission.objects.filter(group__name=name, collection__depth=1).values_list(
            "permission__codename", flat=True
        )
    )


def _has_admin_access(name: str) -> bool:
    return Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()


def test_all_portal_groups_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"IPW redacteur", "IPW moderator", "Hulplijn", "Teamleider", "Professional"} <= names


def test_editors_write_but_do_not_publish():
    assert _has_admin_access("IPW redacteur")
    assert _page_permissions("IPW redacteur") == {"add_page", "change_page", "lock_page"}
    assert _collection_permissions("IPW redacteur") == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }


def test_moderators_review_and_publish():
    assert _has_admin_access("IPW moderator")
    assert _page_permissions("IPW moderator") == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    }
    assert _collection_permissions("IPW moderator") == {
        "add_image",
        "change_image",
        "delete_image",
        "choose_image",
        "add_document",
        "change_document",
        "delete_document",
        "choose_document",
    }


def test_helpline_only_reaches_the_admin_and_learners_not_at_all():
    assert _has_admin_access("Hulplijn")
    assert _page_permissions("Hulplijn") == set()
    for name in ("Teamleider", "Professional"):
        assert not _has_admin_access(name)
        assert not Group.objects.get(name=name).permissions.exists()
        assert _page_permissions(name) == set()
