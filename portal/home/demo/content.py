"""The demo pages' texts, in Dutch, written from the facts in the project's source
documents (never their sentences). Each page is a dict of ContentPage fields."""

from ..factories import accordion, callout, paragraph, table

HOME_INTRO = (
    "Leer werken met de Doorbraakmethode: zoek samen met een vastgelopen huishouden de ene "
    "stap die de rest in beweging zet, en onderbouw de uitzondering die daarvoor nodig is."
)
HOME_WELCOME = (
    "<p>Deze portal is de plek waar professionals uit zorg, welzijn en gemeenten de methode "
    "leren, ervaringen uit casussen delen en de standaarden van het Instituut voor Publieke "
    "Waarden (IPW) vinden.</p>"
)


def _over_de_methode() -> dict:
    steps = [
        ("1", "Huishoudens in beeld", "Signaleren wie vastloopt, ondanks alle hulp die er al is."),
        ("2", "Informatie verzamelen", "Nagaan welke hulp en welke professionals al meedoen."),
        ("3", "Schot voor de boeg", "Een eerste, voorlopige versie van het plan, vóór het bezoek."),
        ("4", "Huisbezoek", "Met het huishouden bespreken wat er echt toe doet en wat te veel is."),
        ("5", "Doorbraakplan", "Samen het plan opstellen, met de doorbraak als eerste stap."),
        (
            "6",
            "Plan legitimeren",
            "Toetsen op kosten en baten (KBA), op de wet en op kwaliteit van leven.",
        ),
        ("7", "Realiseren", "Lokale professionals voeren het plan uit, de doorbraak voorop."),
        ("8", "Monitoren", "Veertien maanden volgen hoe het huishouden en het plan ervoor staan."),
    ]
    return {
        "title": "Over de methode",
        "slug": "over-de-methode",
        "show_in_menus": True,
        "search_description": "Wat de Doorbraakmethode is: de doorbraak, de waardendriehoek, "
        "de acht stappen en de drie fasen.",
        "intro": "De Doorbraakmethode van het Instituut voor Publieke Waarden helpt huishoudens "
        "die met veel problemen tegelijk klem zitten tussen regels en loketten. Op deze pagina "
        "leest u hoe de methode werkt.",
        "body": [
            paragraph(
                "<h2>Waarvoor de methode is</h2>"
                "<p>Soms stapelen schulden, een onzeker inkomen, woonproblemen, gezondheid en "
                "opvoeding zich op. Vaak zijn er dan meer dan vier instanties bij een huishouden "
                "betrokken, en toch komt het niet verder: de regels en routines van die "
                "instanties houden elkaar in de greep. De Doorbraakmethode draait de vraag om. "
                "Niet wat volgens de regels mag staat voorop, maar wat het huishouden nodig "
                "heeft om weer grip op het eigen leven te krijgen.</p>"
                "<h2>De doorbraak</h2>"
                "<p>In elk plan zoeken we de ene eerste stap die de andere stappen mogelijk "
                "maakt: de doorbraak. Meestal vraagt die stap om een uitzondering op een regel "
                "of een vaste werkwijze. Die uitzondering onderbouwen we zorgvuldig, zodat "
                "maatwerk nooit willekeur wordt.</p>"
                "<p>Een doorbraakplan bevat een korte <b>situatieschets</b>, een "
                "<b>perspectief</b> (een concreet doel ongeveer een half jaar vooruit, in de "
                "woorden van het huishouden), <b>wat nodig is</b> (wat het huishouden zelf kan, "
                "waarbij steun nodig is en wat behandeling vraagt) en de <b>doorbraak</b>.</p>"
            ),
            paragraph(
                "<h2>Waardendriehoek: drie toetsen voor elk plan</h2>"
                "<p>Elk plan bekijken we van drie kanten. Pas als het op alle drie overeind "
                "blijft, is het goed te verantwoorden.</p>"
                "<ul>"
                "<li><b>Legitimiteit</b>: past het plan binnen de wet of een lokale regeling? "
                "Dat is de juridische toets.</li>"
                "<li><b>Betrokkenheid</b>: krijgt het huishouden meer regie en een betere "
                "kwaliteit van leven?</li>"
                "<li><b>Rendement</b>: is het een verstandige besteding van publiek geld, "
                "vergeleken met alles bij het oude laten? Een maatschappelijke "
                "kosten-batenanalyse (KBA) maakt dat zichtbaar.</li>"
                "</ul>"
            ),
            table(
                [("Stap", "Naam", "Wat er gebeurt"), *steps],
                caption="De acht stappen van de Doorbraakmethode",
            ),
            paragraph(
                "<h2>Drie fasen: één stap tegelijk</h2>"
                "<p>Liever één stap per keer dan veel hulp tegelijk. Deze seriële aanpak kent "
                "drie fasen:</p>"
                "<ol>"
                "<li><b>Eerste nood</b>: eerst oplossen wat acuut is, zodat er lucht komt.</li>"
                "<li><b>Stabiliseren</b>: de situatie voldoende op orde brengen; perfect hoeft "
                "het niet te zijn.</li>"
                "<li><b>Hoop doet leven</b>: met rust in huis komen nieuwe kansen en "
                "oplossingen weer in zicht.</li>"
                "</ol>"
            ),
            callout(
                "<p>Volgens cijfers van het IPW voorkomt een doorbraak per huishouden in het "
                "eerste jaar gemiddeld ruim € 17.000 aan kosten. In Zwolle ging het bij twaalf "
                "gezinnen samen om bijna € 227.000.</p>",
                heading="Wat levert het op?",
                variant="info",
            ),
            accordion(
                [
                    (
                        "Is een doorbraak hetzelfde als een regel overtreden?",
                        "<p>Nee. Een doorbraak is een onderbouwde uitzondering binnen de ruimte "
                        "die wetten en lokale regels bieden. De juridische toets laat zien op "
                        "welk artikel het plan steunt.</p>",
                    ),
                    (
                        "Voor welke huishoudens is de methode bedoeld?",
                        "<p>Voor huishoudens met problemen op meerdere terreinen tegelijk, die "
                        "al veel hulp krijgen maar vastlopen in regels en loketten. Voor de "
                        "meeste hulpvragen werkt de gewone hulp prima; de methode is er voor "
                        "de kleine groep waarbij dat niet zo is.</p>",
                    ),
                    (
                        "Wie schrijft het plan?",
                        "<p>De professional die het huishouden kent, samen met het huishouden. "
                        "Het perspectief staat in de eigen woorden van het huishouden.</p>",
                    ),
                    (
                        "Waar kan ik terecht als een plan blijft steken?",
                        "<p>Bij de hulplijn van het IPW. Beschrijf de belemmering die u "
                        "tegenkomt; het IPW denkt mee over hoe die weg kan.</p>",
                    ),
                ],
                heading="Veelgestelde vragen",
            ),
        ],
    }


