"""Demo content: the standards of IPW, with one older version that has been replaced.

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
    DemoStandard(
        slug="doorbraakplan-1-0",
        title="Doorbraakplan",
        version="1.0",
        effective_date=datetime.date(2023, 1, 1),
        summary=(
            "Het vaste format voor een maatwerkplan: een korte schets van de situatie, het "
            "perspectief van het huishouden, wat er nodig is en de doorbraak."
        ),
        body=[
            "<h2>Waarvoor</h2><p>Met dit format schrijft een professional samen met het "
            "huishouden één plan, in plaats van een plan per instantie.</p>",
            "<h2>Onderdelen</h2><ol><li>Situatieschets: wat speelt er, in een paar "
            "zinnen.</li><li>Perspectief: waar wil het huishouden over ongeveer een half "
            "jaar staan?</li><li>Wat nodig is: wat het huishouden zelf kan, waar steun bij "
            "nodig is en waar behandeling voor nodig is.</li><li>De doorbraak: de eerste "
            "stap die de andere stappen mogelijk maakt.</li></ol>",
        ],
    ),
    DemoStandard(
        slug="doorbraakplan-2-0",
        title="Doorbraakplan",
        version="2.0",
        effective_date=datetime.date(2025, 1, 1),
        supersedes="doorbraakplan-1-0",
        summary=(
            "Het maatwerkplan in vijf delen: situatie, perspectief in de eigen woorden van "
            "het huishouden, wat nodig is, de doorbraak en de onderbouwing langs de "
            "waardendriehoek."
        ),
        body=[
            "<h2>Wat is nieuw in versie 2.0</h2><p>Elk plan krijgt nu een onderbouwing "
            "langs de drie toetsen van de waardendriehoek. Zo kan een team of een "
            "beslisser in één keer zien waarom de uitzondering verantwoord is.</p>",
            "<h2>Onderdelen</h2><ol><li><b>Situatieschets</b>: kort en feitelijk, zonder "
            "namen, geboortedata of adressen.</li><li><b>Perspectief</b>: een scherp doel "
            "voor ongeveer zes maanden vooruit, zoals het huishouden het zelf zegt.</li>"
            "<li><b>Wat nodig is</b>, in drie kolommen: zelf, met ondersteuning, met "
            "behandeling.</li><li><b>De doorbraak</b>: de eerste stap waar de rest op "
            "wacht, en de regel of routine die daarbij in de weg zit.</li><li><b>"
            "Onderbouwing</b>: Legitimiteit (de wettelijke grondslag, wet en artikel), "
            "Betrokkenheid (wint het huishouden regie en kwaliteit van leven?) en "
            "Rendement (de maatschappelijke kosten en baten per wet).</li></ol>",
            "<h2>Daarna</h2><p>Het plan wordt uitgevoerd met de professionals ter plaatse "
            "en veertien maanden gevolgd.</p>",
        ],
    ),
    DemoStandard(
        slug="maatwerkcanvas-1-0",
        title="Maatwerkcanvas",
        version="1.0",
        effective_date=datetime.date(2024, 3, 1),
        summary=(
            "Een gesprekskaart op één vel om met een team of een huishouden snel de "
            "bouwstenen van een maatwerkplan op tafel te krijgen."
        ),
        body=[
            "<p>Het canvas volgt dezelfde volgorde als het doorbraakplan, maar is bedoeld "
            "voor het gesprek: op papier of op een whiteboard, tijdens een huisbezoek of "
            "een kraak-en-maaksessie.</p>",
            "<h2>Zo gebruikt u het</h2><ul><li>Begin bij het perspectief, niet bij de "
            "problemen.</li><li>Zet per probleemdomein wie er al betrokken is.</li><li>"
            "Omcirkel de ene stap die het meeste losmaakt: dat is de kandidaat-doorbraak."
            "</li><li>Noteer bij die stap welke regel of werkroutine hem tegenhoudt.</li>"
            "</ul>",
        ],
    ),
    DemoStandard(
        slug="inclusiecriteria-1-0",
        title="Inclusiecriteria",
        version="1.0",
        effective_date=datetime.date(2024, 9, 1),
        summary=(
            "Wanneer past de Doorbraakmethode bij een huishouden? Zes kenmerken om te "
            "bepalen of aanmelden zinvol is."
        ),
        body=[
            "<p>De methode is bedoeld voor de kleine groep huishoudens voor wie het "
            "gewone aanbod niet werkt. Herkent u de meeste kenmerken, overleg dan met het "
            "IPW of meld het huishouden aan, altijd met toestemming van het "
            "huishouden.</p>",
            "<ol><li>Het bestaan is onzeker: inkomen, wonen of schulden staan onder "
            "druk.</li><li>Er spelen meerdere problemen tegelijk.</li><li>Er zijn meer dan "
            "vier hulpverleners of instanties betrokken.</li><li>Op korte termijn is er "
            "geen verbetering in zicht.</li><li>Het huishouden loopt vast in regels en "
            "procedures.</li><li>Het huishouden staat open voor een andere "
            "aanpak.</li></ol>",
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
