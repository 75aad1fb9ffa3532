"""Reads on trade figures: totals, series and growth computed by the database (aggregates, never a
Python loop over rows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, DecimalField, F, Max, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth, TruncQuarter, TruncYear

from borderzone.core.dbfunctions import YearOf
from borderzone.gates.models import BorderGate
from borderzone.trade.models import (
    PUBLISHED_STATUSES,
    REVENUE_FIELDS,
    ProvinceBudget,
    TradeFigure,
    TradeFigureRevision,
)
from borderzone.zones.models import EconomicZone

ZERO = Decimal(0)
_USD = DecimalField(max_digits=22, decimal_places=2)
_VND = DecimalField(max_digits=24, decimal_places=0)


def month_add(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(start: dt.date, end: dt.date) -> int:
    """Months from `start` to `end` inclusive (0 when end is before start)."""
    return max(0, (end.year - start.year) * 12 + end.month - start.month + 1)


def _sum(expr: Any, output: DecimalField) -> Coalesce:
    return Coalesce(Sum(expr, output_field=output), Value(ZERO), output_field=output)


def amount_aggregates() -> dict[str, Any]:
    """The sums every total and series is made of."""
    revenue = sum((F(f) for f in REVENUE_FIELDS[1:]), F(REVENUE_FIELDS[0]))
    # Sums of expressions first: once an aggregate is named like a field, F() would point at the aggregate.
    return {
        "turnover_usd": _sum(F("export_usd") + F("import_usd"), _USD),
        "revenue_vnd": _sum(revenue, _VND),
        "export_usd": _sum(F("export_usd"), _USD),
        "import_usd": _sum(F("import_usd"), _USD),
        **{name: _sum(F(name), _VND) for name in REVENUE_FIELDS},
        "yard_fee_vnd": _sum(F("yard_fee_vnd"), _VND),
        "rows": Count("id"),
    }


_CENT = Decimal("0.01")


def _normalise(row: dict[str, Any]) -> dict[str, Any]:
    """Amounts with the places their fields store (SQLite sums drop trailing zeros)."""
    for name, value in row.items():
        if isinstance(value, Decimal):
            row[name] = value.quantize(_CENT if name.endswith("_usd") else Decimal(1))
    return row


def figures(
    *,
    zone: EconomicZone | None = None,
    gates: list[BorderGate] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    published_only: bool = False,
) -> QuerySet[TradeFigure]:
    """Monthly figures of a zone or of some gates within a span of months (inclusive)."""
    qs = TradeFigure.objects.select_related("gate")
    if zone is not None:
        qs = qs.filter(gate__zone=zone)
    if gates:
        qs = qs.filter(gate__in=gates)
    if start is not None:
        qs = qs.filter(month__gte=start)
    if end is not None:
        qs = qs.filter(month__lte=end)
    if published_only:
        qs = qs.filter(status__in=PUBLISHED_STATUSES)
    return qs


def totals(qs: QuerySet[TradeFigure]) -> dict[str, Any]:
    """Sums over the figures of `qs`, in one query."""
    return _normalise(qs.order_by().aggregate(**amount_aggregates()))


PERIODS = {"month": TruncMonth, "quarter": TruncQuarter, "year": TruncYear}


def series(qs: QuerySet[TradeFigure], period: str = "month", *, by_gate: bool = False) -> list[dict[str, Any]]:
    """Sums per month, quarter or year (and per gate when asked), oldest first."""
    trunc = PERIODS[period]
    keys = ["period", "gate__code"] if by_gate else ["period"]
    rows = (
        qs.order_by()
        .annotate(period=trunc("month"))
        .values(*keys)
        .annotate(**amount_aggregates(), months=Count("month", distinct=True))
        .order_by(*keys)
    )
    return [_normalise(dict(row)) for row in rows]


def yearly(qs: QuerySet[TradeFigure]) -> list[dict[str, Any]]:
    """Per calendar year: sums, the months present and the figures counted (for "full year")."""
    rows = (
        qs.order_by()
        .annotate(year=YearOf("month"))
        .values("year")
        .annotate(**amount_aggregates(), months=Count("month", distinct=True))
        .order_by("year")
    )
    return [_normalise(dict(row)) for row in rows]


def compound_growth(first: Decimal, last: Decimal, years: int) -> float | None:
    """Average annual growth rate between two yearly values `years` apart, or None if undefined."""
    if years <= 0 or first <= 0 or last <= 0:
        return None
    return float((last / first) ** (Decimal(1) / Decimal(years)) - 1)


def change(current: Decimal, previous: Decimal) -> float | None:
    if previous <= 0:
        return None
    return float(current / previous - 1)


@dataclass
class Summary:
    start: dt.date
    end: dt.date
    gate_codes: list[str]
    totals: dict[str, Any]
    previous: dict[str, Any]
    years: list[dict[str, Any]]
    full_years: list[int]
    gates_considered: int
    turnover_growth: float | None
    revenue_growth: float | None
    revenue_share: dict[str, float]
    revenue_share_actual: dict[str, float]
    statuses: dict[str, int]
    as_of: dt.datetime | None
    sources: list[str]
    revised: int
    illustrative: bool
    last_month: dt.date | None = None

    @property
    def growth_span(self) -> tuple[int, int] | None:
        if len(self.full_years) < 2:
            return None
        return self.full_years[0], self.full_years[-1]

    @property
    def compared_end(self) -> dt.date:
        """The last month compared with a year earlier: the span's end, or its last month with figures
        when the later months have none yet (eleven months are compared with eleven, never twelve)."""
        return self.previous.get("compared_end") or self.end

    @property
    def previous_complete(self) -> bool:
        """Whether the same months a year earlier all have figures (else no change is stated)."""
        return bool(self.previous.get("months") == months_between(self.start, self.compared_end))

    @property
    def turnover_change(self) -> float | None:
        if not self.previous_complete:
            return None
        return change(self.totals["turnover_usd"], self.previous["turnover_usd"])

    @property
    def revenue_change(self) -> float | None:
        if not self.previous_complete:
            return None
        return change(self.totals["revenue_vnd"], self.previous["revenue_vnd"])


def summary(
    *,
    zone: EconomicZone,
    start: dt.date,
    end: dt.date,
    gates: list[BorderGate] | None = None,
    published_only: bool = False,
    with_previous: bool = True,
    with_sources: bool = True,
) -> Summary:
    """Totals, change on the same months a year earlier, compound growth between the first and last full
    years, and the share of the province's budget revenue, for a span of months.

    Callers that need neither the year before (`with_previous`) nor the sources named (`with_sources`)
    save a scan over the figures for each."""
    qs = figures(zone=zone, gates=gates, start=start, end=end, published_only=published_only)
    # One scan for the sums and what the page says about them (statuses, as of, gates present).
    meta = _normalise(qs.order_by().aggregate(**amount_aggregates(), **_meta_aggregates()))
    previous: dict[str, Any] = {}
    if with_previous:
        compared_end = min(end, meta["last_month"] or end)
        previous = _normalise(
            figures(
                zone=zone,
                gates=gates,
                start=month_add(start, -12),
                end=month_add(compared_end, -12),
                published_only=published_only,
            )
            .order_by()
            .aggregate(**amount_aggregates(), months=Count("month", distinct=True))
        )
        previous["compared_end"] = compared_end
    years = yearly(qs)
    budgets = list(ProvinceBudget.objects.filter(zone=zone, year__in=[y["year"] for y in years]))
    # An illustrative figure's source is a note about the demo, said in the reader's language (`illustrative`).
    sources = (
        list(qs.filter(is_illustrative=False).order_by("source").values_list("source", flat=True).distinct()[:5])
        if with_sources
        else []
    )
    return _summary(start, end, gates, meta, previous, years, budgets, sources)


def _meta_aggregates() -> dict[str, Any]:
    """What a summary says about its sums: statuses, as of, gates present."""
    return {
        "as_of": Max("updated_at"),
        "gates_present": Count("gate", distinct=True),
        "provisional": Count("id", filter=Q(status="provisional")),
        "final": Count("id", filter=Q(status="final")),
        "revised": Count("id", filter=Q(status="revised")),
        "replaced": Count("id", filter=Q(revision__gt=0)),
        "illustrative": Count("id", filter=Q(is_illustrative=True)),
        "last_month": Max("month"),
    }


def _summary(
    start: dt.date,
    end: dt.date,
    gates: list[BorderGate] | None,
    meta: dict[str, Any],
    previous: dict[str, Any],
    years: list[dict[str, Any]],
    budgets: list[ProvinceBudget],
    sources: list[str],
) -> Summary:
    span_totals = {k: meta[k] for k in amount_aggregates()}
    # A year is full when every gate considered has all twelve months: the gates asked for, or else
    # the gates with any figure in the span.
    gates_considered = len(gates) if gates else meta["gates_present"]
    full = [y["year"] for y in years if gates_considered and y["rows"] == 12 * gates_considered]
    turnover_growth = revenue_growth = None
    if len(full) >= 2:
        by_year = {y["year"]: y for y in years}
        first, last = by_year[full[0]], by_year[full[-1]]
        turnover_growth = compound_growth(first["turnover_usd"], last["turnover_usd"], full[-1] - full[0])
        revenue_growth = compound_growth(first["revenue_vnd"], last["revenue_vnd"], full[-1] - full[0])
    by_budget_year = {b.year: b for b in budgets}
    share: dict[str, float] = {}
    share_actual: dict[str, float] = {}
    for y in years:
        budget = by_budget_year.get(y["year"])
        if budget is None:
            continue
        share[str(y["year"])] = round(float(y["revenue_vnd"] / budget.estimate_vnd), 4)
        if budget.actual_vnd:
            share_actual[str(y["year"])] = round(float(y["revenue_vnd"] / budget.actual_vnd), 4)
    return Summary(
        start=start,
        end=end,
        gate_codes=[g.code for g in gates] if gates else [],
        totals=span_totals,
        previous=previous,
        years=years,
        full_years=full,
        gates_considered=gates_considered,
        turnover_growth=turnover_growth,
        revenue_growth=revenue_growth,
        revenue_share=share,
        revenue_share_actual=share_actual,
        statuses={k: meta[k] for k in ("provisional", "final", "revised")},
        as_of=meta["as_of"],
        sources=sources,
        revised=meta["replaced"],
        illustrative=bool(meta["illustrative"]),
        last_month=meta["last_month"],
    )


def _without(row: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in keys}


def summaries_by_zone(*, zones: list[EconomicZone], start: dt.date, end: dt.date) -> dict[int, Summary]:
    """`summary` of each zone (all its gates, every status, without the year before and the sources), by
    its id, in three queries grouped by zone whatever the number of zones."""
    zone_ids = [z.pk for z in zones]
    qs = figures(start=start, end=end).filter(gate__zone_id__in=zone_ids).order_by()
    metas = {
        row["gate__zone_id"]: _normalise(_without(row, "gate__zone_id"))
        for row in qs.values("gate__zone_id").annotate(**amount_aggregates(), **_meta_aggregates())
    }
    years: dict[int, list[dict[str, Any]]] = {pk: [] for pk in zone_ids}
    by_year = (
        qs.annotate(year=YearOf("month"))
        .values("gate__zone_id", "year")
        .annotate(**amount_aggregates(), months=Count("month", distinct=True))
        .order_by("gate__zone_id", "year")
    )
    for row in by_year:
        years[row["gate__zone_id"]].append(_normalise(_without(row, "gate__zone_id")))
    budgets: dict[int, list[ProvinceBudget]] = {pk: [] for pk in zone_ids}
    wanted = {(pk, y["year"]) for pk in zone_ids for y in years[pk]}
    if wanted:
        span = [y for _, y in wanted]
        for budget in ProvinceBudget.objects.filter(zone_id__in=zone_ids, year__gte=min(span), year__lte=max(span)):
            if (budget.zone_id, budget.year) in wanted:
                budgets[budget.zone_id].append(budget)
    empty = _normalise(TradeFigure.objects.none().aggregate(**amount_aggregates(), **_meta_aggregates()))
    return {pk: _summary(start, end, None, metas.get(pk, empty), {}, years[pk], budgets[pk], []) for pk in zone_ids}


@dataclass(frozen=True)
class YearToDate:
    """This year's months with figures up to a day, against the same months of the year before."""

    start: dt.date
    end: dt.date | None  # the last month compared; None when the year has no figures yet
    current: dict[str, Any]
    previous: dict[str, Any]
    previous_complete: bool

    @property
    def turnover_change(self) -> float | None:
        if not self.previous_complete:
            return None
        return change(self.current["turnover_usd"], self.previous["turnover_usd"])

    @property
    def revenue_change(self) -> float | None:
        if not self.previous_complete:
            return None
        return change(self.current["revenue_vnd"], self.previous["revenue_vnd"])


