"""The group "Begeleider" (facilitators of case clinics), and who keeps the sessions in
the Wagtail admin: facilitators and IPW moderators schedule sessions; moderators also
download the accreditation CSV.

Permissions may not exist yet on a fresh database (Django creates them after migrating),
so they are fetched with get_or_create on their content type.
"""

from django.db import migrations

FACILITATOR = "Begeleider"
MODERATOR = "IPW moderator"
SESSION_ACTIONS = ["add", "change", "delete", "view"]


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def _session_permissions(apps):
    return [
        _permission(apps, "clinics", "session", f"{action}_session", f"Can {action} sessie")
        for action in SESSION_ACTIONS
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    facilitators, _ = Group.objects.get_or_create(name=FACILITATOR)
    access_admin = _permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    sessions = _session_permissions(apps)
    facilitators.permissions.add(access_admin, *sessions)
    export = _permission(
        apps, "clinics", "session", "export_attendance", "Kan de accreditatie-export downloaden"
    )
    for group in Group.objects.filter(name=MODERATOR):
        group.permissions.add(*sessions, export)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=FACILITATOR).delete()
    sessions = _session_permissions(apps)
    export = _permission(
        apps, "clinics", "session", "export_attendance", "Kan de accreditatie-export downloaden"
    )
    for group in Group.objects.filter(name=MODERATOR):
        group.permissions.remove(*sessions, export)


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0001_sessions"),
        ("home", "0002_groups_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
