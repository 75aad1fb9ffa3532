from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from borderzone.access.importing import no_progress
from borderzone.core.tabular import Sheet, write_xlsx
from borderzone.trade.importing import import_trade_statistics
from borderzone.trade.models import FigureStatus, TradeFigure, TradeFigureRevision

HEADER = "gate,month,export_usd,import_usd,import_vat_vnd,status,source\n"


def run(data: str | bytes, zone, actor, dry_run=False):
    raw = data.encode() if isinstance(data, str) else data
    return import_trade_statistics(
        data=raw, actor=actor, zone=zone, dry_run=dry_run, progress=no_progress, options={"filename": "t.csv"}
    )


def test_import_matches_gate_names_ignoring_accents_and_case(zone, gate, actor):
    report = run(HEADER + "TRÀ LĨNH,2021-01,100,50,1000,final,HQ\ntra linh,2021-02,10,5,,,HQ\n", zone, actor)
    assert report.ok, report.errors
    assert report.created == 2
    figure = TradeFigure.objects.get(month=dt.date(2021, 1, 1))
    assert figure.gate == gate
    assert (figure.export_usd, figure.import_usd, figure.import_vat_vnd) == (Decimal("100.00"), Decimal("50.00"), 1000)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Không Có,2021-01,1,1,,,HQ", "dòng 1, gate: "),
        ("tra linh,2021-13,1,1,,,HQ", "dòng 1, month: "),
        ("tra linh,2021-01,-5,1,,,HQ", "dòng 1, export_usd: "),
        ("tra linh,2021-01,1,nhiều,,,HQ", "dòng 1, import_usd: "),
        ("tra linh,2021-01,1,1,12.5,,HQ", "dòng 1, import_vat_vnd: "),
        ("tra linh,2021-01,1,1,,maybe,HQ", "dòng 1, status: "),
    ],
)
def test_import_refuses_bad_rows_naming_row_and_column(zone, gate, actor, line, expected):
    report = run(HEADER + line + "\ntra linh,2021-02,1,1,,,HQ\n", zone, actor)
    assert len(report.errors) == 1
    assert report.errors[0].startswith(expected)
    assert TradeFigure.objects.count() == 0


def test_import_reports_every_bad_row_and_saves_nothing(zone, gate, actor):
    report = run(HEADER + "tra linh,2021-01,1,1,,,HQ\nxx,2021-13,a,-1,,,HQ\n", zone, actor)
    assert report.errors == [
        "dòng 2, gate: không có cửa khẩu nào của khu này tên là xx",
        "dòng 2, month: không phải là tháng (dùng YYYY-MM): 2021-13",
        "dòng 2, export_usd: không phải là số: a",
        "dòng 2, import_usd: số tiền âm: -1",
    ]
    assert TradeFigure.objects.count() == 0


def test_import_refuses_the_same_gate_and_month_twice_in_one_file(zone, gate, actor):
    report = run(HEADER + "tra linh,2021-01,1,1,,,HQ\nTRALINH,2021-01,2,2,,,HQ\n", zone, actor)
    assert report.errors == ["dòng 2, month: trùng cửa khẩu và tháng với dòng 1"]
    assert TradeFigure.objects.count() == 0


def test_reimporting_a_month_replaces_it_as_a_revision(zone, gate, actor):
    run(HEADER + "tra linh,2021-01,100,50,,final,HQ sơ bộ\n", zone, actor)
    report = run(HEADER + "tra linh,2021-01,120,50,,final,HQ chính thức\n", zone, actor)
    assert (report.created, report.updated) == (0, 1)
    figure = TradeFigure.objects.get()
    assert figure.export_usd == Decimal("120.00")
    assert figure.status == FigureStatus.REVISED
    assert figure.revisions.get().values["export_usd"] == "100.00"
    assert report.details["preview"][0]["before"]["export_usd"] == "100.00"


def test_the_same_file_twice_changes_nothing(zone, gate, actor):
    data = HEADER + "tra linh,2021-01,100,50,1000,provisional,HQ\n"
    run(data, zone, actor)
    report = run(data, zone, actor)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert TradeFigureRevision.objects.count() == 0


def test_dry_run_reports_but_saves_nothing(zone, gate, actor):
    report = run(HEADER + "tra linh,2021-01,100,50,,,HQ\n", zone, actor, dry_run=True)
    assert report.ok and report.created == 1
    assert TradeFigure.objects.count() == 0


def test_import_reads_xlsx(zone, gate, actor):
    data = write_xlsx([Sheet("t", ["gate", "month", "export_usd", "import_usd"], [["Trà Lĩnh", "2021-03", 7, 3]])])
    report = run(data, zone, actor)
    assert report.ok and TradeFigure.objects.get().turnover_usd == Decimal("10.00")


def test_command_exits_non_zero_with_row_errors(zone, gate, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "tra linh,2021-13,1,1,,,HQ\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_trade_statistics", str(path), "--zone", "ZA")
    assert "dòng 1, month" in capsys.readouterr().err
    assert TradeFigure.objects.count() == 0


def test_command_imports_then_revises_with_exit_zero(zone, gate, tmp_path, capsys):
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + "tra linh,2021-01,1,1,,,HQ\n", encoding="utf-8")
    call_command("import_trade_statistics", str(path), "--zone", "ZA")
    path.write_text(HEADER + "tra linh,2021-01,2,1,,,HQ\n", encoding="utf-8")
    call_command("import_trade_statistics", str(path), "--zone", "ZA")
    assert "0 created, 1 revised" in capsys.readouterr().out
    assert TradeFigure.objects.get().revision == 1


COMMODITIES = "gate,month,hs_chapter,direction,value_usd\n"


def run_commodities(data: str, zone, actor):
    from borderzone.trade.importing import import_trade_commodities

    return import_trade_commodities(
        data=data.encode(), actor=actor, zone=zone, dry_run=False, progress=no_progress, options={}
    )


def test_commodity_breakdown_imports_and_is_idempotent(zone, gate, actor, client):
    run(HEADER + "tra linh,2021-01,100,50,,,HQ\n", zone, actor)
    data = COMMODITIES + "tra linh,2021-01,8,xuất khẩu,60\ntra linh,2021-01,84,import,50\n"
    assert run_commodities(data, zone, actor).created == 2
    again = run_commodities(data, zone, actor)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    from borderzone.trade import selectors

    rows = selectors.commodity_totals(selectors.figures(zone=zone))
    assert [(r["hs_chapter"], r["direction"], r["value_usd"]) for r in rows] == [
        ("08", "export", Decimal("60.00")),
        ("84", "import", Decimal("50.00")),
    ]


def test_commodity_breakdown_refuses_more_than_the_month_and_unknown_months(zone, gate, actor):
    run(HEADER + "tra linh,2021-01,100,50,,,HQ\n", zone, actor)
    report = run_commodities(
        COMMODITIES + "tra linh,2021-01,08,export,70\ntra linh,2021-01,09,export,40\ntra linh,2021-02,08,export,1\n"
        "tra linh,2021-01,00,sideways,1\n",
        zone,
        actor,
    )
    assert report.errors[0].startswith("dòng 2, value_usd: ")
    assert report.errors[1] == "dòng 3, month: chưa có số liệu tháng của cửa khẩu này; hãy nhập số tổng trước"
    assert report.errors[2].startswith("dòng 4, hs_chapter: ")
    assert report.errors[3].startswith("dòng 4, direction: ")
    from borderzone.trade.models import CommodityFigure

    assert CommodityFigure.objects.count() == 0
