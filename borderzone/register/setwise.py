"""Lateness and legal flags on a day, set-wise: conditions on the project-state row covering the day
(`states.py`), so that counting the late or flagged projects of a zone, or listing them, is one indexed
range query in the database instead of an evaluation of every project in Python.

They follow exactly the rules of the per-project evaluator (`selectors._evaluate_rows`), which stays the
one that explains a flag (detail, law, article) for the rows a page shows; a test compares both over the
demo data and generated registers on several days (`tests/test_setwise.py`):
- late on D: a milestone planned in the version in force before D, not reached on or before D, not implied
  by the status; never a terminated project (`late_sql`, the one definition: the lists' late filter uses it
  through `selectors._holds`, tests through `late_q`, the counts and `summary_and_attention` through `late_sql` and `late_count_sql`);
- flagged on D: one of the legal rules in force on D (valid_from <= D < valid_to), limited to projects
  with a policy approval when the rule says so and to its transitional condition on the first
  certificate, holds on the state row. Rules are data: the SQL is built from the rule rows in force.

The conditions are SQL written here from the rule rows (string building costs microseconds; the same
conditions as Django lookups cost more to compile than to run), over a state row whose table alias is
filled in where they are used: `StateSQL` follows the alias Django gives the state table (also inside a
subquery), and `summary_and_attention` (selectors) uses them in one hand-written query.

"X months after a date is before D" is turned into "the date is on or before a threshold" computed in
Python with the evaluator's own month arithmetic (`add_months`), so the database compares plain dates;
the extension rule compares two columns, and there `add_months_sql` reproduces `add_months` (the day
clamped to the end of a shorter month) on PostgreSQL and SQLite.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, Field, IntegerField, Q
from django.db.models.expressions import Expression

from borderzone.register.models import IMPLIED_BY_STATUS, LegalRule, MilestoneKind, ProjectState, RuleCondition, Status
from borderzone.register.states import KINDS

#: The milestones that put land into use, for the "behind its land-use schedule" limb.
LAND_USE_MILESTONES = (MilestoneKind.CONSTRUCTION_START, MilestoneKind.CONSTRUCTION_COMPLETION)


@functools.lru_cache(maxsize=65536)
def add_months(day: dt.date, months: int) -> dt.date:
    """`months` calendar months after `day` (before it when negative), the day clamped to the month's end."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def rules_in_force(day: dt.date) -> list[LegalRule]:
    """The legal rules in force on `day`: valid_from <= day < valid_to."""
    return list(LegalRule.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day))


def months_before_limit(day: dt.date, months: int) -> dt.date:
    """The last date X with add_months(X, months) < day (add_months never decreases as X grows)."""
    candidate = add_months(day, -months) + dt.timedelta(days=4)
    while add_months(candidate, months) >= day:
        candidate -= dt.timedelta(days=1)
    return candidate


T = "\u27e8t\u27e9"  # where the state table's alias goes


class Fragment:
    """SQL over a state row (its alias written `T`) with its parameters: `p(value)` leaves a marker where
    the value goes and `render` turns the markers into placeholders with the values in their textual order
    (so pieces may be built in any order)."""

    MARK = re.compile("\u27e8p(\\d+)\u27e9")

    def __init__(self) -> None:
        self.values: list[Any] = []

    def p(self, value: Any) -> str:
        self.values.append(value)
        return f"\u27e8p{len(self.values) - 1}\u27e9"

    def render(self, sql: str) -> tuple[str, list[Any]]:
        params: list[Any] = []

        def placeholder(match: re.Match[str]) -> str:
            params.append(self.values[int(match.group(1))])
            return "%s"

        return self.MARK.sub(placeholder, sql), params


def add_months_sql(column: str, months: int) -> str:
    """`add_months(column, months)` in SQL: the day clamped to the end of a shorter month."""
    if connection.vendor == "postgresql":  # PostgreSQL clamps like add_months
        return f"(({column}) + make_interval(months => {int(months)}))::date"
    # SQLite rolls over into the next month: the earlier of that and the target month's last day
    return (
        f"MIN(date({column}, '+{int(months)} months'), "
        f"date({column}, 'start of month', '+{int(months) + 1} months', '-1 day'))"
    )


