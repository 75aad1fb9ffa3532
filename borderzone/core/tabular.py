"""Spreadsheets in and out: reading CSV/XLSX uploads row by row with errors that name the row, the
column and the reason, parsing Vietnamese numbers and dates, and writing exports that keep numbers
numeric and never let a spreadsheet run a cell as a formula.

Imports built on this are all-or-nothing: collect every `RowError`, write nothing if there is one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from borderzone.core.uploads import check_archive

XLSX_MAGIC = b"PK\x03\x04"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class TableError(Exception):
    """The file as a whole cannot be read (not a spreadsheet, empty, bad header)."""

    def __init__(self, messages: str | list[str]) -> None:
        self.messages = [messages] if isinstance(messages, str) else messages
        super().__init__("; ".join(self.messages))


@dataclass(frozen=True)
class RowError:
    row: int  # data rows counted from 1, the header not counted
    column: str
    reason: str

    def __str__(self) -> str:
        return _("row %(row)d, %(column)s: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass
class Table:
    headers: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def numbered(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row number counted from 1 after the header, row)."""
        return enumerate(self.rows, start=1)


def _normalise_header(value: Any) -> str:
    return str(value or "").strip().lower().replace(" ", "_")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def is_code_row(values: Sequence[Any]) -> bool:
    """A second header row of column codes under headers in the reader's language (as exports write them
    for files meant to come back): every filled cell a code such as `registered_capital`, at least one."""
    filled = [v for v in values if not _blank(v)]
    return bool(filled) and all(isinstance(v, str) and _CODE.match(v.strip()) for v in filled)


def read_table(data: bytes, *, max_rows: int | None = None) -> Table:
    """Read a CSV (UTF-8, with or without BOM; comma or semicolon) or XLSX file by its content."""
    if not data or not data.strip():
        raise TableError(_("The file is empty."))
    cap = max_rows if max_rows is not None else settings.IMPORT_MAX_ROWS
    if data.startswith(XLSX_MAGIC):
        try:
            check_archive(data)
        except ValidationError as exc:
            if exc.error_dict["file"][0].code == "bad_archive":
                raise TableError(_("The file is not a CSV or XLSX spreadsheet.")) from None
            raise TableError(exc.message_dict["file"]) from None
        table = _read_xlsx(data, cap)
    else:
        table = _read_csv(data, cap)
    if not table.headers or all(not h for h in table.headers):
        raise TableError(_("The file has no header row."))
    if not table.rows:
        raise TableError(_("The file has a header row but no data rows."))
    if max_rows is not None and len(table.rows) > max_rows:
        raise TableError(
            _("The file has %(n)d rows; at most %(max)d are accepted.") % {"n": len(table.rows), "max": max_rows}
        )
    return table


def _too_many_rows(cap: int) -> TableError:
    return TableError(_("The file has more than %(max)d rows; at most %(max)d are accepted.") % {"max": cap})


