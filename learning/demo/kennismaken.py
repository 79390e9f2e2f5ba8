"""Demo course "Kennismaken met de Doorbraakmethode": four modules and a final test
(modules 3 and 4 live in `kennismaken_plan`).

Written in our own words from the facts in the project's source documents (the Zwolle
note on twelve families, the IPW brochure and the GP information page)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from learning.models import AccreditationRegister, CourseFormat, DurationUnit
from portal.home.factories import paragraph as content_paragraph

from .builders import Refs, body, multiple, prompt, reflection, single, text
from .kennismaken_plan import module_legitimise, module_plan

SLUG = "kennismaken-met-de-doorbraakmethode"

COURSE_FIELDS = {
    "title": "Kennismaken met de Doorbraakmethode",
    "slug": SLUG,
    "summary": (
        "In vier modules leer je hoe je samen met een vastgelopen huishouden de ene stap "
        "vindt die de rest in beweging brengt, en hoe je die stap verantwoordt met de wet, "
        "de kosten en baten en de kwaliteit van leven."
    ),
    "audience": (
        "Professionals die huishoudens met problemen op meerdere terreinen ondersteunen: "
        "medewerkers van wijkteams, consulenten van de gemeente, praktijkondersteuners, "
        "welzijnscoaches en beleidsmedewerkers in het sociaal domein."
    ),
    "learning_goals": "\n".join(
        [
            "Uitleggen wat een doorbraak is en waarom die vaak om een uitzondering vraagt.",
            "Een plan toetsen aan de drie kanten van de waardendriehoek.",
            "Een giftige cocktail van problemen en de belemmering erachter herkennen.",
            "De vier onderdelen van een doorbraakplan invullen.",
            "Een doorbraak onderbouwen met een wetsartikel, een kosten-batenafweging en wat "
            "de stap betekent voor het huishouden.",
        ]
    ),
    "effort_hours": Decimal("4.0"),
    "duration_amount": 3,
    "duration_unit": DurationUnit.WEEKS,
    "course_format": CourseFormat.E_LEARNING,
    "accreditation_register": AccreditationRegister.REGISTERPLEIN,
    "accreditation_points": Decimal("4.0"),
    "accreditation_id": "RP-DEMO-2026-0417",
    "accreditation_valid_until": datetime.date(2027, 12, 31),
    "prior_knowledge": (
        "Geen. Het helpt als je werkt met huishoudens die bij meerdere instanties bekend zijn."
    ),
    "accessibility_note": (
        "De lessen bestaan uit tekst en oefeningen die met toetsenbord en schermlezer werken. "
        "Je voortgang wordt bewaard, dus je kunt op elk moment stoppen en later verdergaan."
    ),
    "pass_mark": 70,
    "max_attempts": 3,
    "body": [
        content_paragraph(
            "<h2>Zo werkt de cursus</h2>"
            "<p>Elke les heeft een korte uitleg, een voorbeeld uit het casusboek en een paar "
            "oefeningen. Bij een meerkeuzevraag zie je direct waarom een antwoord wel of niet "
            "klopt, en je mag het opnieuw proberen. Reflectievragen zijn alleen voor jezelf. "
            "Heb je de verplichte lessen af, dan maak je de eindtoets. Met 70 procent goed ben "
            "je geslaagd en krijg je je accreditatiepunten.</p>"
        )
    ],
}


def _module_method(refs: Refs) -> dict:
    return {
        "title": "De methode en de waardendriehoek",
        "slug": "de-methode-en-de-waardendriehoek",
        "intro": "Wat een doorbraak is, voor wie de methode bedoeld is en met welke drie "
        "vragen je elk plan toetst.",
        "lessons": [
            {
                "title": "Wat is een doorbraak?",
                "slug": "wat-is-een-doorbraak",
                "estimated_minutes": 15,
                "learning_objective": "Je kunt in eigen woorden uitleggen wat een doorbraak "
                "is en voor welke huishoudens de methode bedoeld is.",
                "recap": "De methode is er voor de kleine groep huishoudens die ondanks veel "
                "hulp vastloopt. De doorbraak is de eerste, voorwaardelijke stap die de rest "
                "mogelijk maakt; meestal vraagt die een goed onderbouwde uitzondering.",
                "body": body(
                    text(
                        "kdm/1/1/tekst",
                        "<h2>Vast in het systeem</h2>"
                        "<p>Voor de meeste hulpvragen van gezinnen werkt het gewone aanbod "
                        "prima. Het IPW schat dat ongeveer vijf procent van de huishoudens "
                        "toch vastloopt. Om zo'n huishouden staan vaak meer dan vier "
                        "organisaties, er gebeurt veel, en toch komt niemand verder. Dat ligt "
                        "zelden aan de inzet van de hulpverleners: de regels en werkwijzen "
                        "van de verschillende instanties houden elkaar in de greep.</p>"
                        "<h2>De doorbraak</h2>"
                        "<p>De Doorbraakmethode begint daarom niet bij het aanbod maar bij de "
                        "vraag wat het huishouden zelf nodig heeft. Daarna zoek je de eerste "
                        "stap die de andere stappen mogelijk maakt: de doorbraak. Vaak is dat "
                        "iets kleins en concreets, zoals een rekening die wordt betaald of een "
                        "woning die vrijkomt. Bijna altijd vraagt die stap om een uitzondering "
                        "op een regel of op een vaste gewoonte van een organisatie. Juist "
                        "daarom onderbouw je haar zorgvuldig: zo blijft maatwerk uitlegbaar "
                        "en wordt het geen willekeur.</p>",
                    ),
                    refs.case_study(
                        "kdm/1/1/casus",
                        "anika",
                        "Een kleine doorbraak met een groot effect: één vergoeding gaf ruimte "
                        "voor gezondheid én studie.",
                    ),
                    single(
                        "kdm/1/1/vraag",
                        "Wat bedoelen we in de Doorbraakmethode met ‘de doorbraak’?",
                        (
                            False,
                            "Alle hulp die het huishouden nodig heeft, in één keer ingezet",
                            "Nee. De methode werkt juist stap voor stap; veel hulp tegelijk "
                            "is vaak precies wat vastloopt.",
                        ),
                        (
                            True,
                            "De eerste stap die de andere stappen mogelijk maakt, vaak met een "
                            "uitzondering op een regel",
                            "Juist. Is die stap gezet, dan komt de rest van het plan in beweging.",
                        ),
                        (
                            False,
                            "Een nieuwe regel die de gemeente voor iedereen invoert",
                            "Niet helemaal. Een doorbraak is maatwerk voor één huishouden. "
                            "Wel kan een patroon in veel doorbraken later tot nieuw beleid "
                            "leiden.",
                        ),
                    ),
                    prompt(
                        "kdm/1/1/denkvraag",
                        "Denk aan een huishouden uit je eigen werk waar veel hulp is maar "
                        "weinig verandert. Welke regel of werkwijze houdt de boel daar vast?",
                    ),
                ),
            },
            {
                "title": "De waardendriehoek",
                "slug": "de-waardendriehoek",
                "estimated_minutes": 20,
                "learning_objective": "Je kunt een plan toetsen op legitimiteit, "
                "betrokkenheid en rendement.",
                "recap": "Legitimiteit (mag het?), betrokkenheid (wordt het leven van het "
                "huishouden er beter van?) en rendement (is het verstandig besteed publiek "
                "geld?): een doorbraakplan moet op alle drie overeind blijven.",
                "body": body(
                    text(
                        "kdm/1/2/tekst",
                        "<h2>Drie vragen bij elk plan</h2>"
                        "<p>Een doorbraak is pas verantwoord als ze van drie kanten overeind "
                        "blijft. Samen heten die drie kanten de waardendriehoek.</p>"
                        "<ul>"
                        "<li><b>Legitimiteit</b>: mag het? Je zoekt het wetsartikel of de "
                        "lokale regel waarop de stap kan steunen. Dit is de juridische "
                        "toets.</li>"
                        "<li><b>Betrokkenheid</b>: krijgt het huishouden meer grip op het "
                        "eigen leven, en wordt het leven er beter van?</li>"
                        "<li><b>Rendement</b>: is dit een verstandige besteding van publiek "
                        "geld, vergeleken met alles bij het oude laten? Een maatschappelijke "
                        "kosten-batenanalyse (KBA) maakt dat zichtbaar.</li>"
                        "</ul>"
                        "<p>Een plan dat op één punt sterk is en op een ander zwak, houdt in "
                        "de praktijk geen stand. Een goedkope oplossing die het huishouden "
                        "niet wil, werkt niet. Een oplossing die het huishouden graag wil maar "
                        "nergens op steunt, wordt niet uitgevoerd.</p>",
                    ),
                    multiple(
                        "kdm/1/2/driehoek",
                        "Welke drie toetsen vormen samen de waardendriehoek?",
                        (
                            True,
                            "Legitimiteit",
                            "Klopt: de juridische toets. Op welke wet of regel steunt de stap?",
                        ),
                        (
                            True,
                            "Betrokkenheid",
                            "Klopt: krijgt het huishouden meer regie en een betere kwaliteit "
                            "van leven?",
                        ),
                        (
                            False,
                            "Snelheid",
                            "Snel handelen is vaak belangrijk, zeker bij eerste nood, maar het "
                            "is geen hoek van de driehoek.",
                        ),
                        (
                            True,
                            "Rendement",
                            "Klopt: wegen de kosten van de doorbraak op tegen wat ze voorkomt?",
                        ),
                    ),
                    single(
                        "kdm/1/2/rendement",
                        "Een collega zegt: ‘Deze stap kost de gemeente € 900, maar voorkomt "
                        "maanden bijstand.’ Bij welke toets hoort dit argument?",
                        (
                            False,
                            "Legitimiteit",
                            "Nee. Legitimiteit gaat over de vraag of het mag volgens de wet of "
                            "een lokale regel.",
                        ),
                        (
                            False,
                            "Betrokkenheid",
                            "Nee. Betrokkenheid gaat over de regie en de kwaliteit van leven "
                            "van het huishouden.",
                        ),
                        (
                            True,
                            "Rendement",
                            "Juist. Kosten afzetten tegen voorkomen kosten is de "
                            "rendementstoets; de KBA maakt het concreet.",
                        ),
                    ),
                    reflection(
                        "kdm/1/2/reflectie",
                        "Welke van de drie toetsen vind jij in je eigen werk het lastigst om "
                        "te onderbouwen, en waarom?",
                    ),
                ),
            },
            {
                "title": "Acht stappen en drie fasen",
                "slug": "acht-stappen-en-drie-fasen",
                "estimated_minutes": 10,
                "required": False,
                "learning_objective": "Je kent de acht stappen van de methode en de drie "
                "fasen van de seriële aanpak.",
                "recap": "Acht stappen, van huishoudens in beeld brengen tot veertien maanden "
                "volgen. De aanpak is serieel: eerste nood, stabiliseren, hoop doet leven.",
                "body": body(
                    text(
                        "kdm/1/3/tekst",
                        "<h2>Van signaal tot monitoring</h2>"
                        "<ol>"
                        "<li>Huishoudens in beeld brengen die ondanks hulp vastlopen.</li>"
                        "<li>Uitzoeken welke hulp en welke organisaties er al zijn.</li>"
                        "<li>Een eerste, voorlopige versie van het plan schrijven: de schot "
                        "voor de boeg.</li>"
                        "<li>Op huisbezoek gaan en horen wat er voor het huishouden echt toe "
                        "doet.</li>"
                        "<li>Samen het doorbraakplan maken.</li>"
                        "<li>Het plan legitimeren: kosten en baten, de wet en de kwaliteit "
                        "van leven.</li>"
                        "<li>Het plan laten uitvoeren door de professionals in de buurt, met "
                        "de doorbraak voorop.</li>"
                        "<li>Veertien maanden volgen hoe het gaat.</li>"
                        "</ol>"
                        "<h2>Eén stap per keer</h2>"
                        "<p>Liever één ding goed dan tien dingen tegelijk. In de eerste fase, "
                        "<b>eerste nood</b>, los je op wat acuut is. Daarna volgt "
                        "<b>stabiliseren</b>: de situatie moet voldoende zijn, niet perfect. "
                        "Als er rust is, komt de fase <b>hoop doet leven</b>: er komen weer "
                        "kansen in zicht, en vaak bedenkt het huishouden die zelf.</p>",
                    ),
                    single(
                        "kdm/1/3/fase",
                        "Een gezin dreigt over twee weken uit huis gezet te worden. In welke "
                        "fase van de seriële aanpak zit je dan?",
                        (
                            True,
                            "Eerste nood",
                            "Juist. Eerst wat acuut is, zodat er lucht komt voor de volgende stap.",
                        ),
                        (
                            False,
                            "Stabiliseren",
                            "Nog niet. Stabiliseren komt pas als de acute dreiging weg is.",
                        ),
                        (
                            False,
                            "Hoop doet leven",
                            "Te vroeg. Nieuwe kansen komen in beeld als het rustig is geworden.",
                        ),
                    ),
                ),
            },
        ],
    }


def _module_cocktails(refs: Refs) -> dict:
    return {
        "title": "Giftige cocktails",
        "slug": "giftige-cocktails",
        "intro": "Problemen die elkaar vasthouden, en de regels die daar een slot op zetten.",
        "lessons": [
            {
                "title": "Problemen die elkaar vasthouden",
                "slug": "problemen-die-elkaar-vasthouden",
                "estimated_minutes": 20,
                "learning_objective": "Je herkent een giftige cocktail en de belemmering "
                "in het systeem die erbij hoort.",
                "recap": "Een giftige cocktail is een combinatie van problemen die elkaar in "
                "stand houden, vaak doordat regels van instanties elkaar blokkeren. Zoek de "
                "belemmering: die wijst de weg naar de doorbraak.",
                "body": body(
                    text(
                        "kdm/2/1/tekst",
                        "<h2>Meer dan de som van de problemen</h2>"
                        "<p>Schulden, een onzeker inkomen, een slechte woning, psychische "
                        "klachten: voor elk probleem afzonderlijk is er een loket en een "
                        "aanpak. Het wordt lastig als ze tegelijk spelen en elkaar versterken. "
                        "Dan komt er vaak een probleem van een heel andere soort bij: de regels "
                        "van de ene instantie maken de oplossing van de andere onmogelijk. Zo'n "
                        "combinatie die zichzelf in stand houdt, noemen we een giftige "
                        "cocktail.</p>"
                        "<h2>Combinaties die vaak terugkomen</h2>"
                        "<p>Bij twaalf gezinnen in Zwolle kwamen drie combinaties steeds "
                        "terug:</p>"
                        "<ul>"
                        "<li>psychische problemen, ondersteuning die niet past en "
                        "woonproblemen;</li>"
                        "<li>woonproblemen samen met psychiatrische klachten;</li>"
                        "<li>geldproblemen terwijl de weg naar een (inkomens)voorziening dicht "
                        "zit.</li>"
                        "</ul>"
                        "<p>Wie de cocktail herkent, kan gericht zoeken naar de regel of "
                        "werkwijze die het slot vormt: de belemmering.</p>",
                    ),
                    refs.case_study(
                        "kdm/2/1/casus",
                        "huurschuld",
                        "Let op hoe elke instantie op een andere wacht: schuldhulp wacht op "
                        "rust, en rust komt er niet zolang de ontruiming dreigt.",
                    ),
                    multiple(
                        "kdm/2/1/cocktails",
                        "Welke combinaties kwamen bij de Zwolse gezinnen vaak terug als "
                        "giftige cocktail?",
                        (
                            True,
                            "Woonproblemen en psychiatrische klachten",
                            "Ja. Een dreigende ontruiming maakt herstel bijna onmogelijk, en "
                            "zonder herstel loopt de achterstand verder op.",
                        ),
                        (
                            False,
                            "Een vol werkrooster en weinig vrije tijd",
                            "Nee. Dat kan zwaar zijn, maar het zet een huishouden niet vast "
                            "tussen regels en loketten.",
                        ),
                        (
                            True,
                            "Geldproblemen zonder toegang tot een voorziening",
                            "Ja. Het geld is op, maar een regel houdt de deur naar de "
                            "voorziening dicht.",
                        ),
                        (
                            True,
                            "Psychische problemen, ondersteuning die niet past en woonproblemen",
                            "Ja. Deze drie versterken elkaar en kwamen het vaakst terug.",
                        ),
                    ),
                    single(
                        "kdm/2/1/belemmering",
                        "Wat is in de casus over huurschuld en psychiatrie de belemmering?",
                        (
                            False,
                            "De bipolaire stoornis van de bewoner",
                            "Nee. Dat is een probleem van het huishouden. De belemmering zit "
                            "in het systeem: een regel of een werkwijze.",
                        ),
                        (
                            True,
                            "Bijstand voor de huurschuld werd geweigerd en schuldhulp wachtte "
                            "op een stabiele situatie",
                            "Juist. Twee regels die elk redelijk lijken, sloten samen elke "
                            "uitweg af.",
                        ),
                        (
                            False,
                            "De woningcorporatie die haar huur wil hebben",
                            "Niet helemaal. Huur vragen is normaal; het slot zat in de regels "
                            "die een oplossing tegenhielden.",
                        ),
                    ),
                    prompt(
                        "kdm/2/1/denkvraag",
                        "Welke giftige cocktail kom jij het vaakst tegen, en welke regel "
                        "speelt daarin steeds de hoofdrol?",
                    ),
                ),
            },
            {
                "title": "Eén wet uitvoeren is geen wet uitvoeren",
                "slug": "een-wet-uitvoeren-is-geen-wet-uitvoeren",
                "estimated_minutes": 20,
                "learning_objective": "Je kunt uitleggen waarom een voorziening uit de ene "
                "wet een probleem kan oplossen dat onder een andere wet valt.",
                "recap": "Zet eerst in op bestaanszekerheid, gebruik wetten in samenhang en "
                "neem de ruimte die de regels al bieden.",
                "body": body(
                    text(
                        "kdm/2/2/tekst",
                        "<h2>Lessen uit twaalf plannen</h2>"
                        "<p>Uit de plannen van de Zwolse gezinnen kwamen lessen naar voren die "
                        "ook elders gelden.</p>"
                        "<ul>"
                        "<li><b>Bestaanszekerheid eerst.</b> Mensen met geldproblemen "
                        "gebruiken ongeveer dertig procent meer zorg, vooral in de ggz voor "
                        "volwassenen. Wie eerst het inkomen of de woning op orde brengt, "
                        "voorkomt vaak zorgkosten.</li>"
                        "<li><b>Wetten in samenhang.</b> Soms dient een instrument uit de ene "
                        "wet het doel van een andere. Zo kreeg een gezin kinderopvang op "
                        "sociaal-medische indicatie in plaats van nog meer opvoedhulp aan "
                        "huis.</li>"
                        "<li><b>Durven.</b> Er is vaak meer ruimte in de wet dan we gebruiken, "
                        "en ook waar die ruimte er is, nemen medewerkers haar niet altijd.</li>"
                        "</ul>",
                    ),
                    refs.case_study(
                        "kdm/2/2/casus",
                        "kinderopvang",
                        "Een voorziening uit de ene regeling loste hier een vraag op die in "
                        "een andere regeling vastzat.",
                    ),
                    single(
                        "kdm/2/2/vraag",
                        "Waarom hielp kinderopvang de vader in deze casus meer dan extra "
                        "opvoedhulp?",
                        (
                            True,
                            "Hij had vooral rust nodig om te herstellen en weer te werken",
                            "Juist. Achter de hulpvraag zat een behoefte aan rust; de "
                            "kinderopvang gaf die, de opvoedhulp niet.",
                        ),
                        (
                            False,
                            "Kinderopvang is altijd goedkoper dan opvoedhulp",
                            "Nee. Het ging niet om de goedkoopste voorziening, maar om de "
                            "voorziening die paste.",
                        ),
                        (
                            False,
                            "Opvoedhulp was in zijn situatie wettelijk niet toegestaan",
                            "Nee. Opvoedhulp mocht wel, maar loste het eigenlijke probleem "
                            "niet op.",
                        ),
                    ),
                    refs.case_exercise(
                        "kdm/2/2/casusopdracht",
                        "vermogen",
                        "Lees de situatie van dit echtpaar. Welke eerste stap zou jij "
                        "voorstellen, en op welke wet of welk artikel steunt die? Daarna zie "
                        "je wat er echt is gebeurd.",
                    ),
                ),
            },
        ],
    }


def _final_test() -> dict:
    return {
        "title": "Eindtoets",
        "slug": "eindtoets",
        "intro": "Zes vragen over de hele cursus. Met vijf goede antwoorden ben je geslaagd.",
        "questions": [
            single(
                "kdm/toets/1",
                "Wat is een doorbraak?",
                (
                    False,
                    "Een plan waarin alle hulpverleners tegelijk aan de slag gaan",
                    "Nee: de aanpak is juist serieel.",
                ),
                (
                    True,
                    "De eerste stap die de rest van het plan mogelijk maakt",
                    "Goed.",
                ),
                (False, "Een klacht over een organisatie", "Nee."),
            ),
            multiple(
                "kdm/toets/2",
                "Welke toetsen horen bij de waardendriehoek?",
                (True, "Legitimiteit", "Goed."),
                (True, "Betrokkenheid", "Goed."),
                (True, "Rendement", "Goed."),
                (False, "Populariteit", "Nee."),
            ),
            single(
                "kdm/toets/3",
                "Wat is een giftige cocktail?",
                (
                    True,
                    "Problemen die elkaar versterken, vaak doordat regels van instanties "
                    "elkaar blokkeren",
                    "Goed.",
                ),
                (False, "Een huishouden met veel schulden", "Nee: één probleem is geen cocktail."),
                (False, "Een plan met te veel doelen", "Nee."),
            ),
            single(
                "kdm/toets/4",
                "Wat beschrijft het perspectief in een doorbraakplan?",
                (False, "De hulp die de gemeente gaat inzetten", "Nee."),
                (
                    True,
                    "Een concreet doel voor over ongeveer een halfjaar, in de woorden van het "
                    "huishouden",
                    "Goed.",
                ),
                (False, "De kosten die het plan voorkomt", "Nee: dat hoort bij de KBA."),
            ),
            single(
                "kdm/toets/5",
                "Bij welke toets hoort de vraag ‘Op welk artikel steunt deze stap?’",
                (True, "Legitimiteit", "Goed."),
                (False, "Rendement", "Nee."),
                (False, "Betrokkenheid", "Nee."),
            ),
            multiple(
                "kdm/toets/6",
                "Op welke wetten steunen doorbraken vaak?",
                (True, "Participatiewet (bijzondere bijstand)", "Goed."),
                (True, "Wmo 2015", "Goed."),
                (False, "Wegenverkeerswet", "Nee."),
                (True, "Jeugdwet", "Goed."),
            ),
        ],
    }


def course(refs: Refs) -> dict:
    """The course as data: page fields, modules with lessons, and the final test."""
    return {
        "fields": COURSE_FIELDS,
        "modules": [
            _module_method(refs),
            _module_cocktails(refs),
            module_plan(refs),
            module_legitimise(refs),
        ],
        "final_test": _final_test(),
    }
