"""A policy shock applied to a stored forecast, and its effect on turnover and on the year's revenue
against the zone's annual collection target.

Scenario revenue = scenario turnover × the trailing twelve months' revenue per USD of turnover."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from borderzone.trade import selectors
from borderzone.trade.forecasting import Shock, scenario_factors
from borderzone.trade.models import ProvinceBudget, TradeForecast


@dataclass
class ScenarioInput:
    start: dt.date
    closed_gate: str = ""
    closed_months: int = 0
    fall_percent: float = 0.0
    fall_direction: str = "import"
    fall_months: int = 0
    recovery_months: int = 0

    @property
    def empty(self) -> bool:
        return not (self.closed_months and self.closed_gate) and not self.fall_percent


def shock_for(forecast: TradeForecast, params: ScenarioInput) -> Shock:
    result = forecast.result
    if forecast.gate is not None:
        closed_share = 1.0 if params.closed_gate == forecast.gate.code else 0.0
    else:
        closed_share = float(result.get("gate_shares", {}).get(params.closed_gate, 0.0))
    export_share = float(result.get("export_share", 0.5))
    return Shock(
        start=params.start,
        closed_months=params.closed_months if params.closed_gate else 0,
        closed_share=closed_share,
        fall_percent=params.fall_percent,
        fall_months=params.fall_months,
        fall_share=export_share if params.fall_direction == "export" else 1 - export_share,
        recovery_months=params.recovery_months,
    )


def scenario_effect(forecast: TradeForecast, params: ScenarioInput | None, horizon: int) -> dict[str, Any]:
    """Month by month forecast and scenario turnover, and the year's revenue: figures recorded so far plus
    forecast months converted at the trailing ratio, with and without the shock, against the target."""
    result = forecast.result
    months = [dt.date(int(m[:4]), int(m[5:7]), 1) for m in result["months"][:horizon]]
    baseline = [Decimal(v) for v in result["mean"][:horizon]]
    factors = (
        scenario_factors(months, shock_for(forecast, params)) if params and not params.empty else [1.0] * len(months)
    )
    scenario = [(b * Decimal(str(f))).quantize(Decimal(1)) for b, f in zip(baseline, factors, strict=True)]
    ratio = Decimal(str(result.get("revenue_per_usd", 0.0)))
    year = months[0].year if months else None
    rows = [
        {"month": m, "baseline": b, "scenario": s, "factor": f}
        for m, b, s, f in zip(months, baseline, scenario, factors, strict=True)
    ]
    effect: dict[str, Any] = {
        "rows": rows,
        "baseline_total": sum(baseline, Decimal(0)),
        "scenario_total": sum(scenario, Decimal(0)),
        "ratio": ratio,
        "year": year,
    }
    effect["turnover_change"] = effect["scenario_total"] - effect["baseline_total"]
    if year is not None:
        gates = [forecast.gate] if forecast.gate else None
        recorded = selectors.totals(
            selectors.figures(
                zone=forecast.zone, gates=gates, start=dt.date(year, 1, 1), end=months[0] - dt.timedelta(days=1)
            )
        )["revenue_vnd"]
        in_year = [i for i, m in enumerate(months) if m.year == year]
        base_rev = sum((baseline[i] * ratio for i in in_year), Decimal(0)).quantize(Decimal(1))
        scen_rev = sum((scenario[i] * ratio for i in in_year), Decimal(0)).quantize(Decimal(1))
        budget = ProvinceBudget.objects.filter(zone=forecast.zone, year=year).first()
        target = budget.collection_target_vnd if budget and forecast.gate is None else None
        effect.update(
            recorded_revenue=recorded,
            forecast_months_in_year=len(in_year),
            year_revenue_baseline=recorded + base_rev,
            year_revenue_scenario=recorded + scen_rev,
            target=target,
            baseline_vs_target=float((recorded + base_rev) / target) if target else None,
            scenario_vs_target=float((recorded + scen_rev) / target) if target else None,
        )
    return effect
