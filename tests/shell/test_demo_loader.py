"""`manage.py load_demo`: the demo site a developer sees after `make run`."""

from __future__ import annotations

import html
import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from portal.accounts.demo import DEMO_USERS
from portal.home.demo import WAGTAIL_WELCOME_TITLE
from portal.home.models import ContentPage, FooterSettings, HomePage
from portal.shell.demo import demo_modules

pytestmark = pytest.mark.django_db

MENU_SLUGS = ["over-de-methode", "doorverwijzen", "aansluiten-als-gemeente"]


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "emails": EmailAddress.objects.count(),
        "authenticators": Authenticator.objects.count(),
        "groups": Group.objects.count(),
        "sites": Site.objects.count(),
        "footers": FooterSettings.objects.count(),
    }


def _text(response) -> str:
    """The response body with HTML entities resolved, as a reader sees the words."""
    return html.unescape(response.content.decode())


def _between(text: str, start: str, end: str) -> str:
    match = re.search(re.escape(start) + r"(.*?)" + re.escape(end), text, re.S)
    assert match, f"{start!r} … {end!r} not found"
    return match.group(1)


def test_second_run_creates_and_changes_nothing(demo_output, run_load_demo):
    before = _counts()
    pages_before = list(Page.objects.order_by("path").values())

    second_output = run_load_demo()

    assert _counts() == before
    assert list(Page.objects.order_by("path").values()) == pages_before
    assert second_output == demo_output


def test_report_prints_url_admin_and_one_login_per_group(demo_output, settings):
    assert "http://127.0.0.1:8123/" in demo_output
    assert "http://127.0.0.1:8123/admin/" in demo_output
    lines = demo_output.splitlines()
    for spec in DEMO_USERS:
        [line] = [line for line in lines if spec.email in line and "Doorbraak" in line]
        assert settings.PORTAL_DEMO_PASSWORD in line
        assert (spec.group or "superuser") in line
        mfa_hint = f"MFA-code: python manage.py demo_totp {spec.email}"
        assert (mfa_hint in line) is spec.admin


def test_welcome_page_replaced_by_home_page_as_default_site_root(demo_output):
    assert not Page.objects.filter(title=WAGTAIL_WELCOME_TITLE).exists()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == (
        "localhost",
        80,
        "Doorbraak Leeromgeving",
    )
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == "Doorbraak Leeromgeving"
    assert home.live and home.live_revision is not None
    assert not any(Page.find_problems())  # the page tree is consistent
    assert home.numchild == home.get_children().count()


def test_home_page_links_to_every_menu_section(demo_output, client):
    response = client.get("/")

    assert response.status_code == 200
    text = _text(response)
    assert "Doorbraak Leeromgeving" in text
    cards = _between(text, "Waar wil je naartoe?", "</ul>")
    home = Site.objects.get(is_default_site=True).root_page
    sections = home.get_children().live().in_menu()
    assert {page.slug for page in sections} >= set(MENU_SLUGS)
    for section in sections:
        assert f'href="{section.url}"' in cards, section.title
    assert "/privacy/" not in cards


def test_main_menu_shows_sections_and_footer_links_statement_and_privacy(demo_output, client):
    text = _text(client.get("/over-de-methode/"))

    menu = _between(text, 'aria-label="Hoofdmenu"', "</nav>")
    for title in ("Over de methode", "Doorverwijzen", "Aansluiten als gemeente"):
        assert title in menu
    assert "Toegankelijkheidsverklaring" not in menu
    footer = _between(text, "<footer", "</footer>")
    assert 'href="/toegankelijkheidsverklaring/"' in footer
    assert 'href="/privacy/"' in footer
    assert "Instituut voor Publieke Waarden" in footer


