import pytest

from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.zones.tests.factories import EconomicZoneFactory, GateAreaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_like_zone(settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    zone = EconomicZoneFactory(
        code="CB", name="Khu kinh tế cửa khẩu tỉnh Cao Bằng", name_en="Cao Bang Border-Gate Economic Zone"
    )
    area = GateAreaFactory(zone=zone, code="TRALINH", name="Trà Lĩnh", name_en="Tra Linh")
    BorderGateFactory(
        zone=zone, gate_area=area, code="TRALINH", name="Cửa khẩu quốc tế Trà Lĩnh", gate_type="international"
    )
    return zone


def test_the_home_page_runs_cleanly_and_switches_language_in_chromium(page, demo_like_zone):
    page.goto(page.base_url + "/")
    assert page.locator("h1").inner_text() == "Khu kinh tế cửa khẩu tỉnh Cao Bằng"
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "30.130,34 ha" in page.locator(".facts").inner_text()

    languages = page.get_by_role("navigation", name="Ngôn ngữ")
    assert languages.get_by_role("link", name="Tiếng Việt").get_attribute("aria-current") == "true"
    languages.get_by_role("link", name="English").click()
    page.wait_for_url(page.base_url + "/en/")
    assert page.locator("h1").inner_text() == "Cao Bang Border-Gate Economic Zone"
    assert "30,130.34 ha" in page.locator(".facts").inner_text()

    chinese = page.get_by_role("navigation", name="Language").get_by_role("link", name="中文")
    assert chinese.get_attribute("lang") == "zh-hans" and chinese.get_attribute("hreflang") == "zh-hans"
    chinese.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + "/zh-hans/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "30,130.34公顷" in page.locator(".facts").inner_text()
    assert (
        page.get_by_role("navigation", name="语言").get_by_role("link", name="中文").get_attribute("aria-current")
        == "true"
    )

    assert page.watch.external_requests == []
    assert page.watch.console_errors == [] and page.watch.page_errors == []


def test_signing_in_reaches_the_staff_area(page, demo_like_zone):
    from borderzone.accounts.tests.factories import TEST_PASSWORD, UserFactory, code_for, give_authenticator

    device = give_authenticator(UserFactory(username="lanhdao", role="leader", zones=[demo_like_zone]))
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.get_by_label("Mã dùng một lần").fill(code_for(device))
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.wait_for_url(page.base_url + "/staff/")
    assert "Khu kinh tế cửa khẩu tỉnh Cao Bằng" in page.locator("main").inner_text()
    assert page.watch.external_requests == [] and page.watch.page_errors == []
