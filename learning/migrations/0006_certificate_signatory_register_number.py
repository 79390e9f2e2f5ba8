"""Certificates state what registers ask for: the learner's register number and IPW's
signatory (pinned at issue), and the signatory is an admin setting. "IPW moderator" may
view and change that setting (by group name, like 0002_certificates; permissions are
fetched with get_or_create, as Django creates them only after migrating)."""

from django.db import migrations, models

GROUPS = ["IPW moderator"]
PERMISSIONS = {
    "view_certificatesettings": "Can view Certificaten: ondertekening",
    "change_certificatesettings": "Can change Certificaten: ondertekening",
}


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="learning", model="certificatesettings"
    )
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
        ("learning", "0005_tariff_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="CertificateSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "signatory_name",
                    models.CharField(
                        blank=True,
                        help_text="Bijvoorbeeld: drs. A. Jansen. Staat onder elk nieuw certificaat.",
                        max_length=200,
                        verbose_name="Naam ondertekenaar",
                    ),
                ),
                (
                    "signatory_function",
                    models.CharField(
                        blank=True,
                        help_text="Bijvoorbeeld: directeur Instituut voor Publieke Waarden.",
                        max_length=200,
                        verbose_name="Functie ondertekenaar",
                    ),
                ),
            ],
            options={
                "verbose_name": "Certificaten: ondertekening",
                "verbose_name_plural": "Certificaten: ondertekening",
            },
        ),
        migrations.AddField(
            model_name="certificate",
            name="register_number",
            field=models.CharField(
                blank=True,
                help_text="Het nummer van de deelnemer in het register van de cursus (uit het profiel).",
                max_length=20,
                verbose_name="registratienummer deelnemer",
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="signatory_function",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="functie ondertekenaar"
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="signatory_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="ondertekenaar"),
        ),
        migrations.RunPython(grant, revoke),
    ]