KEY_CONTENT = [
    (
        "/over-de-methode/",
        [
            "<h1",
            "Waardendriehoek",
            "Legitimiteit",
            "Betrokkenheid",
            "Rendement",
            "De acht stappen van de Doorbraakmethode",
            "Schot voor de boeg",
            "Veertien maanden",
            "Eerste nood",
            "Stabiliseren",
            "Hoop doet leven",
            "Veelgestelde vragen",
            "<summary",
        ],
    ),
    (
        "/doorverwijzen/",
        [
            "Wie kan aanmelden?",
            "Eerst toestemming",
            "binnen 2 werkdagen",
            "dezelfde dag",
            "meer dan vier hulpverleners",
            "plan-do-check-act",
            "€ 171",
            "€ 899",
        ],
    ),
    (
        "/aansluiten-als-gemeente/",
        [
            "Een doorbraakteam.",
            "Een doorbraakbudget.",
            "Een escalatieroute.",
            "Een intern aanspreekpunt.",
            "verordeningen",
            "Kraak-en-maak-sessies",
            "portal-callout",
        ],
    ),
    (
        "/toegankelijkheidsverklaring/",
        [
            "WCAG 2.1",
            "niveau AA",
            "axe-core",
            "toetsenbord",
            "Bekende beperkingen",
            "Een probleem melden",
            "23 november 2026",
        ],
    ),
    ("/privacy/", ["Wat we bewaren", "Wat we niet bewaren", "BSN"]),
]


def test_every_content_page_renders_its_key_content(demo_output, client):
    for path, expected in KEY_CONTENT:
        response = client.get(path)

        assert response.status_code == 200, path
        text = _text(response)
        for snippet in expected:
            assert snippet in text, f"{snippet!r} missing on {path}"


def test_tables_have_a_caption_and_header_cells(demo_output, client):
    text = _text(client.get("/over-de-methode/"))

    table = _between(text, "<table", "</table>")
    assert "De acht stappen van de Doorbraakmethode</caption>" in table
    assert re.search(r'<th[^>]*scope="col"', table)
    assert len(re.findall(r"<tr[\s>]", table)) == 9  # header row and eight steps


def test_every_demo_page_is_published_with_a_revision(demo_output):
    pages = ContentPage.objects.all()
    assert {page.slug for page in pages} >= {*MENU_SLUGS, "toegankelijkheidsverklaring", "privacy"}
    for page in pages:
        assert page.live, page.title
        assert page.live_revision is not None, page.title
        assert not page.has_unpublished_changes, page.title
    menu = set(ContentPage.objects.filter(show_in_menus=True).values_list("slug", flat=True))
    assert menu >= set(MENU_SLUGS)
    assert not menu & {"toegankelijkheidsverklaring", "privacy"}


def test_refuses_to_load_outside_development_without_the_flag(db, settings):
    settings.DEBUG = False
    users_before = get_user_model().objects.count()

    with pytest.raises(CommandError, match="--ook-zonder-debug"):
        call_command("load_demo")

    assert get_user_model().objects.count() == users_before
    assert Page.objects.filter(title=WAGTAIL_WELCOME_TITLE).exists()


def test_loads_in_development_without_the_flag(db, settings):
    settings.DEBUG = True

    call_command("load_demo", stdout=StringIO(), stderr=StringIO())

    assert Site.objects.get(is_default_site=True).root_page.title == "Doorbraak Leeromgeving"


def test_loader_finds_every_app_demo_and_loads_dependencies_first():
    """No hand-kept list: the demo modules are found among the installed apps, and each
    loads after the apps named in its DEMO_AFTER."""
    order = [label for label, _module in demo_modules()]
    assert {"home", "accounts", "standards", "insights", "casebook", "learning"} <= set(order)
    for label, module in demo_modules():
        for before in getattr(module, "DEMO_AFTER", ()):
            assert order.index(before) < order.index(label), (before, label)


def test_the_demo_has_sessions_a_shared_breakthrough_a_path_and_an_assignment(demo_output, client):
    """What a developer walks after `make run`: kraak-en-maak-sessies to register for, a
    shared plan in the editors' queue, and a learning path with a course assigned."""
    from learning.clinics.models import Session  # noqa: PLC0415
    from learning.contributions.models import Contribution  # noqa: PLC0415
    from learning.paths.models import Assignment, LearningPath  # noqa: PLC0415

    assert Session.objects.count() >= 2
    assert Contribution.objects.exists()
    path = LearningPath.objects.get(slug="werken-met-de-doorbraakmethode")
    assert [item.course.title for item in path.items.order_by("sort_order")][1:] and (
        path.items.order_by("sort_order").last().prerequisite is not None
    )
    assert Assignment.objects.filter(team__name="Wijkteam Oost").exists()
    assert client.get(path.get_absolute_url()).status_code == 200
    assert client.get("/sessies/").status_code == 200
