import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from borderzone.access.actors import Actor
from borderzone.accounts.tests.factories import TEST_PASSWORD, UserFactory, code_for, give_authenticator
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.register.tests.factories import make_project
from borderzone.trade.tests.factories import TradeFigureFactory
from borderzone.zones.tests.factories import EconomicZoneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def leader_page(page, settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    zone = EconomicZoneFactory(code="CB", name="Khu kinh tế cửa khẩu tỉnh Cao Bằng", short_name="Khu KTCK Cao Bằng")
    leader = UserFactory(username="lanhdao", role="leader", zones=[zone])
    actor = Actor(user=leader, via="test")
    make_project(zone, actor, name="Kho A", issued_on=dt.date(2018, 1, 1), status="operating")
    make_project(zone, actor, name="Kho B", issued_on=dt.date(2021, 3, 1), total_capital=Decimal(7_000_000_000))
    gate = BorderGateFactory(zone=zone, code="TRALINH")
    for year in (2018, 2019):
        for month in range(1, 13):
            TradeFigureFactory(
                gate=gate, month=dt.date(year, month, 1), export_usd=Decimal(2_000_000), import_usd=Decimal(1_000_000)
            )
    device = give_authenticator(leader)
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.get_by_label("Mã dùng một lần").fill(code_for(device))
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.wait_for_url(page.base_url + "/staff/")
    return page


def test_a_leader_reads_the_dashboard_and_changes_its_date(leader_page):
    page = leader_page
    page.get_by_role("link", name="Bảng điều hành").click()
    page.wait_for_url("**/staff/dashboard/")
    page.wait_for_selector('[data-chart="status"][data-drawn="true"] svg')
    page.wait_for_selector('[data-chart="trade"][data-drawn="true"] svg')
    assert page.locator("#kpi-projects").inner_text() == "2"

    page.get_by_label("Tính đến ngày").fill("31/12/2019")
    page.get_by_label("Từ năm").fill("2018")
    page.get_by_label("Đến năm").fill("2019")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**/staff/dashboard/?*as_of=31%2F12%2F2019*")
    expect(page.locator("#kpi-projects")).to_have_text("1")
    expect(page.locator("#kpi-turnover")).to_have_text("72 triệu USD")
    page.wait_for_selector('[data-chart="trade"][data-drawn="true"] svg')
    page.screenshot(path="var/dashboard.png", full_page=True)

    page.get_by_role("link", name="Báo cáo tóm tắt").click()
    page.wait_for_url("**/staff/summary/")
    assert "trong Khu KTCK Cao Bằng có" in page.locator("article.summary-text").inner_text()

    assert page.watch.external_requests == []
    assert page.watch.console_errors == [] and page.watch.page_errors == []


def test_an_administrator_compares_all_zones_and_opens_one(page, settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    cao_bang = EconomicZoneFactory(code="CB", name="Khu kinh tế cửa khẩu tỉnh Cao Bằng", short_name="Khu KTCK Cao Bằng")
    lang_son = EconomicZoneFactory(
        code="LS", name="Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn", short_name="Khu KTCK Lạng Sơn"
    )
    admin = UserFactory(username="quantri", role="admin")
    actor = Actor(user=admin, via="test")
    make_project(cao_bang, actor, name="Kho A", issued_on=dt.date(2018, 1, 1))
    make_project(lang_son, actor, name="Kho L1", issued_on=dt.date(2018, 2, 1))
    make_project(lang_son, actor, name="Kho L2", issued_on=dt.date(2018, 3, 1))
    device = give_authenticator(admin)
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.get_by_label("Mã dùng một lần").fill(code_for(device))
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.wait_for_url(page.base_url + "/staff/")

    page.goto(page.base_url + "/staff/dashboard/")
    expect(page.locator("#kpi-projects")).to_have_text("1")  # the default zone first
    page.get_by_label("Khu kinh tế").select_option(label="Tất cả khu kinh tế")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**/staff/dashboard/?zone=*")
    expect(page.locator("#kpi-projects")).to_have_text("3")
    expect(page.locator("#zone-table tbody tr")).to_have_count(2)
    page.wait_for_selector('[data-chart="status"][data-drawn="true"] svg')
    page.screenshot(path="var/dashboard-all-zones.png", full_page=True)

    page.locator('#zone-table tr[data-zone="LS"] th a').click()
    page.wait_for_url(f"**/staff/dashboard/?zone={lang_son.code}*")
    expect(page.locator("h1")).to_contain_text("Lạng Sơn")
    expect(page.locator("#kpi-projects")).to_have_text("2")
    assert page.watch.external_requests == []
    assert page.watch.console_errors == [] and page.watch.page_errors == []
