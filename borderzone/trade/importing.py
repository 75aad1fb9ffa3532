"""Importing monthly trade statistics from CSV/XLSX: every row checked first, then all written in one
transaction or nothing; a month that already has figures is replaced as a revision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.importing import ImportReport, no_progress, register_importer
from borderzone.core.cache import bump_version
from borderzone.core.tabular import (
    RowError,
    TableError,
    cell_text,
    check_columns,
    parse_amount,
    parse_month,
    read_table,
)
from borderzone.core.text import name_key
from borderzone.gates.models import BorderGate
from borderzone.gates.selectors import gate_match
from borderzone.trade.models import TRADE_SCOPE, Direction, FigureStatus
from borderzone.trade.services import figure_record
from borderzone.zones.models import EconomicZone
from borderzone.zones.selectors import zone_default

REQUIRED = ("gate", "month", "export_usd", "import_usd")
OPTIONAL = (
    "export_duty_vnd",
    "import_duty_vnd",
    "import_vat_vnd",
    "other_revenue_vnd",
    "yard_fee_vnd",
    "vehicles",
    "declarations",
    "status",
    "source",
)
VND_COLUMNS = ("export_duty_vnd", "import_duty_vnd", "import_vat_vnd", "other_revenue_vnd", "yard_fee_vnd")
COUNT_COLUMNS = ("vehicles", "declarations")
PREVIEW_ROWS = 200

#: Status as written in files: the codes, and the Vietnamese words customs use.
STATUS_WORDS = {
    "provisional": FigureStatus.PROVISIONAL,
    "so bo": FigureStatus.PROVISIONAL,
    "uoc tinh": FigureStatus.PROVISIONAL,
    "final": FigureStatus.FINAL,
    "chinh thuc": FigureStatus.FINAL,
    "revised": FigureStatus.REVISED,
    "dieu chinh": FigureStatus.REVISED,
}

TEMPLATE_HEADERS = [*REQUIRED, *OPTIONAL]
TEMPLATE_ROWS = [
    ["Trà Lĩnh", "2025-01", "12500000", "8300000", "0", "950000000", "4100000000", "120000000", "310000000", "1240", "415", "final", "Hải quan cửa khẩu Trà Lĩnh"],
    ["TALUNG", "2025-01", "15800000", "9900000", "25000000", "1200000000", "5300000000", "160000000", "390000000", "1560", "520", "provisional", "Hải quan cửa khẩu Tà Lùng"],
]  # fmt: skip


def _default_zone() -> EconomicZone:
    """The install's zone (`zones.selectors.zone_default`, the one rule) for an import that names none."""
    zone = zone_default()
    if zone is None:
        raise EconomicZone.DoesNotExist("No economic zone is set up.")
    return zone


def _status(value: Any) -> str:
    key = name_key(cell_text(value))
    if key not in STATUS_WORDS:
        raise ValueError(
            _("unknown status (use provisional, final or revised): %(value)s") % {"value": cell_text(value)}
        )
    return STATUS_WORDS[key]


def _count(value: Any) -> int:
    number = parse_amount(value)
    return int(number)


