"""Backup and restore of the whole portal: the database and the uploaded files (media).

One archive (`.tar.gz`) holds

- `manifest.json`: when, which code version and database engine, the applied migrations,
  the number of rows per model, the SHA-256 of the database dump, the number of media files;
- `database.jsonl`: every row of every model as Django's serializer writes it (one JSON
  object per line), with the original primary keys, so the dump restores into SQLite and
  PostgreSQL alike (also from one into the other);
- `media/`: the folder MEDIA_ROOT (original images, renditions, documents).

Kept with their ids: content types and permissions too. Wagtail stores content type ids
inside revisions (the JSON of a page version) and in log entries; restoring them under
the same ids keeps every revision usable. Left out, because they are rebuilt or only
valid for a login: sessions (a restore logs everyone out), the portal's search index
(`search`), Wagtail's own search index and the admin's editing sessions.

A restore (`backup_restore`) checks the archive before it touches anything, refuses a
database with content unless told to replace it, brings the schema to the code's
migrations and requires them to equal the backup's, then empties every table and loads
the dump in one transaction, compares the row counts with the manifest (any difference
rolls everything back), copies the media files, and rebuilds the search indexes.

Management commands: `portal_backup` and `portal_restore` (thin, in
`portal/shell/management/commands/`). See README.md, "Operations".
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, router, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from search.indexing import search_index_rebuild, search_updates_paused

FORMAT = "doorbraak-leeromgeving-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_DUMP = "database.jsonl"
MEDIA = "media"

#: Not in the dump: rebuilt after a restore, or only valid for a login.
EXCLUDED_MODELS = (
    "sessions.Session",
    "search.CaseDocument",
    "search.CaseDocumentTerm",
    "search.CaseDocumentStem",
    "search.SiteDocument",
    "search.IndexOperation",  # the engine's backlog: the restore's rebuild covers it
    "wagtailsearch.IndexEntry",
    "wagtailsearch.SQLiteFTSIndexEntry",
    "wagtailadmin.EditingSession",
)

Report = Callable[[str], None]


def _excluded_present() -> list[str]:
    """The excluded models this installation has (Wagtail registers its SQLite full-text
    model on SQLite only)."""
    present = []
    for label in EXCLUDED_MODELS:
        try:
            apps.get_model(label)
        except LookupError:
            continue
        present.append(label)
    return present


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Dutch, for the operator."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    rows: int
    media_files: int
    media_included: bool


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict[str, Any]
    rows: int
    media_files: int
    replaced: dict[str, int]
    indexed: dict[str, int] = field(default_factory=dict)


# -- what is in the database --------------------------------------------------------
def backup_models(*, using: str = DEFAULT_DB_ALIAS) -> list[type[models.Model]]:
    """The models whose rows the dump holds, in the order `dumpdata` writes them."""
    return [
        model
        for app_config in apps.get_app_configs()
        for model in app_config.get_models()
        if not model._meta.proxy
        and model._meta.label not in EXCLUDED_MODELS
        and router.allow_migrate_model(using, model)
    ]


def row_counts(*, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """{model label: rows} of every model in the dump."""
    return {
        model._meta.label: model._base_manager.using(using).count()
        for model in backup_models(using=using)
    }


def database_content(*, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """What makes a database "not empty": accounts, pages beyond the two that Wagtail's
    migrations create (the tree root and its welcome page), images and documents.
    {Dutch description: number}, only the ones present; {} for a new or empty database."""
    tables = set(connections[using].introspection.table_names())
    checks = {
        "gebruikers": get_user_model(),
        "pagina's": Page,
        "afbeeldingen": get_image_model(),
        "documenten": get_document_model(),
    }
    found: dict[str, int] = {}
    for label, model in checks.items():
        if model._meta.db_table not in tables:
            continue
        queryset = model._base_manager.using(using)
        if model is Page:
            # Wagtail's own root (depth 1) and "Welcome" page are plain Pages.
            queryset = queryset.exclude(depth=1).exclude(
                content_type__app_label="wagtailcore", content_type__model="page"
            )
        count = queryset.count()
        if count:
            found[label] = count
    return found


def applied_migrations(*, using: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    """[[app label, migration name], ...] recorded as applied, sorted."""
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def code_version() -> str:
    try:
        return importlib.metadata.version("doorbraak-leeromgeving")
    except importlib.metadata.PackageNotFoundError:
        return "onbekend"


def media_root() -> Path | None:
    """The folder of the uploaded files, or None when they live elsewhere (a storage that
    is not the file system, e.g. an object store, has its own backups)."""
    if not isinstance(default_storage, FileSystemStorage):
        return None
    return Path(settings.MEDIA_ROOT)


# -- backup -------------------------------------------------------------------------
@contextlib.contextmanager
def _snapshot(*, using: str) -> Iterator[None]:
    """One consistent view of the database for the counts and the dump, without blocking
    the site's writes: REPEATABLE READ on PostgreSQL; on SQLite a deferred transaction
    (a read snapshot under WAL) instead of the IMMEDIATE one the settings ask for, which
    would hold the write lock for the whole dump. Inside an existing transaction (tests)
    that transaction is the snapshot."""
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        mode = connection.transaction_mode
        connection.transaction_mode = "DEFERRED"
        try:
            with transaction.atomic(using=using):
                yield
        finally:
            connection.transaction_mode = mode
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(root: Path | None) -> list[Path]:
    if root is None or not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def _dump(*, destination: Path, using: str) -> None:
    """`dumpdata` of every model but the excluded ones, content types first: building a
    Wagtail page (as loading does) looks up its content type, and would create one with a
    new id if the backup's were not there yet."""
    first = destination.with_suffix(".contenttypes.jsonl")
    rest = destination.with_suffix(".rest.jsonl")
    options = {"format": "jsonl", "use_base_manager": True, "database": using, "verbosity": 0}
    call_command("dumpdata", "contenttypes", output=str(first), **options)
    call_command(
        "dumpdata", output=str(rest), exclude=[*_excluded_present(), "contenttypes"], **options
    )
    with destination.open("wb") as out:
        for part in (first, rest):
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out)
            part.unlink()


