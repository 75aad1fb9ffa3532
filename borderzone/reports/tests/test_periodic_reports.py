import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from borderzone.accounts.tests.factories import UserFactory
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.register.tests.factories import make_project
from borderzone.reports.models import Report, ReportStatus
from borderzone.trade.tests.factories import ProvinceBudgetFactory, TradeFigureFactory


@pytest.fixture
def zone_data(zone, actor):
    make_project(
        zone,
        actor,
        code="1000000001",
        name="Kho ngoại quan Đồng Đăng",
        ownership="foreign",
        currency="USD",
        total_capital=Decimal(3_000_000),
        issued_on=dt.date(2019, 2, 1),
        status="operating",
    )
    make_project(
        zone,
        actor,
        code="1000000002",
        name="Bãi xe Lý Vạn",
        issued_on=dt.date(2021, 4, 1),
        total_capital=Decimal(80_000_000_000),
    )
    gate = BorderGateFactory(zone=zone, code="TRALINH")
    for year in (2019, 2020):
        ProvinceBudgetFactory(zone=zone, year=year, estimate_vnd=Decimal(400_000_000))
        for month in range(1, 13):
            TradeFigureFactory(
                gate=gate,
                month=dt.date(year, month, 1),
                export_usd=Decimal(1_000_000 * (year - 2018)),
                import_usd=Decimal(500_000),
            )
    return zone


def _prepare(client, user, zone, kind, fmt, as_of, capture):
    client.force_login(user)
    with capture(execute=True):
        response = client.post(
            "/staff/reports/",
            {
                "kind": kind,
                "zone": zone.code,
                "as_of": as_of,
                "from_year": 2019,
                "to_year": 2020,
                "format": fmt,
                "language": "vi",
            },
        )
    assert response.status_code == 302, response.content
    report = Report.objects.latest("pk")
    assert report.status == ReportStatus.READY, report.error
    download = client.get(f"/staff/reports/{report.pk}/download/")
    assert download.status_code == 200
    return report, download.content


def test_the_annual_report_in_excel_has_typed_sheets_and_its_sources(
    client, leader, zone_data, django_capture_on_commit_callbacks
):
    report, data = _prepare(
        client, leader, zone_data, "annual_investment", "xlsx", "31/12/2020", django_capture_on_commit_callbacks
    )
    assert report.filename == "annual_investment-ZA-2020-12-31.xlsx"
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Tổng hợp", "Văn bản", "Dự án", "Xuất nhập khẩu", "Nguồn số liệu"]
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert summary["Số dự án (không kể dự án đã chấm dứt)"] == 1  # the second project is certified in 2021
    assert summary["Dự án đã chấm dứt (có trong danh mục, không tính vào tổng)"] == 0
    assert summary["Vốn đăng ký, nước ngoài (USD)"] == 3_000_000
    projects = book["Dự án"]
    assert projects.freeze_panes == "A2"
    assert [c.value for c in projects[2]][:2] == ["1000000001", "Kho ngoại quan Đồng Đăng"]
    assert projects["I2"].value == 3_000_000 and projects["I2"].data_type == "n"
    trade = list(book["Xuất nhập khẩu"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in trade] == [2019, 2020]
    assert trade[1][3] == 30_000_000 and trade[1][5] == 12  # 2 million export + 0.5 million import, 12 months
    sources = {row[0]: row[1] for row in book["Nguồn số liệu"].iter_rows(min_row=2, values_only=True)}
    assert sources["Tính đến ngày"].date() == dt.date(2020, 12, 31)
    assert sources["Giai đoạn"] == "2019–2020"


def test_the_annual_report_in_pdf_reads_back_with_its_diacritics_on_two_dates(
    client, leader, zone_data, django_capture_on_commit_callbacks
):
    _report, early = _prepare(
        client, leader, zone_data, "annual_investment", "pdf", "31/12/2020", django_capture_on_commit_callbacks
    )
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(early)).pages).split())
    assert "Báo cáo giám sát đầu tư hằng năm" in text
    assert "có 1 dự án đầu tư trong và ngoài nước" in text and "Kho ngoại quan Đồng Đăng" in text
    assert "Bãi xe Lý Vạn" not in text
    assert "Trang 1 /" in text
    _report, late = _prepare(
        client, leader, zone_data, "annual_investment", "pdf", "30/06/2021", django_capture_on_commit_callbacks
    )
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(late)).pages).split())
    assert "có 2 dự án đầu tư trong và ngoài nước" in text and "Bãi xe Lý Vạn" in text


def test_a_pdf_with_a_long_register_carries_it_as_an_excel_annex(
    client, leader, zone_data, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_PDF_REGISTER_MAX_ROWS = 1  # the zone has two projects as of 30/06/2021
    report, pdf = _prepare(
        client, leader, zone_data, "annual_investment", "pdf", "30/06/2021", django_capture_on_commit_callbacks
    )
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "có 2 dự án đầu tư trong và ngoài nước" in text  # the summary is whole
    assert "Bãi xe Lý Vạn" not in text and "Kho ngoại quan Đồng Đăng" not in text  # no table
    annex_name = f"annual_investment-{zone_data.code}-2021-06-30-annex.xlsx"
    assert f"Danh mục 2 dự án ở phụ lục Excel {annex_name}" in text
    page = client.get(f"/staff/reports/{report.pk}/")
    assert f"/staff/reports/{report.pk}/annex/" in page.text
    annex = client.get(f"/staff/reports/{report.pk}/annex/")
    assert annex.status_code == 200 and annex["Content-Disposition"] == f'attachment; filename="{annex_name}"'
    book = load_workbook(io.BytesIO(annex.content))
    assert book.sheetnames == ["Dự án", "Nguồn số liệu"]
    names = [row[1] for row in book["Dự án"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Bãi xe Lý Vạn", "Kho ngoại quan Đồng Đăng"]
    stranger = UserFactory(username="leader_c", role="leader", zones=[])
    client.force_login(stranger)
    assert client.get(f"/staff/reports/{report.pk}/annex/").status_code in (403, 404)


def test_a_leader_of_another_zone_cannot_download_the_report(
    client, leader, other_zone, zone_data, django_capture_on_commit_callbacks
):
    report, _data = _prepare(
        client, leader, zone_data, "trade_table", "xlsx", "31/12/2020", django_capture_on_commit_callbacks
    )
    stranger = UserFactory(username="leader_b", role="leader", zones=[other_zone])
    client.force_login(stranger)
    assert client.get(f"/staff/reports/{report.pk}/download/").status_code == 404
