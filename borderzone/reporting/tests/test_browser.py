"""An investor files a quarterly report in Chromium and a specialist accepts it."""

import datetime as dt

import pytest

from borderzone.access.actors import Actor
from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import TEST_PASSWORD, UserFactory
from borderzone.register.models import Disbursement
from borderzone.register.tests.factories import make_project
from borderzone.reporting.models import Report, ReportStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, username):
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").last.click()


def test_an_investor_files_a_quarterly_report_and_a_specialist_accepts_it(page, zone):
    specialist = UserFactory(username="chuyenvien_a", role=Role.SPECIALIST, zones=[zone])
    project = make_project(
        zone,
        Actor(user=specialist, via="test"),
        code="4300000099",
        name="Kho ngoại quan Tà Lùng",
        issued_on=dt.date(2024, 2, 1),
        status="implementing",
    )
    owner = UserFactory(username="nhadautu_a", role=Role.INVESTOR, zones=[zone])
    project.shares.first().investor.users.add(owner)

    _sign_in(page, "nhadautu_a")
    page.wait_for_url(page.base_url + "/investor/")
    page.get_by_role("link", name="4300000099 Kho ngoại quan Tà Lùng").click()
    page.locator("a[href$='/reports/NDT-QUY/2026-Q3/']").first.click()
    page.get_by_label("Vốn góp lũy kế đến cuối kỳ (đồng) *").fill("5.000.000.000")
    page.get_by_label("Vốn đầu tư thực hiện trong kỳ (đồng) *").fill("800.000.000")
    page.get_by_label("Vốn đầu tư thực hiện lũy kế đến cuối kỳ (đồng) *").fill("2.800.000.000")
    page.get_by_label("Doanh thu trong kỳ (đồng) *").fill("-1")
    page.get_by_label("Thuế và các khoản nộp ngân sách trong kỳ (đồng) *").fill("120.000.000")
    page.get_by_label("Số lao động Việt Nam (người) *").fill("35")
    page.get_by_label("Số lao động nước ngoài (người) *").fill("1")
    page.get_by_role("button", name="Nộp cho Ban Quản lý").click()
    assert "Doanh thu trong kỳ: không được âm." in page.locator("[role=alert]").inner_text()
    page.get_by_label("Doanh thu trong kỳ (đồng) *").fill("1.500.000.000")
    page.get_by_role("button", name="Nộp cho Ban Quản lý").click()
    page.wait_for_url(page.base_url + "/investor/projects/4300000099/")
    assert "Đã nộp báo cáo." in page.locator("main").inner_text()
    report = Report.objects.get()
    assert (report.status, report.values["revenue"]) == (ReportStatus.SUBMITTED, "1500000000")

    page.get_by_role("button", name="Đăng xuất").click()
    _sign_in(page, "chuyenvien_a")
    page.goto(page.base_url + f"/staff/investor-reports/?zone={zone.code}&status=submitted")
    page.get_by_role("link", name="Mở").first.click()
    page.get_by_role("button", name="Tiếp nhận").click()
    assert page.locator("#report-status").inner_text() == "Đã tiếp nhận"
    assert Disbursement.objects.get(project=project).amount == 800_000_000
    assert page.watch.external_requests == [] and page.watch.page_errors == []
