"""Seed "Jw" (the Jeugdwet has no abbreviation in the law taxonomy; professionals write
"Jw"). Editors keep it afterwards."""

from django.db import migrations

SEED = {"Jw": "Jeugdwet"}


def seed(apps, schema_editor):
    synonym = apps.get_model("search", "Synonym")
    for term, synonyms in SEED.items():
        synonym.objects.get_or_create(term=term, defaults={"synonyms": synonyms})


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(term__in=SEED).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0006_indexoperation")]

    operations = [migrations.RunPython(seed, unseed)]
