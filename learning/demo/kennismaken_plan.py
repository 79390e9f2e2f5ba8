"""Modules 3 and 4 of the demo course "Kennismaken met de Doorbraakmethode": the
breakthrough plan, and legitimising a plan (split from `kennismaken` for length)."""

from __future__ import annotations

from .builders import Refs, body, multiple, reflection, single, text


def module_plan(refs: Refs) -> dict:
    return {
        "title": "Het doorbraakplan",
        "slug": "het-doorbraakplan",
        "intro": "Wat er in een doorbraakplan staat en hoe je het samen met het huishouden maakt.",
        "lessons": [
            {
                "title": "De vier onderdelen van een plan",
                "slug": "de-vier-onderdelen-van-een-plan",
                "estimated_minutes": 20,
                "learning_objective": "Je kunt situatieschets, perspectief, wat nodig is en "
                "de doorbraak uit elkaar houden en invullen.",
                "recap": "Situatieschets, perspectief in de woorden van het huishouden, wat "
                "nodig is (zelf, met steun, behandeling) en de doorbraak: samen geven ze "
                "richting, en het budget volgt het plan.",
                "body": body(
                    text(
                        "kdm/3/1/tekst",
                        "<h2>Wat erin staat</h2>"
                        "<p>Een doorbraakplan, ook wel maatwerkplan, is kort en heeft vaste "
                        "onderdelen:</p>"
                        "<ol>"
                        "<li><b>Situatieschets</b>: in een paar zinnen hoe het huishouden "
                        "ervoor staat en welke hulp er al is.</li>"
                        "<li><b>Perspectief</b>: een scherp doel, ongeveer een halfjaar "
                        "vooruit, zoals het huishouden het zelf zegt. Dus niet ‘een stabiele "
                        "situatie’, maar bijvoorbeeld ‘ik wil mijn opleiding afmaken’.</li>"
                        "<li><b>Wat nodig is</b>, in drie soorten: wat het huishouden zelf "
                        "doet, waarbij het steun krijgt en wat behandeling vraagt.</li>"
                        "<li><b>De doorbraak</b>: de eerste stap die de rest losmaakt, met de "
                        "onderbouwing volgens de waardendriehoek.</li>"
                        "</ol>"
                        "<p>Een goed plan geeft richting. Het gaat niet om de doorzettingsmacht "
                        "van één professional, maar om een plan dat zo goed onderbouwd is dat "
                        "de betrokken organisaties het steunen. Zonder plan geen regie.</p>",
                    ),
                    refs.plan_template(
                        "kdm/3/1/sjabloon",
                        "doorbraakplan",
                        "Het standaardformat van het IPW voor een doorbraakplan. Gebruik het "
                        "als kapstok voor je eigen oefenplan.",
                    ),
                    refs.practice_plan(
                        "kdm/3/1/oefenplan",
                        "doorbraakplan",
                        "Oefen met de onderdelen: maak een doorbraakplan voor het gezin uit "
                        "de casus. Begin bij de situatieschets en het perspectief, zoek de "
                        "belemmering en de doorbraak, en reken met de rekenhulp uit wat die "
                        "kost en voorkomt. Je plan is alleen voor jou, tenzij je het deelt.",
                        case="huurschuld",
                        required=False,
                    ),
                    single(
                        "kdm/3/1/perspectief",
                        "Welke zin past het best als perspectief in een doorbraakplan?",
                        (
                            False,
                            "Het gezin is over een halfjaar stabiel.",
                            "Te vaag, en niet in de woorden van het huishouden. Wat betekent "
                            "‘stabiel’ voor hen?",
                        ),
                        (
                            True,
                            "‘Na de zomer wil ik weer drie dagen werken en zelf mijn huur "
                            "betalen.’",
                            "Juist: concreet, ongeveer een halfjaar vooruit en in de eigen "
                            "woorden.",
                        ),
                        (
                            False,
                            "Schuldhulp, ggz-begeleiding en opvoedondersteuning inzetten.",
                            "Dat is een lijst met hulp, geen doel van het huishouden.",
                        ),
                    ),
                    multiple(
                        "kdm/3/1/nodig",
                        "‘Wat nodig is’ verdeel je in drie soorten. Welke?",
                        (
                            True,
                            "Wat het huishouden zelf kan",
                            "Klopt. Begin bij wat mensen zelf doen; zo blijft de regie bij hen.",
                        ),
                        (
                            True,
                            "Waarbij het huishouden steun nodig heeft",
                            "Klopt. Denk aan hulp bij een aanvraag of bij het overzicht van "
                            "de rekeningen.",
                        ),
                        (
                            False,
                            "Wat de gemeente wil bezuinigen",
                            "Nee. Rendement weegt mee bij het toetsen van het plan, maar het "
                            "is geen behoefte van het huishouden.",
                        ),
                        (
                            True,
                            "Wat behandeling vraagt",
                            "Klopt. Zorg van bijvoorbeeld huisarts, specialist of ggz hoort "
                            "er ook bij.",
                        ),
                    ),
                ),
            },
            {
                "title": "Van schot voor de boeg tot huisbezoek",
                "slug": "van-schot-voor-de-boeg-tot-huisbezoek",
                "estimated_minutes": 20,
                "learning_objective": "Je kunt een eerste versie van een plan voorbereiden "
                "en die tijdens het huisbezoek samen met het huishouden bijstellen.",
                "recap": "De schot voor de boeg is een voorstel, geen besluit. Het echte plan "
                "maak je samen aan de keukentafel, met het perspectief in de woorden van het "
                "huishouden.",
                "body": body(
                    text(
                        "kdm/3/2/tekst",
                        "<h2>Voorbereiden</h2>"
                        "<p>Voordat je op huisbezoek gaat, zet je op papier wat je al weet: de "
                        "schot voor de boeg. Dat is een voorlopige versie van het plan, op "
                        "basis van wat de betrokken organisaties vertellen. Het is "
                        "nadrukkelijk een voorstel.</p>"
                        "<h2>Aan de keukentafel</h2>"
                        "<p>Tijdens het huisbezoek leg je die eerste versie naast wat het "
                        "huishouden zelf belangrijk vindt. Welke hulp is te veel of helpt "
                        "niet? Wat zou echt verschil maken? Het perspectief schrijf je op in "
                        "hun woorden, en daarna maak je samen het doorbraakplan.</p>"
                        "<h2>Samen kraken en maken</h2>"
                        "<p>In een kraak-en-maak-sessie brengen professionals een echte, "
                        "vastgelopen casus in en maken er met hun team een plan van. Het "
                        "Maatwerkcanvas helpt om dat gesprek te ordenen.</p>",
                    ),
                    refs.plan_template(
                        "kdm/3/2/sjabloon",
                        "maatwerkcanvas",
                        "Een canvas om een casus met je team te ontrafelen: wie is betrokken, "
                        "wat zit vast en wat kan de eerste stap zijn?",
                    ),
                    refs.plan_template(
                        "kdm/3/2/schot",
                        "schot-voor-de-boeg",
                        "Het format voor de eerste versie van het plan, die je maakt voordat "
                        "je het huishouden bezoekt.",
                    ),
                    refs.case_exercise(
                        "kdm/3/2/casusopdracht",
                        "woning",
                        "Stel dat jij de schot voor de boeg schrijft voor dit gezin. Wat is "
                        "volgens jou de doorbraak, en op welke grondslag kan die steunen?",
                    ),
                    reflection(
                        "kdm/3/2/reflectie",
                        "Schrijf een perspectief voor een verzonnen huishouden, zoals de "
                        "mensen het zelf zouden zeggen. Gebruik geen namen of andere gegevens "
                        "die naar echte personen leiden.",
                    ),
                ),
            },
        ],
    }


