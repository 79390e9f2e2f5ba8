"""Give the Hulplijn group (created by home 0002) the one permission of the helpline
inbox. Permissions may not exist yet on a fresh database (Django creates them after
migrating), so it is fetched with get_or_create on its content type."""

from django.db import migrations

GROUP = "Hulplijn"
CODENAME = "handle_submission"
NAME = "Kan hulplijnvragen en aanmeldingen behandelen"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="helpline", model="submission")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    permission = Permission.objects.filter(
        content_type__app_label="helpline", codename=CODENAME
    ).first()
    if group and permission:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("helpline", "0001_initial"),
        ("home", "0002_groups_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