def _doorverwijzen() -> dict:
    who = "Huisarts, POH, welzijnscoach, maatschappelijk werker, praktijkmanager"
    return {
        "title": "Doorverwijzen",
        "slug": "doorverwijzen",
        "show_in_menus": True,
        "search_description": "Voor huisartsenpraktijken: wie een huishouden aanmeldt, hoe dat "
        "gaat en wanneer het IPW terugbelt.",
        "intro": "Informatie voor huisartsenpraktijken: wanneer en hoe u een patiënt aanmeldt "
        "voor de Doorbraakmethode.",
        "body": [
            paragraph(
                "<h2>Wie kan aanmelden?</h2>"
                "<p>De huisarts, de praktijkondersteuner (POH), de welzijnscoach die namens "
                "de praktijk werkt, de medisch maatschappelijk werker en een medewerker van het "
                "Vitaliteitsloket.</p>"
            ),
            callout(
                "<p>Vraag de patiënt altijd eerst of die instemt met de aanmelding bij het IPW "
                "en met het delen van gegevens. Zonder toestemming meldt u niet aan.</p>",
                heading="Eerst toestemming",
                variant="warning",
            ),
            paragraph(
                "<h2>Zo meldt u aan</h2>"
                "<ol>"
                "<li>Bespreek de methode met de patiënt en vraag toestemming.</li>"
                "<li>Meld de patiënt aan bij het IPW met een korte schets van de situatie en uw "
                "eigen contactgegevens. Zet er duidelijk bij als het spoed is.</li>"
                "<li>Het IPW belt u binnen 2 werkdagen terug; bij spoed nog dezelfde dag.</li>"
                "<li>Samen bepaalt u of de methode past. Zo ja, dan volgt een huisbezoek en "
                "maakt het IPW met de patiënt een doorbraakplan. Zo nee, dan zoekt u samen de "
                "juiste plek voor de patiënt.</li>"
                "</ol>"
                "<p>De patiënt betaalt niets en het eigen risico wordt niet aangesproken.</p>"
                "<h2>Voor wie is het bedoeld?</h2>"
                "<p>Denk aan patiënten bij wie:</p>"
                "<ul>"
                "<li>het bestaan onzeker is, bijvoorbeeld door geldzorgen;</li>"
                "<li>meerdere problemen tegelijk spelen;</li>"
                "<li>meer dan vier hulpverleners betrokken zijn;</li>"
                "<li>op korte termijn geen verbetering in zicht is;</li>"
                "<li>alles vastloopt in regels en bureaucratie;</li>"
                "<li>de bereidheid er is om het eens anders aan te pakken.</li>"
                "</ul>"
            ),
            table(
                [
                    ("Fase", "Wat u doet", "Wie"),
                    (
                        "Plan",
                        "Voorbereiden: patiënten met veel problemen en een onzeker bestaan "
                        "herkennen en om toestemming vragen.",
                        who,
                    ),
                    (
                        "Do",
                        "Uitvoeren: aanmelden bij het IPW en samen beoordelen of de methode past.",
                        f"{who}, IPW",
                    ),
                    (
                        "Check",
                        "Terugkoppelen: het IPW meldt of er contact en een huisbezoek is "
                        "geweest en deelt, met toestemming, de hoofdlijnen van het plan.",
                        "IPW",
                    ),
                    (
                        "Act",
                        "Bijstellen: in het team bespreken wat werkte, inzichten delen en de "
                        "methode vaker inzetten.",
                        who,
                    ),
                ],
                caption="Stappenplan voor de praktijk volgens plan-do-check-act (PDCA)",
                first_col_is_header=True,
            ),
            paragraph(
                "<h2>Twee voorbeelden</h2>"
                "<h3>Anika: medicijnen die niet vergoed worden</h3>"
                "<p>Anika leeft van een minimuminkomen en heeft zelfzorgmedicijnen nodig die de "
                "zorgverzekeraar niet vergoedt: € 171 per maand. Ze moest kiezen tussen haar "
                "medicijnen en haar vaste lasten, met het risico op meer klachten en een "
                "ziekenhuisopname. De doorbraak: de medicijnen worden betaald, eerst tijdelijk "
                "via de zorgverzekering en daarna uit de bijzondere bijstand. Zo kan ze haar "
                "studie voortzetten.</p>"
                "<h3>Lola: fysiotherapie ondanks een betalingsachterstand</h3>"
                "<p>Lola verloor haar inkomen door klachten na haar zwangerschap en kreeg "
                "schulden. Door een kleine achterstand verviel haar aanvullende verzekering, "
                "zodat fysiotherapie niet meer werd vergoed; zonder die behandeling kan ze niet "
                "werken. De doorbraak: de fysiotherapie (€ 899) wordt betaald. Dat bespaart "
                "naar verwachting vier maanden bijstandsuitkering.</p>"
            ),
            callout(
                "<p>We houden bij hoeveel patiënten worden aangemeld. Tijdens het jaarlijkse "
                "praktijkbezoek bespreken we wat goed gaat en waar u steun bij wilt.</p>",
                heading="Hoe we het volgen",
                variant="info",
            ),
        ],
    }