def check_rows(
    zone: EconomicZone, data: bytes, progress: Callable[[int, int], None], default_source: str
) -> tuple[list[dict[str, Any]], list[RowError], int]:
    """Parse and check every row; nothing is written."""
    table = read_table(data)
    check_columns(table, REQUIRED, OPTIONAL)
    gates: dict[str, BorderGate | None] = {}
    seen: dict[tuple[int, dt.date], int] = {}
    parsed: list[dict[str, Any]] = []
    errors: list[RowError] = []
    total = len(table)
    for number, row in table.numbered():
        if number % 200 == 0:
            progress(number, total)
        item: dict[str, Any] = {"row": number, "values": {}}
        row_errors: list[RowError] = []
        gate_text = cell_text(row.get("gate"))
        if gate_text not in gates:
            gates[gate_text] = gate_match(zone, gate_text) if gate_text else None
        gate = gates[gate_text]
        if not gate_text:
            row_errors.append(RowError(number, "gate", _("empty")))
        elif gate is None:
            row_errors.append(
                RowError(number, "gate", _("no gate of this zone is named %(value)s") % {"value": gate_text})
            )
        item["gate"] = gate
        try:
            item["month"] = parse_month(row.get("month"))
        except ValueError as exc:
            row_errors.append(RowError(number, "month", str(exc)))
        for column in ("export_usd", "import_usd"):
            try:
                item["values"][column] = parse_amount(row.get(column), whole=False)
            except ValueError as exc:
                row_errors.append(RowError(number, column, str(exc)))
        for column in (*VND_COLUMNS, *COUNT_COLUMNS):
            if column not in row or not cell_text(row.get(column)):
                continue
            try:
                item["values"][column] = _count(row[column]) if column in COUNT_COLUMNS else parse_amount(row[column])
            except ValueError as exc:
                row_errors.append(RowError(number, column, str(exc)))
        item["status"] = None
        if cell_text(row.get("status")):
            try:
                item["status"] = _status(row.get("status"))
            except ValueError as exc:
                row_errors.append(RowError(number, "status", str(exc)))
        item["source"] = cell_text(row.get("source"))[:300] or default_source
        if gate is not None and "month" in item:
            key = (gate.pk, item["month"])
            if key in seen:
                row_errors.append(
                    RowError(
                        number,
                        "month",
                        _("the same gate and month as row %(row)d") % {"row": seen[key]},
                    )
                )
            else:
                seen[key] = number
        errors.extend(row_errors)
        if not row_errors:
            parsed.append(item)
    progress(total, total)
    return parsed, errors, total


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


@register_importer("trade")
def import_trade_statistics(
    *,
    data: bytes,
    actor: Actor,
    zone: Any,
    dry_run: bool,
    progress: Callable[[int, int], None] = no_progress,
    options: dict[str, Any] | None = None,
) -> ImportReport:
    """Check every row of a trade statistics file, then record them all (or, on a dry run, say what would change)."""
    options = options or {}
    zone = zone or _default_zone()
    default_source = options.get("source") or _("import of %(file)s") % {"file": options.get("filename", "file")}
    report = ImportReport(dry_run=dry_run)
    try:
        parsed, errors, total = check_rows(zone, data, progress, default_source)
    except TableError as exc:
        report.errors = exc.messages
        return report
    report.rows = total
    if errors:
        report.errors = [str(e) for e in errors]
        return report
    preview: list[dict[str, Any]] = []
    with transaction.atomic():
        for item in parsed:
            before = None
            figure, outcome = figure_record(
                gate=item["gate"],
                month=item["month"],
                values=item["values"],
                status=item["status"],
                source=item["source"],
                actor=actor,
                bump=False,
            )
            if outcome == "created":
                report.created += 1
            elif outcome == "updated":
                report.updated += 1
                before = figure.revisions.order_by("-revision").values_list("values", flat=True).first()
            else:
                report.unchanged += 1
            if len(preview) < PREVIEW_ROWS:
                preview.append(
                    {
                        "row": item["row"],
                        "gate": figure.gate.code,
                        "month": f"{figure.month:%Y-%m}",
                        "outcome": outcome,
                        "status": figure.status,
                        "export_usd": str(figure.export_usd),
                        "import_usd": str(figure.import_usd),
                        "revenue_vnd": str(figure.revenue_vnd),
                        "before": {k: _plain(v) for k, v in before.items()} if before else None,
                    }
                )
        if dry_run:
            transaction.set_rollback(True)
        elif report.changed:
            bump_version(TRADE_SCOPE, zone.pk)
    report.details = {"preview": preview, "zone": zone.code}
    return report


COMMODITY_REQUIRED = ("gate", "month", "hs_chapter", "direction", "value_usd")
COMMODITY_TEMPLATE_ROWS = [
    ["Trà Lĩnh", "2025-01", "08", "export", "6200000"],
    ["Trà Lĩnh", "2025-01", "84", "import", "2100000"],
]
DIRECTION_WORDS = {
    "export": "export",
    "xuat khau": "export",
    "xuat": "export",
    "import": "import",
    "nhap khau": "import",
    "nhap": "import",
}


