"""The leadership dashboard's data: one zone (optionally one gate area) as of a day, trade and
infrastructure over a span of years. Computed in a bounded number of queries whatever the data size,
and cached under the data versions of every app it reads, so it is correct after any change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from borderzone.core.cache import cached, zone_scopes
from borderzone.zones.models import EconomicZone, GateArea

if TYPE_CHECKING:
    from borderzone.infrastructure.selectors import CapitalSummary
    from borderzone.planning.models import Goal
    from borderzone.register.selectors import Attention
    from borderzone.trade.selectors import Summary, YearToDate

SCOPES = ("investments", "trade", "infrastructure", "planning", "zones")
LATE_LIST = 10
GOALS_DUE_DAYS = 90
GOALS_LISTED = 20


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
        # "v2": flags keep their milestones as codes; an entry of the earlier shape is never read.
        return f"dashboard:v2:{self.zone.pk}:{area}:{self.as_of.isoformat()}:{self.from_year}:{self.to_year}"


def dashboard_data(query: DashboardQuery) -> dict[str, Any]:
    """Everything the dashboard shows; callers have checked that the user may read the zone."""
    # Keyed by the zone's own versions: a write in another zone's register leaves this board cached.
    return cached(zone_scopes(SCOPES, query.zone.pk), query.key, lambda: _compute(query))


def _compute(q: DashboardQuery) -> dict[str, Any]:
    return {
        "investments": _investments(q),
        "trade": _trade(q),
        "infrastructure": _infrastructure(q),
        "goals": _goals(q),
    }


def _investments(q: DashboardQuery) -> dict[str, Any]:
    from borderzone.register import selectors

    # Flagged first, then the most late milestones: what a leader must look at (chosen in the database).
    summary, attention = selectors.summary_and_attention(q.as_of, q.zone, q.gate_area, limit=LATE_LIST)
    late_projects = [_late_project(q.zone, a) for a in attention]
    return {"summary": summary, "late_projects": late_projects}


def _late_project(zone: EconomicZone, a: Attention) -> dict[str, Any]:
    return {
        "zone": zone.code,
        "code": a.code,
        "name": a.name,
        "late": list(a.evaluation.late),
        "flags": [
            {
                "code": f.code,
                # Named at render time (report_tags.flag_name): this cache serves every language.
                "condition": f.condition,
                "months": f.months,
                "law": f.law,
                "article": f.article,
                "article_confirmed": f.article_confirmed,
                # The milestones as codes, named at render time too (report_tags.flag_detail).
                "milestones": list(f.milestones),
            }
            for f in a.evaluation.flags
        ],
    }


def _trade(q: DashboardQuery) -> dict[str, Any]:
    from borderzone.trade import selectors

    gates = list(q.zone.gates.filter(gate_area=q.gate_area)) if q.gate_area is not None else None
    if gates == []:
        return {"gates": 0}
    span = selectors.summary(
        zone=q.zone,
        gates=gates,
        start=dt.date(q.from_year, 1, 1),
        end=dt.date(q.to_year, 12, 1),
        with_previous=False,
        with_sources=False,
    )
    ytd = selectors.year_to_date(zone=q.zone, gates=gates, day=q.as_of)
    return _trade_block(span, ytd, len(gates) if gates else None)


def _trade_block(span: Summary, ytd: YearToDate, gates: int | None) -> dict[str, Any]:
    return {
        "gates": gates,
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
        # This year's months with figures up to the as-of month, against the same months a year earlier.
        "ytd_last_month": ytd.end,
        "ytd_previous_complete": ytd.previous_complete,
        "ytd_turnover_usd": ytd.current["turnover_usd"],
        "ytd_revenue_vnd": ytd.current["revenue_vnd"],
        "last_year_turnover_usd": ytd.previous["turnover_usd"],
        "last_year_revenue_vnd": ytd.previous["revenue_vnd"],
        "turnover_change": ytd.turnover_change,
        "revenue_change": ytd.revenue_change,
        "statuses": span.statuses,
    }


def _infrastructure(q: DashboardQuery) -> dict[str, Any]:
    from borderzone.infrastructure.models import InfrastructureWork
    from borderzone.infrastructure.selectors import capital_summary

    works = InfrastructureWork.objects.filter(zone=q.zone)
    if q.gate_area is not None:
        works = works.filter(gate_area=q.gate_area)
    return _infrastructure_block(capital_summary(works, from_year=q.from_year, to_year=q.to_year))


def _infrastructure_block(data: CapitalSummary) -> dict[str, Any]:
    return {
        "need_vnd": data.need_vnd,
        "allocated_vnd": data.allocated_vnd,
        "disbursed_vnd": data.disbursed_vnd,
        "coverage": float(data.allocated_vnd / data.need_vnd) if data.need_vnd else None,
        "works": data.works,
    }


def _goals(q: DashboardQuery) -> dict[str, Any]:
    from borderzone.planning.models import Goal

    goals = Goal.objects.filter(zone=q.zone).select_related("gate_area")
    if q.gate_area is not None:
        goals = goals.filter(gate_area=q.gate_area)
    open_on_day = goals.open_on(q.as_of)
    horizon = q.as_of + dt.timedelta(days=GOALS_DUE_DAYS)
    # The goal's id after its target date: the same twenty whatever the plan (and in the board of all zones).
    rows = list(open_on_day.filter(target_date__lte=horizon).order_by("target_date", "pk")[:GOALS_LISTED])
    return _goals_block(q.zone, rows, goals.overdue(q.as_of).count(), q.as_of)


def _goals_block(zone: EconomicZone, rows: list[Goal], overdue_count: int, day: dt.date) -> dict[str, Any]:
    def item(g: Goal) -> dict[str, Any]:
        return {
            "pk": g.pk,
            "zone": zone.code,
            # Every version: this cache serves every language (report_tags.localized_title names it).
            "title": g.title,
            "title_en": g.title_en,
            "title_zh": g.title_zh,
            "target_date": g.target_date,
            "gate_area": g.gate_area.name if g.gate_area else "",
        }

    return {
        "overdue_count": overdue_count,
        "overdue": [item(g) for g in rows if g.is_overdue(day)],
        "due": [item(g) for g in rows if not g.is_overdue(day)],
    }


# --- several zones at once (an administrator's view, or a leader of more than one zone) ---


@dataclass(frozen=True)
class CombinedQuery:
    zones: tuple[EconomicZone, ...]
    as_of: dt.date
    from_year: int
    to_year: int

    @property
    def key(self) -> str:
        zones = ",".join(str(z.pk) for z in sorted(self.zones, key=lambda z: z.pk))
        return f"dashboard:v2:all:{zones}:{self.as_of.isoformat()}:{self.from_year}:{self.to_year}"

    def for_zone(self, zone: EconomicZone) -> DashboardQuery:
        return DashboardQuery(
            zone=zone, gate_area=None, as_of=self.as_of, from_year=self.from_year, to_year=self.to_year
        )


def combined_dashboard_data(query: CombinedQuery) -> dict[str, Any]:
    """The dashboard of several zones: every figure summed over them, and one row a zone to compare them.

    Computed afresh in one statement grouped by zone per family of figures (`compute_combined`), not
    zone by zone; cached under every zone's versions."""
    return cached(SCOPES, query.key, lambda: compute_combined(query))


