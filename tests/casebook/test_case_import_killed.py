"""A killed import: the database and the search engines agree afterwards.

`casebook_import` runs in its own process on its own database (a SQLite file, or a fresh
PostgreSQL database on the PostgreSQL stage) and is killed with SIGKILL at several
moments: while the records are checked, while the cases are stored, and when the storing
is complete (the commit and the index update are then under way). Right after the kill
the cases are there all or not at all; running the import again leaves exactly the
cases of the file live, and the database index and the engine in use (the database
engine, or Elasticsearch with its database fallback) count the same.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess  # noqa: S404 - the import and the checks run as child processes
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
RECORDS = 150
# Kill when the progress bar shows this percentage (checking is the first half of the bar,
# storing the second); 100 is shown when the last case is stored, before the commit.
MOMENTS = (20, 70, 100)

SETUP = """
import json
import sys

import django

django.setup()
from wagtail.models import Page, Site

from casebook.factories import CaseIndexPageFactory, RegionFactory
from casebook.management.commands.casebook_import_benchmark import synthetic_records
from casebook.models import Law, ProblemDomain
from portal.home.factories import HomePageFactory

home = HomePageFactory(parent=Page.get_first_root_node())
site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
site.hostname, site.port, site.root_page = "localhost", 80, home
site.save()
for number in range(1, int(sys.argv[2]) + 1):
    CaseIndexPageFactory(parent=home, title=f"Casusboek {number}", slug=f"casusboek-{number}")
regions = [RegionFactory(name=name).name for name in ("Zwolle", "Utrecht", "Almere")]
records = synthetic_records(
    int(sys.argv[3]),
    domains=list(ProblemDomain.objects.values_list("name", flat=True)),
    laws=list(Law.objects.values_list("name", flat=True)[:5]),
    regions=regions,
)
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    json.dump(records, handle)
"""

CHECK = """
import json

import django

django.setup()
from casebook.case_search.queries import CaseSearchParams, case_search
from casebook.models import CasePage
from search.models import CaseDocument

result = case_search(params=CaseSearchParams(per_page=1))
print(json.dumps({
    "live": CasePage.objects.live().count(),
    "database_index": CaseDocument.objects.count(),
    "engine": result.total,
    "backend": result.backend,
    "notice": result.notice,
}))
"""


def _engine_env(request: pytest.FixtureRequest) -> dict[str, str]:
    if request.param == "database":
        return {"ELASTICSEARCH_URL": "", "SEARCH_BACKEND": ""}
    return {
        "ELASTICSEARCH_URL": request.getfixturevalue("elasticsearch_node_url"),
        "ELASTICSEARCH_INDEX_PREFIX": f"killed{os.getpid()}_",
        "ELASTICSEARCH_TIMEOUT": "10",
    }


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def import_site(
    request: pytest.FixtureRequest, tmp_path: Path, empty_database: Callable[..., str]
) -> Iterator[dict[str, Any]]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": empty_database(),
        "PYTHONPATH": str(ROOT),
        **_engine_env(request),
    }
    if not env.get("SEARCH_BACKEND"):
        env.pop("SEARCH_BACKEND", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    records = tmp_path / "casussen.json"

    def run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess:
        # Our own interpreter and manage.py with fixed arguments: nothing untrusted.
        done = subprocess.run(  # noqa: S603
            [*args], env=env, check=False, capture_output=True, text=True, **kwargs
        )
        assert done.returncode == 0, f"{args[-4:]} failed:\n{done.stdout}\n{done.stderr}"
        return done

    run(*manage, "migrate", "--noinput")
    run(sys.executable, "-c", SETUP, str(records), str(len(MOMENTS)), str(RECORDS))
    run(*manage, "search_index", "--rebuild")  # creates the Elasticsearch indexes
    try:
        yield {"env": env, "manage": manage, "records": records, "run": run}
    finally:
        if request.param == "elasticsearch":
            run(
                sys.executable,
                "-c",
                "import django; django.setup()\n"
                "from search.backends.elasticsearch import es_client\n"
                "from django.conf import settings\n"
                "es_client().indices.delete(index=settings.ELASTICSEARCH_INDEX_PREFIX + '*',"
                " ignore_unavailable=True)",
            )


def _import_killed_at(site: dict[str, Any], *, parent: str, percent: int) -> None:
    """Start the import and SIGKILL it when its progress bar reaches `percent`."""
    process = subprocess.Popen(  # noqa: S603 - fixed arguments, see above
        [*site["manage"], "casebook_import", str(site["records"]), "--parent", parent],
        env=site["env"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    shown = ""

    def watch() -> None:
        nonlocal shown
        while process.poll() is None:
            char = process.stderr.read(1)
            if not char:
                return
            shown += char
            found = re.findall(r"(\d+)%", shown[-12:])
            if found and int(found[-1]) >= percent:
                process.send_signal(signal.SIGKILL)
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    process.wait(timeout=600)
    watcher.join(timeout=5)
    assert process.returncode == -signal.SIGKILL, f"the import ended before {percent}%"


def _state(site: dict[str, Any]) -> dict[str, Any]:
    return json.loads(site["run"](sys.executable, "-c", CHECK).stdout.strip().splitlines()[-1])


def test_a_killed_import_leaves_all_or_nothing_and_running_it_again_repairs_the_index(
    import_site: dict[str, Any],
) -> None:
    expected = 0
    for number, percent in enumerate(MOMENTS, start=1):
        parent = f"casusboek-{number}"
        _import_killed_at(import_site, parent=parent, percent=percent)
        after_kill = _state(import_site)
        assert after_kill["live"] in (expected, expected + RECORDS), (percent, after_kill)

        import_site["run"](
            *import_site["manage"],
            "casebook_import",
            str(import_site["records"]),
            "--parent",
            parent,
            "--no-progress",
        )
        expected += RECORDS
        state = _state(import_site)
        assert state["notice"] == "", state  # the engine itself answered, no fallback
        assert (state["live"], state["database_index"], state["engine"]) == (
            expected,
            expected,
            expected,
        ), (percent, after_kill, state)
