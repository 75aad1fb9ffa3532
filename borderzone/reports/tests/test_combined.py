"""The board of all zones computed afresh by statements grouped by zone (`compute_combined`) equals the sum of
the zones' own boards (`combine` of each zone's `_compute`), and each grouped family of figures equals the
zone's own: over generated registers, disbursements, trade figures, works and goals in three zones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.infrastructure.models import InfrastructureWork
from borderzone.infrastructure.selectors import capital_summaries_by_zone, capital_summary
from borderzone.infrastructure.tests.factories import FundingFactory, WorkFactory
from borderzone.planning.models import GoalStatus
from borderzone.planning.tests.factories import GoalFactory
from borderzone.register import selectors as register
from borderzone.register import services
from borderzone.register.tests.factories import make_project
from borderzone.register.tests.test_setwise import projects
from borderzone.reports.dashboard import CombinedQuery, _compute, combine, compute_combined
from borderzone.trade import selectors as trade
from borderzone.trade.models import FigureStatus
from borderzone.trade.tests.factories import ProvinceBudgetFactory, TradeFigureFactory
from borderzone.zones.models import EconomicZone
from borderzone.zones.tests.factories import EconomicZoneFactory

pytestmark = pytest.mark.django_db

months = st.builds(
    dt.date, st.integers(min_value=2017, max_value=2021), st.integers(min_value=1, max_value=12), st.just(1)
)
amounts = st.integers(min_value=0, max_value=10**6).map(Decimal)

zone_data = st.fixed_dictionaries(
    {
        "projects": st.lists(projects(), max_size=4),
        "foreign": st.lists(st.booleans(), min_size=4, max_size=4),
        "paid": st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=3), st.integers(min_value=0, max_value=800)
            ),  # not in the future
            max_size=4,
        ),
        # Per gate, the months with figures: whole years (growth), gaps (partial years, the year to date).
        "figures": st.lists(
            st.tuples(st.sets(months, max_size=14), st.booleans(), amounts, st.sampled_from(FigureStatus.values)),
            max_size=2,
        ),
        "budget_years": st.sets(st.integers(min_value=2017, max_value=2021), max_size=2),
        "works": st.lists(
            st.tuples(
                st.sampled_from(["2011-2015", "2016-2020", "2021-2025"]),
                st.lists(st.integers(min_value=2014, max_value=2023), max_size=2, unique=True),
            ),
            max_size=2,
        ),
        # Goals: target dates around the as-of days (ties included), statuses, achievement dates.
        "goals": st.lists(
            st.tuples(
                st.dates(dt.date(2019, 6, 1), dt.date(2021, 3, 1)),
                st.sampled_from(GoalStatus.values),
                st.one_of(st.none(), st.dates(dt.date(2019, 1, 1), dt.date(2021, 6, 1))),
            ),
            max_size=6,
        ),
    }
)


def build_zone(zone: EconomicZone, actor: Any, data: dict[str, Any], n: int) -> None:
    made = []
    for i, p in enumerate(data["projects"]):
        foreign = data["foreign"][i]
        project = make_project(
            zone,
            actor,
            code=f"7{n}{i:08d}",
            issued_on=p["issued_on"],
            plans=p["plans"],
            status=p["status"],
            policy_approval=p["policy_approval"],
            ownership="foreign" if foreign else "domestic",
            currency="USD" if foreign else "VND",
            total_capital=Decimal(2_000_000 if foreign else 90_000_000_000),
        )
        made.append(project)
        for kind, day in p["reached"].items():
            services.milestone_reached(project=project, kind=kind, reached_on=day, actor=actor)
        for day, status in p["changes"]:
            services.status_change_record(project=project, status=status, effective_on=day, actor=actor)
    for i, (which, days) in enumerate(data["paid"]):
        if made:  # on or after the certificate's day
            paid_on = data["projects"][which % len(made)]["issued_on"] + dt.timedelta(days=days)
            amount = Decimal(1_000_000 * (i + 1))
            services.disbursement_record(project=made[which % len(made)], paid_on=paid_on, amount=amount, actor=actor)
    for g, (figure_months, both_years, amount, status) in enumerate(data["figures"]):
        gate = BorderGateFactory(zone=zone, code=f"{zone.code}G{g}")
        wanted = set(figure_months)
        if both_years:  # two whole years: a compound growth
            wanted |= {dt.date(year, month, 1) for year in (2018, 2019) for month in range(1, 13)}
        for month in sorted(wanted):
            TradeFigureFactory(
                gate=gate, month=month, export_usd=amount + month.month, import_usd=Decimal(month.year), status=status
            )
    for year in data["budget_years"]:
        ProvinceBudgetFactory(zone=zone, year=year, estimate_vnd=Decimal(10**9 + year))
    for period, years in data["works"]:
        work = WorkFactory(zone=zone, plan_period=period)
        for year in years:
            FundingFactory(work=work, year=year, allocated_vnd=Decimal(10**9 * year), disbursed_vnd=Decimal(year))
    for target, status, achieved_on in data["goals"]:
        GoalFactory(zone=zone, target_date=target, status=status, achieved_on=achieved_on)


def make_zone(code: str) -> EconomicZone:
    return EconomicZoneFactory(code=code)  # type: ignore[return-value]


def zone_boards(q: CombinedQuery) -> list[tuple[EconomicZone, dict[str, Any]]]:
    return [(z, _compute(q.for_zone(z))) for z in q.zones]


SPANS = [(dt.date(2020, 9, 21), 2017, 2020), (dt.date(2019, 12, 31), 2018, 2019), (dt.date(2021, 2, 28), 2021, 2021)]


@settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # a failing example is reported as found: shrinking takes minutes
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.lists(zone_data, min_size=3, max_size=3))
def test_the_board_of_all_zones_equals_the_sum_of_the_zones_boards_on_generated_data(actor, data) -> None:
    with transaction.atomic():
        zones = [make_zone(f"Z{n}") for n in range(3)]
        for n, (zone, zone_data_) in enumerate(zip(zones, data, strict=True)):
            build_zone(zone, actor, zone_data_, n)
        for day, from_year, to_year in SPANS:
            q = CombinedQuery(zones=tuple(zones), as_of=day, from_year=from_year, to_year=to_year)
            boards = zone_boards(q)
            assert compute_combined(q) == combine(boards)
            # Each family grouped by zone equals the zone's own figures, zone by zone.
            summaries, _ = register.summaries_by_zone(day, zones)
            start, end = dt.date(from_year, 1, 1), dt.date(to_year, 12, 1)
            spans = trade.summaries_by_zone(zones=zones, start=start, end=end)
            ytds = trade.year_to_date_by_zone(zones=zones, day=day)
            capital = capital_summaries_by_zone(zones, from_year=from_year, to_year=to_year)
            for zone, board in boards:
                assert summaries[zone.pk] == board["investments"]["summary"] == register.summary(day, zone)
                span = trade.summary(zone=zone, start=start, end=end, with_previous=False, with_sources=False)
                assert spans[zone.pk] == span
                assert ytds[zone.pk] == trade.year_to_date(zone=zone, day=day)
                works = InfrastructureWork.objects.filter(zone=zone)
                assert capital[zone.pk] == capital_summary(works, from_year=from_year, to_year=to_year)
        transaction.set_rollback(True)


def test_the_projects_to_look_at_of_all_zones_come_from_each_zones_own_list(zone, other_zone, actor) -> None:
    # Given three flagged or late projects in one zone and two in the other, with lists of two
    third = make_zone("ZC")
    late = {"operation_start": dt.date(2019, 1, 1)}
    later = {"land_handover": dt.date(2018, 6, 1), "operation_start": dt.date(2019, 1, 1)}
    for z, plans in ((zone, late), (zone, later), (zone, late), (other_zone, later), (other_zone, late)):
        make_project(z, actor, issued_on=dt.date(2018, 1, 1), plans=plans)
    day, zones = dt.date(2020, 9, 21), [zone, other_zone, third]
    # When the list of all zones is chosen from lists of two
    _, listed = register.summaries_by_zone(day, zones, limit=2)
    # Then it is the first two of the zones' own lists, by flags, late milestones, zone and code
    own = [(z, a) for z in zones for a in register.summary_and_attention(day, z, limit=2)[1]]
    own.sort(key=lambda za: (-len(za[1].evaluation.flags), -len(za[1].evaluation.late), za[0].code, za[1].code))
    assert [(z.code, a.code, a.evaluation) for z, a in listed] == [(z.code, a.code, a.evaluation) for z, a in own[:2]]
    assert [z.code for z, _ in listed] == ["ZA", "ZB"]  # two milestones late first, then by zone
    assert [len(a.evaluation.late) for _, a in listed] == [2, 2]


def _combined_queries(zones: list[EconomicZone]) -> list[str]:
    q = CombinedQuery(zones=tuple(zones), as_of=dt.date(2020, 9, 21), from_year=2019, to_year=2020)
    with CaptureQueriesContext(connection) as ctx:
        compute_combined(q)
    return [query["sql"] for query in ctx.captured_queries]


def test_the_board_of_all_zones_makes_the_same_queries_for_two_zones_and_for_six(actor) -> None:
    zones = [make_zone(f"Q{n}") for n in range(6)]
    for n, zone in enumerate(zones):
        make_project(zone, actor, issued_on=dt.date(2018, 1, 1), plans={"operation_start": dt.date(2019, 1, 1)})
        gate = BorderGateFactory(zone=zone, code=f"QG{n}")
        TradeFigureFactory(gate=gate, month=dt.date(2020, 1, 1))
        GoalFactory(zone=zone, target_date=dt.date(2020, 10, 1))
        FundingFactory(work=WorkFactory(zone=zone))
    two, six = _combined_queries(zones[:2]), _combined_queries(zones)
    assert len(two) == len(six), "\n".join(six)
    # ... and no more than one zone's own board: each family read once for every zone, not once a zone.
    q = CombinedQuery(zones=tuple(zones), as_of=dt.date(2020, 9, 21), from_year=2019, to_year=2020)
    with CaptureQueriesContext(connection) as one_zone:
        _compute(q.for_zone(zones[0]))
    assert len(six) <= len(one_zone.captured_queries)
