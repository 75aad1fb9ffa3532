from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

from borderzone.trade.forecasting import Shock, forecast_series, mape, scenario_factors, seasonal_naive
from borderzone.trade.models import ForecastStatus, TradeForecast
from borderzone.trade.scenarios import ScenarioInput, scenario_effect
from borderzone.trade.tests.factories import ProvinceBudgetFactory, TradeFigureFactory


def generated_series(months: int = 108) -> np.ndarray:
    """A known trend (+1.5 % a month) and seasonality (Lunar New Year dip, year-end peak), with noise."""
    rng = np.random.default_rng(7)
    t = np.arange(months)
    seasonal = 1 + 0.2 * np.cos(2 * np.pi * (t - 11) / 12)
    seasonal[t % 12 == 1] *= 0.6
    return 1_000_000 * 1.015**t * seasonal * rng.normal(1, 0.03, months)


def test_forecast_beats_seasonal_naive_on_a_24_month_holdout():
    y = generated_series()
    train, holdout = y[:-24], y[-24:]
    result = forecast_series(train, 24)
    model_error = mape(holdout, np.array(result["mean"]))
    naive_error = mape(holdout, seasonal_naive(train, 24))
    assert model_error < naive_error
    assert model_error < 0.08
    assert result["beats_naive"] is True
    assert result["model"] in {"holt_winters", "sarima"}
    # The intervals nest and hold the point forecast.
    for i in range(24):
        assert result["lo95"][i] <= result["lo80"][i] <= result["mean"][i] <= result["hi80"][i] <= result["hi95"][i]
    inside = np.mean((holdout >= np.array(result["lo95"])) & (holdout <= np.array(result["hi95"])))
    assert inside >= 0.75


def test_forecast_refuses_a_too_short_history():
    with pytest.raises(ValueError, match="at least 25 months"):
        forecast_series(np.ones(20), 12)


MONTHS = [dt.date(2025, m, 1) for m in range(1, 13)]


def test_scenario_gate_closed_then_linear_recovery():
    shock = Shock(start=dt.date(2025, 3, 1), closed_months=2, closed_share=0.5, recovery_months=3)
    factors = scenario_factors(MONTHS, shock)
    assert factors[:2] == [1.0, 1.0]
    assert factors[2:4] == [0.5, 0.5]  # March and April: the gate's half of trade is gone
    assert factors[4:7] == pytest.approx([0.625, 0.75, 0.875])  # recovery over three months
    assert factors[7:] == [1.0] * 5


def test_scenario_fall_in_one_direction_lasts_to_the_end():
    shock = Shock(start=dt.date(2025, 6, 1), fall_percent=40, fall_share=0.25)
    factors = scenario_factors(MONTHS, shock)
    assert factors[:5] == [1.0] * 5
    assert factors[5:] == pytest.approx([0.9] * 7)  # 40 % of a quarter of trade


def make_forecast(zone, gate=None):
    return TradeForecast.objects.create(
        zone=zone,
        gate=gate,
        data_version="1",
        status=ForecastStatus.DONE,
        result={
            "months": [f"2025-{m:02d}" for m in range(7, 13)] + [f"2026-{m:02d}" for m in range(1, 7)],
            "mean": [1000] * 12,
            "lo80": [900] * 12,
            "hi80": [1100] * 12,
            "lo95": [800] * 12,
            "hi95": [1200] * 12,
            "revenue_per_usd": 2.0,
            "export_share": 0.4,
            "gate_shares": {"TRALINH": 0.75, "TALUNG": 0.25},
            "trailing_from": "2024-07",
        },
    )


def test_scenario_effect_on_the_years_revenue_against_the_target(zone, gate):
    TradeFigureFactory(gate=gate, month=dt.date(2025, 1, 1), import_vat_vnd=5000)
    ProvinceBudgetFactory(zone=zone, year=2025, estimate_vnd=100000, collection_target_vnd=20000)
    forecast = make_forecast(zone)
    params = ScenarioInput(start=dt.date(2025, 9, 1), closed_gate="TRALINH", closed_months=2)
    effect = scenario_effect(forecast, params, 12)
    assert effect["year"] == 2025
    assert effect["baseline_total"] == Decimal(12000)
    assert effect["scenario_total"] == Decimal(12000 - 2 * 750)
    assert effect["recorded_revenue"] == Decimal(5000)
    # six forecast months of 2025 at 2 đồng per USD, on top of what was recorded
    assert effect["year_revenue_baseline"] == Decimal(5000 + 6 * 2000)
    assert effect["year_revenue_scenario"] == Decimal(5000 + 6 * 2000 - 2 * 1500)
    assert effect["baseline_vs_target"] == pytest.approx(17000 / 20000)
    assert effect["scenario_vs_target"] == pytest.approx(14000 / 20000)


def test_scenario_on_one_gate_closing_that_gate_stops_all_its_trade(zone, gate):
    forecast = make_forecast(zone, gate)
    effect = scenario_effect(
        forecast, ScenarioInput(start=dt.date(2025, 7, 1), closed_gate="TRALINH", closed_months=1), 3
    )
    assert [r["scenario"] for r in effect["rows"]] == [0, 1000, 1000]
    assert effect["target"] is None