@register_importer("trade-commodities")
def import_trade_commodities(
    *,
    data: bytes,
    actor: Actor,
    zone: Any,
    dry_run: bool,
    progress: Callable[[int, int], None] = no_progress,
    options: dict[str, Any] | None = None,
) -> ImportReport:
    """Monthly trade by HS chapter and direction, for gates and months whose totals are already recorded;
    the chapters of a month may not add up to more than its export or import."""
    from borderzone.trade.models import TradeFigure
    from borderzone.trade.services import commodity_record

    zone = zone or _default_zone()
    report = ImportReport(dry_run=dry_run)
    try:
        table = read_table(data)
        check_columns(table, COMMODITY_REQUIRED)
    except TableError as exc:
        report.errors = exc.messages
        return report
    report.rows = len(table)
    errors: list[RowError] = []
    parsed: list[tuple[TradeFigure, str, str, Decimal]] = []
    gates: dict[str, BorderGate | None] = {}
    seen: dict[tuple[int, str, str], int] = {}
    sums: dict[tuple[int, str], Decimal] = {}
    for number, row in table.numbered():
        row_errors: list[RowError] = []
        gate_text = cell_text(row.get("gate"))
        if gate_text not in gates:
            gates[gate_text] = gate_match(zone, gate_text) if gate_text else None
        gate = gates[gate_text]
        if gate is None:
            row_errors.append(
                RowError(
                    number,
                    "gate",
                    _("no gate of this zone is named %(value)s") % {"value": gate_text} if gate_text else _("empty"),
                )
            )
        month = None
        try:
            month = parse_month(row.get("month"))
        except ValueError as exc:
            row_errors.append(RowError(number, "month", str(exc)))
        chapter = cell_text(row.get("hs_chapter")).zfill(2)
        if not (len(chapter) == 2 and chapter.isdigit() and chapter != "00"):
            row_errors.append(
                RowError(
                    number,
                    "hs_chapter",
                    _("not an HS chapter (01 to 99): %(value)s") % {"value": cell_text(row.get("hs_chapter"))},
                )
            )
        direction = DIRECTION_WORDS.get(name_key(cell_text(row.get("direction"))))
        if direction is None:
            row_errors.append(
                RowError(
                    number,
                    "direction",
                    _("use export or import: %(value)s") % {"value": cell_text(row.get("direction"))},
                )
            )
        value = None
        try:
            value = parse_amount(row.get("value_usd"), whole=False)
        except ValueError as exc:
            row_errors.append(RowError(number, "value_usd", str(exc)))
        figure = None
        if gate is not None and month is not None:
            figure = TradeFigure.objects.filter(gate=gate, month=month).first()
            if figure is None:
                row_errors.append(
                    RowError(number, "month", _("no monthly figures for this gate and month; import the totals first"))
                )
        if not row_errors and figure is not None and direction is not None and value is not None:
            key = (figure.pk, chapter, direction)
            if key in seen:
                row_errors.append(
                    RowError(
                        number,
                        "hs_chapter",
                        _("the same gate, month, chapter and direction as row %(row)d") % {"row": seen[key]},
                    )
                )
            else:
                seen[key] = number
                total_key = (figure.pk, direction)
                sums[total_key] = sums.get(total_key, Decimal(0)) + value
                limit = figure.export_usd if direction == "export" else figure.import_usd
                if sums[total_key] > limit:
                    row_errors.append(
                        RowError(
                            number,
                            "value_usd",
                            _("the chapters add up to more than the month's %(direction)s (%(limit)s USD)")
                            % {"direction": Direction(direction).label, "limit": limit},
                        )
                    )
                parsed.append((figure, chapter, direction, value))
        errors.extend(row_errors)
        if number % 200 == 0:
            progress(number, len(table))
    if errors:
        report.errors = [str(e) for e in errors]
        return report
    with transaction.atomic():
        for figure, chapter, direction, value in parsed:
            _item, outcome = commodity_record(
                figure=figure, hs_chapter=chapter, direction=direction, value_usd=value, actor=actor, bump=False
            )
            setattr(report, outcome, getattr(report, outcome) + 1)
        if dry_run:
            transaction.set_rollback(True)
        elif report.changed:
            bump_version(TRADE_SCOPE, zone.pk)
    return report
