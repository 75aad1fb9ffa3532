"""Search that stays flat as documents grow (PostgreSQL):

- the GIN indexes of the search (the stored vector and the trigram indexes) are written directly on each
  change (`fastupdate = off`) instead of through a pending list: every search scans the whole pending list
  linearly until a vacuum folds it (up to 4 MB, 8,000 rows after a bulk load: 10–14 ms per search at 30,000
  documents); documents are written rarely, searched often;
- an index in the search's order (issued on, id, newest first), so that a page of a large result reads
  the documents in that order and stops after the page, instead of sorting every match.
"""

from django.db import migrations, models

GIN_INDEXES = (
    "documents_search_vector_gin",
    "documents_title_zh_trgm",
    "documents_summary_zh_trgm",
    "documents_number_key_trgm",
)


def _existing(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        found = []
        for name in GIN_INDEXES:  # the trigram indexes are missing when pg_trgm could not be created
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
            if cursor.fetchone()[0]:
                found.append(name)
        return found


def without_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in _existing(schema_editor):
        schema_editor.execute(f"ALTER INDEX {name} SET (fastupdate = off)")
        # Fold what is already pending (the option stops new entries from going there).
        schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])


def with_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in _existing(schema_editor):
        schema_editor.execute(f"ALTER INDEX {name} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0005_stored_search_vector"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="legaldocument",
            index=models.Index(fields=["-issued_on", "-id"], name="document_order_idx"),
        ),
        migrations.RunPython(without_pending_list, with_pending_list),
    ]
