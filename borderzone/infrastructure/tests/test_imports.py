from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from borderzone.core.models import AuditEvent
from borderzone.infrastructure.imports import ImportFailed, funding_import
from borderzone.infrastructure.models import AnnualFunding
from borderzone.infrastructure.tests.factories import BILLION, WorkFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "Mã công trình;Năm;Nguồn vốn;Vốn được giao;Đã giải ngân;Kho bạc xác nhận\n"
    "HT-1;2018;Ngân sách trung ương;60.000.000.000;55.000.000.000;55.000.000.000\n"
    "HT-1;2019;provincial;40000000000;0;0\n"
)


@pytest.fixture
def work(zone):
    return WorkFactory(zone=zone, code="HT-1", capital_need_vnd=90 * BILLION)


def test_a_good_file_imports_and_a_second_run_changes_nothing(zone, work, actor):
    first = funding_import(zone=zone, data=GOOD.encode(), filename="von.csv", actor=actor)
    events = AuditEvent.objects.count()
    second = funding_import(zone=zone, data=GOOD.encode(), filename="von.csv", actor=actor)

    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert AuditEvent.objects.count() == events
    row = AnnualFunding.objects.get(work=work, year=2018)
    assert (row.source, row.allocated_vnd, row.treasury_confirmed_vnd) == ("central", 60 * BILLION, 55 * BILLION)
    assert first.over_need == ["HT-1"]  # 100 billion allocated against a need of 90: flagged, not refused


def test_a_changed_amount_updates_the_record(zone, work, actor):
    funding_import(zone=zone, data=GOOD.encode(), filename="von.csv", actor=actor)
    changed = GOOD.replace("40000000000;0;0", "40000000000;30000000000;30000000000")
    result = funding_import(zone=zone, data=changed.encode(), filename="von.csv", actor=actor)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert AnnualFunding.objects.get(work=work, year=2019).disbursed_vnd == 30 * BILLION


def test_bad_rows_are_all_reported_by_row_and_column_and_nothing_is_saved(zone, work, actor):
    bad = (
        "work_code,year,source,allocated_vnd,disbursed_vnd,treasury_confirmed_vnd\n"
        "HT-1,2018,central,60000000000,0,0\n"
        "HT-9,2018,central,1,0,0\n"
        "HT-1,20x8,central,1,0,0\n"
        "HT-1,2019,weather,1,0,0\n"
        'HT-1,2020,central,"12,5 tỷ",0,0\n'
        "HT-1,2018,central,5,0,0\n"
    )
    with pytest.raises(ImportFailed) as exc:
        funding_import(zone=zone, data=bad.encode(), filename="von.csv", actor=actor)
    found = {(e.row, e.column) for e in exc.value.errors}
    assert found == {(2, "work_code"), (3, "year"), (4, "source"), (5, "allocated_vnd"), (6, "year")}
    # The last row repeats the first data row, and says so by its number.
    assert "1" in next(e.message for e in exc.value.errors if e.row == 6)
    assert AnnualFunding.objects.count() == 0


def test_a_row_the_service_refuses_rolls_back_the_whole_file(zone, work, actor):
    bad = GOOD + "HT-1;2020;oda;10;5;6\n"  # the Treasury cannot confirm more than was disbursed
    with pytest.raises(ImportFailed) as exc:
        funding_import(zone=zone, data=bad.encode(), filename="von.csv", actor=actor)
    assert [(e.row, e.column) for e in exc.value.errors] == [(3, "treasury_confirmed_vnd")]
    assert AnnualFunding.objects.count() == 0


def test_a_missing_column_is_named(zone, work, actor):
    with pytest.raises(ImportFailed) as exc:
        funding_import(zone=zone, data=b"work_code,year\nHT-1,2018\n", filename="von.csv", actor=actor)
    assert {e.column for e in exc.value.errors} == {"source", "allocated_vnd"}


def test_an_xlsx_file_imports(zone, work, actor):
    book = Workbook()
    sheet = book.active
    sheet.append(["work_code", "year", "source", "allocated_vnd", "disbursed_vnd", "treasury_confirmed_vnd"])
    sheet.append(["HT-1", 2018, "oda", 10_000_000_000, 9_000_000_000, 9_000_000_000])
    buffer = io.BytesIO()
    book.save(buffer)
    result = funding_import(zone=zone, data=buffer.getvalue(), filename="von.xlsx", actor=actor)
    assert result.created == 1
    assert AnnualFunding.objects.get().source == "oda"


def test_the_import_page_lists_errors_with_422(client, zone, work, specialist):
    client.force_login(specialist)
    upload = SimpleUploadedFile("von.csv", b"work_code,year,source,allocated_vnd\nHT-9,2018,central,1\n", "text/csv")
    response = client.post(f"/staff/infrastructure/{zone.code}/import/", {"file": upload})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="import-errors"' in html and "HT-9" in html


def test_the_import_page_imports_a_good_file(client, zone, work, specialist):
    client.force_login(specialist)
    upload = SimpleUploadedFile("von.csv", GOOD.encode(), "text/csv")
    response = client.post(f"/staff/infrastructure/{zone.code}/import/", {"file": upload})
    assert response.status_code == 302
    assert AnnualFunding.objects.count() == 2


def test_a_leader_cannot_import(client, zone, leader):
    client.force_login(leader)
    assert client.get(f"/staff/infrastructure/{zone.code}/import/").status_code == 403


def test_the_command_imports_and_reports_errors(zone, work, tmp_path):
    good = tmp_path / "von.csv"
    good.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command("import_infrastructure_funding", zone.code, str(good), stdout=out)
    assert "2 created" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text("work_code,year,source,allocated_vnd\nHT-1,2018,central,-5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_infrastructure_funding", zone.code, str(bad), stdout=io.StringIO(), stderr=io.StringIO())
