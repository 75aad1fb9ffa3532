"""The demo on a phone (390 px wide, as an iPhone 12-15 shows pages): no page is wider than the screen,
the menu opens and closes with its button, charts keep their legend clear of their labels and write
numbers the reader's way. Every public page reached from the menus and home pages in three languages,
and the main staff pages."""

from __future__ import annotations

from io import StringIO
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from borderzone.accounts.demo import DEMO_PASSWORD, demo_code
from borderzone.core.tests.browser import LOCAL_HOSTS

pytestmark = [pytest.mark.browser, pytest.mark.walk, pytest.mark.django_db(transaction=True)]

WIDTH = 390
SKIP = (
    "/accounts/logout",
    "/api/",
    "/feeds/",
    "/news/rss",
    "/news/atom",
    "/news/images/",
    ".xml",
    ".pdf",
    ".xlsx",
    ".csv",
    ".geojson",
    "/download",
    "/export",
    "/files/",
    "/set-language",
    "/template.",
)
STAFF_PAGES = [
    "/staff/",
    "/staff/dashboard/?as_of=21/09/2020&from_year=2010&to_year=2020",
    "/staff/investments/?as_of=2020-09-21",
    "/staff/trade/?zone=CB",
    "/staff/documents/",
    "/staff/portal/",
    "/staff/portal/visitors/",
]


@pytest.fixture
def phone(browser, live_server, settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    call_command("load_demo", stdout=StringIO())
    context = browser.new_context(
        locale="vi-VN", viewport={"width": WIDTH, "height": 844}, is_mobile=True, has_touch=True
    )
    external: list[str] = []

    def route(route, request):
        host = urlparse(request.url).hostname or ""
        # chrome:// is the browser's own viewer (a PDF shown inline), not the network.
        if request.url.startswith(("data:", "blob:", "chrome:", "chrome-extension:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            external.append(f"{page.url} -> {request.url}")
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.base_url = live_server.url
    page.external = external
    page.errors = errors
    yield page
    context.close()


def _links(page, selector: str) -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    paths = []
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "tel:")):
            continue
        parsed = urlparse(href)
        if parsed.netloc and parsed.hostname not in ("127.0.0.1", "localhost"):
            continue
        path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        if path.startswith("/") and not any(s in path for s in SKIP):
            paths.append(path)
    return paths


def _too_wide(page) -> str:
    """'' when the page fits the screen, else its width and the elements that stick out."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= WIDTH:
        return ""
    culprits = page.evaluate(
        """w => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1)
            .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className + '#' + e.id)""",
        WIDTH,
    )
    return f"{width}px: {culprits}"


def _walk(page, start: list[str], limit: int) -> tuple[list[str], dict[str, str]]:
    """Visit the start pages, then what their menus and first content links lead to; note each page wider
    than the screen."""
    seen: list[str] = []
    queue = list(start)
    wide: dict[str, str] = {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.append(path)
        response = page.goto(page.base_url + path)
        assert response is not None and response.status < 400, f"{path}: {response and response.status}"
        page.wait_for_load_state("load")
        if found := _too_wide(page):
            wide[path] = found
        if len(seen) <= len(start) + 2:
            queue += _links(page, "nav a") + _links(page, "main a")[:10]
    return seen, wide


def _menu_opens_and_closes(page) -> None:
    toggle = page.locator(".menu-toggle")
    menu = page.locator("#site-menu")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
    assert menu.get_by_role("link").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    toggle.click()
    toggle.click()
    assert not menu.is_visible()


def _sign_in(page, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.get_by_label("Mã dùng một lần").fill(demo_code())
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.wait_for_url(page.base_url + "/staff/")


def test_public_pages_fit_a_phone_and_the_menu_opens_and_closes(phone):
    phone.goto(phone.base_url + "/")
    _menu_opens_and_closes(phone)
    # The home's pictures are shown within the screen, each with its text alternative.
    images = phone.locator("#home-news img")
    assert images.count() == 4
    for i in range(images.count()):
        assert len(images.nth(i).get_attribute("alt") or "") > 10
        box = images.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH

    seen, wide = _walk(phone, ["/", "/en/", "/zh-hans/"], limit=45)
    assert len(seen) == 45 and {"/trade/", "/documents/", "/news/", "/en/news/", "/investing/"} <= set(seen), seen
    assert wide == {}, "\n".join(f"{p}: {w}" for p, w in wide.items())
    assert phone.external == [] and phone.errors == []


def test_staff_pages_fit_a_phone_and_their_menu_opens_and_closes(phone):
    _sign_in(phone, "chuyenvien")
    _menu_opens_and_closes(phone)
    assert phone.locator("#staff-menu").is_visible() is False
    phone.locator(".menu-toggle").click()
    assert phone.locator("#staff-menu").get_by_role("link").first.is_visible()

    seen, wide = _walk(phone, STAFF_PAGES, limit=30)
    assert set(STAFF_PAGES) <= set(seen) and len(seen) == 30, seen
    assert wide == {}, "\n".join(f"{p}: {w}" for p, w in wide.items())
    assert phone.external == [] and phone.errors == []


def _chart_check(page, selector: str) -> dict:
    """Where the drawn chart's legend ends and its plot starts (ECharts' own layout), and what its first
    value axis is named and writes for 1 234,5 of its units."""
    page.wait_for_function(
        "sel => window.echarts && echarts.getInstanceByDom(document.querySelector(sel))", arg=selector
    )
    return page.evaluate(
        """sel => {
            const chart = echarts.getInstanceByDom(document.querySelector(sel));
            const view = chart._componentsViews.find(v => v.type && v.type.indexOf('legend') === 0);
            const box = view.group.getBoundingRect();
            const grid = chart.getModel().getComponent('grid').coordinateSystem.getRect();
            const axis = chart.getOption().yAxis[0];
            const divisor = axis.name.indexOf('USD') >= 0 ? 1e6 : 1e9;
            return {
                legendBottom: view.group.y + box.y + box.height,
                legendLines: box.height < 40 ? 1 : 2,
                gridTop: grid.y,
                axisName: axis.name,
                tick: axis.axisLabel.formatter(1234.5 * divisor),
            };
        }""",
        selector,
    )


def test_charts_keep_legends_clear_and_write_numbers_the_readers_way_on_a_phone(phone):
    phone.goto(phone.base_url + "/trade/")
    monthly = _chart_check(phone, "#chart-monthly")
    # One line of legend, ending well above the plot: the axis name (about 30 px) fits between them.
    assert monthly["legendLines"] == 1 and monthly["legendBottom"] + 30 <= monthly["gridTop"]
    assert monthly["axisName"] == "triệu USD" and monthly["tick"] == "1.234,5"
    revenue = _chart_check(phone, "#chart-revenue")
    assert revenue["axisName"] == "tỷ đồng" and revenue["tick"] == "1.234,5"
    assert revenue["legendLines"] == 1 and revenue["legendBottom"] + 30 <= revenue["gridTop"]
    # The legend names gates, never their codes.
    legend = phone.evaluate(
        "echarts.getInstanceByDom(document.querySelector('#chart-monthly')).getOption().series.map(s => s.name)"
    )
    assert any(name.startswith("Cửa khẩu") for name in legend) and not any("TRALINH" in n for n in legend)

    phone.goto(phone.base_url + "/en/trade/")
    english = _chart_check(phone, "#chart-monthly")
    assert english["axisName"] == "USD million" and english["tick"] == "1,234.5"
    assert phone.errors == [] and phone.external == []