def _read_xlsx(data: bytes, cap: int) -> Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise TableError(_("The file is not a CSV or XLSX spreadsheet."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise TableError(_("The file is not a CSV or XLSX spreadsheet.")) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = next(rows)
    except StopIteration:
        raise TableError(_("The file is empty.")) from None
    headers = [_normalise_header(h) for h in header]
    pending: list[tuple[Any, ...]] = []
    for values in rows:
        if all(_blank(v) for v in values):
            continue
        if is_code_row(values):
            # Headers in the reader's language, then the column codes: the codes name the columns.
            headers = [_normalise_header(v) for v in values]
        else:
            pending = [values]
        break
    while headers and not headers[-1]:
        headers.pop()
    table = Table(headers=headers)
    for values in itertools.chain(pending, rows):
        values = tuple(values[: len(headers)])
        if all(_blank(v) for v in values):
            continue
        if len(table.rows) >= cap:
            workbook.close()
            raise _too_many_rows(cap)
        table.rows.append({h: (values[i] if i < len(values) else None) for i, h in enumerate(headers) if h})
    workbook.close()
    return table


def _read_csv(data: bytes, cap: int) -> Table:
    if b"\x00" in data[:4096]:
        raise TableError(_("The file is not a CSV or XLSX spreadsheet."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(_("The file is not a CSV or XLSX spreadsheet (CSV files must be UTF-8).")) from None
    first_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise TableError(_("The file is empty.")) from None
    headers = [_normalise_header(h) for h in header]
    body: Iterator[list[str]] = reader
    for values in reader:
        if all(_blank(v) for v in values):
            continue
        if is_code_row(values):
            # Headers in the reader's language, then the column codes: the codes name the columns.
            headers = [_normalise_header(v) for v in values]
        else:
            body = itertools.chain([values], reader)
        break
    table = Table(headers=headers)
    for values in body:
        if all(_blank(v) for v in values):
            continue
        if len(table.rows) >= cap:
            raise _too_many_rows(cap)
        table.rows.append({h: (values[i] if i < len(values) else None) for i, h in enumerate(headers) if h})
    return table


def check_columns(table: Table, required: Sequence[str], optional: Sequence[str] = ()) -> None:
    """Refuse a header that lacks a required column, repeats one, or names one we do not know."""
    problems: list[str] = []
    missing = [c for c in required if c not in table.headers]
    if missing:
        problems.append(_("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)})
    known = set(required) | set(optional)
    unknown = [h for h in table.headers if h and h not in known]
    if unknown:
        problems.append(_("Unknown columns: %(cols)s.") % {"cols": ", ".join(unknown)})
    duplicated = sorted({h for h in table.headers if h and table.headers.count(h) > 1})
    if duplicated:
        problems.append(_("Repeated columns: %(cols)s.") % {"cols": ", ".join(duplicated)})
    if problems:
        raise TableError(problems)


# --- cell parsers: each returns a value or raises ValueError with the reason in the user's language ---


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_GROUPED_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_GROUPED_COMMAS = re.compile(r"^\d{1,3}(,\d{3})+$")
_GROUPED_SPACES = re.compile(r"^\d{1,3}( \d{3})+$")


def parse_amount(value: Any, *, whole: bool = True, allow_negative: bool = False) -> Decimal:
    """An amount: 12373000000, 12.373.000.000 (Vietnamese grouping), 12 373 000 000; with
    `whole=False` also decimals written 1.234,5 (Vietnamese) or 1234.5 / 1,234.5 (English)."""
    if isinstance(value, bool):
        raise ValueError(_("not a number"))
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    else:
        text = cell_text(value).replace("\u00a0", " ")
        if not text:
            raise ValueError(_("empty"))
        sign = ""
        if text[0] in "+-":
            sign, text = text[0], text[1:].strip()
        if _GROUPED_DOTS.match(text):
            text = text.replace(".", "")
        elif _GROUPED_SPACES.match(text):
            text = text.replace(" ", "")
        elif _GROUPED_COMMAS.match(text) and (whole or text.count(",") > 1):
            text = text.replace(",", "")
        elif not whole and "," in text and "." in text:
            # The last separator is the decimal mark.
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif not whole and "," in text:
            text = text.replace(",", ".")
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise ValueError(_("not a number: %(value)s") % {"value": cell_text(value)})
        try:
            number = Decimal(sign + text)
        except InvalidOperation:
            raise ValueError(_("not a number: %(value)s") % {"value": cell_text(value)}) from None
    if not number.is_finite():
        raise ValueError(_("not a number"))
    if number < 0 and not allow_negative:
        raise ValueError(_("negative amount: %(value)s") % {"value": cell_text(value)})
    if whole and number != number.to_integral_value():
        raise ValueError(_("amounts are whole numbers (đồng or dollars): %(value)s") % {"value": cell_text(value)})
    return number.quantize(Decimal(1)) if whole else number


def parse_date(value: Any) -> dt.date:
    """A date written dd/mm/yyyy or yyyy-mm-dd, or a spreadsheet date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if not text:
        raise ValueError(_("empty"))
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ValueError(_("not a date (use dd/mm/yyyy or yyyy-mm-dd): %(value)s") % {"value": text})


def parse_month(value: Any) -> dt.date:
    """A month written YYYY-MM (or a spreadsheet date cell): the first day of that month."""
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, value.month, 1)
    text = cell_text(value)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(_("not a month (use YYYY-MM): %(value)s") % {"value": text})
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


# --- exports ---


def neutralise(value: Any) -> Any:
    """A text a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]], codes: Sequence[str] | None = None) -> bytes:
    """UTF-8 with BOM (so Excel reads Vietnamese correctly), formulas neutralised. With `codes`, a second
    header row holds the import's column codes (blank for columns the import does not read)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in headers])
    if codes is not None:
        writer.writerow(list(codes))
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def stream_csv(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], codes: Sequence[str] | None = None
) -> Iterator[bytes]:
    """`write_csv`'s bytes, produced row by row for a streamed response (constant memory)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([neutralise(h) for h in headers])
    if codes is not None:
        writer.writerow(list(codes))
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


@dataclass
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    number_formats: dict[int, str] = field(default_factory=dict)  # column index -> Excel number format
    widths: dict[int, int] = field(default_factory=dict)
    # The import's column codes, written as a second header row (blank where the import reads nothing).
    codes: Sequence[str] | None = None


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """One worksheet per table, header row bold and frozen, numbers numeric, text never a formula."""
    buffer = io.BytesIO()
    write_xlsx_to(sheets, buffer)
    return buffer.getvalue()


def write_xlsx_to(sheets: Sequence[Sheet], target: Any) -> None:
    """`write_xlsx` into a file object, in openpyxl's write-only mode: rows are written as the iterables
    yield them and not kept, so memory stays flat whatever the number of rows (each sheet goes through a
    temporary file until the workbook is saved)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for spec in sheets:
        ws = workbook.create_sheet(title=spec.title[:31])
        ws.freeze_panes = "A3" if spec.codes is not None else "A2"
        for col_index, header in enumerate(spec.headers, start=1):
            ws.column_dimensions[get_column_letter(col_index)].width = spec.widths.get(
                col_index - 1, max(12, min(50, len(str(header)) + 4))
            )
        header_cells = []
        for header in spec.headers:
            cell = WriteOnlyCell(ws, value=str(header))
            cell.data_type = "s"
            cell.font = bold
            header_cells.append(cell)
        ws.append(header_cells)
        if spec.codes is not None:
            # The import's column codes, in a second header row that the importer reads as its header.
            code_cells = []
            for code in spec.codes:
                cell = WriteOnlyCell(ws, value=code)
                cell.font = Font(italic=True, color="666666")
                code_cells.append(cell)
            ws.append(code_cells)
        formats = spec.number_formats
        for row in spec.rows:
            out: list[Any] = []
            for col_index, value in enumerate(row):
                if isinstance(value, str):
                    if value.startswith(FORMULA_PREFIXES):
                        cell = WriteOnlyCell(ws, value=value)
                        cell.data_type = "s"  # a string cell is never evaluated, whatever it starts with
                        out.append(cell)
                    else:
                        out.append(value)
                elif value is not None and col_index in formats:
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = formats[col_index]
                    out.append(cell)
                else:
                    out.append(value)
            ws.append(out)
    workbook.save(target)
