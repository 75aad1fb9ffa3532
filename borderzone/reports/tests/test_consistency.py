"""Every figure agrees with every other: random registers, trade and infrastructure figures and plan
goals, read on random days through every view that shows them (see consistency.py)."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.infrastructure.tests.factories import FundingFactory, WorkFactory
from borderzone.planning.models import Goal, GoalStatus
from borderzone.register import services
from borderzone.register.models import MilestoneKind, Status
from borderzone.register.tests.factories import make_project
from borderzone.reports.tests.consistency import Check, disagreements
from borderzone.trade.selectors import month_add
from borderzone.trade.tests.factories import TradeFigureFactory
from borderzone.zones.tests.factories import GateAreaFactory

pytestmark = pytest.mark.django_db(transaction=False)

KINDS = list(MilestoneKind.values)
FIRST, LAST = dt.date(2015, 1, 1), dt.date(2025, 12, 31)
days = st.dates(min_value=FIRST, max_value=LAST)


@st.composite
def projects(draw: Any) -> dict[str, Any]:
    issued = draw(st.dates(min_value=FIRST, max_value=dt.date(2024, 6, 30)))
    after = st.integers(min_value=1, max_value=900)
    planned: dict[str, dt.date] = {}
    day = issued
    for kind in KINDS:
        if draw(st.booleans()):
            day += dt.timedelta(days=draw(after))
            planned[kind] = day
    reached: dict[str, dt.date] = {}
    day = issued
    for kind in KINDS:
        if not draw(st.booleans()):
            break
        day += dt.timedelta(days=draw(after))
        if day > LAST:
            break
        reached[kind] = day
    changes = draw(
        st.lists(st.tuples(st.integers(min_value=0, max_value=2500), st.sampled_from(Status.values)), max_size=2)
    )
    currency = draw(st.sampled_from(["VND", "VND", "USD"]))
    return {
        "ownership": "foreign" if currency == "USD" else draw(st.sampled_from(["foreign", "domestic"])),
        "currency": currency,
        "total_capital": Decimal(draw(st.integers(min_value=1, max_value=10**6))) * (1 if currency == "USD" else 10**6),
        "issued_on": issued,
        "plans": planned,
        "reached": reached,
        "status": draw(st.sampled_from(Status.values)),
        "changes": [(min(issued + dt.timedelta(days=d), LAST), s) for d, s in changes],
        "disbursed": draw(st.lists(st.integers(min_value=1, max_value=10**9), max_size=2)),
        "in_area": draw(st.booleans()),
        # Capital in USD with no rate stated and none known on its certificate date stays unconverted.
        "vnd_rate": None if currency == "USD" and draw(st.booleans()) else Decimal(23000),
    }


@st.composite
def trade(draw: Any) -> list[tuple[dt.date, int, int]]:
    """Monthly figures of one gate: whole years and then a year cut short, some months perhaps missing."""
    start = dt.date(draw(st.integers(min_value=2021, max_value=2024)), 1, 1)
    last = dt.date(2026, draw(st.integers(min_value=1, max_value=11)), 1)
    months, month = [], start
    while month <= last:
        months.append(month)
        month = month_add(month, 1)
    gaps = draw(st.sets(st.sampled_from(months), max_size=2)) if draw(st.booleans()) else set()
    amount = st.integers(min_value=1, max_value=10**6)
    return [(m, draw(amount), draw(amount)) for m in months if m not in gaps]


registers = st.fixed_dictionaries(
    {
        "projects": st.lists(projects(), max_size=5),
        "trade": st.one_of(st.just([]), trade()),
        "works": st.lists(
            st.tuples(st.integers(min_value=1, max_value=500), st.integers(min_value=0, max_value=300)), max_size=2
        ),
        "goals": st.lists(st.tuples(days, st.sampled_from(GoalStatus.values)), max_size=3),
        "day": st.dates(min_value=FIRST, max_value=dt.date(2026, 12, 5)),
    }
)


def build(zone: Any, area: Any, actor: Any, data: dict[str, Any]) -> None:
    for i, p in enumerate(data["projects"]):
        project = make_project(
            zone,
            actor,
            code=f"77{i:08d}",
            ownership=p["ownership"],
            currency=p["currency"],
            total_capital=p["total_capital"],
            issued_on=p["issued_on"],
            plans=p["plans"],
            status=p["status"],
            gate_area=area if p["in_area"] else None,
            vnd_rate=p.get("vnd_rate", Decimal(23000)),
        )
        for kind, day in p["reached"].items():
            services.milestone_reached(project=project, kind=kind, reached_on=day, actor=actor)
        for day, status in p["changes"]:
            services.status_change_record(project=project, status=status, effective_on=day, actor=actor)
        for n, amount in enumerate(p["disbursed"]):
            paid = min(p["issued_on"] + dt.timedelta(days=200 * (n + 1)), LAST)
            services.disbursement_record(project=project, paid_on=paid, amount=Decimal(amount), actor=actor)
    if data["trade"]:
        gate = BorderGateFactory(zone=zone, gate_area=area)
        for month, export, import_ in data["trade"]:
            TradeFigureFactory(gate=gate, month=month, export_usd=Decimal(export), import_usd=Decimal(import_))
    for n, (need, allocated) in enumerate(data["works"]):
        work = WorkFactory(zone=zone, gate_area=area, capital_need_vnd=Decimal(need) * 10**9)
        if allocated:
            FundingFactory(work=work, year=2020 + n, allocated_vnd=Decimal(allocated) * 10**9)
    for n, (target, status) in enumerate(data["goals"]):
        Goal.objects.create(
            zone=zone,
            code=f"G{n}",
            title=f"Mục tiêu {n}",
            phase_start_year=2021,
            phase_end_year=2025,
            target_date=target,
            responsible_agency="Ban Quản lý",
            status=status,
            achieved_on=target if status == GoalStatus.ACHIEVED and n % 2 else None,
        )


@pytest.fixture
def staff(specialist):
    return specialist


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=registers)
def test_every_view_gives_the_same_figures_for_the_same_zone_and_day(client, zone, staff, actor, data):
    client.force_login(staff)
    with transaction.atomic():
        area = GateAreaFactory(zone=zone, code="AREA1", name="Hạ Lang (Bí Hà)")
        build(zone, area, actor, data)
        day = data["day"]
        for gate_area in (None, area):
            check = Check(zone=zone, day=day, from_year=day.year - 3, to_year=day.year, gate_area=gate_area)
            assert disagreements(client, check) == []
        transaction.set_rollback(True)


# --- the checker notices a view that disagrees -------------------------------------------------


@pytest.fixture
def register(zone, actor):
    """A small register with every kind of figure: late and flagged projects, one terminated."""
    build(
        zone,
        None,
        actor,
        {
            "projects": [
                {
                    "ownership": "domestic",
                    "currency": "VND",
                    "total_capital": Decimal(10**11),
                    "issued_on": dt.date(2016, 1, 10),
                    "plans": {"land_handover": dt.date(2016, 6, 1), "construction_start": dt.date(2017, 1, 1)},
                    "reached": {"capital_contribution": dt.date(2016, 3, 1), "land_handover": dt.date(2016, 5, 1)},
                    "status": "implementing",
                    "changes": [],
                    "disbursed": [5 * 10**9],
                    "in_area": False,
                },
                {
                    "ownership": "foreign",
                    "currency": "USD",
                    "total_capital": Decimal(2 * 10**6),
                    "issued_on": dt.date(2018, 3, 1),
                    "plans": {"operation_start": dt.date(2019, 1, 1)},
                    "reached": {},
                    "status": "implementing",
                    "changes": [],
                    "disbursed": [],
                    "in_area": False,
                },
                {
                    "ownership": "domestic",
                    "currency": "VND",
                    "total_capital": Decimal(3 * 10**10),
                    "issued_on": dt.date(2017, 5, 1),
                    "plans": {},
                    "reached": {},
                    "status": "operating",
                    "changes": [(dt.date(2020, 1, 1), "terminated")],
                    "disbursed": [],
                    "in_area": False,
                },
                {
                    "ownership": "foreign",
                    "currency": "USD",
                    "total_capital": Decimal(3 * 10**6),
                    "issued_on": dt.date(2019, 4, 1),
                    "plans": {},
                    "reached": {},
                    "status": "implementing",
                    "changes": [],
                    "disbursed": [],
                    "in_area": False,
                    "vnd_rate": None,  # no reference rate known: not converted
                },
            ],
            "trade": [(dt.date(2024, m, 1), 100 * m, 50) for m in range(1, 13)] + [(dt.date(2025, 1, 1), 300, 60)],
            "works": [(100, 40)],
            "goals": [(dt.date(2023, 1, 1), "in_progress")],
        },
    )
    return Check(zone=zone, day=dt.date(2025, 6, 30), from_year=2022, to_year=2025)


def test_the_checker_finds_nothing_on_a_register_that_agrees(client, staff, register):
    from borderzone.register.selectors import summary

    client.force_login(staff)
    figures = summary(register.day, register.zone)
    assert figures["unconverted_usd"] == {"projects": 1, "amount": Decimal(3 * 10**6)}
    assert figures["registered_capital_vnd_equivalent"]["total"] == Decimal(10**11 + 2 * 10**6 * 23000)
    summary_late = disagreements(client, register)
    assert summary_late == []


def _off_by_one_dashboard(monkeypatch):
    from borderzone.reports import dashboard

    real = dashboard._investments

    def wrong(q):
        data = real(q)
        data["summary"] = {**data["summary"], "late": data["summary"]["late"] + 1}
        return data

    monkeypatch.setattr(dashboard, "_investments", wrong)
    return "dashboard: investment figures"


def _off_by_one_summary_text(monkeypatch):
    import re

    from borderzone.reports import summary_text

    real = summary_text._investment_paragraph

    def wrong(*args):
        return re.sub(r"có (\d+) dự án", lambda m: f"có {int(m.group(1)) + 1} dự án", real(*args))

    monkeypatch.setattr(summary_text, "_investment_paragraph", wrong)
    return "summary text: total"


def _off_by_one_api(monkeypatch):
    from borderzone.register import api

    real = api.cached_summary

    def wrong(day, zone):
        data = real(day, zone)
        return {**data, "projects": {**data["projects"], "total": data["projects"]["total"] + 1}}

    monkeypatch.setattr(api, "cached_summary", wrong)
    return "API summary: projects"


def _off_by_one_list(monkeypatch):
    from borderzone.register import selectors

    real = selectors.terminated_count
    monkeypatch.setattr(selectors, "terminated_count", lambda listed: real(listed) + 1)
    return "register list: terminated projects"


def _off_by_one_report(monkeypatch):
    from itertools import islice

    from borderzone.register import exporting

    real = exporting.register_records  # what the report's register table reads
    monkeypatch.setattr(exporting, "register_records", lambda *args: islice(real(*args), 1, None))
    return "report table: rows"


def _of_which_above_its_whole(monkeypatch):
    from borderzone.register import selectors

    real = selectors.late_counts

    def wrong(*args):
        counts = real(*args)
        return {**counts, "late_flagged": counts["late"] + 1}

    monkeypatch.setattr(selectors, "late_counts", wrong)
    return "register: late, of which flagged: the part"


def _unconverted_counted_as_zero(monkeypatch):
    from borderzone.register import exporting

    real = exporting.register_records  # what the report's register table reads
    at = exporting.FIELD["states__version__total_capital_vnd"]

    def wrong(*args):
        for row, investors in real(*args):
            if row[at] is None:
                row = (*row[:at], Decimal(0), *row[at + 1 :])
            yield row, investors

    monkeypatch.setattr(exporting, "register_records", wrong)
    return "report table: not converted"


def _unconverted_left_unsaid(monkeypatch):
    from borderzone.reports import summary_text

    monkeypatch.setattr(summary_text, "unconverted_note", lambda block: "")
    return "summary text: projects in USD not converted"


def _unconverted_left_off_the_board_of_all_zones(monkeypatch):
    from borderzone.reports import dashboard

    real = dashboard.combine

    def wrong(boards):
        data = real(boards)
        for row in data["zones"]:
            row["unconverted"] = {"projects": 0, "amount": Decimal(0)}
        return data

    monkeypatch.setattr(dashboard, "combine", wrong)
    return "all-zones board: unconverted USD"


@pytest.mark.parametrize(
    "break_one",
    [
        _off_by_one_dashboard,
        _off_by_one_summary_text,
        _off_by_one_api,
        _off_by_one_list,
        _off_by_one_report,
        _of_which_above_its_whole,
        _unconverted_counted_as_zero,
        _unconverted_left_unsaid,
        _unconverted_left_off_the_board_of_all_zones,
    ],
)
def test_the_checker_reports_any_one_view_that_disagrees(client, staff, register, monkeypatch, break_one):
    client.force_login(staff)
    expected = break_one(monkeypatch)
    found = disagreements(client, register)
    assert any(p.startswith(expected) for p in found), found


# --- the demo, as of today ----------------------------------------------------------------------


def test_the_demo_as_of_today_agrees_everywhere_and_cites_only_the_law_in_force(client, settings):
    """Issue 11, "Done when": as of today the demo's summary, dashboard and reports agree with each other
    and cite only the law in force today."""
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from borderzone.accounts.models import User
    from borderzone.register.models import LegalRule
    from borderzone.register.selectors import rules_in_force
    from borderzone.reports.dashboard import DashboardQuery, dashboard_data
    from borderzone.zones.models import EconomicZone

    settings.DEFAULT_ZONE_CODE = "CB"
    call_command("load_demo", stdout=StringIO())
    client.force_login(User.objects.get(username="lanhdao"))
    zone = EconomicZone.objects.get(code="CB")
    today = timezone.localdate()
    check = Check(zone=zone, day=today, from_year=today.year - 4, to_year=today.year)
    assert disagreements(client, check) == []

    in_force = {r.law for r in rules_in_force(today)}
    not_in_force = {r.law for r in LegalRule.objects.all()} - in_force
    assert not_in_force  # the demo's rules also hold the laws of earlier days
    query = DashboardQuery(zone=zone, gate_area=None, as_of=today, from_year=check.from_year, to_year=today.year)
    board = dashboard_data(query)
    cited = {f["law"] for p in board["investments"]["late_projects"] for f in p["flags"]}
    assert cited and cited <= in_force
    dashboard = client.get("/staff/dashboard/", {"as_of": today.isoformat()}).text
    params = {"as_of": today.isoformat(), "zone": "CB", "lang": "vi"}
    text = client.get("/api/v1/reports/summary-text", params).json()["text"]
    export = client.get("/staff/investments/export.csv", {"zone": "CB", "as_of": today.isoformat()})
    assert export.status_code == 200
    body = b"".join(export.streaming_content) if export.streaming else export.content
    rows = body.decode("utf-8-sig")
    assert any(law in rows for law in in_force)  # the register's report names the laws its flags rest on
    for law in not_in_force:
        for what, shown in (("dashboard", dashboard), ("summary text", text), ("register export", rows)):
            assert law not in shown, f"{what} cites {law}, not in force on {today:%d/%m/%Y}"
