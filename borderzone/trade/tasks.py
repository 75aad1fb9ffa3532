"""Background work: forecasting a zone's or gate's monthly turnover for the current trade data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from borderzone.trade import forecasting, selectors
from borderzone.trade.models import ForecastStatus, TradeForecast


def history(forecast: TradeForecast) -> tuple[list[dt.date], np.ndarray, dict[str, Any]]:
    """Monthly turnover from the first to the last month with figures (missing months interpolated),
    and the trailing-twelve-month ratios the scenarios use."""
    gates = [forecast.gate] if forecast.gate else None
    qs = selectors.figures(zone=forecast.zone, gates=gates)
    rows = selectors.series(qs, "month")
    if not rows:
        return [], np.array([]), {}
    first, last = rows[0]["period"], rows[-1]["period"]
    months = [selectors.month_add(first, i) for i in range(selectors.months_between(first, last))]
    by_month = {row["period"]: row for row in rows}
    values = np.array([float(by_month[m]["turnover_usd"]) if m in by_month else np.nan for m in months])
    missing = int(np.isnan(values).sum())
    if missing:
        known = ~np.isnan(values)
        values[~known] = np.interp(np.flatnonzero(~known), np.flatnonzero(known), values[known])
    trailing = selectors.totals(
        selectors.figures(zone=forecast.zone, gates=gates, start=selectors.month_add(last, -11), end=last)
    )
    by_gate = selectors.series(
        selectors.figures(zone=forecast.zone, start=selectors.month_add(last, -11), end=last), "year", by_gate=True
    )
    gate_turnover: dict[str, float] = {}
    for row in by_gate:
        gate_turnover[row["gate__code"]] = gate_turnover.get(row["gate__code"], 0.0) + float(row["turnover_usd"])
    total = sum(gate_turnover.values()) or 1.0
    turnover = float(trailing["turnover_usd"])
    extra = {
        "missing_months": missing,
        "revenue_per_usd": float(trailing["revenue_vnd"]) / turnover if turnover else 0.0,
        "export_share": float(trailing["export_usd"]) / turnover if turnover else 0.5,
        "gate_shares": {code: value / total for code, value in gate_turnover.items()},
        "trailing_from": f"{selectors.month_add(last, -11):%Y-%m}",
    }
    return months, values, extra


@task()
def run_trade_forecast(forecast_id: int) -> None:
    """Fit, backtest and forecast; progress is saved after each model fit so the page can show it."""
    forecast = TradeForecast.objects.select_related("zone", "gate").get(pk=forecast_id)
    if forecast.status == ForecastStatus.DONE:
        return
    now = timezone.now()
    TradeForecast.objects.filter(pk=forecast.pk).update(
        status=ForecastStatus.RUNNING, started_at=now, heartbeat_at=now, stalled=False, error=""
    )
    months, values, extra = history(forecast)
    TradeForecast.objects.filter(pk=forecast.pk).update(
        steps_total=forecasting.steps_for(len(values)), steps_done=0, heartbeat_at=timezone.now()
    )

    def progress() -> None:
        TradeForecast.objects.filter(pk=forecast.pk).update(steps_done=F("steps_done") + 1, heartbeat_at=timezone.now())

    try:
        result = forecasting.forecast_series(values, forecasting.MAX_HORIZON, progress)
    except ValueError as exc:
        TradeForecast.objects.filter(pk=forecast.pk).update(
            status=ForecastStatus.FAILED, error=str(exc), finished_at=timezone.now()
        )
        return
    last = months[-1]
    result.update(extra)
    result["history_months"] = [f"{m:%Y-%m}" for m in months]
    result["history"] = [round(v) for v in values.tolist()]
    result["months"] = [f"{selectors.month_add(last, i + 1):%Y-%m}" for i in range(forecasting.MAX_HORIZON)]
    for key in ("mean", "lo80", "hi80", "lo95", "hi95"):
        result[key] = [round(v) for v in result[key]]
    TradeForecast.objects.filter(pk=forecast.pk).update(
        status=ForecastStatus.DONE,
        result=result,
        steps_done=F("steps_total"),
        finished_at=timezone.now(),
    )
    # Forecasts of earlier data are kept only until a newer one is done.
    TradeForecast.objects.filter(
        zone=forecast.zone, gate=forecast.gate, status__in=[ForecastStatus.DONE, ForecastStatus.FAILED]
    ).exclude(pk=forecast.pk).filter(created_at__lt=forecast.created_at).delete()
