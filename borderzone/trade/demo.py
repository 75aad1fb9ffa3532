"""Demo trade figures (illustrative, generated): the four main gates of the Cao Bằng zone, monthly from
January 2010 to the last full month, with the Lunar New Year dip, the 2020 border closures and the
2021–2022 restrictions, scaled so that 2010–2020 reproduces the 2020 article: turnover over USD 16.3
billion growing 25.5 % a year, revenue over VND 3,800 billion growing 9.3 % a year, 30–35 % of the
province's budget revenue estimate each year.

Deterministic (fixed seed): the growth rate and scale are solved, not tuned by hand, so the article's
figures hold whatever the noise."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TextIO

from django.db import transaction

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_bulk
from borderzone.access.demo_data import demo_zone
from borderzone.core.cache import bump_version
from borderzone.core.models import AuditAction
from borderzone.gates.models import BorderGate
from borderzone.trade.models import TRADE_SCOPE, FigureStatus, ProvinceBudget, TradeFigure
from borderzone.trade.query import last_full_month
from borderzone.trade.selectors import month_add

ZONE_CODE = "CB"
SEED = 2010
FIRST_YEAR = 2010
ARTICLE_LAST_YEAR = 2020
SOURCE = (
    "Minh họa: số liệu mô phỏng theo bài viết năm 2020 của Chủ tịch UBND tỉnh Cao Bằng (không phải số liệu hải quan)"
)
BUDGET_SOURCE = "Minh họa: dự toán và thực thu mô phỏng (không phải số liệu Sở Tài chính)"

#: The article's 2010–2020 figures the generated series must reproduce.
TURNOVER_TOTAL_USD = 16_350_000_000.0
TURNOVER_GROWTH = 0.255
REVENUE_TOTAL_VND = 3_850_000_000_000.0
REVENUE_GROWTH = 0.093
SHARE_RANGE = (0.305, 0.345)
POST_2020_GROWTH = 0.06

#: gate code -> (share of trade, share of exports in its trade, share of revenue)
GATES = {
    "TALUNG": (0.42, 0.55, 0.45),
    "TRALINH": (0.36, 0.60, 0.35),
    "LYVAN": (0.13, 0.70, 0.12),
    "SOCGIANG": (0.09, 0.65, 0.08),
}

#: The month of the Lunar New Year (Tết Nguyên đán), when border trade nearly stops for a week or two.
TET_MONTH = {
    2010: 2, 2011: 2, 2012: 1, 2013: 2, 2014: 1, 2015: 2, 2016: 2, 2017: 1, 2018: 2, 2019: 2,
    2020: 1, 2021: 2, 2022: 2, 2023: 1, 2024: 2, 2025: 1, 2026: 2, 2027: 2, 2028: 1, 2029: 2, 2030: 2,
}  # fmt: skip

#: Revenue lines as parts of the month's revenue.
REVENUE_SPLIT = {"export_duty_vnd": 0.03, "import_duty_vnd": 0.22, "import_vat_vnd": 0.70}
YARD_FEE_PER_VEHICLE_VND = 250_000
USD_PER_VEHICLE = 28_000


def season(month: dt.date) -> float:
    factor = {10: 1.08, 11: 1.12, 12: 1.15, 6: 0.95, 7: 0.93, 8: 0.95}.get(month.month, 1.0)
    tet = TET_MONTH.get(month.year, 2)
    if month.month == tet:
        factor *= 0.6
    elif month.month == tet + 1:
        factor *= 0.9
    return factor


def disruption(month: dt.date) -> float:
    """The 2020 closures of the border with China, then the 2021–2022 restrictions and the recovery."""
    if month.year == 2020:
        return {2: 0.35, 3: 0.55, 4: 0.8}.get(month.month, 1.0)
    return {2021: 0.75, 2022: 0.6, 2023: 0.9}.get(month.year, 1.0)


def months_until(end: dt.date) -> list[dt.date]:
    out = []
    month = dt.date(FIRST_YEAR, 1, 1)
    while month <= end:
        out.append(month)
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return out


def _trend(month: dt.date, rate: float) -> float:
    years = (month.year - FIRST_YEAR) + (month.month - 1) / 12
    cut = ARTICLE_LAST_YEAR + 1 - FIRST_YEAR
    if years <= cut:
        return float((1 + rate) ** years)
    return float((1 + rate) ** cut * (1 + POST_2020_GROWTH) ** (years - cut))


def _solve_rate(shape: dict[dt.date, float], target_growth: float) -> float:
    """The trend rate that makes the last article year's total / the first's = (1 + growth)^years."""
    span = ARTICLE_LAST_YEAR - FIRST_YEAR
    target = (1 + target_growth) ** span

    def ratio(rate: float) -> float:
        first = sum(v * _trend(m, rate) for m, v in shape.items() if m.year == FIRST_YEAR)
        last = sum(v * _trend(m, rate) for m, v in shape.items() if m.year == ARTICLE_LAST_YEAR)
        return last / first

    low, high = -0.5, 2.0
    for _ in range(200):
        mid = (low + high) / 2
        if ratio(mid) < target:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def generate(end: dt.date) -> tuple[list[dict[str, object]], dict[int, Decimal]]:
    """Monthly rows for each gate up to `end`, and the zone's modelled revenue per full calendar year."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    months = months_until(dt.date(end.year, 12, 1))
    trade_noise = {(g, m): rng.uniform(0.9, 1.1) for g in GATES for m in months}
    revenue_noise = {(g, m): rng.uniform(0.88, 1.12) for g in GATES for m in months}
    export_noise = {(g, m): rng.uniform(-0.05, 0.05) for g in GATES for m in months}
    trade_shape = dict.fromkeys(months, 0.0)
    revenue_shape = dict.fromkeys(months, 0.0)
    for g, (weight, _export, revenue_weight) in GATES.items():
        for m in months:
            trade_shape[m] += weight * season(m) * disruption(m) * trade_noise[(g, m)]
            revenue_shape[m] += revenue_weight * season(m) * disruption(m) * revenue_noise[(g, m)]
    trade_rate = _solve_rate(trade_shape, TURNOVER_GROWTH)
    revenue_rate = _solve_rate(revenue_shape, REVENUE_GROWTH)
    article = [m for m in months if m.year <= ARTICLE_LAST_YEAR]
    trade_scale = TURNOVER_TOTAL_USD / sum(trade_shape[m] * _trend(m, trade_rate) for m in article)
    revenue_scale = REVENUE_TOTAL_VND / sum(revenue_shape[m] * _trend(m, revenue_rate) for m in article)

    rows: list[dict[str, object]] = []
    yearly_revenue: dict[int, Decimal] = {}
    for g, (weight, export_share, revenue_weight) in GATES.items():
        for m in months:
            common = season(m) * disruption(m)
            turnover = trade_scale * weight * common * trade_noise[(g, m)] * _trend(m, trade_rate)
            revenue = revenue_scale * revenue_weight * common * revenue_noise[(g, m)] * _trend(m, revenue_rate)
            exports = round(turnover * (export_share + export_noise[(g, m)]))
            revenue_vnd = round(revenue)
            lines = {name: round(revenue * part) for name, part in REVENUE_SPLIT.items()}
            lines["other_revenue_vnd"] = revenue_vnd - sum(lines.values())
            yearly_revenue[m.year] = yearly_revenue.get(m.year, Decimal(0)) + revenue_vnd
            if m > end:
                continue
            vehicles = round(turnover / USD_PER_VEHICLE)
            rows.append(
                {
                    "gate": g,
                    "month": m,
                    "export_usd": Decimal(exports),
                    "import_usd": Decimal(round(turnover) - exports),
                    **{k: Decimal(v) for k, v in lines.items()},
                    "yard_fee_vnd": Decimal(vehicles * YARD_FEE_PER_VEHICLE_VND),
                    "vehicles": vehicles,
                    "declarations": round(vehicles / 3),
                }
            )
    return rows, yearly_revenue


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    zone = demo_zone(ZONE_CODE, out, "Trade: demo zone missing, nothing loaded.\n")
    if zone is None:
        return
    gates = {g.code: g for g in BorderGate.objects.filter(zone=zone, code__in=GATES)}
    end = last_full_month()
    rows, yearly_revenue = generate(end)
    existing = set(TradeFigure.objects.filter(gate__in=gates.values()).values_list("gate__code", "month"))
    # The last two months are still provisional, as customs figures are before their revision.
    provisional_from = month_add(end, -1)
    new = []
    for row in rows:
        code = str(row["gate"])
        if code not in gates or (code, row["month"]) in existing:
            continue
        month = row["month"]
        assert isinstance(month, dt.date)  # noqa: S101 - narrows the type
        new.append(
            TradeFigure(
                **{**row, "gate": gates[code]},
                status=FigureStatus.PROVISIONAL if month >= provisional_from else FigureStatus.FINAL,
                source=SOURCE,
                is_illustrative=True,
            )
        )
    TradeFigure.objects.bulk_create(new, batch_size=500)
    audit_bulk(actor=actor, instances=list(new), action=AuditAction.CREATED, note="demo data")

    rng = random.Random(SEED + 1)  # noqa: S311 - demo data, not security
    known = set(ProvinceBudget.objects.filter(zone=zone).values_list("year", flat=True))
    budgets = []
    for year, revenue in sorted(yearly_revenue.items()):
        share = rng.uniform(*SHARE_RANGE)
        over = rng.uniform(1.02, 1.12)
        target = rng.uniform(0.95, 1.04)
        if year in known:
            continue
        estimate = (revenue / Decimal(share) / 1_000_000).quantize(Decimal(1)) * 1_000_000
        budgets.append(
            ProvinceBudget(
                zone=zone,
                year=year,
                estimate_vnd=estimate,
                actual_vnd=(estimate * Decimal(over) / 1_000_000).quantize(Decimal(1)) * 1_000_000
                if year < end.year or (year == end.year and end.month == 12)
                else None,
                collection_target_vnd=(revenue * Decimal(target) / 1_000_000_000).quantize(Decimal(1)) * 1_000_000_000,
                status=FigureStatus.FINAL,
                source=BUDGET_SOURCE,
                is_illustrative=True,
            )
        )
    ProvinceBudget.objects.bulk_create(budgets)
    audit_bulk(actor=actor, instances=list(budgets), action=AuditAction.CREATED, note="demo data")
    if new or budgets:
        bump_version(TRADE_SCOPE)
    out.write(f"Trade: {len(new)} monthly figures and {len(budgets)} budget years created (illustrative).\n")
