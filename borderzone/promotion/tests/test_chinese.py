"""Investing in the zone under /zh-hans/: incentives, a call for investment and the inquiry form."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_zone(settings, zone):
    settings.DEFAULT_ZONE_CODE = zone.code


def test_the_incentives_page_reads_in_chinese(client, make_incentive, sectors):
    make_incentive(sectors=[sectors["C"]])
    html = client.get("/zh-hans/investing/").text
    assert "<h1>投资经济区</h1>" in html
    assert "投资优惠" in html and "筛选优惠" in html and "适用地区" in html and "整个经济区" in html
    assert "条款原文" in html and "第13条第1款" in html
    # The incentive itself is the board's text; it stays as written.
    assert "Thuế suất thu nhập doanh nghiệp 10% trong 15 năm" in html


def test_a_call_for_investment_reads_in_chinese_with_chinese_amounts(client, make_call):
    call = make_call()
    html = client.get(f"/zh-hans/investing/calls/{call.pk}/").text
    assert "预计投资额" in html and "1,500亿越南盾" in html
    assert "用地面积" in html and "5公顷" in html
    assert "咨询此项目" in html


def test_the_inquiry_form_reads_in_chinese(client, make_call):
    make_call()
    html = client.get("/zh-hans/investing/inquiry/").text
    assert "您的问题" in html and "企业或机构" in html and "请输入图中的字符" in html
    assert "- 请选择 -" in html and "Select an option" not in html