def _aansluiten_als_gemeente() -> dict:
    return {
        "title": "Aansluiten als gemeente",
        "slug": "aansluiten-als-gemeente",
        "show_in_menus": True,
        "search_description": "Wat een gemeente regelt om met de Doorbraakmethode te werken: "
        "doorbraakteam, budget, escalatieroute, aanspreekpunt en lokale regels.",
        "intro": "Wilt u als gemeente met de Doorbraakmethode werken? Een paar organisatorische "
        "voorzieningen bepalen of een goed plan ook echt wordt uitgevoerd.",
        "body": [
            paragraph(
                "<h2>Wat u vooraf regelt</h2>"
                "<p>Sluit zo veel mogelijk aan bij wat er al is: het gaat om de functies, niet "
                "om de namen.</p>"
                "<ol>"
                "<li><b>Een doorbraakteam.</b> Een kleine groep ervaren collega's uit onder "
                "meer jeugd, inkomen, schulden, bijzondere bijstand, Wmo en wonen, die "
                "voorzieningen ook echt kan toekennen. Een vaste contactpersoon bij de "
                "woningcorporatie en de zorgverzekeraar helpt.</li>"
                "<li><b>Een doorbraakbudget.</b> Vrij te besteden geld om kleine doorbraken "
                "snel mogelijk te maken, achteraf verantwoord in de plannen. Een bepaling in de "
                "verordening bijzondere bijstand kan hetzelfde regelen; snelheid telt het "
                "zwaarst.</li>"
                "<li><b>Een escalatieroute.</b> Vooraf afgesproken: waar een plan heen gaat als "
                "de uitvoering er niet uitkomt. Ook een onderbouwd nee is dan een antwoord.</li>"
                "<li><b>Een intern aanspreekpunt.</b> Iemand die knelpunten in de organisatie "
                "oppakt en de lessen vertaalt naar beleid.</li>"
                "<li><b>Een analyse van lokale regels.</b> Een overzicht van de artikelen in "
                "verordeningen en beleidsregels waarop uitzonderingen kunnen steunen.</li>"
                "</ol>"
            ),
            callout(
                "<p>U hoeft niet alles tegelijk te regelen. Veel gemeenten hebben een deel al, "
                "zoals een maatwerkbudget bij het wijkteam. Het IPW helpt de juiste aansluiting "
                "te vinden.</p>",
                heading="Begin met wat er al is",
                variant="tip",
            ),
            paragraph(
                "<h2>Kraak-en-maak-sessies</h2>"
                "<p>De methode leer je door haar te gebruiken. In een kraak-en-maak-sessie "
                "brengen professionals een echte, vastgelopen casus in en maken ze er samen "
                "met hun team een onderbouwd plan van. Onderweg komen vragen over kennis, "
                "professionele dilemma's en de grenzen van de organisatie op tafel. Het "
                "Maatwerkcanvas helpt het gesprek te ordenen.</p>"
                "<h2>Leren en steun</h2>"
                "<p>Naast de sessies zijn er de online leeromgeving op deze portal, de hulplijn "
                "van het IPW voor casussen die blijven steken, en de mogelijkheid om een casus "
                "samen met een medewerker van het IPW op te pakken.</p>"
            ),
        ],
    }


