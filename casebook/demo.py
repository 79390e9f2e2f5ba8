"""Demo content: the casebook index and its anonymised example cases.

The cases live in demo_data/cases.json, in the import format (casebook.importing), written
in our own words from the facts of the sources: the two example cases of the GP
information page, twelve Zwolle families (together € 226.953 prevented, € 18.913 a case)
and cases from other municipalities with the recurring toxic cocktails.

Called by the demo loader (`manage.py load_demo`). Idempotent: the index is looked up
under the home page, and only records whose title does not exist under it yet are
imported, so a second run creates nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from wagtail.models import Page

from .importing import case_import
from .models import CaseIndexPage, CasePage, ImpactPage, Region

#: App labels whose demo the demo loader (portal.shell.demo) loads before this one.
DEMO_AFTER = ("home",)

DATA_FILE = Path(__file__).resolve().parent / "demo_data" / "cases.json"

INDEX_TITLE = "Voorbeeldcasussen"
INDEX_SLUG = "casussen"
INDEX_INTRO = (
    "Geanonimiseerde doorbraken uit gemeenten in het hele land. Elke casus laat zien welke "
    "problemen elkaar vasthielden, welke regel of werkwijze in de weg zat, welke eerste stap "
    "de doorbraak bracht en waarom die stap rechtmatig en verstandig was. Filter op "
    "probleemdomein, wet, regio of fase en leer van de aanpak van collega's."
)

# Regions the demo cases take place in, with their province (the import format has no
# province, so the demo creates these itself).
REGION_PROVINCES = {
    "Almere": "Flevoland",
    "Brunssum": "Limburg",
    "Den Haag": "Zuid-Holland",
    "Heerlen": "Limburg",
    "Kerkrade": "Limburg",
    "Landgraaf": "Limburg",
    "Maastricht": "Limburg",
    "Rotterdam": "Zuid-Holland",
    "Sittard-Geleen": "Limburg",
    "Utrecht": "Utrecht",
    "Zwolle": "Overijssel",
}


def demo_records() -> list[dict]:
    """The demo cases as import records."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def _index(home: Page) -> CaseIndexPage:
    """The casebook under `home`: the existing one (editors may have renamed it), or a new
    published index."""
    index = CaseIndexPage.objects.child_of(home).first()
    if index is None:
        index = CaseIndexPage(
            title=INDEX_TITLE,
            slug=INDEX_SLUG,
            intro=INDEX_INTRO,
            show_in_menus=True,
            live=False,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _impact_page_ensure(index: CaseIndexPage) -> None:
    """The impact page of the casebook, published, unless the casebook has one."""
    if ImpactPage.objects.child_of(index).exists():
        return
    page = ImpactPage(
        title="Impact van de doorbraken",
        slug="impact",
        intro=(
            "Wat de doorbraken uit het casusboek opleveren: voorkomen kosten per wetsdomein, "
            "de giftige cocktails die het vaakst terugkomen en de wetsartikelen die het "
            "vaakst de doorbraak dragen."
        ),
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision().publish()


def _regions_ensure(records: list[dict]) -> None:
    """Create the municipalities the records name, with their province when known."""
    known = {name.casefold() for name in Region.objects.values_list("name", flat=True)}
    for name in sorted({record["region"] for record in records}):
        if name.casefold() in known:
            continue
        Region.objects.create(name=name, province=REGION_PROVINCES.get(name, ""))
        known.add(name.casefold())


def load(*, home: Page) -> None:
    """Create the casebook index under `home` and import the demo cases it lacks."""
    index = _index(home)
    _impact_page_ensure(index)
    records = demo_records()
    existing = {
        title.casefold()
        for title in CasePage.objects.child_of(index).values_list("title", flat=True)
    }
    missing = [record for record in records if record["title"].casefold() not in existing]
    if not missing:
        return
    _regions_ensure(records)
    case_import(records=missing, parent=index)
