"""Import of annual funding from the finance department's spreadsheet (CSV or XLSX).

One row per work, year and funding source. All or nothing: every row is checked first and any error
(named by row, column and reason) leaves the database untouched. Idempotent: a row equal to what is
stored changes nothing, a row with new amounts updates the record (with its audit row).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.core.text import name_key
from borderzone.core.uploads import check_archive
from borderzone.infrastructure import services
from borderzone.infrastructure.models import AnnualFunding, FundingSource, InfrastructureWork
from borderzone.zones.models import EconomicZone

MAX_ROWS = 20000

# Column -> accepted headers (compared without accents and case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "work_code": ("work_code", "mã công trình", "ma cong trinh"),
    "year": ("year", "năm"),
    "source": ("source", "nguồn vốn"),
    "allocated_vnd": ("allocated_vnd", "vốn được giao", "kế hoạch vốn"),
    "disbursed_vnd": ("disbursed_vnd", "đã giải ngân", "giải ngân"),
    "treasury_confirmed_vnd": ("treasury_confirmed_vnd", "kho bạc xác nhận", "kho bạc nhà nước xác nhận"),
    "note": ("note", "ghi chú"),
}
REQUIRED = ("work_code", "year", "source", "allocated_vnd")
SOURCE_NAMES = {
    **{name_key(s.value): s.value for s in FundingSource},
    name_key("ngân sách trung ương"): FundingSource.CENTRAL,
    name_key("ngân sách tỉnh"): FundingSource.PROVINCIAL,
    name_key("ngân sách địa phương"): FundingSource.PROVINCIAL,
    name_key("vốn oda"): FundingSource.ODA,
    name_key("khác"): FundingSource.OTHER,
    name_key("nguồn vốn khác"): FundingSource.OTHER,
}
AMOUNT = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+$")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors[:5]))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    over_need: list[str] = field(default_factory=list)


def _header_map(header: list[Any]) -> dict[str, int]:
    wanted = {name_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = wanted.get(name_key(str(cell or "")))
        if column and column not in found:
            found[column] = index
    return found


def read_table(data: bytes, filename: str) -> list[list[Any]]:
    """The rows of a CSV (UTF-8, comma or semicolon) or XLSX file, header first."""
    if filename.lower().endswith(".xlsx") or data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            check_archive(data)
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except ValidationError as exc:
            raise ImportFailed([RowError(0, "-", " ".join(exc.message_dict["file"]))]) from None
        except Exception:  # openpyxl raises many kinds for a damaged file
            raise ImportFailed([RowError(0, "-", _("The file is not a readable XLSX workbook."))]) from None
        sheet = workbook.worksheets[0]
        rows: list[list[Any]] = []
        for row in sheet.iter_rows(values_only=True):
            if len(rows) > settings.IMPORT_MAX_ROWS:
                raise ImportFailed(
                    [
                        RowError(
                            0,
                            "-",
                            _("The file has more than %(max)d rows; at most %(max)d are accepted.")
                            % {"max": settings.IMPORT_MAX_ROWS},
                        )
                    ]
                )
            rows.append(list(row))
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed([RowError(0, "-", _("The CSV file must be saved as UTF-8."))]) from None
    dialect: type[csv.Dialect] = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;")
    except csv.Error:
        pass
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        if len(rows) > settings.IMPORT_MAX_ROWS:
            raise ImportFailed(
                [
                    RowError(
                        0,
                        "-",
                        _("The file has more than %(max)d rows; at most %(max)d are accepted.")
                        % {"max": settings.IMPORT_MAX_ROWS},
                    )
                ]
            )
        rows.append(list(row))
    return rows


def _amount(value: Any) -> Decimal:
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        number = Decimal(int(value))
    else:
        text = str(value).strip().replace(" ", "")
        if not AMOUNT.match(text):
            raise ValueError
        number = Decimal(text.replace(".", ""))
    if number < 0 or number != number.to_integral_value():
        raise ValueError
    return number


def parse(zone: EconomicZone, table: list[list[Any]]) -> list[dict[str, Any]]:
    """Check every row; the rows ready for the services, or ImportFailed with every error found."""
    rows = [r for r in table if any(c not in (None, "") for c in r)]
    if not rows:
        raise ImportFailed([RowError(0, "-", _("The file has no rows."))])
    header = _header_map(rows[0])
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailed([RowError(0, c, _("This column is missing from the header row.")) for c in missing])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFailed([RowError(0, "-", _("The file has more than %(n)d rows.") % {"n": MAX_ROWS})])
    works = {w.code: w for w in InfrastructureWork.objects.filter(zone=zone)}
    errors: list[RowError] = []
    parsed: list[dict[str, Any]] = []
    seen: dict[tuple[str, int, str], int] = {}
    # Data rows are counted from 1, the header not counted, as every import of the system counts them.
    for number, row in enumerate(rows[1:], start=1):

        def cell(column: str, row: list[Any] = row) -> Any:
            index = header.get(column)
            value = row[index] if index is not None and index < len(row) else None
            return value.strip() if isinstance(value, str) else value

        item: dict[str, Any] = {"row": number}
        code = str(cell("work_code") or "")
        work = works.get(code)
        if work is None:
            errors.append(RowError(number, "work_code", _("No work with code %(code)s in this zone.") % {"code": code}))
        item["work"] = work
        try:
            year = int(str(cell("year") or "").split(".")[0])
            if not services.FIRST_YEAR <= year <= services.LAST_YEAR:
                raise ValueError
            item["year"] = year
        except ValueError:
            errors.append(RowError(number, "year", _("Not a year: %(value)s.") % {"value": cell("year")}))
        source = SOURCE_NAMES.get(name_key(str(cell("source") or "")))
        if source is None:
            errors.append(
                RowError(number, "source", _("Unknown funding source: %(value)s.") % {"value": cell("source")})
            )
        item["source"] = source
        for column in ("allocated_vnd", "disbursed_vnd", "treasury_confirmed_vnd"):
            try:
                item[column] = _amount(cell(column))
            except (ValueError, ArithmeticError):
                errors.append(
                    RowError(
                        number,
                        column,
                        _("Not an amount in whole đồng: %(value)s (write 1.230.000.000 or 1230000000).")
                        % {"value": cell(column)},
                    )
                )
        item["note"] = str(cell("note") or "")[:300]
        if work is not None and "year" in item and source is not None:
            key = (work.code, item["year"], source)
            if key in seen:
                errors.append(
                    RowError(number, "year", _("Same work, year and source as row %(row)d.") % {"row": seen[key]})
                )
            seen[key] = number
        parsed.append(item)
    if errors:
        raise ImportFailed(errors)
    return parsed


@transaction.atomic
def funding_import(*, zone: EconomicZone, data: bytes, filename: str, actor: Actor) -> ImportResult:
    """Import annual funding rows for the zone's works, all or nothing."""
    rows = parse(zone, read_table(data, filename))
    existing = {
        (f.work_id, f.year, f.source): f for f in AnnualFunding.objects.filter(work__zone=zone).select_related("work")
    }
    result = ImportResult()
    errors: list[RowError] = []
    fields = ("allocated_vnd", "disbursed_vnd", "treasury_confirmed_vnd", "note")
    for item in rows:
        work: InfrastructureWork = item["work"]
        values = {k: item[k] for k in fields}
        current = existing.get((work.pk, item["year"], item["source"]))
        try:
            if current is None:
                outcome = services.funding_record(
                    work=work, actor=actor, year=item["year"], source=item["source"], **values
                )
                result.created += 1
            elif all(getattr(current, k) == v for k, v in values.items()):
                result.unchanged += 1
                continue
            else:
                outcome = services.funding_update(funding=current, actor=actor, **values)
                result.updated += 1
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                errors.append(RowError(item["row"], column, " ".join(messages)))
            continue
        if outcome.over_need and work.code not in result.over_need:
            result.over_need.append(work.code)
    if errors:
        transaction.set_rollback(True)
        raise ImportFailed(errors)
    return result
