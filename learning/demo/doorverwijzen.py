"""Demo course "Doorverwijzen vanuit de huisartsenpraktijk": one module, two lessons and a
final test, in our own words from the facts of the GP information page."""

from __future__ import annotations

from decimal import Decimal

from learning.models import AccreditationRegister, CourseFormat, DurationUnit

from .builders import Refs, body, multiple, prompt, reflection, single, text

SLUG = "doorverwijzen-vanuit-de-huisartsenpraktijk"

COURSE_FIELDS = {
    "title": "Doorverwijzen vanuit de huisartsenpraktijk",
    "slug": SLUG,
    "summary": (
        "Een korte cursus voor de huisartsenpraktijk: welke patiënten je aanmeldt bij het "
        "IPW, hoe je dat doet en wat er daarna gebeurt."
    ),
    "audience": (
        "Huisartsen, praktijkondersteuners (POH), welzijnscoaches, medisch maatschappelijk "
        "werkers en praktijkmanagers."
    ),
    "learning_goals": "\n".join(
        [
            "Herkennen bij welke patiënten de Doorbraakmethode kan helpen.",
            "Toestemming vragen en een patiënt zorgvuldig aanmelden.",
            "Uitleggen wanneer het IPW terugbelt en wat er na een aanmelding gebeurt.",
        ]
    ),
    "effort_hours": Decimal("1.0"),
    "duration_amount": 1,
    "duration_unit": DurationUnit.HOURS,
    "course_format": CourseFormat.E_LEARNING,
    "accreditation_register": AccreditationRegister.NONE,
    "accreditation_points": Decimal("0"),
    "prior_knowledge": "",
    "accessibility_note": (
        "De lessen bestaan uit tekst en oefeningen die met toetsenbord en schermlezer werken."
    ),
    "pass_mark": 80,
    "max_attempts": 3,
}


def _lessons(refs: Refs) -> list[dict]:
    return [
        {
            "title": "Wie meldt aan, en wanneer?",
            "slug": "wie-meldt-aan-en-wanneer",
            "estimated_minutes": 15,
            "learning_objective": "Je herkent een patiënt voor wie een aanmelding zinvol is "
            "en weet wie in de praktijk mag aanmelden.",
            "recap": "Denk aan de methode bij een patiënt met een onzeker bestaan, problemen op "
            "meerdere terreinen en veel hulpverleners zonder vooruitgang. Vraag altijd eerst "
            "toestemming.",
            "body": body(
                text(
                    "dvw/1/tekst",
                    "<h2>Voor welke patiënten?</h2>"
                    "<p>Je denkt aan de methode bij een patiënt die op meerdere terreinen "
                    "tegelijk vastzit en bij wie het gewone aanbod niet meer helpt. Signalen "
                    "zijn bijvoorbeeld:</p>"
                    "<ul>"
                    "<li>geldzorgen of een ander onzeker bestaan;</li>"
                    "<li>problemen op verschillende levensgebieden die op elkaar "
                    "inwerken;</li>"
                    "<li>meer dan vier hulpverleners rond de patiënt;</li>"
                    "<li>op korte termijn geen verbetering, vaak door regels of "
                    "bureaucratie;</li>"
                    "<li>een patiënt die openstaat voor een andere aanpak.</li>"
                    "</ul>"
                    "<h2>Wie meldt aan?</h2>"
                    "<p>De huisarts, de praktijkondersteuner, de welzijnscoach die voor de "
                    "praktijk werkt, de medisch maatschappelijk werker en een medewerker van "
                    "het Vitaliteitsloket kunnen een patiënt aanmelden.</p>"
                    "<h2>Eerst toestemming</h2>"
                    "<p>Voordat je iets doorstuurt, vertel je de patiënt wat de methode is en "
                    "vraag je of die instemt met de aanmelding en met het delen van gegevens "
                    "met het IPW. Zonder toestemming geen aanmelding.</p>",
                ),
                multiple(
                    "dvw/1/wie",
                    "Wie kunnen vanuit de praktijk een patiënt aanmelden?",
                    (True, "De huisarts", "Klopt."),
                    (True, "De praktijkondersteuner (POH)", "Klopt."),
                    (
                        False,
                        "De zorgverzekeraar van de patiënt",
                        "Nee. De aanmelding komt uit de praktijk, met toestemming van de patiënt.",
                    ),
                    (
                        True,
                        "De welzijnscoach die voor de praktijk werkt",
                        "Klopt. Ook de medisch maatschappelijk werker en het Vitaliteitsloket "
                        "kunnen aanmelden.",
                    ),
                ),
                single(
                    "dvw/1/eerst",
                    "Je ziet dat een patiënt baat kan hebben bij de methode. Wat doe je eerst?",
                    (
                        False,
                        "De patiënt meteen aanmelden, zodat er snel iets gebeurt",
                        "Nee. Ook als het haast heeft: eerst uitleggen wat de methode is en "
                        "om toestemming vragen.",
                    ),
                    (
                        True,
                        "Met de patiënt bespreken wat de methode is en om toestemming vragen",
                        "Juist. Toestemming voor de aanmelding en voor het delen van gegevens "
                        "komt altijd eerst.",
                    ),
                    (
                        False,
                        "Het dossier naar het IPW sturen zodat zij kunnen beoordelen",
                        "Nee. Je deelt geen gegevens zonder toestemming, en het IPW vraagt "
                        "alleen een korte schets.",
                    ),
                ),
                prompt(
                    "dvw/1/denkvraag",
                    "Denk aan de patiënten die je de laatste maanden zag. Bij wie herken je "
                    "drie of meer van deze signalen tegelijk?",
                ),
            ),
        },
        {
            "title": "Aanmelden, spoed en terugbellen",
            "slug": "aanmelden-spoed-en-terugbellen",
            "estimated_minutes": 20,
            "learning_objective": "Je kunt een patiënt aanmelden, weet wanneer je spoed "
            "aangeeft en wat je daarna van het IPW kunt verwachten.",
            "recap": "Meld aan met een korte schets en je eigen contactgegevens. Het IPW belt "
            "binnen twee werkdagen terug, bij spoed dezelfde dag. De patiënt betaalt niets.",
            "body": body(
                text(
                    "dvw/2/tekst",
                    "<h2>Zo gaat een aanmelding</h2>"
                    "<ol>"
                    "<li>Je vraagt de patiënt om toestemming.</li>"
                    "<li>Je meldt de patiënt aan bij het IPW, met een korte schets van de "
                    "situatie en je eigen contactgegevens. Is het dringend, dan geef je dat "
                    "duidelijk aan.</li>"
                    "<li>Het IPW belt je terug: binnen twee werkdagen, en bij spoed nog "
                    "dezelfde dag.</li>"
                    "<li>Samen beoordeel je of de methode past. Zo ja, dan volgen een "
                    "huisbezoek en een doorbraakplan. Zo nee, dan zoek je samen een betere "
                    "plek voor de patiënt.</li>"
                    "</ol>"
                    "<p>De patiënt betaalt niets, en het eigen risico wordt er niet voor "
                    "aangesproken.</p>"
                    "<h2>Leren als praktijk</h2>"
                    "<p>Werk volgens plan-do-check-act: herken en bereid voor, meld aan, laat "
                    "je informeren over het contact en het plan, en bespreek in je team wat "
                    "werkte. Het IPW telt de aanmeldingen en bespreekt ze met je tijdens het "
                    "jaarlijkse praktijkbezoek.</p>",
                ),
                refs.case_study(
                    "dvw/2/anika",
                    "anika",
                    "Een patiënte met een minimuminkomen en medicijnen die niet worden vergoed.",
                ),
                refs.case_study(
                    "dvw/2/lola",
                    "lola",
                    "Een jonge moeder die niet aan het werk kan zonder fysiotherapie.",
                ),
                single(
                    "dvw/2/spoed",
                    "Bij een patiënt wordt volgende week de energie afgesloten. Je meldt aan "
                    "en geeft spoed aan. Wanneer hoor je van het IPW?",
                    (
                        False,
                        "Binnen twee werkdagen",
                        "Dat is de termijn zonder spoed. Met spoed is het dezelfde dag.",
                    ),
                    (
                        True,
                        "Nog dezelfde dag",
                        "Juist. Bij spoed belt het IPW dezelfde dag terug.",
                    ),
                    (
                        False,
                        "Binnen twee weken",
                        "Nee, veel sneller: dezelfde dag bij spoed, anders binnen twee werkdagen.",
                    ),
                ),
                refs.case_exercise(
                    "dvw/2/casusopdracht",
                    "lola",
                    "Stel dat Lola jouw patiënt is. Welke doorbraak zou helpen, en op welke "
                    "wet kan de gemeente die stap baseren?",
                ),
                reflection(
                    "dvw/2/reflectie",
                    "Wat heeft jouw praktijk nodig om patiënten op deze manier te blijven "
                    "aanmelden: afspraken, tijd, een vaste contactpersoon?",
                ),
            ),
        },
    ]


