"""Lateness and legal flags on a day, set-wise: conditions on the project-state row covering the day
(`states.py`), so that counting the late or flagged projects of a zone, or listing them, is one indexed
range query in the database instead of an evaluation of every project in Python.

They follow exactly the rules of the per-project evaluator (`selectors._evaluate_rows`), which stays the
one that explains a flag (detail, law, article) for the rows a page shows; a test compares both over the
demo data and generated registers on several days (`tests/test_setwise.py`):
- late on D: a milestone planned in the version in force before D, not reached on or before D, not implied
  by the status; never a terminated project (`states.late_on`);
- flagged on D: one of the legal rules in force on D (valid_from <= D < valid_to), limited to projects
  with a policy approval when the rule says so and to its transitional condition on the first
  certificate, holds on the state row. Rules are data: the SQL is built from the rule rows in force.

"X months after a date is before D" is turned into "the date is on or before a threshold" computed in
Python with the evaluator's own month arithmetic (`add_months`), so the database compares plain dates
and no month arithmetic of the two databases (which differ at the end of months) is involved, except for
the extension rule, which compares two columns: there `AddMonths` reproduces `add_months` (the day
clamped to the end of a shorter month) on PostgreSQL and SQLite.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Iterable
from functools import reduce
from operator import add, or_
from typing import Any

from django.db.models import Case, DateField, F, Func, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import Combinable
from django.db.models.lookups import LessThanOrEqual

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


class AddMonths(Func):
    """`add_months(date, n)` in SQL: n calendar months later, the day clamped to the end of a shorter month."""

    output_field = DateField()

    def __init__(self, expression: Any, months: int) -> None:
        self.months = int(months)
        super().__init__(expression)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        sql, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":  # PostgreSQL clamps to the end of the month like add_months
            return f"(({sql}) + make_interval(months => {self.months}))::date", list(params)
        if connection.vendor == "sqlite":  # SQLite rolls over into the next month: keep the earlier of the two
            return (
                f"MIN(date({sql}, '+{self.months} months'), "
                f"date({sql}, 'start of month', '+{self.months + 1} months', '-1 day'))",
                [*params, *params],
            )
        raise NotImplementedError(f"AddMonths on {connection.vendor}")


class ShiftDate(Func):
    """`date + (later - earlier)`: a date moved by the days between two others."""

    output_field = DateField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        parts = [compiler.compile(e) for e in self.source_expressions]
        (day, p1), (earlier, p2), (later, p3) = parts
        params = [*p1, *p3, *p2]
        if connection.vendor == "postgresql":
            return f"(({day}) + (({later}) - ({earlier})))", params
        if connection.vendor == "sqlite":
            return f"date(julianday({day}) + julianday({later}) - julianday({earlier}))", params
        raise NotImplementedError(f"ShiftDate on {connection.vendor}")


def months_before_limit(day: dt.date, months: int) -> dt.date:
    """The last date X with add_months(X, months) < day (add_months never decreases as X grows)."""
    candidate = add_months(day, -months) + dt.timedelta(days=4)
    while add_months(candidate, months) >= day:
        candidate -= dt.timedelta(days=1)
    return candidate


def _implied(kind: str) -> list[str]:
    return [status for status, kinds in IMPLIED_BY_STATUS.items() if kind in kinds]


def _reached_by(kind: str, day: dt.date) -> Q:
    return Q(**{f"reached_{kind}__lte": day})


def _not_reached_by(kind: str, day: dt.date) -> Q:
    return Q(**{f"reached_{kind}__isnull": True}) | Q(**{f"reached_{kind}__gt": day})


def _not_implied(kind: str) -> Q:
    implied = _implied(kind)
    return ~Q(status__in=implied) if implied else Q()


def late_kind(kind: str, day: dt.date) -> Q:
    """The state's project is late on `kind` on `day` (terminated projects are left to the caller)."""
    return Q(**{f"plan_{kind}__lt": day}) & _not_reached_by(kind, day) & _not_implied(kind)


def _first_issued() -> Subquery:
    """The day the state's project was first certified: the start of its first state."""
    return Subquery(
        ProjectState.objects.filter(project_id=OuterRef("project_id")).order_by("valid_from").values("valid_from")[:1]
    )


