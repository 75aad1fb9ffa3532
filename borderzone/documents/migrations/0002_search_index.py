"""The search index: the unaccent extension on PostgreSQL, an FTS5 table on SQLite."""

from django.db import migrations

FTS_TABLE = "documents_legaldocument_fts"


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    elif connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(body, tokenize='unicode61 remove_diacritics 2')"
        )
        schema_editor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, body) SELECT id, search_text FROM documents_legaldocument"  # noqa: S608
        )


def drop_index(apps, schema_editor):
    # The extension may serve others; only the SQLite table is ours to drop.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_register_and_procedures")]

    operations = [migrations.RunPython(create_index, drop_index)]
