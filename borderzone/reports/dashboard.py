"""The leadership dashboard's data: one zone (optionally one gate area) as of a day, trade and
infrastructure over a span of years. Computed in a bounded number of queries whatever the data size,
and cached under the data versions of every app it reads, so it is correct after any change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from borderzone.core.cache import cached
from borderzone.zones.models import EconomicZone, GateArea

SCOPES = ("investments", "trade", "infrastructure", "planning", "zones")
LATE_LIST = 10
GOALS_DUE_DAYS = 90


@dataclass(frozen=True)
class DashboardQuery:
    zone: EconomicZone
    gate_area: GateArea | None
    as_of: dt.date
    from_year: int
    to_year: int

    @property
    def key(self) -> str:
        area = self.gate_area.code if self.gate_area else "*"
        return f"dashboard:{self.zone.pk}:{area}:{self.as_of.isoformat()}:{self.from_year}:{self.to_year}"


def dashboard_data(query: DashboardQuery) -> dict[str, Any]:
    """Everything the dashboard shows; callers have checked that the user may read the zone."""
    return cached(SCOPES, query.key, lambda: _compute(query))


def _compute(q: DashboardQuery) -> dict[str, Any]:
    return {
        "investments": _investments(q),
        "trade": _trade(q),
        "infrastructure": _infrastructure(q),
        "goals": _goals(q),
    }


def _investments(q: DashboardQuery) -> dict[str, Any]:
    from borderzone.investments import selectors
    from borderzone.investments.models import Project

    summary = selectors.summary(q.as_of, q.zone, q.gate_area)
    projects = Project.objects.filter(zone=q.zone)
    if q.gate_area is not None:
        projects = projects.filter(gate_area=q.gate_area)
    evaluations = selectors.evaluate(q.as_of, projects)
    # Flagged first, then the most late milestones: what a leader must look at.
    worst = sorted(
        (pk for pk, e in evaluations.items() if e.is_late or e.is_flagged),
        key=lambda pk: (-len(evaluations[pk].flags), -len(evaluations[pk].late), pk),
    )[:LATE_LIST]
    names = dict(Project.objects.filter(pk__in=worst).values_list("pk", "name"))
    codes = dict(Project.objects.filter(pk__in=worst).values_list("pk", "code"))
    late_projects = [
        {
            "code": codes[pk],
            "name": names[pk],
            "late": list(evaluations[pk].late),
            "flags": [
                {"code": f.code, "law": f.law, "article": f.article, "detail": f.detail} for f in evaluations[pk].flags
            ],
        }
        for pk in worst
    ]
    return {"summary": summary, "late_projects": late_projects}


def _trade(q: DashboardQuery) -> dict[str, Any]:
    from borderzone.trade import selectors

    gates = list(q.zone.gates.filter(gate_area=q.gate_area)) if q.gate_area is not None else None
    if gates == []:
        return {"gates": 0}
    span = selectors.summary(zone=q.zone, gates=gates, start=dt.date(q.from_year, 1, 1), end=dt.date(q.to_year, 12, 1))
    # This year up to the as-of month against the same months of last year.
    this_year = selectors.summary(
        zone=q.zone, gates=gates, start=dt.date(q.as_of.year, 1, 1), end=dt.date(q.as_of.year, q.as_of.month, 1)
    )
    previous = this_year.previous
    return {
        "gates": len(gates) if gates else None,
        "span_turnover_usd": span.totals["turnover_usd"],
        "span_revenue_vnd": span.totals["revenue_vnd"],
        "turnover_growth": span.turnover_growth,
        "revenue_growth": span.revenue_growth,
        "full_years": span.full_years,
        "revenue_share": span.revenue_share,
        "years": [
            {
                "year": y["year"],
                "turnover_usd": y["turnover_usd"],
                "export_usd": y["export_usd"],
                "import_usd": y["import_usd"],
                "revenue_vnd": y["revenue_vnd"],
                "months": y["months"],
            }
            for y in span.years
        ],
        "ytd_turnover_usd": this_year.totals["turnover_usd"],
        "ytd_revenue_vnd": this_year.totals["revenue_vnd"],
        "last_year_turnover_usd": previous.get("turnover_usd") or Decimal(0),
        "last_year_revenue_vnd": previous.get("revenue_vnd") or Decimal(0),
        "turnover_change": selectors.change(
            this_year.totals["turnover_usd"], previous.get("turnover_usd") or Decimal(0)
        ),
        "revenue_change": selectors.change(this_year.totals["revenue_vnd"], previous.get("revenue_vnd") or Decimal(0)),
        "statuses": span.statuses,
    }


def _infrastructure(q: DashboardQuery) -> dict[str, Any]:
    from borderzone.infrastructure.models import InfrastructureWork
    from borderzone.infrastructure.selectors import capital_summary

    works = InfrastructureWork.objects.filter(zone=q.zone)
    if q.gate_area is not None:
        works = works.filter(gate_area=q.gate_area)
    data = capital_summary(works, from_year=q.from_year, to_year=q.to_year)
    return {
        "need_vnd": data.need_vnd,
        "allocated_vnd": data.allocated_vnd,
        "disbursed_vnd": data.disbursed_vnd,
        "coverage": float(data.allocated_vnd / data.need_vnd) if data.need_vnd else None,
        "works": data.works,
    }


def _goals(q: DashboardQuery) -> dict[str, Any]:
    from borderzone.planning.models import Goal, GoalStatus

    goals = Goal.objects.filter(zone=q.zone).select_related("gate_area")
    if q.gate_area is not None:
        goals = goals.filter(gate_area=q.gate_area)
    open_on_day = goals.exclude(status=GoalStatus.CANCELLED).exclude(
        Q(status=GoalStatus.ACHIEVED) & (Q(achieved_on__lte=q.as_of) | Q(achieved_on__isnull=True))
    )
    horizon = q.as_of + dt.timedelta(days=GOALS_DUE_DAYS)
    rows = list(open_on_day.filter(target_date__lte=horizon).order_by("target_date")[:20])
    return {
        "overdue_count": open_on_day.filter(target_date__lt=q.as_of).count(),
        "overdue": [
            {
                "pk": g.pk,
                "title": g.title,
                "target_date": g.target_date,
                "gate_area": g.gate_area.name if g.gate_area else "",
            }
            for g in rows
            if g.target_date < q.as_of
        ],
        "due": [
            {
                "pk": g.pk,
                "title": g.title,
                "target_date": g.target_date,
                "gate_area": g.gate_area.name if g.gate_area else "",
            }
            for g in rows
            if g.target_date >= q.as_of
        ],
    }
