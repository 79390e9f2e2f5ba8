"""Editors ("IPW redacteur") and moderators ("IPW moderator") keep the table of standard
tariffs used by the practice plan calculator. Plan templates are pages: those
permissions come from the root page (home.0002_groups_and_workflow).

Permissions may not exist yet on a fresh database (Django creates them after migrating),
so they are fetched with get_or_create on their content type.
"""

from django.db import migrations

GROUPS = ["IPW redacteur", "IPW moderator"]
ACTIONS = ["add", "change", "delete", "view"]


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="learning", model="tariff")
    return [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_tariff",
            defaults={"name": f"Can {action} standaardtarief"},
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
        ("learning", "0004_plan_templates_and_practice_plans"),
        ("home", "0002_groups_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
