from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from borderzone.trade import selectors
from borderzone.trade.tests.factories import ProvinceBudgetFactory, TradeFigureFactory


def test_totals_sum_directions_and_revenue_lines(zone, gate, gate2):
    TradeFigureFactory(
        gate=gate,
        month=dt.date(2020, 1, 1),
        export_usd=100,
        import_usd=40,
        import_duty_vnd=7,
        import_vat_vnd=10,
        other_revenue_vnd=3,
    )
    TradeFigureFactory(gate=gate2, month=dt.date(2020, 2, 1), export_usd=1, import_usd=2, import_vat_vnd=5)
    result = selectors.totals(selectors.figures(zone=zone))
    assert result["turnover_usd"] == Decimal("143.00")
    assert result["export_usd"] == Decimal("101.00")
    assert result["revenue_vnd"] == Decimal(25)
    only_first = selectors.totals(selectors.figures(zone=zone, gates=[gate]))
    assert only_first["turnover_usd"] == Decimal("140.00")


def test_quarter_series_groups_months(zone, gate, fill_months):
    fill_months(gate, dt.date(2020, 1, 1), 6, export=10, imp=0)
    rows = selectors.series(selectors.figures(zone=zone), "quarter")
    assert [(r["period"], r["export_usd"]) for r in rows] == [
        (dt.date(2020, 1, 1), Decimal("30.00")),
        (dt.date(2020, 4, 1), Decimal("30.00")),
    ]


def test_summary_growth_is_compound_between_full_years(zone, gate, fill_months):
    fill_months(gate, dt.date(2018, 1, 1), 12, export=100, imp=0, vat=100)
    fill_months(gate, dt.date(2019, 1, 1), 12, export=150, imp=0, vat=100)
    fill_months(gate, dt.date(2020, 1, 1), 12, export=400, imp=0, vat=400)
    result = selectors.summary(zone=zone, start=dt.date(2018, 1, 1), end=dt.date(2020, 12, 1))
    assert result.full_years == [2018, 2019, 2020]
    assert result.turnover_growth == pytest.approx(1.0)  # 4x over two years
    assert result.revenue_growth == pytest.approx(1.0)


def test_summary_growth_ignores_years_with_missing_months(zone, gate, fill_months):
    # 2018 lacks March, 2020 lacks December: only 2019 is full, so no growth can be stated.
    fill_months(gate, dt.date(2018, 1, 1), 36, skip=(dt.date(2018, 3, 1), dt.date(2020, 12, 1)))
    result = selectors.summary(zone=zone, start=dt.date(2018, 1, 1), end=dt.date(2020, 12, 1))
    assert result.full_years == [2019]
    assert result.turnover_growth is None


def test_summary_full_years_need_every_gate_considered(zone, gate, gate2, fill_months):
    fill_months(gate, dt.date(2018, 1, 1), 36, export=100)
    fill_months(gate2, dt.date(2019, 1, 1), 24, export=100)
    result = selectors.summary(zone=zone, start=dt.date(2018, 1, 1), end=dt.date(2020, 12, 1))
    assert result.full_years == [2019, 2020]
    assert result.turnover_growth == pytest.approx(0.0)


def test_summary_span_cut_mid_year_has_no_full_year_for_that_year(zone, gate, fill_months):
    fill_months(gate, dt.date(2018, 1, 1), 36, export=100)
    result = selectors.summary(zone=zone, start=dt.date(2018, 6, 1), end=dt.date(2020, 12, 1))
    assert result.full_years == [2019, 2020]


def test_summary_share_of_province_revenue_estimate_and_actual(zone, gate, fill_months):
    fill_months(gate, dt.date(2020, 1, 1), 12, vat=1000)
    ProvinceBudgetFactory(zone=zone, year=2020, estimate_vnd=40000, actual_vnd=48000)
    result = selectors.summary(zone=zone, start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 1))
    assert result.revenue_share == {"2020": 0.3}
    assert result.revenue_share_actual == {"2020": 0.25}


def test_summary_change_on_same_period_previous_year(zone, gate, fill_months):
    fill_months(gate, dt.date(2019, 1, 1), 3, export=100, imp=0)
    fill_months(gate, dt.date(2020, 1, 1), 3, export=120, imp=0)
    result = selectors.summary(zone=zone, start=dt.date(2020, 1, 1), end=dt.date(2020, 3, 1))
    assert result.turnover_change == pytest.approx(0.2)


def test_summary_hides_provisional_figures_from_the_public(zone, gate):
    TradeFigureFactory(gate=gate, month=dt.date(2020, 1, 1), export_usd=100, status="provisional")
    public = selectors.summary(zone=zone, start=dt.date(2020, 1, 1), end=dt.date(2020, 1, 1), published_only=True)
    staff = selectors.summary(zone=zone, start=dt.date(2020, 1, 1), end=dt.date(2020, 1, 1))
    assert public.totals["export_usd"] == 0
    assert staff.totals["export_usd"] == Decimal("100.00")
    assert staff.statuses["provisional"] == 1


def test_summary_runs_a_fixed_number_of_queries(zone, gate, fill_months, django_assert_max_num_queries):
    fill_months(gate, dt.date(2018, 1, 1), 36)
    with django_assert_max_num_queries(5):
        selectors.summary(zone=zone, start=dt.date(2018, 1, 1), end=dt.date(2020, 12, 1))


def test_summary_states_no_change_when_the_year_before_lacks_months(zone, gate, fill_months):
    fill_months(gate, dt.date(2019, 6, 1), 7, export=100, imp=0)  # June–December 2019 only
    fill_months(gate, dt.date(2020, 1, 1), 12, export=120, imp=0)
    result = selectors.summary(zone=zone, start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 1))
    assert result.turnover_change is None
    part = selectors.summary(zone=zone, start=dt.date(2020, 6, 1), end=dt.date(2020, 12, 1))
    assert part.turnover_change == pytest.approx(0.2)
