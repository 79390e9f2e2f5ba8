"""The Hulplijn group keeps the standard answers (snippets): add, change, delete, view.
Nobody else gets them (Wagtail grants snippet permissions per group)."""

from django.db import migrations

GROUP = "Hulplijn"
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="helpline", model="cannedanswer")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_cannedanswer",
            defaults={"name": f"Can {action} standaardantwoord"},
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="helpline", content_type__model="cannedanswer"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("helpline", "0006_thread_structured_intake_canned_answers"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