def _toegankelijkheidsverklaring() -> dict:
    return {
        "title": "Toegankelijkheidsverklaring",
        "slug": "toegankelijkheidsverklaring",
        "show_in_menus": False,
        "search_description": "Hoe toegankelijk de Doorbraak Leeromgeving is en hoe u een "
        "probleem meldt.",
        "intro": "Iedereen moet deze portal kunnen gebruiken. Hier leest u hoe toegankelijk de "
        "portal is, wat nog niet goed gaat en hoe u een probleem meldt.",
        "body": [
            paragraph(
                "<h2>Ons doel</h2>"
                "<p>De Doorbraak Leeromgeving streeft naar toegankelijkheid volgens WCAG 2.1 op "
                "niveau AA, de norm die ook voor overheidswebsites geldt.</p>"
                "<h2>Hoe we testen</h2>"
                "<ul>"
                "<li><b>Automatisch:</b> bij elke wijziging controleren we alle paginasoorten "
                "met axe-core op de succescriteria van WCAG 2.0 en 2.1, niveau A en AA.</li>"
                "<li><b>Handmatig:</b> we doorlopen de belangrijkste routes met alleen het "
                "toetsenbord en letten op zichtbare focus, een logische volgorde en duidelijke "
                "foutmeldingen.</li>"
                "</ul>"
                "<p>Automatische controles vinden niet elk probleem. Daarom testen we ook zelf, "
                "en horen we graag wat u tegenkomt.</p>"
                "<h2>Bekende beperkingen</h2>"
                "<ul>"
                "<li>Video's staan op YouTube. De speler laadt pas als u erom vraagt, en bij "
                "elke video staat een volledige uitgeschreven tekst.</li>"
                "<li>Niet alle documenten om te downloaden, zoals pdf-bestanden, zijn volledig "
                "toegankelijk. Vraag gerust om een andere versie.</li>"
                "<li>De beheeromgeving voor redacteuren valt buiten deze verklaring.</li>"
                "</ul>"
                "<h2>Een probleem melden</h2>"
                "<p>Kunt u iets niet lezen, bedienen of vinden? Mail naar "
                '<a href="mailto:toegankelijkheid@demo.doorbraak.nl">'
                "toegankelijkheid@demo.doorbraak.nl</a> en noem de pagina en wat er misging. "
                "U krijgt binnen vijf werkdagen antwoord.</p>"
                "<h2>Datum</h2>"
                "<p>Deze verklaring is opgesteld op 23 november 2026. We herzien haar ten minste "
                "eens per jaar.</p>"
            ),
        ],
    }


