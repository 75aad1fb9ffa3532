import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from borderzone.core.tabular import (
    RowError,
    Sheet,
    TableError,
    check_columns,
    neutralise,
    parse_amount,
    parse_date,
    parse_month,
    read_table,
    write_csv,
    write_xlsx,
)


def _xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_csv_and_xlsx_read_the_same_rows():
    csv_bytes = "\ufeffCode, Name ,registered_capital\n001,Kho bãi Trà Lĩnh,12.373.000.000\n\n".encode()
    xlsx_bytes = _xlsx(
        [["code", "name", "registered_capital"], ["001", "Kho bãi Trà Lĩnh", 12373000000], [None, None, None]]
    )
    for data in (csv_bytes, xlsx_bytes):
        table = read_table(data)
        assert table.headers == ["code", "name", "registered_capital"]
        assert len(table) == 1
        ((number, row),) = table.numbered()
        assert number == 1
        assert row["name"] == "Kho bãi Trà Lĩnh"
        assert parse_amount(row["registered_capital"]) == Decimal(12373000000)


def test_semicolon_csv_is_read():
    table = read_table(b"gate;month\nTra Linh;2020-01\n")
    assert table.rows == [{"gate": "Tra Linh", "month": "2020-01"}]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "trống"),
        (b"   \n", "trống"),
        (b"code,name\n", "không có dòng dữ liệu"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "không phải"),
        (b"PK\x03\x04garbage-zip", "không phải"),
        ("code,name\nà,b\n".encode("cp1258"), "UTF-8"),
    ],
)
def test_files_that_are_not_readable_spreadsheets_are_refused(data, message):
    with pytest.raises(TableError, match=message):
        read_table(data)


def test_columns_missing_unknown_or_repeated_are_named():
    table = read_table(b"code,nme,code\n1,a,1\n")
    with pytest.raises(TableError) as info:
        check_columns(table, ["code", "name"])
    text = str(info.value)
    assert "name" in text and "nme" in text and "code" in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12373000000", 12373000000),
        ("12.373.000.000", 12373000000),
        ("12 373 000 000", 12373000000),
        (618000000000, 618000000000),
        (11000000.0, 11000000),
        ("1,234,567", 1234567),
    ],
)
def test_whole_amounts_plain_or_with_grouping(value, expected):
    assert parse_amount(value) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("-5", "âm"),
        ("abc", "không phải là số"),
        ("12,5", "không phải là số"),
        ("", "trống"),
        (True, "không phải là số"),
        ("1.5e3", "không phải là số"),
    ],
)
def test_bad_amounts_say_why(value, reason):
    with pytest.raises(ValueError, match=reason):
        parse_amount(value)


def test_decimal_amounts_in_both_conventions():
    assert parse_amount("1.234,5", whole=False) == Decimal("1234.5")
    assert parse_amount("1,234.5", whole=False) == Decimal("1234.5")
    assert parse_amount("12,5", whole=False) == Decimal("12.5")
    assert parse_amount("1234.56", whole=False) == Decimal("1234.56")


def test_dates_and_months():
    assert parse_date("21/09/2020") == parse_date("2020-09-21") == dt.date(2020, 9, 21)
    assert parse_date(dt.datetime(2020, 9, 21, 0, 0)) == dt.date(2020, 9, 21)  # noqa: DTZ001
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        parse_date("31/02/2020")
    assert parse_month("2021-12") == dt.date(2021, 12, 1)
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_month("2021-13")


def test_row_errors_read_row_column_reason():
    assert str(RowError(3, "certificate_date", "không phải ngày")) == "dòng 3, certificate_date: không phải ngày"


def test_exports_neutralise_formulas_and_keep_numbers_numeric():
    rows = [['=HYPERLINK("http://x")', Decimal("12373000000"), "+1", "@SUM(A1)", "-2", "Trà Lĩnh", 7]]
    assert neutralise("=1+1") == "'=1+1" and neutralise(5) == 5
    csv_text = write_csv(["name", "capital", "a", "b", "c", "d", "n"], rows).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+1" in csv_text and "'@SUM" in csv_text and "'-2" in csv_text

    data = write_xlsx([Sheet("Dự án", ["name", "capital", "a", "b", "c", "d", "n"], rows, number_formats={1: "#,##0"})])
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.title == "Dự án"
    assert ws.freeze_panes == "A2"
    assert ws["A2"].value == '=HYPERLINK("http://x")' and ws["A2"].data_type == "s"
    assert ws["B2"].value == 12373000000 and ws["B2"].data_type == "n"
    assert ws["G2"].value == 7 and ws["F2"].value == "Trà Lĩnh"
