"""The staff forecast page: progress while the task runs (htmx polling), then the forecast with its
backtest error beside the seasonal-naive one, and policy-shock scenarios."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from borderzone.access.permissions import get_visible_or_404
from borderzone.core.formatting import chart_format, format_month
from borderzone.trade import selectors
from borderzone.trade.forms import ScenarioForm
from borderzone.trade.models import ForecastStatus, TradeForecast
from borderzone.trade.query import resolve_scope
from borderzone.trade.scenarios import ScenarioInput, scenario_effect
from borderzone.trade.services import forecast_request, forecast_rerun, forecasts_sweep_stale


def _chart(forecast: TradeForecast, effect: dict[str, Any] | None, horizon: int) -> dict[str, Any]:
    r = forecast.result
    history_months = r["history_months"][-36:]
    return {
        "history_months": [_month_label(m) for m in history_months],
        "history": r["history"][-36:],
        "months": [_month_label(m) for m in r["months"][:horizon]],
        "mean": r["mean"][:horizon],
        "lo80": r["lo80"][:horizon],
        "hi80": r["hi80"][:horizon],
        "lo95": r["lo95"][:horizon],
        "hi95": r["hi95"][:horizon],
        "scenario": [float(row["scenario"]) for row in effect["rows"]] if effect else None,
        "format": chart_format(),
    }


def _month_label(month: str) -> str:
    """A forecast month ("2026-03") as the reader writes it (03/2026, Mar 2026, 2026年3月)."""
    try:
        return format_month(dt.date.fromisoformat(f"{month[:7]}-01"))
    except ValueError:
        return month


@login_required
def trade_forecast(request: HttpRequest) -> HttpResponse:
    scope = resolve_scope(request.user, request.GET.get("zone"), request.GET.get("gate"))
    if scope.published_only:
        raise Http404
    try:
        horizon = max(1, min(24, int(request.GET.get("months", "12"))))
    except ValueError:
        horizon = 12
    current = forecast_request(zone=scope.zone, gate=scope.gate)
    forecast = current
    if current.status != ForecastStatus.DONE:
        # While the new forecast is computed, the last one made on earlier data stays readable.
        forecast = (
            TradeForecast.objects.filter(zone=scope.zone, gate=scope.gate, status=ForecastStatus.DONE)
            .select_related("zone", "gate")
            .order_by("-finished_at")
            .first()
            or current
        )
    gates = [(g.code, g.display_name) for g in selectors.trade_gates(scope.zone)]
    context: dict[str, Any] = {
        "zone": scope.zone,
        "scope": scope,
        "forecast": forecast,
        "current": current,
        "stale": forecast.pk != current.pk,
        "horizon": horizon,
        "gates": gates,
        "horizons": [3, 6, 12, 18, 24],
    }
    status = 200
    if forecast.status == ForecastStatus.DONE:
        first_month = forecast.result["months"][0]
        data = request.GET if "start" in request.GET else None
        form = ScenarioForm(data, gates=gates, initial={"start": first_month})
        params = None
        if form.is_bound:
            if form.is_valid():
                d = form.cleaned_data
                params = ScenarioInput(
                    start=d["start"],
                    closed_gate=d["closed_gate"] or "",
                    closed_months=d["closed_months"] or 0,
                    fall_percent=float(d["fall_percent"] or 0),
                    fall_direction=d["fall_direction"] or "import",
                    fall_months=d["fall_months"] or 0,
                    recovery_months=d["recovery_months"] or 0,
                )
            else:
                status = 422
        effect = scenario_effect(forecast, params, horizon)
        context.update(
            form=form,
            params=params,
            effect=effect,
            chart=_chart(forecast, effect if params and not params.empty else None, horizon),
            result=forecast.result,
            history_span=[
                _month_label(m)
                for m in forecast.result.get("history_months", [])[:1] + forecast.result.get("history_months", [])[-1:]
            ],
            points=list(
                zip(
                    forecast.result["months"][:horizon],
                    forecast.result["mean"][:horizon],
                    forecast.result["lo80"][:horizon],
                    forecast.result["hi80"][:horizon],
                    forecast.result["lo95"][:horizon],
                    forecast.result["hi95"][:horizon],
                    strict=True,
                )
            ),
        )
    return render(request, "trade/forecast.html", context, status=status)


@login_required
def trade_forecast_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress block, polled by htmx; once the forecast is done the page reloads to show it."""
    forecasts_sweep_stale()  # a forecast whose worker died shows failed, never "running" forever
    forecast = get_visible_or_404(request.user, TradeForecast.objects.select_related("zone", "gate"), pk=pk)
    response = render(request, "trade/_forecast_progress.html", {"forecast": forecast})
    if forecast.status in (ForecastStatus.DONE, ForecastStatus.FAILED):
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def trade_forecast_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    """Compute again a forecast whose worker died; back to the forecast page of its zone or gate."""
    forecast = get_visible_or_404(request.user, TradeForecast.objects.select_related("zone", "gate"), pk=pk)
    scope = resolve_scope(request.user, forecast.zone.code, forecast.gate.code if forecast.gate else None)
    if scope.published_only:
        raise Http404
    try:
        forecast_rerun(forecast=forecast)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    query = f"?zone={forecast.zone.code}" + (f"&gate={forecast.gate.code}" if forecast.gate else "")
    return redirect(reverse("trade:forecast") + query)