def rule_holds(rule: LegalRule, day: dt.date) -> Q:
    """The state row is flagged on `day` by `rule` (assumed in force on `day`), not counting termination."""
    condition: Q
    if rule.condition == RuleCondition.OVERDUE:
        limit = months_before_limit(day, rule.months)
        condition = reduce(or_, (late_kind(k, day) & Q(**{f"plan_{k}__lte": limit}) for k in KINDS))
    elif rule.condition == RuleCondition.EXTENSION_BEYOND_FIRST:
        condition = reduce(
            or_,
            (
                Q(**{f"plan_{k}__isnull": False, f"first_{k}__isnull": False})
                & _not_reached_by(k, day)
                & Q(**{f"plan_{k}__gt": AddMonths(F(f"first_{k}"), rule.months)})
                for k in KINDS
            ),
        )
    elif rule.condition == RuleCondition.LAND_UNUSED:
        limit = months_before_limit(day, rule.months)
        start = MilestoneKind.CONSTRUCTION_START.value
        condition = Q(reached_land_handover__lte=limit) & _not_reached_by(start, day) & _not_implied(start)
    elif rule.condition == RuleCondition.LAND_BEHIND:
        limit = months_before_limit(day, rule.months)
        # The State handed the land over after the planned day: the schedule counts from the handover.
        shifted = (
            Q(reached_land_handover__lte=day)
            & Q(plan_land_handover__isnull=False)
            & Q(reached_land_handover__gt=F("plan_land_handover"))
        )
        not_shifted = (
            Q(reached_land_handover__isnull=True)
            | Q(reached_land_handover__gt=day)
            | Q(plan_land_handover__isnull=True)
            | Q(reached_land_handover__lte=F("plan_land_handover"))
        )
        parts = []
        for kind in (k.value for k in LAND_USE_MILESTONES):
            base = Q(**{f"plan_{kind}__isnull": False}) & _not_reached_by(kind, day) & _not_implied(kind)
            unshifted = Q(**{f"plan_{kind}__lte": limit})
            if rule.counts_from_handover:
                moved = ShiftDate(F(f"plan_{kind}"), F("plan_land_handover"), F("reached_land_handover"))
                on_time = (shifted & Q(LessThanOrEqual(moved, Value(limit, output_field=DateField())))) | (
                    not_shifted & unshifted
                )
                parts.append(base & on_time)
            else:
                parts.append(base & unshifted)
        condition = reduce(or_, parts)
    else:  # a condition the evaluator does not know flags nothing there either
        return Q(pk__in=[])
    if rule.policy_approved_only:
        condition &= Q(policy_approval=True)
    if rule.certificates_issued_before is not None or rule.certificates_issued_from is not None:
        first = _first_issued()
        if rule.certificates_issued_before is not None:
            condition &= Q(LessThanOrEqual(first, Value(rule.certificates_issued_before - dt.timedelta(days=1))))
        if rule.certificates_issued_from is not None:
            condition &= ~Q(LessThanOrEqual(first, Value(rule.certificates_issued_from - dt.timedelta(days=1))))
    return condition


def _live() -> Q:
    return ~Q(status=Status.TERMINATED)


def late_q(day: dt.date) -> Q:
    """States (covering `day`) whose project is late on `day`."""
    return _live() & reduce(or_, (late_kind(k, day) for k in KINDS))


def flagged_q(day: dt.date, rules: Iterable[LegalRule] | None = None) -> Q:
    """States (covering `day`) whose project is flagged on `day` by a rule in force on `day`."""
    holds = [rule_holds(r, day) for r in (rules_in_force(day) if rules is None else rules)]
    if not holds:
        return Q(pk__in=[])
    return _live() & reduce(or_, holds)


def _one_if(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def late_count(day: dt.date) -> Combinable:
    """How many milestones the state's project is late on, on `day` (0 when terminated)."""
    return reduce(add, (_one_if(_live() & late_kind(k, day)) for k in KINDS))


def flag_count(day: dt.date, rules: Iterable[LegalRule]) -> Combinable:
    """How many rules in force flag the state's project on `day` (0 when terminated)."""
    terms = [_one_if(_live() & rule_holds(r, day)) for r in rules]
    return reduce(add, terms) if terms else Value(0, output_field=IntegerField())
