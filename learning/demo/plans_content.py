"""The texts of the demo plan templates and the demo tariffs (data only; built by
`learning.demo.plans`). Written in our own words from the facts in the project's
source documents: what a maatwerkplan holds, the value triangle, the eight steps with
the "schot voor de boeg" before the home visit, the Maatwerkcanvas of the case clinics
and the target-group criteria of the GP information page.

Tariff amounts are indicative 2026 figures for practising, not official prices; each
says where it comes from.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from casebook.models import CostDomain
from learning.models import PlanTemplateKind, SectionKind

INDEX_FIELDS = {
    "title": "Plansjablonen",
    "slug": "plansjablonen",
    "intro": (
        "De standaardformats van het IPW om een plan te maken: het Doorbraakplan, het "
        "Maatwerkcanvas, de schot voor de boeg en de inclusiecriteria. Lees per onderdeel "
        "wat erin hoort, met een voorbeeld, download het sjabloon of oefen ermee."
    ),
    "seo_title": "Plansjablonen van de Doorbraakmethode",
    "search_description": (
        "Doorbraakplan, Maatwerkcanvas, schot voor de boeg en inclusiecriteria: de "
        "standaardformats van de Doorbraakmethode, als Word of PDF."
    ),
    "show_in_menus": True,
}


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    guidance: str
    example: str = ""
    kind: str = SectionKind.TEXT
    required: bool = True


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    slug: str
    title: str
    kind: str
    version: str
    effective_date: datetime.date
    summary: str
    intro: tuple[str, ...]
    sections: tuple[Section, ...]
    supersedes: str = ""  # key of the older version
    practice_enabled: bool = True
    extra: dict = field(default_factory=dict)


# --- Doorbraakplan --------------------------------------------------------------------

_SITUATIE = Section(
    "situatie",
    "Situatieschets",
    "<p>Beschrijf in een paar zinnen hoe het huishouden er nu voor staat: wie er deel van "
    "uitmaken, welke problemen spelen en welke hulp er al is. Houd het feitelijk en kort; "
    "het plan hoeft geen dossier te zijn.</p>"
    "<ul><li>Noem de probleemdomeinen die elkaar vasthouden (de giftige cocktail).</li>"
    "<li>Tel de betrokken organisaties: vaak zijn het er meer dan vier.</li>"
    "<li>Gebruik hoogstens een voornaam als schuilnaam; geen achternaam, adres of "
    "geboortedatum.</li></ul>",
    "Mira woont met haar twee kinderen in een huurwoning. Ze heeft een huurachterstand "
    "van drie maanden en de corporatie heeft een ontruiming aangekondigd. Ze is in "
    "behandeling bij de ggz, het wijkteam komt wekelijks en de schuldhulp wacht op een "
    "stabiele situatie. Vijf organisaties zijn betrokken; geen van hen kan verder zonder "
    "de ander.",
)
_PERSPECTIEF = Section(
    "perspectief",
    "Perspectief over zes maanden",
    "<p>Schrijf op wat het huishouden over ongeveer een halfjaar bereikt wil hebben, in "
    "de eigen woorden van de mensen zelf. Een goed perspectief is concreet en dichtbij: "
    "je kunt over zes maanden zien of het gelukt is.</p>"
    "<p>Vermijd woorden van professionals zoals ‘stabiliseren’ of ‘zelfredzaam "
    "worden’: vraag door tot je hoort wat het voor hén betekent.</p>",
    "‘Na de zomer woon ik hier nog, betaal ik zelf mijn huur en heb ik weer rust in mijn "
    "hoofd om voor de kinderen te zorgen.’",
)
_ZELF = Section(
    "zelf",
    "Wat het huishouden zelf kan",
    "<p>Begin bij de eigen kracht: wat doen de mensen zelf om het perspectief dichterbij "
    "te brengen? Zo blijft de regie bij het huishouden en wordt de hulp niet groter dan "
    "nodig.</p>",
    "Mira houdt haar afspraken bij de ggz aan en zet met haar zus een weekbudget op.",
)
_ONDERSTEUNING = Section(
    "ondersteuning",
    "Wat met ondersteuning kan",
    "<p>Noem wat lukt met hulp van anderen: een professional, een vrijwilliger of het "
    "eigen netwerk. Zeg bij elke stap wie die steun geeft.</p>",
    "De wijkcoach helpt bij de aanvraag van bijzondere bijstand en bij het eerste gesprek "
    "met de corporatie over een betalingsregeling.",
)
_BEHANDELING = Section(
    "behandeling",
    "Wat behandeling nodig heeft",
    "<p>Beschrijf welke zorg of behandeling nodig is, bijvoorbeeld van de huisarts, de "
    "ggz of jeugdhulp. Laat zien hoe die behandeling samenhangt met de andere stappen: "
    "vaak werkt behandeling pas als de acute geldzorg weg is.</p>",
    "De ggz-behandeling gaat door; de behandelaar verwacht meer effect zodra de dreiging "
    "van de ontruiming is weggenomen.",
    required=False,
)
_BELEMMERING = Section(
    "belemmering",
    "Belemmering",
    "<p>Welke regel, werkafspraak of routine in het systeem houdt de eerste stap tegen? "
    "Wees precies: noem de organisatie en de regel, niet ‘de bureaucratie’.</p>",
    "De schuldhulp neemt Mira pas aan als haar situatie stabiel is, terwijl de "
    "corporatie alleen wil wachten met de ontruiming als er schuldhulp loopt.",
)
_DOORBRAAK = Section(
    "doorbraak",
    "Doorbraak",
    "<p>De doorbraak is de eerste stap die de andere stappen mogelijk maakt. Meestal "
    "vraagt die stap een uitzondering op een regel of werkroutine. Beschrijf de stap, wie "
    "hem zet en welke uitzondering ervoor nodig is.</p>",
    "De gemeente betaalt de huurachterstand eenmalig uit de bijzondere bijstand, zodat "
    "de ontruiming van tafel gaat en de schuldhulp kan starten.",
)
_LEGITIMITEIT = Section(
    "legitimiteit",
    "Legitimiteit: wettelijke grondslagen",
    "<p>Laat zien dat de doorbraak rechtmatig is. Kies met de wettenzoeker de wet en het "
    "artikel (of het artikel uit een lokale verordening) waarop de uitzondering steunt, "
    "en leg in je eigen woorden uit waarom het hier van toepassing is.</p>",
    "Participatiewet, artikel 35: bijzondere bijstand voor noodzakelijke kosten die door "
    "bijzondere omstandigheden ontstaan. De dreigende ontruiming met kinderen in huis is "
    "zo'n omstandigheid.",
    kind=SectionKind.LEGAL_BASES,
)
_BETROKKENHEID = Section(
    "betrokkenheid",
    "Betrokkenheid",
    "<p>Leg uit hoe het plan bijdraagt aan de zelfregie en de kwaliteit van leven van "
    "het huishouden. Herkennen de mensen zich in het plan, en krijgen ze er meer grip "
    "door?</p>",
    "Mira heeft het perspectief zelf geformuleerd. Als de woning zeker is, kan ze weer "
    "aan haar herstel en aan de kinderen denken in plaats van aan brieven van de "
    "deurwaarder.",
)
_RENDEMENT = Section(
    "rendement",
    "Rendement: kosten en baten",
    "<p>Reken met de rekenhulp uit wat de doorbraak kost en welke kosten ermee worden "
    "voorkomen, per wetsdomein. Gebruik de standaardtarieven en vul zelf aantallen in. "
    "Het verschil is het maatschappelijk rendement van het plan.</p>",
    "Kosten: de huurachterstand uit bijzondere bijstand en tien uur schuldhulp. "
    "Voorkomen: een huisuitzetting, twee maanden nachtopvang en een week klinische "
    "opname.",
    kind=SectionKind.COST_BENEFIT,
)

DOORBRAAKPLAN_V1 = TemplateSpec(
    key="doorbraakplan-1",
    slug="doorbraakplan-versie-1-0",
    title="Doorbraakplan",
    kind=PlanTemplateKind.DOORBRAAKPLAN,
    version="1.0",
    effective_date=datetime.date(2024, 1, 1),
    summary=(
        "De eerste versie van het Doorbraakplan: situatie, perspectief, wat nodig is en de "
        "doorbraak, met een korte onderbouwing. Vervangen door versie 2.0."
    ),
    intro=(
        "<p>Met dit format legde je een maatwerkplan vast in vijf onderdelen. De "
        "onderbouwing stond in één vrij tekstveld.</p>",
    ),
    sections=(
        _SITUATIE,
        _PERSPECTIEF,
        Section(
            "nodig",
            "Wat nodig is",
            "<p>Beschrijf wat nodig is om het perspectief te halen: wat het huishouden "
            "zelf doet, waarbij steun nodig is en wat behandeling vraagt.</p>",
            "Zelf: afspraken nakomen. Met steun: aanvraag bijzondere bijstand. "
            "Behandeling: ggz gaat door.",
        ),
        _DOORBRAAK,
        Section(
            "onderbouwing",
            "Onderbouwing",
            "<p>Waarom is de doorbraak rechtmatig, goed voor het huishouden en verstandig "
            "besteed geld?</p>",
            "Bijzondere bijstand is bedoeld voor deze situatie; de ontruiming kost de "
            "samenleving veel meer dan de achterstand.",
        ),
    ),
)

DOORBRAAKPLAN_V2 = TemplateSpec(
    key="doorbraakplan",
    slug="doorbraakplan",
    title="Doorbraakplan",
    kind=PlanTemplateKind.DOORBRAAKPLAN,
    version="2.0",
    effective_date=datetime.date(2026, 1, 1),
    supersedes="doorbraakplan-1",
    summary=(
        "Het standaardformat voor een maatwerkplan: van situatie en perspectief naar de "
        "doorbraak, onderbouwd met de waardendriehoek (legitimiteit, betrokkenheid en "
        "rendement)."
    ),
    intro=(
        "<p>Een doorbraakplan is kort. Het begint bij wat het huishouden zelf wil "
        "bereiken en werkt toe naar die ene eerste stap die de rest losmaakt. Daarna toets "
        "je die stap langs de drie zijden van de waardendriehoek: is hij rechtmatig, "
        "krijgt het huishouden er meer regie door, en is het geld verstandig besteed?</p>"
        "<p>Nieuw in versie 2.0: ‘wat nodig is’ staat in drie aparte onderdelen, de "
        "belemmering heeft een eigen plek, en legitimiteit en rendement vul je met de "
        "wettenzoeker en de rekenhulp.</p>",
    ),
    sections=(
        _SITUATIE,
        _PERSPECTIEF,
        _ZELF,
        _ONDERSTEUNING,
        _BEHANDELING,
        _BELEMMERING,
        _DOORBRAAK,
        _LEGITIMITEIT,
        _BETROKKENHEID,
        _RENDEMENT,
    ),
)

MAATWERKCANVAS = TemplateSpec(
    key="maatwerkcanvas",
    slug="maatwerkcanvas",
    title="Maatwerkcanvas",
    kind=PlanTemplateKind.MAATWERKCANVAS,
    version="1.0",
    effective_date=datetime.date(2025, 3, 1),
    summary=(
        "Een gesprekscanvas voor aan de keukentafel of in een kraak-en-maaksessie: samen "
        "met het huishouden in kaart brengen wat goed gaat, wat nodig is en wat de eerste "
        "stap is."
    ),
    intro=(
        "<p>Het canvas ordent een gesprek. Leg het op tafel, laat het huishouden zoveel "
        "mogelijk zelf vertellen en schrijf op in hun woorden. In een kraak-en-maaksessie "
        "vult het team het canvas samen in bij een ingebrachte casus.</p>",
    ),
    sections=(
        Section(
            "gaat-goed",
            "Wat gaat goed",
            "<p>Begin bij wat werkt: wat lukt het huishouden, waar zijn ze trots op, wie "
            "of wat geeft energie? Dat is de basis waarop je verder bouwt.</p>",
            "De kinderen gaan graag naar school. De buurvrouw past op als het nodig is.",
        ),
        Section(
            "zorgen",
            "Waar maken jullie je zorgen over",
            "<p>Laat de mensen zelf benoemen wat hen het meest bezighoudt. Schrijf niet "
            "meteen oplossingen op.</p>",
            "De brieven van de deurwaarder, en dat de oudste zoon steeds vaker thuisblijft.",
        ),
        Section(
            "nodig",
            "Wat is nodig",
            "<p>Wat moet er gebeuren om verder te komen? Vraag wat echt verschil zou "
            "maken, en wat aan hulp er misschien te veel is of niet helpt.</p>",
            "Eén vast aanspreekpunt in plaats van vijf, en rust over de huur.",
        ),
        Section(
            "wie-helpt",
            "Wie helpt",
            "<p>Zet de mensen en organisaties op een rij die kunnen helpen, ook uit het "
            "eigen netwerk. Wie doet wat?</p>",
            "Zus: meedenken over geld. Wijkcoach: aanvraag bijzondere bijstand. "
            "Corporatie: betalingsregeling.",
        ),
        Section(
            "eerste-stap",
            "Eerste stap",
            "<p>Welke stap zet je als eerste, en wanneer? Kies de stap die de meeste "
            "andere stappen mogelijk maakt.</p>",
            "Deze week samen de aanvraag voor de huurachterstand indienen.",
        ),
    ),
)

SCHOT_VOOR_DE_BOEG = TemplateSpec(
    key="schot-voor-de-boeg",
    slug="schot-voor-de-boeg",
    title="Schot voor de boeg",
    kind=PlanTemplateKind.SCHOT_VOOR_DE_BOEG,
    version="1.0",
    effective_date=datetime.date(2025, 3, 1),
    summary=(
        "Een eerste, voorlopige versie van het plan, gemaakt vóór het huisbezoek op basis "
        "van wat de betrokken organisaties weten. Nadrukkelijk een voorstel."
    ),
    intro=(
        "<p>In de derde stap van de methode zet je op papier wat je al weet, voordat je "
        "het huishouden bezoekt. Zo ga je voorbereid het gesprek in, met vragen in plaats "
        "van conclusies. Tijdens het huisbezoek leg je deze eerste versie naast wat de "
        "mensen zelf belangrijk vinden.</p>",
    ),
    sections=(
        Section(
            "bekende-informatie",
            "Bekende informatie",
            "<p>Wat weten de betrokken organisaties al? Noem per organisatie kort wat zij "
            "doen en wat zij zien. Vermeld alleen wat nodig is voor het plan.</p>",
            "Corporatie: huurachterstand van drie maanden. Wijkteam: wekelijks contact. "
            "Ggz: behandeling loopt, moeizaam door stress.",
        ),
        Section(
            "hypothese-cocktail",
            "Hypothese: de giftige cocktail",
            "<p>Welke problemen houden elkaar vermoedelijk vast? Schrijf het op als een "
            "vermoeden dat je tijdens het huisbezoek toetst.</p>",
            "Schulden, psychische klachten en dreigend woningverlies lijken elkaar te "
            "versterken: zolang de woning onzeker is, werkt de behandeling niet.",
        ),
        Section(
            "idee-perspectief",
            "Eerste idee over het perspectief",
            "<p>Wat zou het huishouden over een halfjaar willen bereiken, denk je? Dit is "
            "een gok; het echte perspectief hoor je aan de keukentafel.</p>",
            "Wonen blijft zeker en er komt rust om aan herstel te werken.",
        ),
        Section(
            "vragen-huisbezoek",
            "Vragen voor het huisbezoek",
            "<p>Welke vragen wil je stellen om je hypothese te toetsen en het perspectief "
            "in hun eigen woorden te horen?</p>",
            "Wat zou voor jou het meeste verschil maken? Welke hulp helpt niet? Wie uit je "
            "omgeving wil je erbij hebben?",
        ),
    ),
)

INCLUSIECRITERIA = TemplateSpec(
    key="inclusiecriteria",
    slug="inclusiecriteria",
    title="Inclusiecriteria",
    kind=PlanTemplateKind.INCLUSIECRITERIA,
    version="1.0",
    effective_date=datetime.date(2025, 4, 1),
    summary=(
        "Past de Doorbraakmethode bij dit huishouden? Loop de criteria langs voordat je "
        "aanmeldt of een plan begint, en licht elk antwoord kort toe."
    ),
    intro=(
        "<p>De methode is bedoeld voor huishoudens die met meerdere problemen tegelijk "
        "vastzitten, ondanks veel hulp. Beantwoord elke vraag met ja of nee en een korte "
        "toelichting. Twijfel je? Bespreek het dan met het IPW via de hulplijn.</p>",
    ),
    sections=(
        Section(
            "hulpverleners",
            "Meer dan vier hulpverleners betrokken",
            "<p>Hoeveel professionals en organisaties zijn er bij het huishouden "
            "betrokken? Noem ze, zonder namen van personen.</p>",
            "Ja: wijkteam, ggz, schuldhulp, corporatie en jeugdhulp, vijf in totaal.",
        ),
        Section(
            "domeinen",
            "Problemen op meerdere domeinen",
            "<p>Op welke levensdomeinen spelen problemen, zoals schulden, inkomen, wonen, "
            "gezondheid of opvoeding? Gaat het om meer dan één domein?</p>",
            "Ja: schulden, wonen en psychische gezondheid.",
        ),
        Section(
            "vastgelopen",
            "Vastgelopen in regels of bureaucratie",
            "<p>Is er een regel of werkwijze die de hulp blokkeert? Beschrijf waar het "
            "vastloopt.</p>",
            "Ja: schuldhulp wacht op stabiliteit, de corporatie wacht op schuldhulp.",
        ),
        Section(
            "toestemming",
            "Toestemming van het huishouden",
            "<p>Heeft het huishouden ingestemd met aanmelding en met het delen van "
            "gegevens? Zonder toestemming meld je niet aan.</p>",
            "Ja, mondeling gegeven tijdens het gesprek op het spreekuur.",
        ),
    ),
    practice_enabled=True,
)

TEMPLATES = (
    DOORBRAAKPLAN_V1,
    DOORBRAAKPLAN_V2,
    MAATWERKCANVAS,
    SCHOT_VOOR_DE_BOEG,
    INCLUSIECRITERIA,
)


# --- Tariffs ---------------------------------------------------------------------------

_DEMO_SOURCE = "Indicatief tarief 2026 voor oefenplannen (IPW-demo)"

TARIFFS: tuple[dict, ...] = (
    {
        "name": "Bijstandsuitkering alleenstaande",
        "cost_domain": CostDomain.PARTICIPATIEWET,
        "unit": "maand",
        "amount": Decimal("1380.00"),
        "source": f"{_DEMO_SOURCE}; afgerond op de bijstandsnorm voor een alleenstaande",
        "description": "Een maand uitkering voor levensonderhoud uit de Participatiewet.",
    },
    {
        "name": "Ambulante jeugdhulp",
        "cost_domain": CostDomain.JEUGDWET,
        "unit": "week",
        "amount": Decimal("420.00"),
        "source": f"{_DEMO_SOURCE}; gemiddelde van regionale jeugdhulptarieven",
        "description": "Een week begeleiding van een gezin door een jeugdhulpaanbieder.",
    },
    {
        "name": "Huishoudelijke hulp",
        "cost_domain": CostDomain.WMO,
        "unit": "uur",
        "amount": Decimal("39.50"),
        "source": f"{_DEMO_SOURCE}; gemeentelijk Wmo-uurtarief",
        "description": "Een uur hulp bij het huishouden als Wmo-maatwerkvoorziening.",
    },
    {
        "name": "Individuele begeleiding Wmo",
        "cost_domain": CostDomain.WMO,
        "unit": "uur",
        "amount": Decimal("68.00"),
        "source": f"{_DEMO_SOURCE}; gemeentelijk Wmo-uurtarief",
        "description": "Een uur begeleiding thuis bij het dagelijks leven.",
    },
    {
        "name": "Nacht maatschappelijke opvang",
        "cost_domain": CostDomain.WMO,
        "unit": "nacht",
        "amount": Decimal("95.00"),
        "source": f"{_DEMO_SOURCE}; opvangtarief centrumgemeente",
        "description": "Een nacht in de nachtopvang of crisisopvang (Wmo).",
    },
    {
        "name": "Beschermd wonen",
        "cost_domain": CostDomain.WMO,
        "unit": "maand",
        "amount": Decimal("4300.00"),
        "source": f"{_DEMO_SOURCE}; tarief beschermd wonen centrumgemeente",
        "description": "Een maand wonen met begeleiding in een beschermde woonvorm.",
    },
    {
        "name": "Schuldhulpverlening",
        "cost_domain": CostDomain.WGS,
        "unit": "uur",
        "amount": Decimal("92.00"),
        "source": f"{_DEMO_SOURCE}; uurtarief gemeentelijke schuldhulp",
        "description": "Een uur schuldhulp onder de Wet gemeentelijke schuldhulpverlening.",
    },
    {
        "name": "Consult huisarts",
        "cost_domain": CostDomain.ZVW,
        "unit": "consult",
        "amount": Decimal("12.90"),
        "source": f"{_DEMO_SOURCE}; afgerond op het NZa-tarief regulier consult",
        "description": "Een regulier consult bij de huisarts (Zorgverzekeringswet).",
    },
    {
        "name": "Opnamedag ggz",
        "cost_domain": CostDomain.ZVW,
        "unit": "dag",
        "amount": Decimal("560.00"),
        "source": f"{_DEMO_SOURCE}; gemiddelde dagprijs klinische ggz",
        "description": "Een dag klinische opname in de geestelijke gezondheidszorg.",
    },
    {
        "name": "Zorg in een Wlz-instelling",
        "cost_domain": CostDomain.WLZ,
        "unit": "maand",
        "amount": Decimal("7900.00"),
        "source": f"{_DEMO_SOURCE}; gemiddeld zorgprofiel Wet langdurige zorg",
        "description": "Een maand verblijf met zorg onder de Wet langdurige zorg.",
    },
    {
        "name": "Huisuitzetting",
        "cost_domain": CostDomain.OTHER,
        "unit": "uitzetting",
        "amount": Decimal("7000.00"),
        "source": f"{_DEMO_SOURCE}; kosten voor corporatie, deurwaarder en gemeente samen",
        "description": "Een ontruiming van een huurwoning, zonder de opvang daarna.",
    },
    {
        "name": "Kinderopvang met sociaal-medische indicatie",
        "cost_domain": CostDomain.OTHER,
        "unit": "dagdeel",
        "amount": Decimal("58.00"),
        "source": f"{_DEMO_SOURCE}; uurprijs kinderopvang maal vijf uur",
        "description": "Een dagdeel kinderopvang dat de gemeente vergoedt (Wet kinderopvang).",
    },
)
