"""IPW editors and moderators keep the learning paths in the Wagtail admin
("Leerlijnen"). Permissions may not exist yet on a fresh database, so they are fetched
with get_or_create on their content type."""

from django.db import migrations

GROUPS = ["IPW redacteur", "IPW moderator"]
ACTIONS = ["add", "change", "delete", "view"]


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="paths", model="learningpath")
    return [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_learningpath",
            defaults={"name": f"Can {action} leerlijn"},
        )[0]
        for action in ACTIONS
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("paths", "0001_initial"),
        ("home", "0002_groups_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