def year_to_date(
    *, zone: EconomicZone, day: dt.date, gates: list[BorderGate] | None = None, published_only: bool = False
) -> YearToDate:
    """From January of `day`'s year to the last month with figures up to `day`'s month, and the same
    months a year earlier: a year not yet complete is never set against a whole year."""
    start = dt.date(day.year, 1, 1)
    upto = figures(
        zone=zone, gates=gates, start=start, end=dt.date(day.year, day.month, 1), published_only=published_only
    )
    last = upto.order_by().aggregate(last=Max("month"))["last"]
    if last is None:
        empty = totals(upto.none())
        return YearToDate(start, None, empty, empty, False)
    current = totals(upto.filter(month__lte=last))
    before = figures(
        zone=zone, gates=gates, start=month_add(start, -12), end=month_add(last, -12), published_only=published_only
    )
    previous = _normalise(before.order_by().aggregate(**amount_aggregates(), months=Count("month", distinct=True)))
    return YearToDate(start, last, current, previous, previous["months"] == months_between(start, last))


def year_to_date_by_zone(*, zones: list[EconomicZone], day: dt.date) -> dict[int, YearToDate]:
    """`year_to_date` of each zone (all its gates, every status), by its id, in two queries grouped by
    zone whatever the number of zones: each zone's last month, then both spans of every zone at once."""
    zone_ids = [z.pk for z in zones]
    start = dt.date(day.year, 1, 1)
    upto = figures(start=start, end=dt.date(day.year, day.month, 1)).filter(gate__zone_id__in=zone_ids).order_by()
    lasts = dict(upto.values("gate__zone_id").annotate(last=Max("month")).values_list("gate__zone_id", "last"))
    empty = totals(TradeFigure.objects.none())
    result = {pk: YearToDate(start, None, empty, empty, False) for pk in zone_ids if pk not in lasts}
    if not lasts:
        return result
    spans = Q()
    for pk, last in lasts.items():
        spans |= Q(gate__zone_id=pk, month__gte=start, month__lte=last)
        spans |= Q(gate__zone_id=pk, month__gte=month_add(start, -12), month__lte=month_add(last, -12))
    rows = (
        # The months of both spans bound the rows read (the month's index) before each zone's own spans.
        TradeFigure.objects.filter(month__gte=month_add(start, -12), month__lte=max(lasts.values()))
        .filter(spans)
        .annotate(current=Case(When(month__gte=start, then=Value(1)), default=Value(0)))
        .values("gate__zone_id", "current")
        .annotate(**amount_aggregates(), months=Count("month", distinct=True))
        .order_by()
    )
    found = {
        (row["gate__zone_id"], row["current"]): _normalise(_without(row, "gate__zone_id", "current")) for row in rows
    }
    no_figures = _normalise(
        TradeFigure.objects.none().aggregate(**amount_aggregates(), months=Count("month", distinct=True))
    )
    for pk, last in lasts.items():
        current = dict(found[(pk, 1)])
        del current["months"]  # `totals`: the sums alone
        previous = found.get((pk, 0), no_figures)
        result[pk] = YearToDate(start, last, current, previous, previous["months"] == months_between(start, last))
    return result