def _shift_sql(column: str, earlier: str, later: str) -> str:
    """`column + (later - earlier)`: a date moved by the days between two others."""
    if connection.vendor == "postgresql":
        return f"(({column}) + (({later}) - ({earlier})))"
    return f"date(julianday({column}) + julianday({later}) - julianday({earlier}))"


def _implied(kind: str) -> list[str]:
    return [status for status, kinds in IMPLIED_BY_STATUS.items() if kind in kinds]


def _not_reached_by(f: Fragment, kind: str, day: dt.date) -> str:
    return f"({T}.reached_{kind} IS NULL OR {T}.reached_{kind} > {f.p(day)})"


def _not_implied(f: Fragment, kind: str) -> str:
    implied = _implied(kind)
    if not implied:
        return ""
    return f" AND {T}.status NOT IN ({', '.join(f.p(x) for x in implied)})"


def _late_kind(f: Fragment, kind: str, day: dt.date) -> str:
    return f"({T}.plan_{kind} < {f.p(day)} AND {_not_reached_by(f, kind, day)}{_not_implied(f, kind)})"


def _live(f: Fragment) -> str:
    return f"{T}.status <> {f.p(Status.TERMINATED.value)}"


def _rule_sql(f: Fragment, rule: LegalRule, day: dt.date) -> str:
    """The state row is flagged on `day` by `rule` (assumed in force on `day`), termination not counted."""
    parts: list[str] = []
    if rule.condition == RuleCondition.OVERDUE:
        limit = months_before_limit(day, rule.months)
        parts = [f"({_late_kind(f, k, day)} AND {T}.plan_{k} <= {f.p(limit)})" for k in KINDS]
    elif rule.condition == RuleCondition.EXTENSION_BEYOND_FIRST:
        parts = [
            f"({T}.plan_{k} IS NOT NULL AND {T}.first_{k} IS NOT NULL AND {_not_reached_by(f, k, day)}"
            f" AND {T}.plan_{k} > {add_months_sql(f'{T}.first_{k}', rule.months)})"
            for k in KINDS
        ]
    elif rule.condition == RuleCondition.LAND_UNUSED:
        limit = months_before_limit(day, rule.months)
        start = MilestoneKind.CONSTRUCTION_START.value
        parts = [
            f"({T}.reached_land_handover <= {f.p(limit)} AND {_not_reached_by(f, start, day)}{_not_implied(f, start)})"
        ]
    elif rule.condition == RuleCondition.LAND_BEHIND:
        limit = months_before_limit(day, rule.months)
        for kind in (k.value for k in LAND_USE_MILESTONES):
            due = f"{T}.plan_{kind}"
            if rule.counts_from_handover:
                # The State handed the land over after the planned day: the schedule counts from the handover.
                late_handover = (
                    f"{T}.reached_land_handover <= {f.p(day)} AND {T}.plan_land_handover IS NOT NULL"
                    f" AND {T}.reached_land_handover > {T}.plan_land_handover"
                )
                moved = _shift_sql(due, f"{T}.plan_land_handover", f"{T}.reached_land_handover")
                due = f"(CASE WHEN {late_handover} THEN {moved} ELSE {due} END)"
            parts.append(
                f"({T}.plan_{kind} IS NOT NULL AND {_not_reached_by(f, kind, day)}{_not_implied(f, kind)}"
                f" AND {due} <= {f.p(limit)})"
            )
    if not parts:  # a condition the evaluator does not know flags nothing there either
        return "(1 = 0)"
    applies = []
    if rule.policy_approved_only:
        applies.append(f"{T}.policy_approval = {f.p(True)}")
    if rule.certificates_issued_before is not None or rule.certificates_issued_from is not None:
        table = ProjectState._meta.db_table
        first = f"(SELECT MIN(f1.valid_from) FROM {table} f1 WHERE f1.project_id = {T}.project_id)"  # noqa: S608  # nosec B608
        if rule.certificates_issued_before is not None:
            applies.append(f"{first} < {f.p(rule.certificates_issued_before)}")
        if rule.certificates_issued_from is not None:
            applies.append(f"{first} >= {f.p(rule.certificates_issued_from)}")
    return "(" + " AND ".join([*applies, "(" + " OR ".join(parts) + ")"]) + ")"