def backup_path_default(*, directory: Path | None = None) -> Path:
    """var/backups/portal-<date>-<time>.tar.gz (or in `directory`)."""
    folder = directory or Path(settings.BASE_DIR) / "var" / "backups"
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return folder / f"portal-{stamp}.tar.gz"


def backup_create(*, destination: Path, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write the archive (see the module doc) to `destination`, a new file."""
    if destination.exists():
        raise BackupError(f"{destination} bestaat al; kies een nieuwe bestandsnaam.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    root = media_root()
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as work:
        dump = Path(work) / DATABASE_DUMP
        with _snapshot(using=using):
            counts = row_counts(using=using)
            migrations = applied_migrations(using=using)
            _dump(destination=dump, using=using)
        files = _media_files(root)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "code_version": code_version(),
            "database_vendor": connection.vendor,
            "migrations": migrations,
            "counts": counts,
            "rows": sum(counts.values()),
            "database_sha256": _sha256(dump),
            "excluded_models": list(EXCLUDED_MODELS),
            "media_included": root is not None,
            "media_files": len(files),
            "media_bytes": sum(path.stat().st_size for path in files),
        }
        partial = destination.with_name(destination.name + ".part")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(data))
                archive.add(dump, arcname=DATABASE_DUMP)
                for path in files:
                    archive.add(path, arcname=f"{MEDIA}/{path.relative_to(root).as_posix()}")
            partial.replace(destination)  # never a half-written archive under the real name
        finally:
            partial.unlink(missing_ok=True)
    return BackupResult(
        path=destination,
        rows=manifest["rows"],
        media_files=len(files),
        media_included=root is not None,
    )


# -- restore ------------------------------------------------------------------------
def backup_manifest_read(*, archive: Path) -> dict[str, Any]:
    """The manifest of an archive (BackupError when it is not one of ours)."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            manifest = json.load(member) if member else None
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{archive} is geen leesbare back-up ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is geen back-up van de leeromgeving.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Deze back-up heeft formaatversie {manifest.get('format_version')}; deze code "
            f"leest versie {FORMAT_VERSION}."
        )
    return manifest


def _unpack(*, archive: Path, into: Path) -> dict[str, Any]:
    """Check and unpack the archive; the dump must match the manifest's checksum and the
    media the manifest's count. Unsafe members (absolute paths, `..`, links out of the
    folder, devices) are refused by tarfile's "data" filter."""
    manifest = backup_manifest_read(archive=archive)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, filter="data")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"De back-up is beschadigd en niet te lezen ({error}).") from error
    dump = into / DATABASE_DUMP
    if not dump.is_file() or _sha256(dump) != manifest.get("database_sha256"):
        raise BackupError(
            "De back-up is beschadigd: de databasedump klopt niet met de controlesom in het "
            "manifest."
        )
    if len(_media_files(into / MEDIA)) != manifest.get("media_files", 0):
        raise BackupError(
            "De back-up is beschadigd: het aantal mediabestanden klopt niet met het manifest."
        )
    return manifest


def _check_migrations(*, manifest: dict[str, Any], using: str) -> None:
    """The schema must be the backup's: same migrations applied (among those this code
    knows), or rows may not fit their tables."""
    connection = connections[using]
    on_disk = set(MigrationLoader(connection, ignore_no_migrations=True).disk_migrations)
    applied = {tuple(item) for item in applied_migrations(using=using)}
    backup = {tuple(item) for item in manifest["migrations"]}
    unknown = sorted(backup - applied)
    newer = sorted((applied & on_disk) - backup)
    version = manifest.get("code_version", "onbekend")
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"De back-up komt van een nieuwere of andere versie van de code ({version}); "
            f"deze code kent de migraties {names} niet. Zet eerst de code van de back-up "
            "neer en herstel dan."
        )
    if newer:
        names = ", ".join(f"{app}.{name}" for app, name in newer[:5])
        raise BackupError(
            f"De back-up komt van een oudere versie van de code ({version}); sindsdien "
            f"zijn migraties bijgekomen ({names}). Herstel met de code van de back-up en "
            "voer daarna de nieuwe versie en `manage.py migrate` in."
        )


