"""Editors ("IPW redacteur") and moderators ("IPW moderator") see the queue of contributed
cases ("Bijdragen" in the admin menu). The cases themselves are pages: those
permissions come from the root page (home.0002_groups_and_workflow).

Permissions may not exist yet on a fresh database (Django creates them after migrating),
so it is fetched with get_or_create on its content type.
"""

from django.db import migrations

GROUPS = ["IPW redacteur", "IPW moderator"]


def _permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="contributions", model="contribution"
    )
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_contribution",
        defaults={"name": "Kan bijdragen beoordelen"},
    )[0]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _permission(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _permission(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_contribution"),
        ("home", "0002_groups_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