def compute_combined(q: CombinedQuery) -> dict[str, Any]:
    """`combine` of the zones' boards, each zone's figures read by statements grouped by zone: a fixed
    number of queries whatever the number of zones. The figures are those of each zone's own board
    (`_compute`), summed; the boards are partial (of each zone's list of projects to look at, only those
    the board of all zones shows; no share of a province's budget), so they are not cached as the zones'."""
    from borderzone.infrastructure.selectors import capital_summaries_by_zone
    from borderzone.register import selectors as register
    from borderzone.trade import selectors as trade

    zones = list(q.zones)
    summaries, attention = register.summaries_by_zone(q.as_of, zones, limit=LATE_LIST)
    late: dict[int, list[dict[str, Any]]] = {z.pk: [] for z in zones}
    for zone, a in attention:
        late[zone.pk].append(_late_project(zone, a))
    start, end = dt.date(q.from_year, 1, 1), dt.date(q.to_year, 12, 1)
    spans = trade.summaries_by_zone(zones=zones, start=start, end=end)
    ytds = trade.year_to_date_by_zone(zones=zones, day=q.as_of)
    capital = capital_summaries_by_zone(zones, from_year=q.from_year, to_year=q.to_year)
    goals = _goals_by_zone(zones, q.as_of)
    return combine(
        [
            (
                z,
                {
                    "investments": {"summary": summaries[z.pk], "late_projects": late[z.pk]},
                    "trade": _trade_block(spans[z.pk], ytds[z.pk], None),
                    "infrastructure": _infrastructure_block(capital[z.pk]),
                    "goals": goals[z.pk],
                },
            )
            for z in zones
        ]
    )


