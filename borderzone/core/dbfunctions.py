"""Database functions computed by the database itself on every backend.

Django's ExtractYear runs a Python function per row on SQLite (django_date_extract); over millions of
monthly figures that costs more than the aggregate. `YearOf` is the engine's own: strftime on SQLite,
EXTRACT on PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.db.models import Func, IntegerField


class YearOf(Func):
    """The calendar year of a date column, as an integer."""

    template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS INTEGER)"
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # '%%%%Y' becomes '%%Y' here and '%Y' once the SQLite backend turns its format markers into '?'.
        return self.as_sql(
            compiler, connection, template="CAST(strftime('%%%%Y', %(expressions)s) AS INTEGER)", **extra_context
        )
