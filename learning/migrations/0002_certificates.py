"""Certificates, and who may see and revoke them in the admin.

"IPW moderator" gets `view_certificate` and `revoke_certificate` (by group name, like
casebook.0004_taxonomy_permissions). Editors ("IPW redacteur") get neither. Permissions
may not exist yet on a fresh database (Django creates them after migrating), so they
are fetched with get_or_create on their content type.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

GROUPS = ["IPW moderator"]
PERMISSIONS = {
    "view_certificate": "Can view certificaat",
    "revoke_certificate": "Kan certificaten intrekken",
}


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="learning", model="certificate")
    return [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS.items()
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
        ("learning", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("home", "0002_groups_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Certificate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        editable=False,
                        help_text="Lang en willekeurig; iedereen met de code kan het certificaat controleren.",
                        max_length=32,
                        unique=True,
                        verbose_name="verificatiecode",
                    ),
                ),
                (
                    "course_revision_id",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="versie (revisie) van de cursus"
                    ),
                ),
                ("issued_at", models.DateTimeField(verbose_name="uitgereikt op")),
                ("learner_name", models.CharField(max_length=300, verbose_name="naam deelnemer")),
                (
                    "course_title",
                    models.CharField(max_length=255, verbose_name="cursus (bij uitreiking)"),
                ),
                (
                    "effort_hours",
                    models.DecimalField(
                        decimal_places=1, max_digits=5, verbose_name="studiebelasting (uren)"
                    ),
                ),
                (
                    "accreditation_points",
                    models.DecimalField(
                        decimal_places=1, max_digits=5, verbose_name="accreditatiepunten"
                    ),
                ),
                (
                    "accreditation_register",
                    models.CharField(max_length=20, verbose_name="register (code)"),
                ),
                (
                    "accreditation_register_label",
                    models.CharField(max_length=100, verbose_name="register"),
                ),
                (
                    "accreditation_id",
                    models.CharField(blank=True, max_length=60, verbose_name="accreditatienummer"),
                ),
                (
                    "revoked_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="ingetrokken op"),
                ),
                (
                    "revoked_reason",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="reden van intrekking"
                    ),
                ),
                (
                    "course",
                    models.ForeignKey(
                        help_text="Mag leeg raken als de cursus wordt verwijderd; het certificaat blijft geldig.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="certificates",
                        to="learning.coursepage",
                        verbose_name="cursus",
                    ),
                ),
                (
                    "revoked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ingetrokken door",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="learning_certificates",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="deelnemer",
                    ),
                ),
            ],
            options={
                "verbose_name": "certificaat",
                "verbose_name_plural": "certificaten",
                "ordering": ["-issued_at"],
                "permissions": [("revoke_certificate", "Kan certificaten intrekken")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "course"), name="learning_unique_certificate"
                    )
                ],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
