"""Trade pages: the public figures and the staff page (all statuses, import, forecasts), with charts
that each have a table view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from borderzone.access.permissions import can_change_zone, is_staff_member
from borderzone.core.cache import cached
from borderzone.core.formatting import chart_format, format_month
from borderzone.gates.models import BorderGate
from borderzone.trade import selectors
from borderzone.trade.models import REVENUE_FIELDS, TRADE_SCOPE
from borderzone.trade.query import Scope, resolve_scope, resolve_span


def _num(value: Any) -> float:
    """For chart drawing only; tables and figures keep Decimals."""
    return float(value)


def chart_data(scope: Scope, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Series for the three charts, computed by the database, cached until the trade data changes."""

    def compute() -> dict[str, Any]:
        qs = selectors.figures(
            zone=scope.zone, gates=scope.gates, start=start, end=end, published_only=scope.published_only
        )
        monthly = selectors.series(qs, "month", by_gate=True)
        gates = sorted({row["gate__code"] for row in monthly})
        months = sorted({row["period"] for row in monthly})
        index = {(row["gate__code"], row["period"]): row for row in monthly}
        per_gate = {
            code: {
                "export": [_num(index[(code, m)]["export_usd"]) if (code, m) in index else 0 for m in months],
                "import": [_num(index[(code, m)]["import_usd"]) if (code, m) in index else 0 for m in months],
            }
            for code in gates
        }
        years = selectors.yearly(qs)
        growth: list[float | None] = []
        previous = None
        for row in years:
            growth.append(
                selectors.change(row["turnover_usd"], previous["turnover_usd"])
                if previous is not None and previous["months"] == 12 and row["months"] == 12
                else None
            )
            previous = row
        return {
            "months": [f"{m:%Y-%m}" for m in months],
            "gates": gates,
            "per_gate": per_gate,
            "years": [row["year"] for row in years],
            "year_export": [_num(r["export_usd"]) for r in years],
            "year_import": [_num(r["import_usd"]) for r in years],
            "year_growth": growth,
            "year_full": [r["months"] == 12 for r in years],
            "revenue_lines": {name: [_num(r[name]) for r in years] for name in REVENUE_FIELDS},
            "yard_fee": [_num(r["yard_fee_vnd"]) for r in years],
            "year_rows": years,
            "monthly_rows": monthly,
        }

    key = f"charts:{scope.zone.pk}:{scope.gate.pk if scope.gate else '*'}:{start}:{end}:{scope.published_only}"
    return cached((TRADE_SCOPE,), key, compute)


def chart_options(data: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """The cached series in the reader's language: each gate by its name (never its code), months written
    the reader's way, and the number, date and money conventions the charts format with. Done after the
    cache, which is shared by every language."""
    options = {k: v for k, v in data.items() if k not in {"gates", "per_gate", "months", "year_rows", "monthly_rows"}}
    options["months"] = [format_month(dt.date.fromisoformat(f"{m}-01")) for m in data["months"]]
    options["gates"] = [
        {
            "name": names.get(code, code),
            "export": data["per_gate"][code]["export"],
            "import": data["per_gate"][code]["import"],
        }
        for code in data["gates"]
    ]
    options["format"] = chart_format()
    return options


def _page(request: HttpRequest, *, staff: bool) -> HttpResponse:
    try:
        scope = resolve_scope(request.user, request.GET.get("zone"), request.GET.get("gate"))
        start, end = resolve_span(request.GET.get("from"), request.GET.get("to"), scope)
        error = None
    except ValidationError as exc:
        scope = resolve_scope(request.user, request.GET.get("zone"), None)
        start, end = resolve_span(None, None, scope)
        error = " ".join(m for ms in exc.message_dict.values() for m in ms)
    if staff and scope.published_only:
        raise Http404
    summary = selectors.summary(
        zone=scope.zone, start=start, end=end, gates=scope.gates, published_only=scope.published_only
    )
    data = chart_data(scope, start, end)
    year_rows = data["year_rows"]
    gate_names = {g.code: g.display_name for g in BorderGate.objects.filter(zone=scope.zone)}
    charts = chart_options(data, gate_names)
    monthly_rows = [
        {**row, "gate_name": gate_names.get(row["gate__code"], row["gate__code"])} for row in data["monthly_rows"]
    ]
    share_rows = [
        {
            "year": row["year"],
            "revenue": row["revenue_vnd"],
            "share": summary.revenue_share.get(str(row["year"])),
            "share_actual": summary.revenue_share_actual.get(str(row["year"])),
            "full": row["months"] == 12,
        }
        for row in year_rows
    ]
    context = {
        "zone": scope.zone,
        "scope": scope,
        "start": start,
        "end": end,
        "summary": summary,
        "charts": charts,
        "year_rows": year_rows,
        "monthly_rows": monthly_rows,
        "share_rows": share_rows,
        "gates": list(
            BorderGate.objects.filter(zone=scope.zone, trade_figures__isnull=False).distinct().order_by("name")
        ),
        "error": error,
        "staff": staff,
        "can_change": staff and can_change_zone(request.user, scope.zone),
        "budgets": list(selectors.budgets(scope.zone)) if staff else [],
        "commodities": selectors.commodity_totals(
            selectors.figures(
                zone=scope.zone, gates=scope.gates, start=start, end=end, published_only=scope.published_only
            )
        )[:20],
        "recent": list(
            selectors.figures(zone=scope.zone, gates=scope.gates, start=selectors.month_add(end, -2), end=end)
            .annotate(earlier=Count("revisions"))
            .order_by("-month", "gate__name")
        )
        if staff
        else [],
    }
    return render(request, "trade/trade.html", context, status=422 if error else 200)


def trade_public(request: HttpRequest) -> HttpResponse:
    """Published (final and revised) trade and revenue figures with their charts."""
    return _page(request, staff=False)


@login_required
def trade_staff(request: HttpRequest) -> HttpResponse:
    """The same, with provisional figures, budgets, import and forecasts, for the zone's staff."""
    if not is_staff_member(request.user):
        raise Http404
    return _page(request, staff=True)
