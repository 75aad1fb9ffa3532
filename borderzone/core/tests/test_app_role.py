"""On PostgreSQL the application's role owns no table: it inserts audit rows but cannot update, delete,
truncate them or disable the audit trigger (issue 14). `.ci/run` runs this on PostgreSQL."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError

# The role is created inside the test's transaction, so it disappears with the rollback.
pytestmark = pytest.mark.django_db

ROLE = f"bz_app_test_{os.getpid()}"


@pytest.fixture
def app_role():
    if connection.vendor != "postgresql":
        pytest.skip("roles exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
    call_command("grant_app_role", role=ROLE, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return ROLE


def _as_app(sql: str, params: list | None = None) -> None:
    """Run `sql` as the application role in a transaction that is rolled back whatever happens."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET ROLE {ROLE}")
            cursor.execute(sql, params or [])
            transaction.set_rollback(True)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def _insert_audit_row() -> None:
    _as_app(
        "INSERT INTO core_auditevent (created_at, via, content_type_id, object_id, object_repr, action, changes, note) "
        "SELECT now(), 'test', min(id), '1', 'x', 'created', '{}', '' FROM django_content_type"
    )


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET object_repr = 'changed'",
        "DELETE FROM core_auditevent",
        "TRUNCATE core_auditevent",
        "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only",
        "ALTER TABLE core_auditevent DISABLE TRIGGER ALL",
        "DROP TABLE core_auditevent",
        "CREATE TABLE sneaky (id int)",
    ],
)
def test_the_app_role_cannot_change_audit_rows_or_their_trigger(app_role, sql):
    with pytest.raises(DatabaseError, match="permission denied|must be owner"):
        _as_app(sql)


def test_the_app_role_inserts_audit_rows_and_writes_other_tables(app_role):
    _insert_audit_row()
    _as_app("SELECT count(*) FROM core_auditevent")
    _as_app("UPDATE core_dataversion SET version = version WHERE false")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = %s", [ROLE])
        assert cursor.fetchone()[0] == 0