def _goals_by_zone(zones: list[EconomicZone], day: dt.date) -> dict[int, dict[str, Any]]:
    """`_goals` of each zone (no gate area) in two queries: each zone's first goals by a window."""
    from django.db.models import Count, F, Window
    from django.db.models.functions import RowNumber

    from borderzone.planning.models import Goal

    goals = Goal.objects.filter(zone__in=zones)
    overdue = dict(goals.overdue(day).order_by().values("zone_id").annotate(n=Count("pk")).values_list("zone_id", "n"))
    horizon = day + dt.timedelta(days=GOALS_DUE_DAYS)
    place = Window(RowNumber(), partition_by=F("zone_id"), order_by=[F("target_date").asc(), F("pk").asc()])
    rows = (
        goals.open_on(day)
        .filter(target_date__lte=horizon)
        .select_related("gate_area")
        .annotate(place=place)
        .filter(place__lte=GOALS_LISTED)
        .order_by("zone_id", "target_date", "pk")
    )
    by_zone: dict[int, list[Goal]] = {z.pk: [] for z in zones}
    for goal in rows:
        by_zone[goal.zone_id].append(goal)
    return {z.pk: _goals_block(z, by_zone[z.pk], overdue.get(z.pk, 0), day) for z in zones}


def _add_money(target: dict[str, dict[str, Decimal]], block: dict[str, dict[str, Decimal]]) -> None:
    for ownership, amounts in block.items():
        for currency, amount in amounts.items():
            bucket = target.setdefault(ownership, {})
            bucket[currency] = bucket.get(currency, Decimal(0)) + amount


