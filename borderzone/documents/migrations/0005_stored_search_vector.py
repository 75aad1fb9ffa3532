"""The stored search vector with its GIN index, and the indexes of Chinese substring matching: pg_trgm
GIN indexes on PostgreSQL, an FTS5 trigram table on SQLite. Filled from the stored columns."""

import logging

import django.contrib.postgres.search
from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

ZH_TABLE = "documents_legaldocument_zh"
TRIGRAM_INDEXES = {
    "documents_title_zh_trgm": "title_zh",
    "documents_summary_zh_trgm": "summary_zh",
    "documents_number_key_trgm": "number_key",
}


def create_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS documents_search_vector_gin ON documents_legaldocument USING gin (search_vector)"
        )
        try:
            # A trusted extension (PostgreSQL 13+): the database owner running migrations may create it.
            with transaction.atomic(using=connection.alias):
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            logger.warning("pg_trgm could not be created: Chinese search stays correct, without its index")
        else:
            for name, column in TRIGRAM_INDEXES.items():
                schema_editor.execute(
                    f"CREATE INDEX IF NOT EXISTS {name} ON documents_legaldocument USING gin ({column} gin_trgm_ops)"
                )
        schema_editor.execute(
            "UPDATE documents_legaldocument SET search_vector = to_tsvector('simple', search_text)"
        )
    elif connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {ZH_TABLE} USING fts5(title_zh, summary_zh, tokenize='trigram')"
        )
        schema_editor.execute(
            f"INSERT INTO {ZH_TABLE} (rowid, title_zh, summary_zh) "  # noqa: S608
            "SELECT id, title_zh, summary_zh FROM documents_legaldocument"
        )


def drop_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for name in ("documents_search_vector_gin", *TRIGRAM_INDEXES):
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    elif connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {ZH_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_add_document_review"),
    ]

    operations = [
        migrations.AddField(
            model_name="legaldocument",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
