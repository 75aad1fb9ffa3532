import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from borderzone.access.actors import command_actor
from borderzone.documents.tests.factories import create_published_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def register(zone, settings):
    settings.DEFAULT_ZONE_CODE = zone.code
    actor = command_actor("test")
    old = create_published_document(
        zone=zone,
        actor=actor,
        number="10/QĐ-UBND",
        doc_type="decision",
        issuer="UBND tỉnh Cao Bằng",
        title="Quy chế quản lý tuyến cao tốc Đồng Đăng – Trà Lĩnh",
        issued_on=dt.date(2020, 1, 1),
    )
    create_published_document(
        zone=zone,
        actor=actor,
        number="30/QĐ-UBND",
        doc_type="decision",
        issuer="UBND tỉnh Cao Bằng",
        title="Quy chế mới về tuyến cao tốc Đồng Đăng – Trà Lĩnh",
        issued_on=dt.date(2024, 1, 1),
        replaces=[old],
    )
    create_published_document(
        zone=zone,
        actor=actor,
        number="5/TB-BQLKKT",
        doc_type="notice",
        issuer="Ban Quản lý Khu kinh tế",
        title="Thông báo về chợ biên giới Tà Lùng",
        issued_on=dt.date(2024, 3, 1),
    )
    return old


def test_searching_documents_without_accents_and_following_a_replaced_one_to_the_one_in_force(page, register):
    page.goto(page.base_url + "/documents/")
    page.get_by_label("Tìm kiếm").fill("dong dang")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(re.compile(r"/documents/\?q=dong(\+|%20)dang"))
    results = page.locator("#results")
    results.get_by_text("2 văn bản").wait_for()
    assert "Tà Lùng" not in results.inner_text()

    page.get_by_label("Loại văn bản").select_option("notice")
    page.get_by_role("button", name="Tìm kiếm").click()
    results.get_by_text("Không có văn bản nào").wait_for()

    page.goto(page.base_url + "/documents/?q=dong+dang")
    page.get_by_role("link", name="Quy chế quản lý tuyến cao tốc Đồng Đăng – Trà Lĩnh").click()
    standing = page.locator(".standing")
    expect(standing).to_contain_text("Không còn hiệu lực")
    standing.get_by_role("link", name="30/QĐ-UBND").click()
    # Wait for the document in force to replace the page (the old page has a standing box too).
    expect(page.locator(".standing")).not_to_contain_text("Không còn hiệu lực")
    expect(page.locator(".standing")).to_contain_text("Còn hiệu lực")

    assert page.watch.external_requests == []
    assert page.watch.console_errors == [] and page.watch.page_errors == []