def combine(boards: list[tuple[EconomicZone, dict[str, Any]]]) -> dict[str, Any]:
    """Sum boards of single zones into one board of the same shape, plus `zones`: one row a zone."""
    from borderzone.trade.selectors import change, compound_growth

    summaries = [b["investments"]["summary"] for _, b in boards]
    registered: dict[str, dict[str, Decimal]] = {}
    disbursed: dict[str, dict[str, Decimal]] = {}
    registered_vnd = dict.fromkeys(("foreign", "domestic", "total"), Decimal(0))
    unconverted = {"projects": 0, "amount": Decimal(0)}  # capital in USD without a VND equivalent yet
    by_status: dict[str, int] = {}
    for s in summaries:
        _add_money(registered, s["registered_capital"])
        _add_money(disbursed, s["disbursed_capital"])
        for key in registered_vnd:
            registered_vnd[key] += s["registered_capital_vnd_equivalent"][key]
        for key in unconverted:
            unconverted[key] += s["unconverted_usd"][key]
        for status, n in s["by_status"].items():
            by_status[status] = by_status.get(status, 0) + n
    summary = {
        "as_of": summaries[0]["as_of"] if summaries else None,
        "zone": None,
        "projects": {k: sum(s["projects"][k] for s in summaries) for k in ("total", "foreign", "domestic")},
        "terminated": sum(s["terminated"] for s in summaries),
        "by_status": by_status,
        "registered_capital": registered,
        "registered_capital_vnd_equivalent": registered_vnd,
        "unconverted_usd": unconverted,
        "disbursed_capital": disbursed,
        **{k: sum(s[k] for s in summaries) for k in ("late", "flagged", "late_flagged", "flagged_not_late")},
    }
    late_projects = sorted(
        (p for _, b in boards for p in b["investments"]["late_projects"]),
        key=lambda p: (-len(p["flags"]), -len(p["late"]), p["zone"], p["code"]),
    )[:LATE_LIST]

    trades = [b["trade"] for _, b in boards if b["trade"].get("years")]
    years: dict[int, dict[str, Any]] = {}
    for t in trades:
        for y in t["years"]:
            row = years.setdefault(
                y["year"],
                {
                    "year": y["year"],
                    "months": 0,
                    **dict.fromkeys(("turnover_usd", "export_usd", "import_usd", "revenue_vnd"), Decimal(0)),
                },
            )
            for field in ("turnover_usd", "export_usd", "import_usd", "revenue_vnd"):
                row[field] += y[field]
            row["months"] = max(row["months"], y["months"])
    year_rows = [years[y] for y in sorted(years)]
    # A year counts for growth only when it is full in every zone that has trade figures.
    full = sorted(set.intersection(*(set(t["full_years"]) for t in trades))) if trades else []
    turnover_growth = revenue_growth = None
    if len(full) >= 2:
        first, last = years[full[0]], years[full[-1]]
        turnover_growth = compound_growth(first["turnover_usd"], last["turnover_usd"], full[-1] - full[0])
        revenue_growth = compound_growth(first["revenue_vnd"], last["revenue_vnd"], full[-1] - full[0])

    def total(key: str) -> Decimal:
        return sum((t[key] for t in trades), Decimal(0))

    statuses: dict[str, int] = {}
    for t in trades:
        for status, n in t["statuses"].items():
            statuses[status] = statuses.get(status, 0) + n
    ends = {t["ytd_last_month"] for t in trades}
    ytd_end = max((e for e in ends if e is not None), default=None)
    comparable = len(ends) == 1 and ytd_end is not None and all(t["ytd_previous_complete"] for t in trades)
    trade: dict[str, Any] = {"gates": None}
    if trades:
        trade |= {
            "span_turnover_usd": total("span_turnover_usd"),
            "span_revenue_vnd": total("span_revenue_vnd"),
            "turnover_growth": turnover_growth,
            "revenue_growth": revenue_growth,
            "full_years": full,
            "revenue_share": {},  # a share is of one province's budget: see each zone's own dashboard
            "years": year_rows,
            "ytd_turnover_usd": total("ytd_turnover_usd"),
            "ytd_revenue_vnd": total("ytd_revenue_vnd"),
            "last_year_turnover_usd": total("last_year_turnover_usd"),
            "last_year_revenue_vnd": total("last_year_revenue_vnd"),
            "ytd_last_month": ytd_end,
            "ytd_previous_complete": comparable,
            # Like with like: a change only when every zone's figures reach the same month and each
            # zone's same months a year earlier are complete.
            "turnover_change": change(total("ytd_turnover_usd"), total("last_year_turnover_usd"))
            if comparable
            else None,
            "revenue_change": change(total("ytd_revenue_vnd"), total("last_year_revenue_vnd")) if comparable else None,
            "statuses": statuses,
        }

    infra = [b["infrastructure"] for _, b in boards]
    need = sum((i["need_vnd"] for i in infra), Decimal(0))
    allocated = sum((i["allocated_vnd"] for i in infra), Decimal(0))
    infrastructure = {
        "need_vnd": need,
        "allocated_vnd": allocated,
        "disbursed_vnd": sum((i["disbursed_vnd"] for i in infra), Decimal(0)),
        "coverage": float(allocated / need) if need else None,
        "works": sum(i["works"] for i in infra),
    }

    goals = [b["goals"] for _, b in boards]
    overdue = sorted((g for gs in goals for g in gs["overdue"]), key=lambda g: (g["target_date"], g["zone"]))
    due = sorted((g for gs in goals for g in gs["due"]), key=lambda g: (g["target_date"], g["zone"]))
    goals_board = {
        "overdue_count": sum(g["overdue_count"] for g in goals),
        "overdue": overdue[:20],
        "due": due[: max(0, 20 - len(overdue))],
    }

    zones = []
    for zone, b in boards:
        s, t, i = b["investments"]["summary"], b["trade"], b["infrastructure"]
        zones.append(
            {
                "code": zone.code,
                "projects": s["projects"]["total"],
                "foreign": s["projects"]["foreign"],
                "registered_vnd": s["registered_capital_vnd_equivalent"]["total"],
                "unconverted": s["unconverted_usd"],
                "late": s["late"],
                "flagged": s["flagged"],
                # No figures in the span: shown as a dash, not as zero.
                "turnover_usd": t["span_turnover_usd"] if t.get("years") else None,
                "revenue_vnd": t["span_revenue_vnd"] if t.get("years") else None,
                "turnover_growth": t.get("turnover_growth"),
                "coverage": i["coverage"],
                "goals_overdue": b["goals"]["overdue_count"],
            }
        )
    return {
        "investments": {"summary": summary, "late_projects": late_projects},
        "trade": trade,
        "infrastructure": infrastructure,
        "goals": goals_board,
        "zones": zones,
    }