def data_span(zone: EconomicZone, *, published_only: bool = False) -> tuple[dt.date | None, dt.date | None]:
    """The first and last months with figures in a zone."""
    from django.db.models import Min

    found = (
        figures(zone=zone, published_only=published_only).order_by().aggregate(first=Min("month"), last=Max("month"))
    )
    return found["first"], found["last"]


def trade_gates(zone: EconomicZone) -> QuerySet[BorderGate]:
    """The zone's gates that have trade figures."""
    return BorderGate.objects.filter(zone=zone, trade_figures__isnull=False).distinct().order_by("name")


def figure_history(figure: TradeFigure) -> QuerySet[TradeFigureRevision]:
    return figure.revisions.select_related("replaced_by").order_by("-revision")


def budgets(zone: EconomicZone) -> QuerySet[ProvinceBudget]:
    return ProvinceBudget.objects.filter(zone=zone).order_by("year")


def commodity_totals(qs: QuerySet[TradeFigure]) -> list[dict[str, Any]]:
    """Value per HS chapter and direction over the figures of `qs`, largest first."""
    from borderzone.trade.models import CommodityFigure

    rows = (
        CommodityFigure.objects.filter(figure__in=qs.order_by().values("pk"))
        .values("hs_chapter", "direction")
        .annotate(value_usd=_sum(F("value_usd"), _USD), months=Count("figure__month", distinct=True))
        .order_by("-value_usd", "hs_chapter")
    )
    return [_normalise(dict(row)) for row in rows]
