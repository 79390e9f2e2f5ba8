"""Backup and restore (`portal_backup`, `portal_restore`; portal.shell.backup).

The round trip restores into an EMPTY database in a child process, as an operator would
on a new server: a fresh SQLite file, and on the PostgreSQL stage also a fresh PostgreSQL
database (the backup then goes from PostgreSQL into both). The child's pages, cases,
plans, certificates, accounts, sites and media files must be the same as the original's,
every live page must be served, and the search indexes must have been rebuilt.

In-process tests cover what the operator is protected from: a database with content is
refused without --force, --force replaces it, and a damaged archive or a load whose
counts do not match the manifest changes nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess  # noqa: S404 - the restore runs in a child process, as an operator runs it
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import wagtail_factories
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail.search.models import IndexEntry

from casebook.factories import CaseIndexPageFactory, CasePageFactory
from casebook.models import CasePage, Law, ProblemDomain, Region
from learning.certificates import certificate_issue, certificate_verify
from learning.factories import (
    CourseIndexPageFactory,
    PlanTemplateIndexPageFactory,
    PlanTemplatePageFactory,
    course_tree,
)
from learning.models import Certificate, LessonPage, PracticePlan
from learning.plans import practice
from learning.services import enrolment_create, lesson_complete
from portal.accounts.factories import UserFactory
from portal.home.factories import ContentPageFactory
from search.models import CaseDocument, SiteDocument

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
#: Where the round trip restores: a new SQLite file always; a new PostgreSQL database too
#: when the suite runs on PostgreSQL.
TARGETS = ["postgresql", "sqlite"] if ON_POSTGRES else ["sqlite"]

CASE_TITLE = "Schulden en een dreigende huisuitzetting"


# -- content ------------------------------------------------------------------------
@pytest.fixture
def content(site_root) -> dict[str, Any]:
    """A little of everything a backup must keep: content pages with a live version and
    a draft on top, a published case with its taxonomy, legal basis and costs, a plan
    template and a learner's practice plan, a course completed with its certificate, an
    image and a document (files in MEDIA_ROOT)."""
    home = site_root
    about = ContentPageFactory(parent=home, title="Over de methode", slug="over-de-methode")
    about.save_revision().publish()
    draft = about.get_latest_revision_as_object()
    draft.title = "Over de methode (concept)"
    draft.save_revision()

    law = Law.objects.get(name="Participatiewet")
    case = CasePageFactory(
        parent=CaseIndexPageFactory(parent=home),
        title=CASE_TITLE,
        region=Region.objects.get_or_create(name="Zwolle")[0],
        domains=list(ProblemDomain.objects.order_by("name")[:2]),
        legal_bases=[(law, law.articles.get(article="35 lid 1"), "Bijzondere bijstand.")],
        costs={"wmo": (1000, 25000), "participatiewet": (500, 4000)},
    )
    case.save_revision().publish()

    learner = UserFactory(first_name="Sanne", last_name="de Vries", email="sanne@example.org")
    template = PlanTemplatePageFactory(
        parent=PlanTemplateIndexPageFactory(parent=home), title="Doorbraakplan", version="2.0"
    )
    plan = practice.practice_plan_create(owner=learner, template=template, title="Mijn plan")

    course = course_tree(
        index=CourseIndexPageFactory(parent=home),
        modules=1,
        lessons_per_module=2,
        title="Kennismaken",
    )
    course.save_revision().publish()
    enrolment_create(user=learner, course=course)
    for lesson in LessonPage.objects.descendant_of(course):
        lesson_complete(user=learner, lesson=lesson)
    certificate = certificate_issue(user=learner, course=course)

    root_collection = Collection.get_first_root_node()
    image = wagtail_factories.ImageFactory(title="Gesprek aan tafel", collection=root_collection)
    document = wagtail_factories.DocumentFactory(title="Werkblad", collection=root_collection)
    return {
        "case": case,
        "plan": plan,
        "certificate": certificate,
        "image": image,
        "document": document,
    }


def _file_digest(name: str) -> str | None:
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def content_snapshot() -> dict[str, Any]:
    """What a backup must keep, as plain JSON: run here and in the restored child."""
    client = Client()
    pages = []
    for page in Page.objects.order_by("path"):
        url = page.get_url()
        entry: dict[str, Any] = {
            "path": page.path,
            "title": page.title,
            "type": page.specific_class._meta.label,
            "url": url,
            "live": page.live,
            "revisions": page.revisions.count(),
            "latest_revision_title": (
                page.get_latest_revision_as_object().title if page.latest_revision_id else None
            ),
        }
        if url and page.live:
            response = client.get(url)
            entry["status"] = response.status_code
            if response.status_code == 200:
                entry["shows_title"] = page.title in response.content.decode()
        pages.append(entry)
    cases = [
        {
            "title": case.title,
            "url": case.get_url(),
            "region": case.region.name,
            "domains": sorted(domain.name for domain in case.problem_domains.all()),
            "legal_bases": [
                [basis.law.name, basis.article.article if basis.article else None, basis.reasoning]
                for basis in case.legal_bases.order_by("sort_order")
            ],
            "costs": [
                [cost.domain, str(cost.direct), str(cost.prevented)]
                for cost in case.costs.order_by("sort_order")
            ],
        }
        for case in CasePage.objects.order_by("path")
    ]
    plans = [
        {
            "owner": plan.owner.email,
            "title": plan.title,
            "template": plan.template.title if plan.template else None,
            "template_version": plan.template_version,
            "sections": plan.sections,
            "answers": plan.answers,
        }
        for plan in PracticePlan.objects.order_by("pk")
    ]
    certificates = [
        {
            "code": certificate.code,
            "owner": certificate.user.email,
            "learner_name": certificate.learner_name,
            "course_title": certificate.course_title,
            "course": certificate.course.title if certificate.course else None,
            "course_revision_id": certificate.course_revision_id,
            "accreditation_points": str(certificate.accreditation_points),
            "verification": certificate_verify(code=certificate.code).status,
        }
        for certificate in Certificate.objects.order_by("pk")
    ]
    files = [
        {
            "kind": kind,
            "title": item.title,
            "file": item.file.name,
            "sha256": _file_digest(item.file.name),
        }
        for kind, model in (("image", get_image_model()), ("document", get_document_model()))
        for item in model.objects.order_by("pk")
    ]
    users = [
        [user.email, user.password, sorted(group.name for group in user.groups.all())]
        for user in get_user_model().objects.order_by("pk")
    ]
    sites = [
        [site.hostname, site.port, site.root_page.url_path, site.is_default_site]
        for site in Site.objects.order_by("pk")
    ]
    return json.loads(
        json.dumps(
            {
                "pages": pages,
                "cases": cases,
                "plans": plans,
                "certificates": certificates,
                "files": files,
                "users": users,
                "sites": sites,
            }
        )
    )


def search_snapshot() -> dict[str, Any]:
    """The restored child's search indexes (rebuilt by the restore)."""
    return {
        "cases": sorted(CaseDocument.objects.values_list("title", flat=True)),
        "site_documents": SiteDocument.objects.count(),
        "admin_index_entries": IndexEntry.objects.count(),
    }


