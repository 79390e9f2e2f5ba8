"""Overlapping saves on a real server: `make run` serves with threads, and a learner's
autosave and "Opslaan", or an editor's two quick clicks, arrive at the same time.

The server is `manage.py runserver` (threaded, as `make run` starts it) in its own process
on a real database: a fresh SQLite *file* on the SQLite stage (the test process's own
database is in memory and shared between threads, so it cannot show "database is
locked"), a fresh PostgreSQL database on the PostgreSQL stage. At least 20 requests
overlap; none may fail, and nothing written may be lost.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess  # noqa: S404 - the server and set-up run as child processes
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
OVERLAPPING = 24

# Runs in the server's database: a site, a learner with a practice plan, an editor with a
# content page, and logged-in sessions for both (the editor's with MFA passed, as
# portal.accounts.factories.client_login_with_mfa does). Prints what the test needs.
SETUP = """
import json

import django

django.setup()
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from learning.factories import PlanTemplateIndexPageFactory, PlanTemplatePageFactory
from learning.plans import practice
from portal.accounts.factories import UserFactory, client_login_with_mfa
from portal.home.factories import ContentPageFactory, HomePageFactory

home = HomePageFactory(parent=Page.get_first_root_node())
site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
site.hostname, site.port, site.root_page = "localhost", 80, home
site.site_name = "Doorbraak Leeromgeving"
site.save()

learner = UserFactory(email="sanne@example.org")
template = PlanTemplatePageFactory(
    parent=PlanTemplateIndexPageFactory(parent=home), title="Doorbraakplan"
)
plan = practice.practice_plan_create(owner=learner, template=template, title="Mijn plan")
texts = [s["key"] for s in plan.sections if s["kind"] == "text"]

editor = UserFactory(
    email="redacteur@example.org", groups=[Group.objects.get(name="IPW redacteur")]
)
page = ContentPageFactory(parent=home, title="Over de methode", slug="over-de-methode")

learner_client, editor_client = Client(), Client()
learner_client.force_login(learner)
client_login_with_mfa(editor_client, editor)


def page_data(title):
    return nested_form_data(
        {
            "title": title,
            "slug": "over-de-methode",
            "intro": "Een korte inleiding.",
            "body": streamfield([("paragraph", rich_text("<p>De inhoud.</p>"))]),
            "seo_title": "",
            "search_description": "",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
                         "MAX_NUM_FORMS": 1000},
        }
    )


print(json.dumps({
    "plan": plan.pk,
    "sections": texts[:2],
    "page": page.pk,
    "learner_session": learner_client.cookies["sessionid"].value,
    "editor_session": editor_client.cookies["sessionid"].value,
    "page_data": {str(n): page_data(f"Over de methode, versie {n}") for n in range(100)},
}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def live_site(
    tmp_path_factory: pytest.TempPathFactory, empty_database: Callable[..., str]
) -> Iterator[dict[str, Any]]:
    tmp_path = tmp_path_factory.mktemp("live")
    database_url = empty_database()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    # Our own interpreter and manage.py, with fixed arguments: nothing untrusted.
    subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True, capture_output=True)  # noqa: S603
    setup = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SETUP], env=env, check=True, capture_output=True, text=True
    )
    data = json.loads(setup.stdout.strip().splitlines()[-1])
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(f"{base}/healthz/", timeout=2).status_code < 500:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        yield {**data, "base": base, "log": tmp_path / "server.log"}
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def _session(base: str, session_id: str, path: str) -> tuple[requests.Session, str]:
    """A browser-like session: the session cookie, then a page that sets the CSRF token."""
    session = requests.Session()
    session.cookies.set("sessionid", session_id, domain="127.0.0.1")
    response = session.get(base + path, timeout=30)
    response.raise_for_status()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    assert token, f"no CSRF token on {path}"
    return session, token.group(1)


def _log_tail(log: Path) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-80:])


def _server_errors(log: Path) -> list[str]:
    text = log.read_text(errors="replace")
    return [line for line in text.splitlines() if '" 500 ' in line or "Traceback" in line]


def test_overlapping_autosaves_and_saves_of_a_plan_all_succeed_and_nothing_is_lost(
    live_site: dict[str, Any],
) -> None:
    base, plan = live_site["base"], live_site["plan"]
    first, second = live_site["sections"]
    paths = {key: f"/leren/oefenplannen/{plan}/onderdeel/{key}/" for key in (first, second)}
    session, token = _session(base, live_site["learner_session"], paths[first])

    def post(number: int) -> tuple[str, str, int]:
        # Even numbers: the autosave of the first section (JSON, as the script sends it);
        # odd numbers: "Opslaan" of the second section (a form post and a redirect).
        key = first if number % 2 == 0 else second
        text = f"Versie {number} van {key}: de regel staat de oplossing in de weg."
        # One connection per request: a kept-alive connection that the server closes
        # while another thread picks it from the shared pool is reset on the client's
        # side, which no browser shows (it retries); server errors are read from its log.
        headers = {"X-CSRFToken": token, "Referer": base + paths[key], "Connection": "close"}
        if key == first:
            headers["Accept"] = "application/json"
        response = session.post(
            base + paths[key],
            data={"csrfmiddlewaretoken": token, "answer": text},
            headers=headers,
            allow_redirects=False,
            timeout=60,
        )
        return key, text, response.status_code

    with ThreadPoolExecutor(max_workers=OVERLAPPING) as pool:
        results = list(pool.map(post, range(OVERLAPPING)))

    assert [s for _k, _t, s in results if s not in (200, 302)] == [], _log_tail(live_site["log"])
    assert _server_errors(live_site["log"]) == []
    # The last write of each section wins; neither section's answers overwrote the other's.
    final = session.get(f"{base}/leren/oefenplannen/{plan}/", timeout=30).text
    for key in (first, second):
        written = [text for k, text, _status in results if k == key]
        assert sum(text in final for text in written) == 1, key

    # Afterwards, one more save is simply the answer (last write wins).
    session.post(
        base + paths[first],
        data={"csrfmiddlewaretoken": token, "answer": "De laatste versie."},
        headers={"X-CSRFToken": token, "Accept": "application/json"},
        timeout=30,
    ).raise_for_status()
    assert "De laatste versie." in session.get(f"{base}/leren/oefenplannen/{plan}/").text


def test_overlapping_admin_saves_and_submits_of_a_page_all_succeed(
    live_site: dict[str, Any],
) -> None:
    base, page = live_site["base"], live_site["page"]
    path = f"/admin/pages/{page}/edit/"
    session, token = _session(base, live_site["editor_session"], path)

    def post(number: int) -> int:
        data = dict(live_site["page_data"][str(number)])
        # Odd numbers click "Stuur door naar IPW redactie" right after the save of the
        # even ones, as an editor does while Wagtail is still saving.
        if number % 2:
            data["action-submit"] = "1"
        data["csrfmiddlewaretoken"] = token
        response = session.post(
            base + path,
            data=data,
            headers={"X-CSRFToken": token, "Referer": base + path, "Connection": "close"},
            allow_redirects=False,
            timeout=60,
        )
        return response.status_code

    with ThreadPoolExecutor(max_workers=OVERLAPPING) as pool:
        statuses = list(pool.map(post, range(OVERLAPPING)))

    assert [s for s in statuses if s not in (200, 302)] == [], _log_tail(live_site["log"])
    assert _server_errors(live_site["log"]) == []
    # Every save made a draft revision; the editor sees the latest one in the editor.
    editor_page = session.get(base + path, timeout=30).text
    assert re.search(r"Over de methode, versie \d+", editor_page)
