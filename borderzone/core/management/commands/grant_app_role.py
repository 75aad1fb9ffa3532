"""Give the application's PostgreSQL role what it needs and nothing more (issue 14).

Run as the owner role (the one `migrate` runs as), after every `migrate`; safe to run twice. The
application role owns no table: it reads and writes rows, may only INSERT and SELECT the audit table,
and so can neither update, delete nor truncate audit rows nor disable the table's trigger (only an
owner may ALTER a table).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from borderzone.core.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Grant the application role (--role) row access to every table and sequence of the schema, "
        "INSERT and SELECT only on the audit table. Run as the owner role after migrate; idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--role", required=True, help="the PostgreSQL role the application connects as")
        parser.add_argument("--schema", default="public")

    def handle(self, *args: Any, role: str, schema: str, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Roles and grants exist on PostgreSQL only.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
            owner, _superuser = cursor.fetchone()
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                raise CommandError(f"The role {role!r} does not exist: CREATE ROLE {role} LOGIN PASSWORD '...' first.")
            if role == owner:
                raise CommandError("The application role must not be the owner role that runs migrations.")
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = %s AND tableowner = %s", [schema, role])
            owned = cursor.fetchone()[0]
            if owned:
                raise CommandError(f"{role} owns {owned} tables; reassign them: REASSIGN OWNED BY {role} TO {owner}.")
        audit = connection.ops.quote_name(AuditEvent._meta.db_table)
        q_role = connection.ops.quote_name(role)
        q_schema = connection.ops.quote_name(schema)
        statements = [
            f"GRANT USAGE ON SCHEMA {q_schema} TO {q_role}",
            f"REVOKE CREATE ON SCHEMA {q_schema} FROM {q_role}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {q_schema} TO {q_role}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q_schema} TO {q_role}",
            f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {audit} FROM {q_role}",
            f"REVOKE TRUNCATE, TRIGGER, REFERENCES ON ALL TABLES IN SCHEMA {q_schema} FROM {q_role}",
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = %s", [schema])
            tables = cursor.fetchone()[0]
        self.stdout.write(
            f"{role}: rows of {tables} tables; audit table {AuditEvent._meta.db_table}: insert and read only."
        )
