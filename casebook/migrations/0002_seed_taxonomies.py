"""Seed the problem domains and laws named in DOMAIN.md. Editors keep them afterwards:
this only adds what is missing and never overwrites an editor's change."""

from django.db import migrations
from django.utils.text import slugify

DOMAINS = [
    "Schulden",
    "Werk",
    "Inkomen",
    "Middelengebruik",
    "Veiligheid",
    "Lichamelijke gezondheid",
    "Psychische gezondheid",
    "Onderwijs",
    "Jeugdzorg en opvoeding",
    "Wonen",
    "Dakloosheid",
    "Verblijfsstatus",
    "Niet passende ondersteuning",
]

# name, abbreviation, BWB id, cost domain, local regulation, articles [(article, title, explanation)]
LAWS = [
    (
        "Wmo 2015",
        "Wmo",
        "BWBR0035362",
        "wmo",
        False,
        [
            (
                "2.3.2",
                "Onderzoek na een melding",
                "Het college onderzoekt samen met de cliënt wat nodig is.",
            ),
            (
                "2.3.5",
                "Maatwerkvoorziening",
                "Het college beslist over een maatwerkvoorziening die bijdraagt aan zelfredzaamheid en participatie.",
            ),
        ],
    ),
    (
        "Jeugdwet",
        "",
        "BWBR0034925",
        "jeugdwet",
        False,
        [
            (
                "2.3",
                "Voorziening op het gebied van jeugdhulp",
                "Het college zorgt voor een passende voorziening als de jeugdige dat nodig heeft.",
            )
        ],
    ),
    (
        "Wet gemeentelijke schuldhulpverlening",
        "Wgs",
        "BWBR0026304",
        "wgs",
        False,
        [
            (
                "3",
                "Toegang tot schuldhulpverlening",
                "Binnen vaste termijnen een eerste gesprek en een beslissing over schuldhulp.",
            )
        ],
    ),
    (
        "Participatiewet",
        "PW",
        "BWBR0015703",
        "participatiewet",
        False,
        [
            (
                "18 lid 1",
                "Afstemming van de bijstand",
                "De bijstand wordt afgestemd op de omstandigheden en mogelijkheden van de belanghebbende.",
            ),
            (
                "35 lid 1",
                "Bijzondere bijstand",
                "Bijzondere bijstand voor noodzakelijke kosten die door bijzondere omstandigheden ontstaan.",
            ),
        ],
    ),
    ("Zorgverzekeringswet", "Zvw", "BWBR0018450", "zvw", False, []),
    ("Wet langdurige zorg", "Wlz", "BWBR0035917", "wlz", False, []),
    ("Wet kinderopvang", "", "BWBR0017017", "other", False, []),
    ("Woningwet", "", "BWBR0005181", "other", False, []),
    ("Huisvestingswet 2014", "", "BWBR0035303", "other", False, []),
]


def seed(apps, schema_editor):
    ProblemDomain = apps.get_model("casebook", "ProblemDomain")
    Law = apps.get_model("casebook", "Law")
    LawArticle = apps.get_model("casebook", "LawArticle")
    for name in DOMAINS:
        ProblemDomain.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    for name, abbreviation, bwb_id, cost_domain, local, articles in LAWS:
        law, _ = Law.objects.get_or_create(
            name=name,
            defaults={
                "abbreviation": abbreviation,
                "bwb_id": bwb_id,
                "official_url": f"https://wetten.overheid.nl/{bwb_id}",
                "cost_domain": cost_domain,
                "is_local_regulation": local,
            },
        )
        for order, (article, title, explanation) in enumerate(articles):
            LawArticle.objects.get_or_create(
                law=law,
                article=article,
                defaults={"title": title, "explanation": explanation, "sort_order": order},
            )


class Migration(migrations.Migration):
    dependencies = [("casebook", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
