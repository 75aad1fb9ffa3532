"""Lateness and flags counted set-wise in the database (`setwise`) equal the per-project evaluator
(`selectors.evaluate`, the oracle) project by project: over the demo data and over generated registers,
on days across the laws' periods (and on the ends of months, where month arithmetic differs)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import DateField
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderzone.register import selectors, services
from borderzone.register.models import LegalRule, MilestoneKind, Project, ProjectState, Status
from borderzone.register.setwise import (
    StateSQL,
    T,
    add_months,
    add_months_sql,
    flag_count,
    flagged_q,
    late_count,
    late_q,
    months_before_limit,
    rules_in_force,
)
from borderzone.register.tests.factories import make_project
from borderzone.zones.models import EconomicZone

pytestmark = pytest.mark.django_db

KINDS = list(MilestoneKind.values)
DAYS = [
    dt.date(2016, 2, 29),
    dt.date(2019, 12, 31),
    dt.date(2020, 9, 21),
    dt.date(2021, 1, 1),
    dt.date(2023, 3, 31),
    dt.date(2024, 7, 31),
    dt.date(2024, 8, 1),
    dt.date(2025, 6, 30),
    dt.date(2026, 3, 1),
    dt.date(2026, 11, 30),
]


def compare(day: dt.date, zone: EconomicZone | None = None) -> dict[str, int]:
    """Assert that the set-wise figures equal the evaluator's on `day`; return the summary's counts."""
    projects = Project.objects.all() if zone is None else Project.objects.filter(zone=zone)
    evaluations = selectors.evaluate(day, projects)
    expected = {pk: (len(e.late), len(e.flags)) for pk, e in evaluations.items()}
    rules = rules_in_force(day)
    states = selectors.register_states(day, zone)
    found = {
        pk: (n_late, n_flags)
        for pk, n_late, n_flags in states.annotate(n_late=late_count(day), n_flags=flag_count(day, rules)).values_list(
            "project_id", "n_late", "n_flags"
        )
    }
    assert found == expected, day
    late = set(states.filter(late_q(day)).values_list("project_id", flat=True))
    flagged = set(states.filter(flagged_q(day)).values_list("project_id", flat=True))
    assert late == {pk for pk, e in evaluations.items() if e.is_late}, day
    assert flagged == {pk for pk, e in evaluations.items() if e.is_flagged}, day
    summary = selectors.summary(day, zone)
    both = late & flagged
    assert (summary["late"], summary["flagged"], summary["late_flagged"]) == (len(late), len(flagged), len(both))
    # The dashboard's list: the same projects in the same order as sorting every evaluation in Python.
    worst = sorted(
        (pk for pk, e in evaluations.items() if e.is_late or e.is_flagged),
        key=lambda pk: (-len(evaluations[pk].flags), -len(evaluations[pk].late), pk),
    )[:10]
    _, chosen = selectors.summary_and_attention(day, zone, limit=10)
    assert [a.pk for a in chosen] == worst
    assert all(a.evaluation == evaluations[a.pk] for a in chosen)
    return {"late": len(late), "flagged": len(flagged)}


def test_month_arithmetic_in_sql_equals_add_months(zone, actor) -> None:
    ends = [dt.date(2019, 1, 31), dt.date(2019, 8, 31), dt.date(2020, 1, 30), dt.date(2019, 12, 15)]
    for n, day in enumerate(ends):
        make_project(zone, actor, code=f"50{n}", issued_on=day, plans={"land_handover": day})
    for months in (1, 12, 13, 24, 36):
        got = dict(
            ProjectState.objects.annotate(
                later=StateSQL(add_months_sql(f"{T}.plan_land_handover", months), [], DateField())
            ).values_list("plan_land_handover", "later")
        )
        assert got == {day: add_months(day, months) for day in ends}
        for day in [*ends, dt.date(2020, 2, 29), dt.date(2020, 3, 1)]:
            limit = months_before_limit(day, months)
            assert add_months(limit, months) < day <= add_months(limit + dt.timedelta(days=1), months)


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_demo_register_set_wise_equals_the_evaluator_on_every_day(demo, admin_user) -> None:
    zone = EconomicZone.objects.get(code="CB")
    seen = [compare(day, zone) for day in DAYS]
    compare(dt.date(2020, 9, 21))  # every zone at once
    # The demo's documented figures (test_demo) and something late and flagged on most days.
    assert seen[2] == {"late": 18, "flagged": 18}
    assert sum(1 for s in seen if s["late"] and s["flagged"]) >= 6
    # The lists' late and flagged filters read the same conditions (one demo load for both checks).
    day = dt.date(2020, 9, 21)
    evaluations = selectors.evaluate(day, Project.objects.filter(zone=zone))
    for flag in ("flagged", "late"):
        for yes in (True, False):
            filters = selectors.ListFilters(as_of=day, zone="CB")
            setattr(filters, flag, yes)
            listed, _ = selectors.project_list(admin_user, filters, with_evaluations=False)
            wanted = {pk for pk, e in evaluations.items() if getattr(e, f"is_{flag}") == yes}
            assert {p.pk for p in listed} == wanted
            assert wanted


# --- generated registers ---------------------------------------------------------------------------

FIRST, LAST = dt.date(2014, 1, 31), dt.date(2024, 6, 30)
after = st.integers(min_value=1, max_value=700)


@st.composite
def projects(draw: Any) -> dict[str, Any]:
    issued = draw(st.dates(min_value=FIRST, max_value=LAST))
    if draw(st.booleans()):  # the end of a month, where month arithmetic is delicate
        issued = add_months(dt.date(issued.year, issued.month, 1), 1) - dt.timedelta(days=1)
    planned: dict[str, dt.date] = {}
    day = issued
    for kind in KINDS:
        if draw(st.booleans()):
            day += dt.timedelta(days=draw(after))
            planned[kind] = day
    adjusted = None
    if planned and draw(st.booleans()):  # an adjustment moving the schedule later (the extension rule)
        adjust_on = min(issued + dt.timedelta(days=draw(after)), dt.date(2026, 6, 30))
        months = draw(st.sampled_from([6, 24, 25, 36]))
        adjusted = (adjust_on, {k: add_months(v, months) for k, v in planned.items()})
    reached: dict[str, dt.date] = {}
    day = issued
    for kind in KINDS:
        if not draw(st.booleans()):
            break
        day += dt.timedelta(days=draw(st.integers(min_value=1, max_value=1200)))
        if day > dt.date(2026, 11, 30):
            break
        reached[kind] = day
    changes = draw(
        st.lists(st.tuples(st.integers(min_value=0, max_value=3000), st.sampled_from(Status.values)), max_size=2)
    )
    return {
        "issued_on": issued,
        "policy_approval": draw(st.booleans()),
        "plans": planned,
        "adjusted": adjusted,
        "reached": reached,
        "status": draw(st.sampled_from(Status.values)),
        "changes": [(min(issued + dt.timedelta(days=d), dt.date(2026, 11, 30)), s) for d, s in changes],
    }


registers = st.fixed_dictionaries(
    {
        "projects": st.lists(projects(), min_size=1, max_size=6),
        "days": st.lists(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2026, 12, 5)), max_size=3),
        # A transitional condition on one rule in force: certificates first issued before / from a day.
        "transitional": st.one_of(
            st.none(), st.tuples(st.sampled_from(["before", "from"]), st.dates(min_value=FIRST, max_value=LAST))
        ),
    }
)


def build(zone: EconomicZone, actor: Any, data: dict[str, Any]) -> None:
    for i, p in enumerate(data["projects"]):
        project = make_project(
            zone,
            actor,
            code=f"88{i:08d}",
            issued_on=p["issued_on"],
            plans=p["plans"],
            status=p["status"],
            policy_approval=p["policy_approval"],
        )
        if p["adjusted"]:
            on, plans = p["adjusted"]
            services.certificate_version_add(
                project=project, issued_on=on, total_capital=Decimal(200_000_000_000), plans=plans, actor=actor
            )
        for kind, day in p["reached"].items():
            services.milestone_reached(project=project, kind=kind, reached_on=day, actor=actor)
        for day, status in p["changes"]:
            services.status_change_record(project=project, status=status, effective_on=day, actor=actor)


@settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=registers)
def test_generated_registers_set_wise_equals_the_evaluator(zone, actor, data) -> None:
    with transaction.atomic():
        build(zone, actor, data)
        if data["transitional"]:  # a transitional condition on every rule
            which, day = data["transitional"]
            field = "certificates_issued_before" if which == "before" else "certificates_issued_from"
            LegalRule.objects.update(**{field: day})
        for day in [*data["days"], *DAYS]:
            compare(day, zone)
        transaction.set_rollback(True)