def _final_test() -> dict:
    return {
        "title": "Eindtoets",
        "slug": "eindtoets",
        "intro": "Vijf vragen. Met vier goede antwoorden ben je geslaagd.",
        "questions": [
            multiple(
                "dvw/toets/1",
                "Wie kunnen vanuit de praktijk aanmelden?",
                (True, "De huisarts", "Goed."),
                (True, "De medisch maatschappelijk werker", "Goed."),
                (False, "De apotheek van de patiënt", "Nee."),
                (True, "De praktijkondersteuner", "Goed."),
            ),
            single(
                "dvw/toets/2",
                "Wat regel je vóór een aanmelding?",
                (True, "Toestemming van de patiënt", "Goed."),
                (False, "Een verwijsbrief van de gemeente", "Nee."),
                (False, "Een kopie van het medisch dossier", "Nee."),
            ),
            single(
                "dvw/toets/3",
                "Je meldt aan zonder spoed. Wanneer belt het IPW terug?",
                (False, "Dezelfde dag", "Nee: dat is bij spoed."),
                (True, "Binnen twee werkdagen", "Goed."),
                (False, "Binnen een maand", "Nee."),
            ),
            single(
                "dvw/toets/4",
                "Welke patiënt past het best bij de methode?",
                (
                    True,
                    "Een patiënt met schulden, een dreigende ontruiming en zes hulpverleners, "
                    "bij wie niets meer opschiet",
                    "Goed.",
                ),
                (False, "Een patiënt met een gebroken arm", "Nee."),
                (False, "Een patiënt die een second opinion wil", "Nee."),
            ),
            single(
                "dvw/toets/5",
                "Wat betaalt de patiënt voor de begeleiding door het IPW?",
                (True, "Niets; ook het eigen risico wordt niet aangesproken", "Goed."),
                (False, "Het eigen risico", "Nee."),
                (False, "Een eigen bijdrage per gesprek", "Nee."),
            ),
        ],
    }


def course(refs: Refs) -> dict:
    """The course as data: page fields, one module with two lessons, and the final test."""
    return {
        "fields": COURSE_FIELDS,
        "modules": [
            {
                "title": "Aanmelden bij het IPW",
                "slug": "aanmelden-bij-het-ipw",
                "intro": "Wie je aanmeldt, hoe je dat doet en wat er daarna gebeurt.",
                "lessons": _lessons(refs),
            }
        ],
        "final_test": _final_test(),
    }