def late_sql(f: Fragment, day: dt.date) -> str:
    """The state's project is late on `day`."""
    return f"({_live(f)} AND (" + " OR ".join(_late_kind(f, k, day) for k in KINDS) + "))"


def flagged_sql(f: Fragment, day: dt.date, rules: Iterable[LegalRule]) -> str:
    """The state's project is flagged on `day` by one of `rules` (those in force on `day`)."""
    holds = [_rule_sql(f, r, day) for r in rules]
    if not holds:
        return "(1 = 0)"
    return f"({_live(f)} AND (" + " OR ".join(holds) + "))"


def late_count_sql(f: Fragment, day: dt.date) -> str:
    """How many milestones the state's project is late on, on `day` (0 when terminated)."""
    terms = " + ".join(f"(CASE WHEN {_late_kind(f, k, day)} THEN 1 ELSE 0 END)" for k in KINDS)
    return f"(CASE WHEN {_live(f)} THEN {terms} ELSE 0 END)"


def flag_count_sql(f: Fragment, day: dt.date, rules: Iterable[LegalRule]) -> str:
    """How many rules in force flag the state's project on `day` (0 when terminated)."""
    terms = " + ".join(f"(CASE WHEN {_rule_sql(f, r, day)} THEN 1 ELSE 0 END)" for r in rules) or "0"
    return f"(CASE WHEN {_live(f)} THEN {terms} ELSE 0 END)"


def with_alias(sql: str, alias: str) -> str:
    return sql.replace(T, alias)


class StateSQL(Expression):
    """A fragment over the state row in an ORM query: the alias is the one Django gives the state table
    (followed through relabelling when the query becomes a subquery)."""

    def __init__(self, sql: str, params: list[Any], output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.sql, self.params, self.column = sql, params, F("project_id")

    @classmethod
    def of(cls, f: Fragment, sql: str, output_field: Field) -> StateSQL:
        return cls(*f.render(sql), output_field=output_field)

    @property
    def conditional(self) -> bool:
        return isinstance(self.output_field, BooleanField)

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.column,) = exprs

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        column, _ = compiler.compile(self.column)  # "alias"."project_id"
        alias = column[: column.rindex(".")]
        return "(" + with_alias(self.sql, alias) + ")", tuple(self.params)


def late_q(day: dt.date) -> Q:
    """States (covering `day`) whose project is late on `day`."""
    f = Fragment()
    return Q(StateSQL.of(f, late_sql(f, day), BooleanField()))


def flagged_q(day: dt.date, rules: Iterable[LegalRule] | None = None) -> Q:
    """States (covering `day`) whose project is flagged on `day` by a rule in force on `day`."""
    f = Fragment()
    sql = flagged_sql(f, day, rules_in_force(day) if rules is None else rules)
    return Q(StateSQL.of(f, sql, BooleanField()))


def late_count(day: dt.date) -> StateSQL:
    f = Fragment()
    return StateSQL.of(f, late_count_sql(f, day), IntegerField())


def flag_count(day: dt.date, rules: Iterable[LegalRule]) -> StateSQL:
    f = Fragment()
    return StateSQL.of(f, flag_count_sql(f, day, rules), IntegerField())


# --- one column per milestone and per rule, for exports (additions; the conditions above are unchanged) ---


def late_kind_sql(f: Fragment, kind: str, day: dt.date) -> str:
    """The state's project is late on `day` on milestone `kind` (never when terminated): one limb of
    `late_sql`, so a row can say which milestones it is late on."""
    return f"({_live(f)} AND {_late_kind(f, kind, day)})"


def rule_flags_sql(f: Fragment, rule: LegalRule, day: dt.date) -> str:
    """`rule` (in force on `day`) flags the state's project on `day` (never when terminated): one limb of
    `flagged_sql`, so a row can say which rules flag it."""
    return f"({_live(f)} AND {_rule_sql(f, rule, day)})"


class ProjectStateSQL(StateSQL):
    """A `StateSQL` in a query over projects joined to their state row covering the day (as
    `selectors.projects_as_of` joins it): the alias is that of the joined state table."""

    def __init__(self, sql: str, params: list[Any], output_field: Field) -> None:
        super().__init__(sql, params, output_field)
        self.column = F("states__valid_from")
