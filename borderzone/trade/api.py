"""Trade API: totals and growth for a span of months (public: final and revised figures; zone staff:
all), and forecasts (staff)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from borderzone.trade import selectors
from borderzone.trade.query import resolve_scope, resolve_span

router = Router(tags=["trade"])


class SummaryOut(Schema):
    zone: str
    gate: str | None
    from_month: str = Field(..., alias="from")
    to_month: str = Field(..., alias="to")
    turnover_usd: str
    export_usd: str
    import_usd: str
    revenue_vnd: str
    revenue_lines_vnd: dict[str, str]
    yard_fee_vnd: str
    months_with_data: int
    turnover_change: float | None
    revenue_change: float | None
    turnover_growth: float | None
    revenue_growth: float | None
    growth_years: list[int] | None
    full_years: list[int]
    revenue_share: dict[str, float]
    revenue_share_actual: dict[str, float]
    statuses: dict[str, int]
    as_of: str | None
    sources: list[str]
    illustrative: bool
    note: str


def summary_out(s: selectors.Summary, zone_code: str, gate_code: str | None) -> dict[str, Any]:
    t = s.totals
    return {
        "zone": zone_code,
        "gate": gate_code,
        "from": f"{s.start:%Y-%m}",
        "to": f"{s.end:%Y-%m}",
        "turnover_usd": str(t["turnover_usd"]),
        "export_usd": str(t["export_usd"]),
        "import_usd": str(t["import_usd"]),
        "revenue_vnd": str(t["revenue_vnd"]),
        "revenue_lines_vnd": {name: str(t[name]) for name in selectors.REVENUE_FIELDS},
        "yard_fee_vnd": str(t["yard_fee_vnd"]),
        "months_with_data": sum(y["months"] for y in s.years),
        "turnover_change": s.turnover_change,
        "revenue_change": s.revenue_change,
        "turnover_growth": s.turnover_growth,
        "revenue_growth": s.revenue_growth,
        "growth_years": list(s.growth_span) if s.growth_span else None,
        "full_years": s.full_years,
        "revenue_share": s.revenue_share,
        "revenue_share_actual": s.revenue_share_actual,
        "statuses": s.statuses,
        "as_of": s.as_of.isoformat() if s.as_of else None,
        "sources": s.sources,
        "illustrative": s.illustrative,
        "note": (
            "Growth is compound annual growth between the first and last full years of the span (a year is "
            "full when every gate considered has all 12 months). Changes compare with the same months a year "
            "earlier. Revenue share is of the province's budget revenue estimate (revenue_share) and actual "
            "revenue (revenue_share_actual)."
        ),
    }


@router.get(
    "/summary", response=SummaryOut, auth=None, by_alias=True, summary="Trade and revenue over a span of months"
)
def trade_summary(
    request: HttpRequest,
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    gate: str | None = None,
    zone: str | None = None,
) -> dict[str, Any]:
    scope = resolve_scope(request.user, zone, gate)
    start, end = resolve_span(from_, to, scope)
    result = selectors.summary(
        zone=scope.zone, start=start, end=end, gates=scope.gates, published_only=scope.published_only
    )
    return summary_out(result, scope.zone.code, scope.gate.code if scope.gate else None)


class ForecastPoint(Schema):
    month: str
    value_usd: str
    lo80_usd: str
    hi80_usd: str
    lo95_usd: str
    hi95_usd: str


class ForecastOut(Schema):
    zone: str
    gate: str | None
    status: str
    progress_percent: int
    data_version: str
    model: str | None = None
    model_label: str | None = None
    mape: float | None = None
    naive_mape: float | None = None
    beats_naive: bool | None = None
    candidates_mape: dict[str, float | None] | None = None
    backtest_origins: int | None = None
    history_end: str | None = None
    points: list[ForecastPoint] = []
    warning: str | None = None
    error: str | None = None


def _finite(value: Any) -> float | None:
    import math

    return value if isinstance(value, int | float) and math.isfinite(value) else None


def forecast_out(forecast: Any, months: int) -> dict[str, Any]:
    from borderzone.trade.models import ForecastStatus

    out: dict[str, Any] = {
        "zone": forecast.zone.code,
        "gate": forecast.gate.code if forecast.gate else None,
        "status": forecast.status,
        "progress_percent": forecast.progress_percent,
        "data_version": forecast.data_version,
        "error": forecast.error or None,
    }
    if forecast.status != ForecastStatus.DONE:
        return out
    r = forecast.result
    out.update(
        model=r["model"],
        model_label=r["model_label"],
        mape=_finite(r["mape"]),
        naive_mape=_finite(r["naive_mape"]),
        beats_naive=r["beats_naive"],
        candidates_mape={k: _finite(v) for k, v in r["candidates"].items()},
        backtest_origins=r["origins"],
        history_end=r["history_months"][-1],
        points=[
            {
                "month": r["months"][i],
                "value_usd": str(r["mean"][i]),
                "lo80_usd": str(r["lo80"][i]),
                "hi80_usd": str(r["hi80"][i]),
                "lo95_usd": str(r["lo95"][i]),
                "hi95_usd": str(r["hi95"][i]),
            }
            for i in range(months)
        ],
        warning=None
        if r["beats_naive"]
        else "In the backtest this model did no better than the seasonal-naive forecast (the same month a year "
        "earlier); read it with care.",
    )
    return out


@router.get(
    "/forecast",
    response={200: ForecastOut, 202: ForecastOut},
    auth=django_auth,
    summary="Monthly turnover forecast with 80 % and 95 % intervals (staff); 202 while it is computed",
)
def trade_forecast(
    request: HttpRequest,
    months: int = Query(12, ge=1, le=24),
    gate: str | None = None,
    zone: str | None = None,
) -> tuple[int, dict[str, Any]]:
    from borderzone.trade.models import ForecastStatus
    from borderzone.trade.services import forecast_request

    scope = resolve_scope(request.user, zone, gate)
    if scope.published_only:
        raise Http404
    forecast = forecast_request(zone=scope.zone, gate=scope.gate)
    return (200 if forecast.status in (ForecastStatus.DONE, ForecastStatus.FAILED) else 202), forecast_out(
        forecast, months
    )


class SeriesRow(Schema):
    period: str
    gate: str | None
    turnover_usd: str
    export_usd: str
    import_usd: str
    revenue_vnd: str
    months: int


@router.get("/series", response=list[SeriesRow], auth=None, summary="Sums per month, quarter or year")
def trade_series(
    request: HttpRequest,
    period: str = Query("month", pattern="^(month|quarter|year)$"),
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
    gate: str | None = None,
    zone: str | None = None,
    by_gate: bool = False,
) -> list[dict[str, Any]]:
    scope = resolve_scope(request.user, zone, gate)
    start, end = resolve_span(from_, to, scope)
    qs = selectors.figures(
        zone=scope.zone, gates=scope.gates, start=start, end=end, published_only=scope.published_only
    )
    return [
        {
            "period": f"{row['period']:%Y-%m}",
            "gate": row.get("gate__code"),
            "turnover_usd": str(row["turnover_usd"]),
            "export_usd": str(row["export_usd"]),
            "import_usd": str(row["import_usd"]),
            "revenue_vnd": str(row["revenue_vnd"]),
            "months": row["months"],
        }
        for row in selectors.series(qs, period, by_gate=by_gate)
    ]
