"""The interface in Chinese, and the language links that keep the page."""

import re

import pytest

from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.zones.tests.factories import FunctionalAreaFactory

LINK = re.compile(r'<a href="([^"]*)" lang="([^"]*)" hreflang="([^"]*)"( aria-current="true")?>([^<]*)</a>')


def _language_links(html):
    """{code: (href, current, name)} of the header's language links."""
    start = html.index('class="lang-switch"')
    block = html[start : html.index("</nav>", start)]
    return {m[1]: (m[0], bool(m[3]), m[4]) for m in LINK.findall(block) if m[1] == m[2]}


@pytest.fixture
def home_zone(settings, zone, gate_area):
    settings.DEFAULT_ZONE_CODE = "ZA"
    FunctionalAreaFactory(zone=zone, name="Khu phi thuế quan", name_en="Non-tariff zone", kind="non_tariff")
    BorderGateFactory(
        zone=zone, gate_area=gate_area, name="Cửa khẩu Trà Lĩnh", partner_name="Long Bang", partner_name_zh="龙邦口岸"
    )
    return zone


def test_the_home_page_reads_in_chinese(client, home_zone):
    html = client.get("/zh-hans/").text
    assert '<html lang="zh-hans">' in html
    assert '<h2 id="functional-areas">功能区</h2>' in html and "非关税区" in html
    assert "面积" in html and "30,130.34公顷" in html
    assert "本系统提供的服务" in html
    # Chinese readers get the partner gate's Chinese name; other languages the recorded one.
    assert "对应口岸：龙邦口岸" in html
    assert "Cửa khẩu đối diện: Long Bang" in client.get("/").text


def test_the_header_links_the_same_page_in_each_language_named_in_itself(client, home_zone):
    html = client.get("/accounts/login/?next=/staff/").text
    assert _language_links(html) == {
        "vi": ("/accounts/login/?next=/staff/", True, "Tiếng Việt"),
        "en": ("/en/accounts/login/?next=/staff/", False, "English"),
        "zh-hans": ("/zh-hans/accounts/login/?next=/staff/", False, "中文"),
    }
    assert '<nav class="lang-switch" aria-label="Ngôn ngữ">' in html
    chinese = client.get("/zh-hans/accounts/login/").text
    assert '<nav class="lang-switch" aria-label="语言">' in chinese
    assert _language_links(chinese)["zh-hans"][1] is True
    assert "<h1>登录</h1>" in chinese and "用户名" in chinese and "密码" in chinese


def test_following_a_language_link_lands_on_that_page_in_that_language(client, home_zone):
    href = _language_links(client.get("/en/").text)["zh-hans"][0]
    assert href == "/zh-hans/"
    page = client.get(href)
    assert page.status_code == 200 and '<html lang="zh-hans">' in page.text


def test_a_missing_page_links_each_language_home(client, home_zone):
    response = client.get("/zh-hans/no-such-page/")
    assert response.status_code == 404
    assert "<h1>未找到</h1>" in response.text
    links = _language_links(response.text)
    assert {code: href for code, (href, _current, _name) in links.items()} == {
        "vi": "/",
        "en": "/en/",
        "zh-hans": "/zh-hans/no-such-page/",
    }


def test_the_old_language_form_endpoint_still_keeps_the_page(client, home_zone):
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/accounts/login/"})
    assert response["Location"] == "/zh-hans/accounts/login/"
