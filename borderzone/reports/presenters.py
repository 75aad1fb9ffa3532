"""What the dashboard page needs beyond the figures: chart data and the links to the records behind
each number."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from borderzone.reports.dashboard import DashboardQuery


def investment_status_choices() -> list[tuple[str, Any]]:
    from borderzone.investments.models import Status

    return list(Status.choices)


def dashboard_links(q: DashboardQuery) -> dict[str, str]:
    """Staff list of projects filtered as the dashboard counts them, for each number it shows."""
    base = {"as_of": q.as_of.isoformat()}
    if q.gate_area is not None:
        base["gate_area"] = q.gate_area.code
    projects = reverse("investments:project-list")

    def to_projects(**extra: str) -> str:
        return f"{projects}?{urlencode({**base, **extra})}"

    links = {"projects": to_projects(), "late": to_projects(late="1"), "flagged": to_projects(flagged="1")}
    for status, _label in investment_status_choices():
        links[f"status_{status}"] = to_projects(status=status)
    for ownership in ("foreign", "domestic"):
        links[f"ownership_{ownership}"] = to_projects(ownership=ownership)
    trade = {"zone": q.zone.code, "from": f"{q.from_year}-01", "to": f"{q.to_year}-12"}
    links["trade"] = f"{reverse('trade:staff')}?{urlencode(trade)}"
    links["forecast"] = f"{reverse('trade:forecast')}?{urlencode({'zone': q.zone.code})}"
    links["infrastructure"] = (
        f"{reverse('infrastructure:index')}?{urlencode({'zone': q.zone.code, 'from_year': q.from_year, 'to_year': q.to_year})}"
    )
    links["goals"] = f"{reverse('planning:index')}?{urlencode({'zone': q.zone.code, 'overdue': 'on'})}"
    return links


def dashboard_charts(board: dict[str, Any]) -> dict[str, Any]:
    """Chart series for ECharts (numbers as plain floats; the tables beside them show the exact figures)."""
    summary = board["investments"]["summary"]
    labels = dict(investment_status_choices())
    trade_years = board["trade"].get("years", [])
    return {
        "status": {
            "title": _("Projects by status"),
            "categories": [str(labels[s]) for s in summary["by_status"]],
            "series": [{"name": _("Projects"), "data": list(summary["by_status"].values())}],
        },
        "trade": {
            "title": _("Turnover by year (million USD)"),
            "categories": [str(y["year"]) for y in trade_years],
            "series": [
                {
                    "name": pgettext("trade direction", "Export"),
                    "data": [round(float(y["export_usd"]) / 1e6, 1) for y in trade_years],
                    "stack": "t",
                },
                {
                    "name": pgettext("trade direction", "Import"),
                    "data": [round(float(y["import_usd"]) / 1e6, 1) for y in trade_years],
                    "stack": "t",
                },
            ],
        },
    }
