"""Trade and revenue under /zh-hans/: labels, 万/亿 amounts, Chinese months and error messages."""

import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_zone(settings, zone):
    settings.DEFAULT_ZONE_CODE = zone.code


def test_the_trade_page_reads_in_chinese(client, gate, fill_months):
    fill_months(gate, dt.date(2019, 1, 1), 24, export=1_000_000, imp=500_000)
    html = client.get("/zh-hans/trade/").text
    assert "<h1>边境贸易与预算收入</h1>" in html
    assert "进出口额" in html and "出口" in html and "进口" in html and "预算收入年均增长率" in html
    assert "3,600万美元" in html  # 24 months × 1.5 million USD
    assert "2019年1月 至 2020年12月" in html
    assert "<td>2020年12月</td>" in html
    assert "各口岸月度进出口额（按方向）" in html


def test_a_bad_month_is_refused_in_chinese(client, gate):
    page = client.get("/zh-hans/trade/?from=2021-13")
    assert page.status_code == 422
    assert "不是月份（请使用 YYYY-MM 格式）：2021-13" in page.text


def test_the_staff_trade_page_reads_in_chinese(client, gate, fill_months, specialist):
    fill_months(gate, dt.date(2020, 1, 1), 12)
    client.force_login(specialist)
    html = client.get("/zh-hans/staff/trade/?zone=ZA").text
    assert "导入统计数据" in html and "省预算与经济区征收目标" in html and "记录预算年度" in html
