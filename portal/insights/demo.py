"""Demo content: lessons learned ("geleerde lessen"), the five from Zwolle and a few more.

Called by the demo loader. Idempotent: pages are looked up by slug, and only what is
missing is created, so a second run creates nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Page

from portal.home.models import HomePage

from .factories import InsightIndexPageFactory, InsightPageFactory, paragraphs
from .models import InsightIndexPage, InsightPage

#: App labels whose demo the demo loader (portal.shell.demo) loads before this one.
DEMO_AFTER = ("home",)

ZWOLLE_SOURCE = "Informatienota gemeente Zwolle over de Doorbraakmethode bij twaalf gezinnen"


@dataclass(frozen=True)
class DemoInsight:
    slug: str
    title: str
    date: datetime.date
    summary: str
    body: list[str]
    tags: list[str]
    region: str = ""
    source: str = ""


INSIGHTS: list[DemoInsight] = [
    DemoInsight(
        slug="eerst-bestaanszekerheid-dan-zorg",
        title="Eerst bestaanszekerheid, dan zorg",
        date=datetime.date(2023, 2, 1),
        region="Zwolle",
        source=ZWOLLE_SOURCE,
        tags=["Zwolle", "schulden", "bestaanszekerheid", "bijzondere bijstand"],
        summary=(
            "Wie geldzorgen heeft, gebruikt merkbaar meer zorg. Wie eerst het bestaan op orde "
            "brengt, voorkomt zorgkosten elders."
        ),
        body=[
            "<p>Huishoudens met geldproblemen doen ongeveer een derde vaker een beroep op "
            "zorg, vooral op de geestelijke gezondheidszorg voor volwassenen. In Zwolle "
            "bleek in één gezin dat het oplossen van het woonprobleem kosten voor "
            "jeugdhulp en jeugdbescherming voorkwam.</p>",
            "<h2>Wat we ervan leren</h2><p>Richt de eerste stap op bestaanszekerheid: "
            "inkomen, wonen, schulden. Gebruik de ruimte die er al is, bijvoorbeeld een "
            "ruimere bijzondere bijstand om een herstelperiode te overbruggen.</p>",
            "<p>Let ook op de cultuur: medewerkers hadden soms wél wettelijke ruimte, maar "
            "durfden die niet te gebruiken. Geef hun steun en voorbeelden om dat wel te "
            "doen.</p>",
        ],
    ),
    DemoInsight(
        slug="een-wet-uitvoeren-is-geen-wet-uitvoeren",
        title="Eén wet uitvoeren is geen wet uitvoeren",
        date=datetime.date(2023, 2, 8),
        region="Zwolle",
        source=ZWOLLE_SOURCE,
        tags=["Zwolle", "regels", "kinderopvang", "jeugdzorg"],
        summary=(
            "Soms helpt een voorziening uit de ene wet het best om het doel van een andere "
            "wet te halen. Kijk over de grenzen van de regeling heen."
        ),
        body=[
            "<p>In Zwolle kreeg een gezin kinderopvang op sociaal-medische indicatie in "
            "plaats van opvoedhulp. Dat werkte beter en was eenvoudiger te regelen.</p>",
            "<h2>Wat we ervan leren</h2><p>Beoordeel de wetten in het sociaal domein in "
            "samenhang. Een voorziening uit de ene regeling mag je onderbouwen met de "
            "doelen van een andere. Werk hardheidsclausules concreet uit, zodat "
            "professionals er houvast aan hebben, en maak het schuiven tussen budgetten "
            "eenvoudiger.</p>",
        ],
    ),
    DemoInsight(
        slug="regie-moet-je-kunnen-en-gunnen",
        title="Regie moet je kunnen én gunnen",
        date=datetime.date(2023, 2, 15),
        region="Zwolle",
        source=ZWOLLE_SOURCE,
        tags=["Zwolle", "regie", "serieel werken"],
        summary=(
            "Zonder plan geen regie. Een plan dat professionals samen maken geeft richting, "
            "en het budget volgt dat plan. Eén stap tegelijk werkt vaak beter."
        ),
        body=[
            "<p>Regie gaat niet over de macht van één professional, maar over een goed "
            "onderbouwd plan dat de betrokkenen samen hebben gemaakt. Dan staan de "
            "onderdelen niet steeds opnieuw ter discussie en kan wie de regie voert koers "
            "houden.</p>",
            "<h2>Serieel werken in drie fasen</h2><ol><li><b>Eerste nood</b>: los op wat "
            "nu acuut is.</li><li><b>Stabiliseren</b>: voldoende is goed genoeg.</li><li>"
            "<b>Hoop doet leven</b>: met rust komt weer zicht op kansen.</li></ol>",
            "<p>Gewone oplossingen voor gewone problemen. Een vast format voor het plan "
            "scheelt het wijkteam en de betrokken professionals veel tijd.</p>",
        ],
    ),
    DemoInsight(
        slug="meet-wat-maatwerk-oplevert",
        title="Meet wat maatwerk oplevert",
        date=datetime.date(2023, 2, 22),
        region="Zwolle",
        source=ZWOLLE_SOURCE,
        tags=["Zwolle", "data", "kosten en baten"],
        summary=(
            "Het gaat om ongeveer vijf procent van de gezinnen. Wie de impact van plannen "
            "vastlegt, ook in geld, herkent patronen en kan nieuwe oplossingen financieren."
        ),
        body=[
            "<p>Vooraf dacht men aan een grote groep; in de praktijk loopt ongeveer één "
            "op de twintig gezinnen vast in het gewone aanbod. Over de nieuwe oplossingen "
            "bestaan nog geen cijfers, dus die moet je zelf verzamelen.</p>",
            "<p>In de twaalf Zwolse plannen samen werd bijna 227.000 euro aan kosten "
            "voorkomen, gemiddeld ongeveer 18.900 euro per gezin.</p>",
            "<h2>Wat we ervan leren</h2><p>Zet de impact van elk plan om in gegevens. Met "
            "patronen uit gestandaardiseerd maatwerk kun je afspraken maken met "
            "zorgverzekeraars, woningcorporaties en schuldeisers, giftige cocktails "
            "eerder herkennen en op termijn huishoudens eerder bereiken.</p>",
        ],
    ),
    DemoInsight(
        slug="zonder-passende-woning-geen-volgende-stap",
        title="Zonder passende woning geen volgende stap",
        date=datetime.date(2023, 3, 1),
        region="Zwolle",
        source=ZWOLLE_SOURCE,
        tags=["Zwolle", "wonen", "giftige cocktail"],
        summary=(
            "Het ontbreken van een passende woning houdt mensen onnodig lang in de zorg. "
            "Belemmeringen in de toegang tot woonruimte verdienen snel aandacht."
        ),
        body=[
            "<p>In meerdere Zwolse gezinnen was het gebrek aan een geschikte woning de "
            "reden dat volgende stappen uitbleven. Woonproblemen kwamen vaak samen met "
            "psychische problemen en hulp die niet paste: een giftige cocktail.</p>",
            "<h2>Wat we ervan leren</h2><p>Zoek op korte termijn uit welke regels en "
            "routines de toegang tot passende woonruimte blokkeren, en betrek de "
            "woningcorporaties bij het doorbraakteam.</p>",
        ],
    ),
    DemoInsight(
        slug="kleine-bedragen-grote-gevolgen",
        title="Kleine bedragen, grote gevolgen",
        date=datetime.date(2025, 6, 2),
        region="Zuid-Limburg",
        source="Informatie voor huisartsenpraktijken over de Doorbraakmethode (PlusWijken)",
        tags=["gezondheid", "bijzondere bijstand", "huisarts"],
        summary=(
            "Een paar honderd euro op het juiste moment voorkomt vaak veel duurdere zorg "
            "of een langere uitkering."
        ),
        body=[
            "<p>Twee voorbeelden uit de huisartsenpraktijk. Een vrouw kon haar "
            "voorgeschreven medicatie van 171 euro per maand niet betalen; de gemeente "
            "nam de kosten over uit de bijzondere bijstand. Een jonge moeder kreeg haar "
            "fysiotherapie van 899 euro betaald, ondanks een achterstand bij de "
            "zorgverzekeraar, zodat ze weer aan het werk kon; dat scheelde naar verwachting "
            "vier maanden uitkering.</p>",
            "<h2>Wat we ervan leren</h2><p>Vraag bij een vastgelopen situatie: welk klein "
            "bedrag maakt de rest mogelijk? Reken uit wat het kost om het niet te doen.</p>",
        ],
    ),
    DemoInsight(
        slug="snelheid-telt-meer-dan-een-apart-budget",
        title="Snelheid telt meer dan een apart budget",
        date=datetime.date(2025, 9, 15),
        source="IPW: op maat lokaal aansluiten op de Doorbraakmethode",
        tags=["regels", "bijzondere bijstand", "doorbraakbudget"],
        summary=(
            "Bijna elke doorbraak die het IPW betaalde, had ook binnen de bijzondere "
            "bijstand gepast. Het probleem was de doorlooptijd, niet de regel."
        ),
        body=[
            "<p>Gemeenten denken bij maatwerk vaak aan een nieuw, vrij te besteden budget. "
            "De ervaring van het IPW is dat de bestaande regeling meestal volstaat, maar "
            "dat de route te lang duurt voor een huishouden dat nu vastzit.</p>",
            "<h2>Wat we ervan leren</h2><p>Regel een snelle route: bijvoorbeeld een "
            "omschrijving in de verordening bijzondere bijstand waarmee een onderbouwd "
            "maatwerkplan direct tot betaling leidt, met verantwoording achteraf.</p>",
        ],
    ),
    DemoInsight(
        slug="leer-de-methode-door-te-doen",
        title="Leer de methode door te doen",
        date=datetime.date(2025, 11, 3),
        source="Gemeentelijke notitie over een pilot met een doorbraakregisseur",
        tags=["implementatie", "regie"],
        summary=(
            "Een ervaren doorbraakregisseur die eigen collega's opleidt tijdens het werk, "
            "verankert de methode beter dan een losse cursus."
        ),
        body=[
            "<p>Een samenwerkingsverband van gemeenten startte een pilot van een jaar met "
            "een externe doorbraakregisseur, die intussen de eigen regisseurs in het "
            "interventieteam opleidde. Na zes en twaalf maanden volgt een evaluatie.</p>",
            "<h2>Wat we ervan leren</h2><p>Combineer theorie met echte casussen en laat "
            "het eigen team de rol zo snel mogelijk overnemen.</p>",
        ],
    ),
]


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _published_at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _index(home: HomePage) -> InsightIndexPage:
    index = InsightIndexPage.objects.child_of(home).filter(slug="geleerde-lessen").first()
    if index is None:
        index = InsightIndexPageFactory(
            parent=home,
            live=False,
            show_in_menus=True,
            first_published_at=_published_at(datetime.date(2023, 2, 1)),
        )
        _publish(index)
    return index


def load(*, home: HomePage) -> None:
    """Create the insights index and the demo insights that do not exist yet."""
    index = _index(home)
    for item in INSIGHTS:
        if InsightPage.objects.child_of(index).filter(slug=item.slug).exists():
            continue
        page = InsightPageFactory(
            parent=index,
            live=False,
            slug=item.slug,
            title=item.title,
            date=item.date,
            summary=item.summary,
            body=paragraphs(*item.body),
            region=item.region,
            source=item.source,
            tags=item.tags,
            first_published_at=_published_at(item.date),
        )
        _publish(page)
