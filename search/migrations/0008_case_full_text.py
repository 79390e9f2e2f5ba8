"""The database engine's full-text index of the case index's stemmed text, per vendor:

- SQLite: an FTS5 table over search_casedocument.text_stems (external content: the
  text is not stored twice), kept in step by triggers on search_casedocument, so every
  write to the index (update, removal, rebuild, a page's cascade) changes it in the same
  transaction;
- PostgreSQL: a GIN index on the text's tsvector ('simple' configuration: the text is
  already analysed by search.text, exactly as the stem index and the engines are);
- any other database: nothing (the engine then reads the texts, as before).

Plus a covering index of what a search reads of a matched document.
"""

from django.conf import settings
from django.db import migrations, models

#: The FTS5 table search.backends.database.FTS_TABLE, and the triggers keeping it in step.
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_casedocument_fts USING fts5(text_stems,"
    " content='search_casedocument', content_rowid='page_id',"
    " tokenize=\"unicode61 remove_diacritics 0 tokenchars '_|'\")",
    "CREATE TRIGGER search_casedocument_fts_insert AFTER INSERT ON search_casedocument"
    " BEGIN INSERT INTO search_casedocument_fts(rowid, text_stems)"
    " VALUES (new.page_id, new.text_stems); END",
    "CREATE TRIGGER search_casedocument_fts_delete AFTER DELETE ON search_casedocument"
    " BEGIN INSERT INTO search_casedocument_fts(search_casedocument_fts, rowid, text_stems)"
    " VALUES ('delete', old.page_id, old.text_stems); END",
    "CREATE TRIGGER search_casedocument_fts_update AFTER UPDATE OF page_id, text_stems"
    " ON search_casedocument"
    " BEGIN INSERT INTO search_casedocument_fts(search_casedocument_fts, rowid, text_stems)"
    " VALUES ('delete', old.page_id, old.text_stems);"
    " INSERT INTO search_casedocument_fts(rowid, text_stems)"
    " VALUES (new.page_id, new.text_stems); END",
    # Index the documents already there.
    "INSERT INTO search_casedocument_fts(search_casedocument_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_casedocument_fts_update",
    "DROP TRIGGER IF EXISTS search_casedocument_fts_delete",
    "DROP TRIGGER IF EXISTS search_casedocument_fts_insert",
    "DROP TABLE IF EXISTS search_casedocument_fts",
]
#: The expression the backend matches on (search.backends.database.PG_TSVECTOR).
PG_FORWARD = [
    "CREATE INDEX search_casedoc_text_gin ON search_casedocument"
    " USING GIN (to_tsvector('simple'::regconfig, LEFT(text_stems, 100000)))",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS search_casedoc_text_gin"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_seed_jw_synonym"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="casedocument",
            index=models.Index(
                fields=["page", "year", "region", "phase", "outcome", "prevented_total", "title"],
                name="search_casedoc_facets",
            ),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}),
        ),
    ]
