"""Seed the abbreviations every searcher of the portal meets; editors keep the rest."""

from django.db import migrations

SEED = {
    "PW": "Participatiewet, bijzondere bijstand",
    "Wmo": "Wmo 2015, Wet maatschappelijke ondersteuning",
    "Wgs": "Wet gemeentelijke schuldhulpverlening, schuldhulpverlening",
    "Bbz": "Besluit bijstandverlening zelfstandigen",
    "Zvw": "Zorgverzekeringswet",
    "Wlz": "Wet langdurige zorg",
}


def seed(apps, schema_editor):
    synonym = apps.get_model("search", "Synonym")
    for term, synonyms in SEED.items():
        synonym.objects.get_or_create(term=term, defaults={"synonyms": synonyms})


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(term__in=SEED).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_site_documents_synonyms")]

    operations = [migrations.RunPython(seed, unseed)]
