"""SQLite: an FTS5 trigram table over the number key, so that the number match of a search (a substring of
the number) reads an index instead of every row (PostgreSQL has the pg_trgm index since 0005)."""

from django.db import migrations

NUMBER_TABLE = "documents_legaldocument_number"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {NUMBER_TABLE} USING fts5(number_key, tokenize='trigram')")
    schema_editor.execute(
        f"INSERT INTO {NUMBER_TABLE} (rowid, number_key) SELECT id, number_key FROM documents_legaldocument"  # noqa: S608
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {NUMBER_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0006_search_indexes_without_pending_list"),
    ]

    operations = [migrations.RunPython(create, drop)]
