"""The visit log is a queue: every page view appends a row and the worker deletes what it folded, so on
PostgreSQL its dead rows would pile up between autovacuum runs (by default a table is vacuumed after a fifth
of its rows died, counted against a table the planner thinks large) and each counter read would scan them.
These settings have autovacuum clean it, and the presence rows the fold updates, once a thousand rows died,
whatever the table's size. (Autovacuum visits each database every `autovacuum_naptime`: docs/operations.md.)"""

from django.db import migrations

TABLES = ("portal_visitlog", "portal_visitorpresence")
SETTINGS = (
    "autovacuum_vacuum_scale_factor = 0.0, autovacuum_vacuum_threshold = 1000, "
    "autovacuum_vacuum_insert_scale_factor = 0.0, autovacuum_vacuum_insert_threshold = 1000, "
    "autovacuum_analyze_scale_factor = 0.0, autovacuum_analyze_threshold = 1000, autovacuum_vacuum_cost_delay = 0"
)
NAMES = (
    "autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_vacuum_insert_scale_factor, "
    "autovacuum_vacuum_insert_threshold, autovacuum_analyze_scale_factor, autovacuum_analyze_threshold, "
    "autovacuum_vacuum_cost_delay"
)


def _set(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} SET ({SETTINGS})")  # noqa: S608  # nosec B608 - constant names


def _reset(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} RESET ({NAMES})")  # noqa: S608  # nosec B608 - constant names


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_visit_log")]

    operations = [migrations.RunPython(_set, _reset)]
