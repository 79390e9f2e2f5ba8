"""Demo content: IPW's standard ways of working, with one older version that has been
replaced. (The plan formats are plan templates: see learning.demo.plans.)

Called by the demo loader. Idempotent: pages are looked up by slug, and only what is
missing is created, so a second run creates nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Page

from portal.home.models import HomePage

from .factories import StandardIndexPageFactory, StandardPageFactory, paragraphs
from .models import StandardIndexPage, StandardPage

#: App labels whose demo the demo loader (portal.shell.demo) loads before this one.
DEMO_AFTER = ("home",)


@dataclass(frozen=True)
class DemoStandard:
    slug: str
    title: str
    version: str
    effective_date: datetime.date
    summary: str
    body: list[str]
    supersedes: str | None = None


STANDARDS: list[DemoStandard] = [
    # Ways of working. The plan formats themselves (Doorbraakplan, Maatwerkcanvas, Schot
    # voor de boeg, inclusiecriteria) are plan templates: see learning.demo.plans.
    DemoStandard(
        slug="aanmelden-bij-het-ipw-1-0",
        title="Aanmelden bij het IPW",
        version="1.0",
        effective_date=datetime.date(2023, 1, 1),
        summary=(
            "Hoe een professional een vastgelopen huishouden bij het IPW aanmeldt, en "
            "wanneer het IPW contact opneemt."
        ),
        body=[
            "<h2>Voor wie</h2><p>Professionals die een huishouden kennen waar de hulp "
            "vastloopt: in de wijk, bij de gemeente of in de huisartsenpraktijk.</p>",
            "<h2>Zo werkt het</h2><ol><li>Vraag eerst of het huishouden instemt met de "
            "aanmelding.</li><li>Meld aan met het formulier op dit portaal; noteer alleen "
            "je eigen contactgegevens, niet die van het huishouden.</li><li>Het IPW neemt "
            "binnen twee werkdagen contact met je op.</li></ol>",
        ],
    ),
    DemoStandard(
        slug="aanmelden-bij-het-ipw-2-0",
        title="Aanmelden bij het IPW",
        version="2.0",
        effective_date=datetime.date(2025, 1, 1),
        supersedes="aanmelden-bij-het-ipw-1-0",
        summary=(
            "Aanmelden met toestemming van het huishouden, met een spoedroute: bij spoed "
            "belt het IPW dezelfde werkdag terug."
        ),
        body=[
            "<h2>Wat is nieuw in versie 2.0</h2><p>Er is een spoedroute. Is er direct "
            "gevaar voor wonen, inkomen of gezondheid, kruis dan spoed aan: het IPW neemt "
            "dan dezelfde werkdag contact op.</p>",
            "<h2>Wie mag aanmelden</h2><p>Onder meer huisartsen, praktijkondersteuners, "
            "welzijnscoaches, medisch maatschappelijk werkers, consulenten van de gemeente "
            "en leden van het wijkteam.</p>",
            "<h2>Zo werkt het</h2><ol><li>Bespreek de aanmelding met het huishouden en "
            "vraag toestemming.</li><li>Meld aan met het formulier op dit portaal. Je "
            "noteert je eigen contactgegevens; gegevens van het huishouden volgen pas in "
            "het gesprek.</li><li>Zonder spoed neemt het IPW binnen twee werkdagen contact "
            "op, met spoed dezelfde werkdag.</li></ol>",
        ],
    ),
    DemoStandard(
        slug="veertien-maanden-volgen-1-0",
        title="Veertien maanden volgen",
        version="1.0",
        effective_date=datetime.date(2024, 3, 1),
        summary=(
            "Na de doorbraak volgt het team het huishouden veertien maanden: zo wordt "
            "zichtbaar wat het plan opleverde en welke kosten zijn voorkomen."
        ),
        body=[
            "<p>De laatste stap van de methode is volgen. Het team kijkt niet alleen of "
            "de doorbraak is gelukt, maar ook of het huishouden dichter bij het "
            "perspectief komt.</p>",
            "<h2>Zo werkt het</h2><ul><li>Spreek vaste momenten af, bijvoorbeeld na drie, "
            "zes en veertien maanden.</li><li>Kijk per fase: eerste nood, stabiliseren, "
            "hoop doet leven.</li><li>Noteer per wetsdomein welke kosten zijn voorkomen; "
            "zo groeit het beeld van het rendement.</li></ul>",
        ],
    ),
    DemoStandard(
        slug="anonimiseren-van-casussen-1-0",
        title="Anonimiseren van casussen",
        version="1.0",
        effective_date=datetime.date(2024, 9, 1),
        summary=(
            "Welke gegevens nooit in een voorbeeldcasus of oefenplan staan, en hoe je een "
            "casus toch herkenbaar genoeg houdt om van te leren."
        ),
        body=[
            "<p>Een voorbeeldcasus gaat over de situatie, niet over de persoon. Gebruik "
            "hoogstens een verzonnen voornaam.</p>",
            "<h2>Nooit opnemen</h2><ul><li>Burgerservicenummer</li><li>Geboortedatum</li>"
            "<li>Achternaam</li><li>Adres of postcode met huisnummer</li><li>"
            "Telefoonnummer en e-mailadres</li><li>Rekeningnummer (IBAN)</li></ul>",
            "<p>Het portaal weigert teksten met zulke gegevens en zegt wat het vond.</p>",
        ],
    ),
    DemoStandard(
        slug="werkwijze-kraak-en-maaksessie-1-0",
        title="Werkwijze kraak-en-maaksessie",
        version="1.0",
        effective_date=datetime.date(2024, 5, 1),
        summary=(
            "Zo organiseert een team een sessie waarin professionals een vastgelopen "
            "casus inbrengen en er samen een onderbouwd maatwerkplan van maken."
        ),
        body=[
            "<h2>Voorbereiding</h2><p>Eén of twee deelnemers brengen een echte casus in, "
            "geanonimiseerd. Iemand die de methode kent begeleidt de sessie.</p>",
            "<h2>Tijdens de sessie</h2><ol><li>De inbrenger schetst de situatie in vijf "
            "minuten.</li><li>Samen formuleert de groep het perspectief en wat nodig "
            "is.</li><li>De groep zoekt de doorbraak en de regel die in de weg zit.</li>"
            "<li>De groep onderbouwt de uitzondering langs de waardendriehoek.</li></ol>",
            "<h2>Afsluiting</h2><p>Noteer de dilemma's en knelpunten in de organisatie die "
            "boven kwamen: dat is materiaal voor nieuwe lessen en standaarden.</p>",
        ],
    ),
]


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _published_at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def _index(home: HomePage) -> StandardIndexPage:
    index = StandardIndexPage.objects.child_of(home).filter(slug="standaarden").first()
    if index is None:
        index = StandardIndexPageFactory(
            parent=home,
            live=False,
            show_in_menus=True,
            first_published_at=_published_at(datetime.date(2023, 1, 1)),
        )
        _publish(index)
    return index


def load(*, home: HomePage) -> None:
    """Create the standards index and the demo standards that do not exist yet."""
    index = _index(home)
    for item in STANDARDS:
        if StandardPage.objects.child_of(index).filter(slug=item.slug).exists():
            continue
        supersedes = (
            StandardPage.objects.child_of(index).get(slug=item.supersedes)
            if item.supersedes
            else None
        )
        page = StandardPageFactory(
            parent=index,
            live=False,
            slug=item.slug,
            title=item.title,
            version=item.version,
            effective_date=item.effective_date,
            summary=item.summary,
            body=paragraphs(*item.body),
            supersedes=supersedes,
            first_published_at=_published_at(item.effective_date),
        )
        _publish(page)
