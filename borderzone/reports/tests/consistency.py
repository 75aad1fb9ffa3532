"""The checker behind the consistency tests: reads one zone on one day through every view that shows
its figures (the register's selector, the API summary, the dashboard, the written summary through its
API, the periodic report's tables, the staff register list) and says where any two disagree, or
where a part ("of which") is larger than its whole."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.test import Client
from django.utils import translation

from borderzone.core.formatting import format_money, format_percent
from borderzone.core.money import Money
from borderzone.zones.models import EconomicZone, GateArea


@dataclass(frozen=True)
class Check:
    zone: EconomicZone
    day: dt.date
    from_year: int
    to_year: int
    gate_area: GateArea | None = None


def _int(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    return int(found.group(1)) if found else 0


def _text_figures(text: str) -> dict[str, int]:
    """The counts the Vietnamese summary states, read back from its words."""
    return {
        "total": _int(r"có (\d+) dự án đầu tư trong và ngoài nước", text),
        "terminated": _int(r"không kể (\d+) dự án đã chấm dứt", text),
        "foreign": _int(r"(\d+) dự án nước ngoài", text),
        "domestic": _int(r"(\d+) dự án đầu tư trong nước", text),
        "operating": _int(r"(\d+) dự án đi vào hoạt động", text),
        "implementing": _int(r"(\d+) dự án đang triển khai", text),
        "other": _int(r"(\d+) dự án chưa triển khai hoặc tạm ngừng", text),
        "late": _int(r"(\d+) dự án chậm tiến độ", text),
        "late_flagged": _int(r"trong đó (\d+) dự án thuộc trường hợp", text),
        "flagged_not_late": _int(r"(\d+) dự án không chậm tiến độ", text),
        "goals_overdue": _int(r"(\d+) mục tiêu của quy hoạch", text),
        "unconverted": _int(r"không kể (\d+) dự án vốn USD chưa quy đổi", text),
    }


def disagreements(client: Client, check: Check) -> list[str]:
    """Every figure of `check` that one view gives differently from another (empty when all agree).

    `client` is logged in as a staff member of the zone (the views then count the same records)."""
    from borderzone.register import selectors
    from borderzone.register.models import Status
    from borderzone.reports.dashboard import CombinedQuery, DashboardQuery, compute_combined, dashboard_data
    from borderzone.reports.reporting import _register_rows, _trade_rows

    cache.clear()
    problems: list[str] = []

    def same(what: str, expected: Any, got: Any) -> None:
        if expected != got:
            problems.append(f"{what}: {got!r} where the register says {expected!r}")

    def at_most(what: str, part: int, whole: int) -> None:
        if part > whole:
            problems.append(f"{what}: the part {part} is more than its whole {whole}")

    zone, day = check.zone, check.day
    ref = selectors.summary(day, zone, check.gate_area)
    total, terminated = ref["projects"]["total"], ref["terminated"]

    # The register's own parts and wholes.
    same("register: foreign + domestic", total, ref["projects"]["foreign"] + ref["projects"]["domestic"])
    same("register: projects by status", total + terminated, sum(ref["by_status"].values()))
    at_most("register: late, of which flagged", ref["late_flagged"], ref["late"])
    at_most("register: flagged, of which not late", ref["flagged_not_late"], ref["flagged"])
    same(
        "register: flagged = late and flagged + flagged not late",
        ref["flagged"],
        ref["late_flagged"] + ref["flagged_not_late"],
    )

    # The dashboard.
    query = DashboardQuery(
        zone=zone, gate_area=check.gate_area, as_of=day, from_year=check.from_year, to_year=check.to_year
    )
    board = dashboard_data(query)
    same("dashboard: investment figures", ref, board["investments"]["summary"])
    listed_late = [p for p in board["investments"]["late_projects"] if p["late"]]
    at_most("dashboard: late projects listed", len(listed_late), ref["late"])
    unconverted = ref["unconverted_usd"]
    at_most(
        "register: unconverted, of the projects",
        unconverted["projects"],
        ref["projects"]["foreign"] + ref["projects"]["domestic"],
    )
    if check.gate_area is None:
        # The board of all zones (computed afresh, grouped by zone): this zone's row.
        combined = CombinedQuery(zones=(zone,), as_of=day, from_year=check.from_year, to_year=check.to_year)
        row = compute_combined(combined)["zones"][0]
        same(
            "all-zones board: VND equivalent", ref["registered_capital_vnd_equivalent"]["total"], row["registered_vnd"]
        )
        same("all-zones board: unconverted USD", unconverted, row["unconverted"])

    # The staff register list, filtered as the dashboard's links filter it.
    base: dict[str, str] = {"zone": zone.code, "as_of": day.isoformat()}
    if check.gate_area is not None:
        base["gate_area"] = check.gate_area.code

    def listed(**extra: str) -> tuple[int, int]:
        context = client.get("/staff/investments/", {**base, **extra}).context
        return context["page"].paginator.count, context["terminated"]

    count, listed_terminated = listed()
    same("register list: projects listed, terminated ones included", total + terminated, count)
    same("register list: terminated projects", terminated, listed_terminated)
    for ownership in ("foreign", "domestic"):
        count, listed_terminated = listed(ownership=ownership)
        same(f"register list: {ownership} projects", ref["projects"][ownership], count - listed_terminated)
    same("register list: late projects", ref["late"], listed(late="1")[0])
    same("register list: flagged projects", ref["flagged"], listed(flagged="1")[0])

    if check.gate_area is not None:
        return problems

    # The API summary: its field names, with amounts as strings of whole units.
    api = client.get("/api/v1/investments/summary", {"as_of": day.isoformat(), "zone": zone.code}).json()
    same("API summary: projects", ref["projects"], api["projects"])
    same("API summary: by status", ref["by_status"], api["by_status"])
    for key in ("late", "flagged", "terminated", "late_flagged", "flagged_not_late"):
        same(f"API summary: {key}", ref[key], api[key])
    for block in ("registered_capital", "disbursed_capital"):
        amounts = {o: {c: Decimal(v) for c, v in cs.items()} for o, cs in api[block].items()}
        same(f"API summary: {block}", ref[block], amounts)
    same(
        "API summary: VND equivalent",
        ref["registered_capital_vnd_equivalent"],
        {k: Decimal(v) for k, v in api["registered_capital_vnd_equivalent"].items()},
    )
    same(
        "API summary: unconverted USD",
        unconverted,
        {"projects": api["unconverted_usd"]["projects"], "amount": Decimal(api["unconverted_usd"]["amount"])},
    )

    # The written summary, read back from its Vietnamese words.
    params: dict[str, str | int] = {
        "as_of": day.isoformat(),
        "zone": zone.code,
        "lang": "vi",
        "from_year": check.from_year,
        "to_year": check.to_year,
    }
    text = client.get("/api/v1/reports/summary-text", params).json()["text"]
    said = _text_figures(text)
    by_status = ref["by_status"]
    if total:
        for key in ("total", "terminated", "late", "late_flagged", "flagged_not_late"):
            expected = total if key == "total" else ref[key]
            same(f"summary text: {key}", expected, said[key])
        same("summary text: foreign", ref["projects"]["foreign"], said["foreign"])
        same("summary text: domestic", ref["projects"]["domestic"], said["domestic"])
        same("summary text: operating", by_status["operating"], said["operating"])
        same("summary text: implementing", by_status["implementing"], said["implementing"])
        same(
            "summary text: not started or suspended",
            by_status["preparing"] + by_status["suspended"] + by_status["partly_terminated"],
            said["other"],
        )
        with translation.override("vi"):
            for ownership in ("foreign", "domestic"):
                for currency, amount in ref["registered_capital"][ownership].items():
                    if ref["projects"][ownership] and amount and format_money(Money(amount, currency)) not in text:
                        problems.append(f"summary text: {ownership} capital {amount} {currency} not stated")
    at_most("summary text: late, of which", said["late_flagged"], said["late"])
    same("summary text: projects in USD not converted", unconverted["projects"], said["unconverted"])
    if unconverted["projects"]:
        with translation.override("vi"):
            for amount, currency in (
                (ref["registered_capital_vnd_equivalent"]["total"], "VND"),
                (unconverted["amount"], "USD"),
            ):
                if f"{format_money(Money(amount, currency))}" not in text:
                    problems.append(f"summary text: {amount} {currency} (VND equivalent, not converted) not stated")
    same("summary text: goals overdue", board["goals"]["overdue_count"], said["goals_overdue"])
    trade = board["trade"]
    with translation.override("vi"):
        if trade.get("years") and trade["span_turnover_usd"]:
            stated = format_money(Money(trade["span_turnover_usd"], "USD"))
            if stated not in text:
                problems.append(f"summary text: turnover {stated} (dashboard) not stated")
            if trade["turnover_growth"] is not None and format_percent(trade["turnover_growth"]) not in text:
                problems.append("summary text: turnover growth of the dashboard not stated")
        infra = board["infrastructure"]
        for key in ("need_vnd", "allocated_vnd"):
            if infra[key] and format_money(Money(infra[key], "VND")) not in text:
                problems.append(f"summary text: infrastructure {key} {infra[key]} (dashboard) not stated")

    # The periodic report's tables.
    with translation.override("vi"):
        _headers, rows = _register_rows(zone, day)
        same("report table: rows, terminated ones included", total + terminated, len(rows))
        same("report table: late projects", ref["late"], sum(1 for r in rows if r[12]))
        same("report table: flagged projects", ref["flagged"], sum(1 for r in rows if r[13]))
        counted = [r for r in rows if r[5] != str(Status.TERMINATED.label)]
        same(
            "report table: VND equivalent",
            ref["registered_capital_vnd_equivalent"]["total"],
            sum((r[9] for r in counted if isinstance(r[9], Decimal)), Decimal(0)),
        )
        same("report table: not converted", unconverted["projects"], sum(1 for r in counted if r[9] == "chưa quy đổi"))
        _trade_headers, trade_rows, _data = _trade_rows(zone, check.from_year, check.to_year)
    if trade.get("years"):
        same("report table: turnover", trade["span_turnover_usd"], sum((r[3] for r in trade_rows), Decimal(0)))
        same("report table: budget revenue", trade["span_revenue_vnd"], sum((r[4] for r in trade_rows), Decimal(0)))
    else:
        same("report table: trade years", 0, len(trade_rows))
    if trade.get("ytd_last_month"):
        at_most("dashboard: months compared this year", trade["ytd_last_month"].month, day.month)
    return problems
