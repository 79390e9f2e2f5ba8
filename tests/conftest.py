"""Fixtures shared by every test folder.

- Uploaded files (images, documents) go to a temporary directory, never to `media/`.
- `site_root`: a HomePage under Wagtail's root page, served by the default Site for any
  host name, so the test client and the live server both find it.
- `home`: the same page under its content name; `case_index` and
  `standards_index`: index pages below it.
- `editor` and `moderator`: IPW's editorial roles (the groups of the publishing workflow).
- Django's caches start empty for every test: a rolled-back test hands its row ids to
  the next one, and a value cached under an id (a user's admin access) must not follow.
- A test outside the browser pass that needs real transactions (threads, on_commit) asks
  for `django_db(transaction=True, serialized_rollback=True)`: a transactional test ends
  by emptying every table, and only the serialized copy brings back what the migrations
  seeded (Wagtail's root page and locale, the groups) for the next one. Collection refuses
  one without it, because it would break whichever transactional test happens to follow.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import override_settings
from wagtail.models import Page, Site

from casebook.factories import CaseIndexPageFactory
from casebook.models import CaseIndexPage
from portal.accounts.factories import UserFactory
from portal.anonymisation import deduce_engine
from portal.home.factories import HomePageFactory
from portal.home.models import HomePage
from portal.standards.factories import StandardIndexPageFactory
from portal.standards.models import StandardIndexPage


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    unsafe = [
        item.nodeid
        for item in items
        if (marker := item.get_closest_marker("django_db"))
        and marker.kwargs.get("transaction")
        and not marker.kwargs.get("serialized_rollback")
        and not item.get_closest_marker("browser")
    ]
    if unsafe:
        raise pytest.UsageError(
            "Transactional tests need serialized_rollback=True (see tests/conftest.py): "
            + ", ".join(unsafe)
        )


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep uploads of the test run out of the project's media folder."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _deduce_cache() -> None:
    """The anonymisation guard's lookup cache; `make install` builds it, and a bare
    `pytest` on a fresh checkout builds it here (about 2 s)."""
    if not deduce_engine.cache_file().exists():
        deduce_engine.build_cache()


@pytest.fixture
def site_root(db) -> HomePage:
    """A published HomePage directly under Wagtail's root page, as the root page of the
    default Site (port 80, `is_default_site`, so it answers every host and port)."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname = "localhost"
    site.port = 80
    site.site_name = "Doorbraak Leeromgeving"
    site.root_page = home
    site.save()  # Wagtail's signal handler clears the cached site root paths
    return home


@pytest.fixture
def editor(db):
    """An IPW editor (redacteur): writes and submits for review, cannot publish."""
    return UserFactory(
        email="redacteur@example.org", groups=[Group.objects.get(name="IPW redacteur")]
    )


@pytest.fixture
def moderator(db):
    """An IPW moderator: reviews and publishes."""
    return UserFactory(
        email="moderator@example.org", groups=[Group.objects.get(name="IPW moderator")]
    )


@pytest.fixture
def home(site_root: HomePage) -> HomePage:
    """The portal home page (the shared `site_root` fixture), under its content name."""
    return site_root


@pytest.fixture
def case_index(site_root: HomePage) -> CaseIndexPage:
    return CaseIndexPageFactory(parent=site_root)


@pytest.fixture
def standards_index(home: HomePage) -> StandardIndexPage:
    return StandardIndexPageFactory(parent=home)


@pytest.fixture
def closed_port() -> int:
    """A loopback port nobody listens on: connecting to it is refused, like a mail
    server that is down."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """`empty_database(engine=None)`: the URL of a new, never-migrated database for a child
    process (a server, an import, a restore): a SQLite file, or with engine "postgresql"
    (the default on the PostgreSQL stage) a new database on the test server. The
    PostgreSQL databases are dropped when the session ends."""
    made: list[tuple[dict, str]] = []

    def server() -> dict:
        database = settings.DATABASES["default"]
        return {
            "host": database["HOST"],
            "port": database["PORT"],
            "user": database["USER"],
            "password": database.get("PASSWORD") or None,
            "dbname": "postgres",
        }

    def make(engine: str | None = None) -> str:
        engine = engine or settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        if engine != "postgresql":
            return f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.sqlite3'}"
        import psycopg  # noqa: PLC0415 - only on the PostgreSQL stage

        name = f"portal_child_{os.getpid()}_{len(made)}"
        with psycopg.connect(**server(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        made.append((server(), name))
        database = settings.DATABASES["default"]
        password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
        host = f"{database['HOST']}:{database['PORT']}"
        return f"postgres://{database['USER']}{password}@{host}/{name}"

    yield make
    if made:
        import psycopg  # noqa: PLC0415

        for params, name in made:
            with psycopg.connect(**params, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def elasticsearch_node_url() -> str:
    """The test node's URL (tools/test.sh starts one for the Elasticsearch stage). Without
    one the test is skipped on a developer's machine and fails under CI=true, where no
    suite may skip for a missing service."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        reason = (
            "ELASTICSEARCH_URL is not set: start a node with "
            '`eval "$(tools/elasticsearch/es.sh start)"` (tools/test.sh does)'
        )
        if os.environ.get("CI", "").lower() in {"true", "1", "yes"}:
            pytest.fail(f"{reason} (CI=true: nothing is skipped)")
        pytest.skip(reason)
    return url


@pytest.fixture(scope="session")
def opensearch_node_url() -> str:
    """The OpenSearch test node's URL (tools/test.sh starts one for the OpenSearch stage).
    Without one the test is skipped on a developer's machine and fails under CI=true, where
    no suite may skip for a missing service."""
    url = os.environ.get("OPENSEARCH_URL", "")
    if not url:
        reason = (
            "OPENSEARCH_URL is not set: start a node with "
            '`eval "$(tools/opensearch/os.sh start)"` (tools/test.sh does)'
        )
        if os.environ.get("CI", "").lower() in {"true", "1", "yes"}:
            pytest.fail(f"{reason} (CI=true: nothing is skipped)")
        pytest.skip(reason)
    return url
