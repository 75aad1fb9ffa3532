"""Through the browser: a demo-like project's dossier reads in order with readable labels, and an inspection
goes from its plan to a closed recommendation through the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from borderzone.access.actors import Actor
from borderzone.accounts.tests.factories import TEST_PASSWORD, UserFactory, code_for, give_authenticator
from borderzone.register import services
from borderzone.register.tests.factories import make_project
from borderzone.zones.tests.factories import EconomicZoneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, user) -> None:
    device = give_authenticator(user)
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.get_by_label("Mã dùng một lần").fill(code_for(device))
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.wait_for_url(page.base_url + "/staff/")


def _setup(settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    zone = EconomicZoneFactory(code="CB", name="Khu kinh tế cửa khẩu tỉnh Cao Bằng")
    user = UserFactory(username="chuyenvien", role="specialist", zones=[zone])
    actor = Actor(user=user, via="test")
    plans = {"land_handover": dt.date(2019, 1, 1), "construction_start": dt.date(2019, 6, 1)}
    project = make_project(zone, actor, code="4300000001", issued_on=dt.date(2018, 3, 1), plans=plans)
    services.status_change_record(project=project, status="implementing", effective_on=dt.date(2018, 9, 1), actor=actor)
    services.milestone_reached(project=project, kind="land_handover", reached_on=dt.date(2019, 2, 1), actor=actor)
    services.disbursement_record(project=project, paid_on=dt.date(2019, 3, 1), amount=Decimal(10**9), actor=actor)
    services.project_update(project=project, published=True, actor=actor)
    return zone, user, project


def test_the_dossier_of_a_project_reads_in_order_with_readable_labels(page, settings):
    _zone, user, project = _setup(settings)
    _sign_in(page, user)
    page.goto(page.base_url + f"/staff/investments/{project.code}/")
    page.get_by_role("link", name="Hồ sơ dự án: mọi ghi nhận theo thời gian").click()
    page.wait_for_url(f"**/staff/investments/{project.code}/dossier/")
    days = page.locator(".dossier-entry time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert days == sorted(days) and len(days) >= 6
    titles = page.locator(".dossier-entry strong").all_inner_texts()
    assert titles[0] == "Cấp Giấy chứng nhận lần đầu"
    assert "Trạng thái: Đang triển khai" in titles and "Đạt mốc: Bàn giao đất" in titles
    text = page.locator("main").inner_text()
    assert "implementing" not in text and "published" not in text and "True" not in text
    assert "Công khai trên cổng thông tin" in text and "không → có" in text
    assert "Nguyễn Văn A ghi lúc" in text
    assert page.watch.console_errors == [] and page.watch.page_errors == []


def test_an_inspection_from_plan_to_closed_recommendation(page, settings):
    zone, user, project = _setup(settings)
    _sign_in(page, user)
    page.goto(page.base_url + "/staff/inspections/")
    page.get_by_role("link", name="Lập kế hoạch kiểm tra").click()
    page.get_by_label("Loại").select_option("supervision")
    page.get_by_role("textbox", name="Nội dung", exact=True).fill("Giám sát tiến độ 2026")
    page.get_by_label("Ngày theo kế hoạch").fill("01/10/2026")
    page.get_by_label("Đoàn (thành viên và đơn vị)").fill("Phòng Quản lý đầu tư")
    page.get_by_label("Phạm vi").fill("Tiến độ xây dựng")
    page.get_by_label(f"{project.code} · {project.name}").check()
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=Đã lập kế hoạch kiểm tra.")
    assert page.locator("h1").inner_text() == "Giám sát tiến độ 2026"

    page.get_by_role("link", name="Ghi biên bản").click()
    page.get_by_label("Ngày tiến hành").fill("02/10/2026")
    page.get_by_label("Biên bản (tóm tắt)").fill("Đoàn đã làm việc với nhà đầu tư.")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=Đã ghi biên bản.")

    page.get_by_role("link", name="Thêm kiến nghị").click()
    page.get_by_label("Kiến nghị").fill("Nộp tiến độ điều chỉnh")
    page.get_by_label("Thời hạn").fill("30/11/2026")
    page.get_by_label("Dự án").select_option(str(project.pk))
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=Đã ghi kiến nghị.")

    page.get_by_role("link", name="Ghi kết quả theo dõi").click()
    page.fill("#id_happened_on", "01/12/2026")
    page.get_by_label("Việc đã làm").fill("Nhà đầu tư đã nộp tiến độ.")
    page.get_by_label("Kiến nghị đã được thực hiện xong").check()
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=Đã ghi kết quả theo dõi.")
    assert "Đã đóng ngày 01/12/2026" in page.locator("main").inner_text()

    page.goto(page.base_url + "/staff/inspections/")
    row = page.locator("tbody tr", has_text="Giám sát tiến độ 2026")
    assert "Đã đóng" in row.inner_text() and "0 / 1" in row.inner_text()
    assert page.watch.console_errors == [] and page.watch.page_errors == []