# -- helpers ------------------------------------------------------------------------
def _backup(tmp_path: Path) -> Path:
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("portal_backup", str(archive), stdout=out, stderr=io.StringIO())
    assert "Back-up gemaakt" in out.getvalue()
    return archive


def _restore(archive: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("portal_restore", str(archive), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _rewrite(archive: Path, into: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of the archive with `change(name, data)` applied to every file in it."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(into, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else b""
            data = change(member.name, data)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return into


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


CHILD_SNAPSHOT = """
import importlib.util, json, sys
import django
django.setup()
spec = importlib.util.spec_from_file_location("backup_checks", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(json.dumps({"content": module.content_snapshot(), "search": module.search_snapshot()}))
"""


# -- the archive --------------------------------------------------------------------
def test_the_archive_holds_a_manifest_the_database_and_the_media(content, tmp_path):
    archive = _backup(tmp_path)
    members = _members(archive)
    manifest = json.loads(members["manifest.json"])

    assert manifest["format"] == "doorbraak-leeromgeving-backup"
    assert manifest["database_vendor"] == ("postgresql" if ON_POSTGRES else "sqlite")
    assert ["wagtailcore", "0001_initial"] in manifest["migrations"]
    counts = manifest["counts"]
    assert counts["casebook.CasePage"] == 1
    assert counts["learning.PracticePlan"] == 1
    assert counts["learning.Certificate"] == 1
    assert counts["wagtailcore.Page"] == Page.objects.count()
    assert counts["contenttypes.ContentType"] > 0  # kept, ids and all (revisions use them)
    assert manifest["rows"] == sum(counts.values())
    dump = members["database.jsonl"]
    assert hashlib.sha256(dump).hexdigest() == manifest["database_sha256"]

    labels = [json.loads(line)["model"] for line in dump.decode().splitlines()]
    assert labels[0] == "contenttypes.contenttype"  # loaded before any page is built
    assert len(labels) == manifest["rows"]
    for left_out in ("sessions.session", "search.casedocument", "wagtailsearch.indexentry"):
        assert left_out not in labels

    image, document = content["image"], content["document"]
    assert f"media/{image.file.name}" in members
    assert f"media/{document.file.name}" in members
    assert manifest["media_files"] == sum(name.startswith("media/") for name in members)


# -- the round trip -----------------------------------------------------------------
@pytest.mark.parametrize("target", TARGETS)
def test_restore_into_an_empty_database_finds_the_same_content(
    content, tmp_path, target, empty_database
):
    before = content_snapshot()
    assert [case["title"] for case in before["cases"]] == [CASE_TITLE]
    assert len(before["plans"]) == len(before["certificates"]) == 1
    assert all(entry["sha256"] for entry in before["files"])
    archive = _backup(tmp_path)

    database_url = empty_database(target)
    media = tmp_path / "restored-media"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "PYTHONPATH": str(ROOT),
    }
    for name in ("ELASTICSEARCH_URL", "REDIS_URL"):  # the child's search is its own database
        env.pop(name, None)
    # Our own interpreter, manage.py and files: nothing untrusted.
    restore = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "portal_restore", str(archive)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert restore.returncode == 0, restore.stderr[-3000:]
    assert "Database hersteld" in restore.stdout
    assert "Back-up teruggezet." in restore.stdout
    check = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CHILD_SNAPSHOT, __file__],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stderr[-3000:]
    after = json.loads(check.stdout.strip().splitlines()[-1])

    restored = after["content"]
    # The same pages (tree, titles, addresses, versions), served to visitors as before.
    assert restored["pages"] == before["pages"]
    served = [page for page in restored["pages"] if page.get("status") == 200]
    assert {page["title"] for page in served} >= {"Over de methode", CASE_TITLE, "Kennismaken"}
    assert all(page["shows_title"] for page in served)
    about = next(page for page in restored["pages"] if page["title"] == "Over de methode")
    assert about["latest_revision_title"] == "Over de methode (concept)"  # the draft survived
    # The same cases, plans, certificates (still valid), accounts and sites.
    assert restored["cases"] == before["cases"]
    assert restored["plans"] == before["plans"]
    assert restored["certificates"] == before["certificates"]
    assert restored["certificates"][0]["verification"] == "valid"
    assert restored["users"] == before["users"]
    assert restored["sites"] == before["sites"]
    # The uploaded files, byte for byte, in the new MEDIA_ROOT.
    assert restored["files"] == before["files"]
    assert (media / content["image"].file.name).is_file()
    # The search indexes were rebuilt from the restored pages.
    assert after["search"]["cases"] == [CASE_TITLE]
    assert after["search"]["site_documents"] > 0
    assert after["search"]["admin_index_entries"] > 0


# -- what the operator is protected from --------------------------------------------
def test_restore_refuses_a_database_with_content(content, tmp_path):
    archive = _backup(tmp_path)
    with pytest.raises(CommandError, match=r"De database is niet leeg \(.*gebruikers"):
        _restore(archive)
    assert CasePage.objects.filter(title=CASE_TITLE).exists()


def test_restore_with_force_replaces_what_is_there(content, site_root, tmp_path):
    before = content_snapshot()
    archive = _backup(tmp_path)
    CasePage.objects.get(title=CASE_TITLE).delete()
    ContentPageFactory(parent=site_root, title="Na de back-up geschreven")
    Certificate.objects.all().delete()

    output = _restore(archive, "--force")

    assert "Back-up teruggezet." in output
    assert content_snapshot() == before
    assert not Page.objects.filter(title="Na de back-up geschreven").exists()


def test_a_damaged_archive_is_refused_before_anything_changes(content, site_root, tmp_path):
    archive = _backup(tmp_path)
    damaged = _rewrite(
        archive,
        tmp_path / "damaged.tar.gz",
        lambda name, data: (
            data.replace(CASE_TITLE.encode(), b"Iets anders") if name == "database.jsonl" else data
        ),
    )
    ContentPageFactory(parent=site_root, title="Na de back-up geschreven")

    with pytest.raises(CommandError, match="beschadigd"):
        _restore(damaged, "--force")
    assert Page.objects.filter(title="Na de back-up geschreven").exists()

    with pytest.raises(CommandError, match="geen leesbare back-up"):
        _restore(_write(tmp_path / "not-a-backup.tar.gz", b"no archive"), "--force")

    # A member that would land outside the folder it is unpacked into.
    escaping = tmp_path / "escaping.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(escaping, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        outside = tarfile.TarInfo("media/../../outside.txt")
        outside.size = 4
        target.addfile(outside, io.BytesIO(b"evil"))
    with pytest.raises(CommandError, match="beschadigd en niet te lezen.*outside"):
        _restore(escaping, "--force")
    assert not (tmp_path / "outside.txt").exists()
    assert Page.objects.filter(title="Na de back-up geschreven").exists()


def test_a_load_that_does_not_match_the_manifest_is_rolled_back(content, site_root, tmp_path):
    archive = _backup(tmp_path)

    def claim_two_cases(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["counts"]["casebook.CasePage"] = 2
        return json.dumps(manifest).encode()

    wrong = _rewrite(archive, tmp_path / "wrong.tar.gz", claim_two_cases)
    ContentPageFactory(parent=site_root, title="Na de back-up geschreven")

    with pytest.raises(CommandError, match=r"teruggedraaid.*casebook\.CasePage: 1 in plaats van 2"):
        _restore(wrong, "--force")
    # Nothing changed: the page written after the backup is still there, the rest too.
    assert Page.objects.filter(title="Na de back-up geschreven").exists()
    assert CasePage.objects.filter(title=CASE_TITLE).exists()
    assert Certificate.objects.count() == 1
