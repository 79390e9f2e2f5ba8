"""Teams with members and leads, and who may manage teams and read the course report.

- "IPW moderator" manages teams in the admin (add, change, delete, view team); the
  administrators are superusers. Editors ("IPW redacteur") do not manage teams.
- "IPW redacteur" and "IPW moderator" get `view_course_report` (the per-course report in
  the admin, declared on Team for want of a better model).

Permissions may not exist yet on a fresh database (Django creates them after migrating),
so they are fetched with get_or_create on their content type (as in certificates and
casebook.0004_taxonomy_permissions).
"""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

REDACTEUR = "IPW redacteur"
MODERATOR = "IPW moderator"
GRANTS = {
    "view_course_report": ("Kan de cursusrapportage bekijken", [REDACTEUR, MODERATOR]),
    "add_team": ("Can add team", [MODERATOR]),
    "change_team": ("Can change team", [MODERATOR]),
    "delete_team": ("Can delete team", [MODERATOR]),
    "view_team": ("Can view team", [MODERATOR]),
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="learning", model="team")
    for codename, (name, group_names) in GRANTS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        for group in Group.objects.filter(name__in=group_names):
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="learning", content_type__model="team", codename__in=GRANTS
    )
    for group in Group.objects.filter(name__in=[REDACTEUR, MODERATOR]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("home", "0002_groups_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Team",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="naam")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("wijkteam", "Wijkteam"),
                            ("huisartsenpraktijk", "Huisartsenpraktijk"),
                            ("gemeentelijk_team", "Gemeentelijk team"),
                            ("anders", "Anders"),
                        ],
                        max_length=30,
                        verbose_name="soort team",
                    ),
                ),
                (
                    "organisation",
                    models.CharField(
                        help_text="Bijvoorbeeld de gemeente, de huisartsenpraktijk of de welzijnsorganisatie.",
                        max_length=200,
                        verbose_name="organisatie",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op"),
                ),
            ],
            options={
                "verbose_name": "team",
                "verbose_name_plural": "teams",
                "ordering": ["name", "pk"],
                "permissions": [("view_course_report", "Kan de cursusrapportage bekijken")],
            },
        ),
        migrations.CreateModel(
            name="TeamMembership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("member", "Lid"), ("lead", "Teamleider")],
                        default="member",
                        max_length=10,
                        verbose_name="rol",
                    ),
                ),
                (
                    "team",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="learning.team",
                        verbose_name="team",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="team_memberships",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="gebruiker",
                    ),
                ),
            ],
            options={
                "verbose_name": "teamlid",
                "verbose_name_plural": "teamleden",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("team", "user"), name="learning_unique_team_member"
                    )
                ],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