def module_legitimise(refs: Refs) -> dict:
    return {
        "title": "Een plan legitimeren",
        "slug": "een-plan-legitimeren",
        "intro": "Een doorbraak onderbouwen met de wet, met kosten en baten en met wat ze "
        "betekent voor het leven van het huishouden.",
        "lessons": [
            {
                "title": "De juridische toets",
                "slug": "de-juridische-toets",
                "estimated_minutes": 20,
                "learning_objective": "Je kunt bij een doorbraak het wetsartikel of de lokale "
                "regel vinden waarop die steunt, en uitleggen waarom.",
                "recap": "Zoek de grondslag in de wet of een lokale regel, en schrijf er in "
                "een of twee zinnen bij waarom de doorbraak eronder valt.",
                "body": body(
                    text(
                        "kdm/4/1/tekst",
                        "<h2>Waar staat dat het mag?</h2>"
                        "<p>De juridische toets beantwoordt de vraag of de doorbraak "
                        "rechtmatig is. Vaak is er meer ruimte dan gedacht. Plekken waar "
                        "doorbraken geregeld op steunen:</p>"
                        "<ul>"
                        "<li><b>Participatiewet, artikel 35</b>: bijzondere bijstand voor "
                        "noodzakelijke kosten die iemand door bijzondere omstandigheden niet "
                        "zelf kan dragen.</li>"
                        "<li><b>Wmo 2015 en Jeugdwet</b>: een maatwerkvoorziening die past bij "
                        "de situatie, in plaats van een standaardproduct.</li>"
                        "<li><b>Wet gemeentelijke schuldhulpverlening</b>: snel handelen als "
                        "een ontruiming of afsluiting dreigt.</li>"
                        "<li><b>Lokale verordeningen en hardheidsclausules</b>: de gemeente "
                        "mag afwijken als een regel in een situatie onredelijk uitpakt.</li>"
                        "</ul>"
                        "<p>Schrijf bij elke grondslag kort op waarom de doorbraak eronder "
                        "valt. Die redenering overtuigt de collega die moet beslissen.</p>",
                    ),
                    refs.case_exercise(
                        "kdm/4/1/casusopdracht",
                        "anika",
                        "Anika moest kiezen tussen haar medicijnen en haar vaste lasten. Welke "
                        "doorbraak stel jij voor, en op welke wet en welk artikel steunt die? "
                        "Vergelijk je antwoord daarna met de echte casus.",
                    ),
                    single(
                        "kdm/4/1/vraag",
                        "De gemeente weigert bijzondere bijstand voor medicijnen, omdat die "
                        "‘bij de gewone kosten van het bestaan’ zouden horen. Wat is de "
                        "sterkste onderbouwing voor een doorbraak?",
                        (
                            False,
                            "De zorgverzekeraar moet zulke medicijnen altijd betalen",
                            "Nee. Zelfzorgmiddelen vallen buiten het basispakket; de "
                            "verzekeraar kan hooguit tijdelijk uit coulance bijspringen.",
                        ),
                        (
                            True,
                            "De kosten zijn noodzakelijk, komen voort uit een medische "
                            "situatie en passen niet in een minimuminkomen",
                            "Juist. Zo sluit je aan bij de voorwaarden van bijzondere "
                            "bijstand in artikel 35 van de Participatiewet.",
                        ),
                        (
                            False,
                            "De patiënte wacht al lang, dus heeft ze er recht op",
                            "Nee. Lang wachten is schrijnend, maar het is geen juridische grond.",
                        ),
                    ),
                ),
            },
            {
                "title": "Kosten, baten en kwaliteit van leven",
                "slug": "kosten-baten-en-kwaliteit-van-leven",
                "estimated_minutes": 20,
                "learning_objective": "Je kunt de kosten van een doorbraak naast de kosten "
                "zetten die ze voorkomt, en beschrijven wat ze betekent voor de regie van "
                "het huishouden.",
                "recap": "De KBA zet de kosten van de doorbraak naast de voorkomen kosten, per "
                "wet; baten vallen vaak bij een ander budget. Beschrijf daarnaast wat de stap "
                "betekent voor het huishouden zelf.",
                "body": body(
                    text(
                        "kdm/4/2/tekst",
                        "<h2>Rendement: wat levert het op?</h2>"
                        "<p>In een maatschappelijke kosten-batenanalyse (KBA) zet je de kosten "
                        "van de doorbraak naast de kosten die zonder die stap waren gemaakt, "
                        "per wet: Wmo 2015, Jeugdwet, schuldhulpverlening, Participatiewet, "
                        "Zorgverzekeringswet en Wet langdurige zorg. Het IPW rekende uit dat "
                        "een huishouden na een doorbraak in het eerste jaar gemiddeld "
                        "€ 17.004 minder kosten maakt, en dat de stap daarbovenop gemiddeld "
                        "€ 3.287 direct oplevert. Voor twaalf gezinnen in Zwolle kwamen de "
                        "voorkomen kosten samen uit op € 226.953.</p>"
                        "<p>Let op: de baten vallen vaak bij een ander budget dan de kosten. "
                        "De gemeente betaalt een behandeling, de besparing zit in de "
                        "uitkering of in de zorg.</p>"
                        "<h2>Betrokkenheid: wat betekent het voor het huishouden?</h2>"
                        "<p>Geld is niet de enige maat. Beschrijf ook wat er verandert in het "
                        "leven van het huishouden: rust, meer regie, weer kunnen werken of "
                        "leren. Vaak is dat het argument dat het zwaarst weegt.</p>",
                    ),
                    refs.case_study(
                        "kdm/4/2/casus",
                        "lola",
                        "Een doorbraak van € 899 die naar verwachting vier maanden bijstand "
                        "bespaart.",
                    ),
                    single(
                        "kdm/4/2/kba",
                        "Een doorbraak kost € 899 en voorkomt naar verwachting vier maanden "
                        "bijstand. Wat laat de KBA hier vooral zien?",
                        (
                            True,
                            "Dat de besparing groter is dan de kosten, ook al valt ze bij een "
                            "ander budget",
                            "Juist. Kosten en baten vallen vaak in verschillende potjes; de "
                            "KBA maakt dat zichtbaar.",
                        ),
                        (
                            False,
                            "Dat het plan rechtmatig is",
                            "Nee. Of het mag, toets je apart: dat is legitimiteit.",
                        ),
                        (
                            False,
                            "Dat het huishouden meer regie krijgt",
                            "Nee. Dat is de toets betrokkenheid; die beschrijf je naast de KBA.",
                        ),
                    ),
                    multiple(
                        "kdm/4/2/betrokkenheid",
                        "Welke argumenten horen bij de toets betrokkenheid?",
                        (
                            True,
                            "Het huishouden kan de huur weer zelf betalen",
                            "Klopt: meer regie over het eigen leven.",
                        ),
                        (
                            False,
                            "De gemeente bespaart € 4.000 aan bijstand",
                            "Dat is een argument voor rendement, niet voor betrokkenheid.",
                        ),
                        (
                            True,
                            "De moeder kan haar opleiding afmaken",
                            "Klopt: een stap naar het perspectief van het huishouden.",
                        ),
                        (
                            False,
                            "Er is een wetsartikel waarop de stap steunt",
                            "Dat hoort bij legitimiteit.",
                        ),
                    ),
                    reflection(
                        "kdm/4/2/reflectie",
                        "Neem een doorbraak uit je eigen praktijk of uit het casusboek. Wie "
                        "betaalt de stap, en bij wie vallen de besparingen? Wat betekent dat "
                        "voor wie je moet overtuigen?",
                    ),
                ),
            },
        ],
    }
