"""What the dashboard page needs beyond the figures: chart data and the links to the records behind
each number."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from borderzone.core.formatting import chart_format
from borderzone.register.models import Status
from borderzone.reports.dashboard import CombinedQuery, DashboardQuery
from borderzone.zones.models import EconomicZone


def _project_links(base: dict[str, str]) -> dict[str, str]:
    projects = reverse("investments:project-list")

    def to_projects(**extra: str) -> str:
        return f"{projects}?{urlencode({**base, **extra})}"

    links = {"projects": to_projects(), "late": to_projects(late="1"), "flagged": to_projects(flagged="1")}
    for status, _label in Status.choices:
        links[f"status_{status}"] = to_projects(status=status)
    for ownership in ("foreign", "domestic"):
        links[f"ownership_{ownership}"] = to_projects(ownership=ownership)
    return links


def zone_links(q: DashboardQuery | CombinedQuery, zone: EconomicZone) -> dict[str, str]:
    """A zone's pages behind the dashboard's trade, infrastructure and plan figures."""
    trade = {"zone": zone.code, "from": f"{q.from_year}-01", "to": f"{q.to_year}-12"}
    infrastructure = {"zone": zone.code, "from_year": q.from_year, "to_year": q.to_year}
    dashboard = {"zone": zone.code, "as_of": q.as_of.isoformat(), "from_year": q.from_year, "to_year": q.to_year}
    return {
        "trade": f"{reverse('trade:staff')}?{urlencode(trade)}",
        "forecast": f"{reverse('trade:forecast')}?{urlencode({'zone': zone.code})}",
        "infrastructure": f"{reverse('infrastructure:index')}?{urlencode(infrastructure)}",
        "goals": f"{reverse('planning:index')}?{urlencode({'zone': zone.code, 'overdue': 'on'})}",
        "dashboard": f"{reverse('reports:dashboard')}?{urlencode(dashboard)}",
        "projects": f"{reverse('investments:project-list')}?{urlencode({'zone': zone.code, 'as_of': q.as_of.isoformat()})}",
    }


def dashboard_links(q: DashboardQuery) -> dict[str, str]:
    """Staff list of projects filtered as the dashboard counts them, for each number it shows."""
    base = {"zone": q.zone.code, "as_of": q.as_of.isoformat()}
    if q.gate_area is not None:
        base["gate_area"] = q.gate_area.code
    return {**_project_links(base), **zone_links(q, q.zone)}


def combined_links(q: CombinedQuery) -> dict[str, str]:
    """Project lists over every zone (the combined view is of all the zones the user reads); the pages
    of trade, infrastructure and goals are per zone and linked from each zone's row."""
    per_zone = dict.fromkeys(("trade", "forecast", "infrastructure", "goals"), "#zones")
    return {**_project_links({"as_of": q.as_of.isoformat()}), **per_zone}


def dashboard_charts(board: dict[str, Any]) -> dict[str, Any]:
    """Chart series for ECharts (numbers as plain floats; the tables beside them show the exact figures)."""
    summary = board["investments"]["summary"]
    labels = dict(Status.choices)
    trade_years = board["trade"].get("years", [])
    return {
        "format": chart_format(),
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