def _empty_all_tables(*, using: str) -> None:
    """Delete every row of every table of the project's models (TRUNCATE on PostgreSQL),
    the migration records excepted. Inside the caller's transaction."""
    connection = connections[using]
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=False)
    if connection.vendor == "postgresql":
        # PostgreSQL refuses to TRUNCATE a table with deferred foreign key checks still
        # pending in this transaction (rows written earlier in it); run them now.
        connection.check_constraints()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _reset_caches() -> None:
    """Content type ids and site root paths cached in this process may be stale now."""
    ContentType.objects.clear_cache()
    Site.clear_site_root_paths_cache()


def backup_restore(
    *,
    archive: Path,
    force: bool = False,
    rebuild_search: bool = True,
    using: str = DEFAULT_DB_ALIAS,
    report: Report | None = None,
) -> RestoreResult:
    """Restore an archive of `backup_create` into this database and MEDIA_ROOT.

    Refuses a database with content (see `database_content`) unless `force`, in which
    case everything in it is replaced. Nothing is changed when the archive is damaged,
    the migrations differ or loading fails: the tables are emptied and loaded in one
    transaction, and the media copied only after it commits."""
    say = report or (lambda message: None)
    archive = Path(archive)
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        unpacked = Path(work)
        manifest = _unpack(archive=archive, into=unpacked)
        say(
            f"Back-up van {_when(manifest['created_at'])} (code {manifest['code_version']}, "
            f"{manifest['database_vendor']}) gecontroleerd: {manifest['rows']} rijen, "
            f"{manifest['media_files']} mediabestanden."
        )
        present = database_content(using=using)
        if present and not force:
            what = ", ".join(f"{count} {label}" for label, count in present.items())
            raise BackupError(
                f"De database is niet leeg ({what}). Een herstel vervangt alles wat erin "
                "staat. Weet je het zeker? Gebruik dan --force."
            )
        call_command("migrate", interactive=False, database=using, verbosity=0)
        _check_migrations(manifest=manifest, using=using)

        root = media_root()
        if manifest["media_files"] and root is None:
            raise BackupError(
                "De back-up bevat mediabestanden, maar de bestanden van deze site staan niet "
                "op het bestandssysteem (STORAGES['default']); zet ze daar zelf terug."
            )

        dump = unpacked / DATABASE_DUMP
        with search_updates_paused(), transaction.atomic(using=using):
            _empty_all_tables(using=using)
            _reset_caches()
            if manifest["rows"]:
                call_command("loaddata", str(dump), database=using, verbosity=0)
            _reset_caches()
            counts = row_counts(using=using)
            different = {
                label: (expected, counts.get(label, 0))
                for label, expected in manifest["counts"].items()
                if counts.get(label, 0) != expected
            }
            if different:
                details = ", ".join(
                    f"{label}: {found} in plaats van {expected}"
                    for label, (expected, found) in sorted(different.items())[:5]
                )
                raise BackupError(
                    f"Het herstel is teruggedraaid: de aantallen kloppen niet ({details})."
                )
            # Models added since the backup (if any) get their content types and
            # permissions, as `migrate` would give them.
            for app_config in apps.get_app_configs():
                create_contenttypes(app_config, verbosity=0, using=using)
                create_permissions(app_config, verbosity=0, using=using)
        _reset_caches()
        say(f"Database hersteld: {manifest['rows']} rijen.")

        media_files = 0
        if root is not None and (unpacked / MEDIA).is_dir():
            root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(unpacked / MEDIA, root, dirs_exist_ok=True)
            media_files = manifest["media_files"]
        say(f"Mediabestanden teruggezet: {media_files}.")

    indexed: dict[str, int] = {}
    if rebuild_search:
        indexed = search_index_rebuild()
        call_command("update_index", verbosity=0, stdout=io.StringIO())
        say(
            f"Zoekindex opnieuw opgebouwd: {indexed.get('cases', 0)} casussen, "
            f"{indexed.get('site', 0)} pagina's; ook de zoekindex van het beheer."
        )
    return RestoreResult(
        manifest=manifest,
        rows=manifest["rows"],
        media_files=media_files,
        replaced=present,
        indexed=indexed,
    )


def _when(iso: str) -> str:
    try:
        return timezone.localtime(datetime.fromisoformat(iso)).strftime("%d-%m-%Y %H:%M")
    except (TypeError, ValueError):
        return str(iso)
