"""The demo page tree: the home page (replacing Wagtail's welcome page) as the default
site's root, the content pages, the footer, and the home page's cards to the sections."""

from __future__ import annotations

from django.utils.text import Truncator
from wagtail.models import Page, Site

from ..factories import ContentPageFactory, HomePageFactory, link_card, link_cards, paragraph
from ..models import ContentPage, FooterSettings, HomePage
from .content import CONTENT_PAGES, FOOTER_CONTACT, FOOTER_SLUGS, HOME_INTRO, HOME_WELCOME

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"
SITE_NAME = "Doorbraak Leeromgeving"
HOME_SLUG = "home"
SECTIONS_HEADING = "Waar wil je naartoe?"


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _home_load() -> HomePage:
    """Find or create the home page, replacing Wagtail's default welcome page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).filter(slug=HOME_SLUG).first()
    if home is not None:
        return home
    welcome = (
        Page.objects.child_of(root)
        .filter(
            title=WAGTAIL_WELCOME_TITLE,
            content_type__app_label="wagtailcore",
            content_type__model="page",
            numchild=0,
        )
        .first()
    )
    if welcome is not None:
        # Free the slug first; delete only after the site points at the new home page
        # (deleting a site's root page would delete the site as well).
        Page.objects.filter(pk=welcome.pk).update(slug=f"{welcome.slug}-wagtail-welcome")
    home = HomePageFactory(
        parent=root,
        title=SITE_NAME,
        slug=HOME_SLUG,
        intro=HOME_INTRO,
        body=[paragraph(HOME_WELCOME)],
    )
    _publish(home)
    _site_point(home)
    if welcome is not None:
        Page.objects.get(pk=welcome.pk).delete()
    return home


def _site_point(home: HomePage) -> Site:
    """Make the default site serve `home`, changing only what differs."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.filter(hostname="localhost", port=80).first() or Site(
            hostname="localhost", port=80
        )
    wanted = {
        "hostname": "localhost",
        "port": 80,
        "is_default_site": True,
        "site_name": SITE_NAME,
        "root_page_id": home.pk,
    }
    changed = [name for name, value in wanted.items() if getattr(site, name) != value]
    if changed or site.pk is None:
        for name in changed:
            setattr(site, name, wanted[name])
        site.save()
    return site


def _content_pages_load(home: HomePage) -> list[ContentPage]:
    pages = []
    for definition in CONTENT_PAGES:
        data = definition()
        page = ContentPage.objects.child_of(home).filter(slug=data["slug"]).first()
        if page is None:
            page = ContentPageFactory(parent=home, **data)
            _publish(page)
        pages.append(page)
    return pages


def _footer_load(site: Site, home: HomePage) -> FooterSettings:
    footer = FooterSettings.for_site(site)
    if footer.contact or len(footer.links):
        return footer
    pages = {page.slug: page for page in ContentPage.objects.child_of(home)}
    footer.contact = FOOTER_CONTACT
    footer.links = [
        {"type": "link", "value": link_card(page=pages[slug])}
        for slug in FOOTER_SLUGS
        if slug in pages
    ]
    footer.save()
    return footer


def home_sections_update(*, home: HomePage) -> bool:
    """Make the home page's link cards list the live sections shown in the menu, in menu
    order. Publishes a new revision only when the list changed; returns whether it did.

    Called again after the other apps loaded their demo, so their sections appear too."""
    # A fresh copy: publishing keeps the tree fields (numchild) of the instance it is
    # given, and the caller's instance predates the sections added since.
    home = HomePage.objects.get(pk=home.pk)
    sections = list(home.get_children().live().in_menu().specific())
    cards = [
        link_card(
            page=section,
            text=Truncator(section.search_description or getattr(section, "intro", "")).chars(300),
        )
        for section in sections
    ]
    raw = [dict(block) for block in home.body.raw_data]
    index = next((i for i, block in enumerate(raw) if block["type"] == "link_cards"), None)
    if index is not None:
        current = [card.get("page") for card in _list_values(raw[index]["value"]["cards"])]
        if current == [section.pk for section in sections]:
            return False
    if not cards:
        return False
    block = link_cards(cards, heading=SECTIONS_HEADING)
    if index is None:
        raw.append(block)
    else:
        raw[index] = block
    home.body = raw
    _publish(home)
    return True


def _list_values(items: list) -> list[dict]:
    """ListBlock raw data holds plain values or {"type": "item", "value": ...} items."""
    return [item["value"] if item.get("type") == "item" else item for item in items]


def home_load() -> HomePage:
    """The home page as the default site's root, replacing Wagtail's welcome page
    (idempotent). The demo loader calls it first: every other demo hangs under it."""
    home = _home_load()
    _site_point(home)
    return home


def load(*, home: HomePage) -> None:
    """The home app's demo content under `home`: content pages and the footer."""
    site = _site_point(home)
    _content_pages_load(home)
    _footer_load(site, home)
    home_sections_update(home=home)


def finish(*, home: HomePage) -> None:
    """After every app loaded its demo: the home page's cards list their sections too."""
    home_sections_update(home=home)