def _privacy() -> dict:
    return {
        "title": "Privacy",
        "slug": "privacy",
        "show_in_menus": False,
        "search_description": "Welke gegevens de portal bewaart, en welke niet.",
        "intro": "Wat deze portal over u bewaart, en wat nadrukkelijk niet.",
        "body": [
            paragraph(
                "<h2>Wat we bewaren</h2>"
                "<ul>"
                "<li>Uw account: naam, e-mailadres, organisatie, rol en, als u die invult, "
                "registratienummers.</li>"
                "<li>Uw voortgang in cursussen en de oefenplannen die u maakt.</li>"
                "<li>Uw vragen aan de hulplijn, met uw eigen contactgegevens.</li>"
                "</ul>"
                "<h2>Wat we niet bewaren</h2>"
                "<p>Persoonsgegevens van huishoudens horen niet in deze portal. Voorbeeldcasussen "
                "zijn geanonimiseerd: hooguit een verzonnen voornaam, nooit een achternaam, "
                "geboortedatum, BSN, adres, telefoonnummer, e-mailadres of IBAN. De portal "
                "weigert zulke gegevens met een duidelijke melding.</p>"
                "<h2>Cookies</h2>"
                "<p>We gebruiken alleen cookies die nodig zijn om in te loggen en formulieren "
                "veilig te versturen. We volgen u niet en laden niets van andere partijen.</p>"
                "<h2>Uw gegevens inzien of verwijderen</h2>"
                "<p>Via uw profiel kunt u uw gegevens downloaden en uw account verwijderen.</p>"
            ),
        ],
    }


CONTENT_PAGES = (
    _over_de_methode,
    _doorverwijzen,
    _aansluiten_als_gemeente,
    _toegankelijkheidsverklaring,
    _privacy,
)
FOOTER_SLUGS = ("toegankelijkheidsverklaring", "privacy")
FOOTER_CONTACT = (
    "<p>Een initiatief van het Instituut voor Publieke Waarden (IPW). Vragen over de portal? "
    'Mail <a href="mailto:redactie@demo.doorbraak.nl">redactie@demo.doorbraak.nl</a>.</p>'
)
