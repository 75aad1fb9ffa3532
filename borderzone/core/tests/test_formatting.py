import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderzone.core.formatting import (
    format_area,
    format_date,
    format_decimal,
    format_money,
    format_month,
    format_percent,
)
from borderzone.core.money import Money, usd, vnd


@pytest.mark.parametrize(
    ("money", "vi", "en"),
    [
        (vnd(12_373_000_000_000), "12.373 tỷ đồng", "VND 12,373 billion"),
        (vnd(618_000_000_000), "618 tỷ đồng", "VND 618 billion"),
        (vnd(859_400_000_000), "859,4 tỷ đồng", "VND 859.4 billion"),
        (usd(11_000_000), "11 triệu USD", "USD 11 million"),
        (usd(16_345_000_000), "16,35 tỷ USD", "USD 16.35 billion"),
        (vnd(250_000_000), "250 triệu đồng", "VND 250 million"),
        (vnd(15_500), "15.500 đồng", "VND 15,500"),
        (usd(Decimal("1234.5")), "1.234,5 USD", "USD 1,234.5"),
        (vnd(-1_500_000_000), "-1,5 tỷ đồng", "VND -1.5 billion"),
    ],
)
def test_format_money_in_both_languages(money, vi, en):
    assert format_money(money, "vi") == vi
    assert format_money(money, "en") == en


def test_format_money_with_a_forced_scale():
    assert format_money(vnd(500_000_000_000), "vi", scale="billion") == "500 tỷ đồng"
    assert format_money(vnd(200_000_000), "vi", scale="billion") == "0,2 tỷ đồng"
    assert format_money(usd(11_000_000), "en", scale="million") == "USD 11 million"


def test_format_area_in_both_languages():
    assert format_area(Decimal("30130.34"), "vi") == "30.130,34 ha"
    assert format_area(Decimal("30130.34"), "en") == "30,130.34 ha"
    assert format_area(Decimal("30130"), "vi") == "30.130 ha"
    assert format_area(Decimal("5.5"), "en") == "5.5 ha"


def test_format_date_in_both_languages():
    day = dt.date(2020, 9, 21)
    assert format_date(day, "vi") == "21/09/2020"
    assert format_date(day, "en") == "21 Sep 2020"
    assert format_date(dt.date(2020, 1, 5), "vi") == "05/01/2020"
    assert format_month(day, "vi") == "09/2020"
    assert format_month(day, "en") == "Sep 2020"
    assert format_date(None, "vi") == ""


def test_format_datetime_uses_the_zone_time(settings):
    from django.utils import timezone

    from borderzone.core.formatting import format_datetime

    utc_evening = dt.datetime(2020, 9, 20, 18, 30, tzinfo=dt.UTC)
    with timezone.override("Asia/Ho_Chi_Minh"):
        assert format_datetime(utc_evening, "vi") == "21/09/2020 01:30"


def test_format_percent_and_decimal():
    assert format_percent(0.255, "vi") == "25,5%"
    assert format_percent(Decimal("0.699"), "en") == "69.9%"
    assert format_percent(None, "vi") == "–"
    assert format_decimal(Decimal("1234567.891"), "vi") == "1.234.567,89"
    assert format_decimal(Decimal("1234567.891"), "en") == "1,234,567.89"
    assert format_decimal(Decimal("0.005"), "en") == "0.01"
    assert format_decimal(Decimal("-0.001"), "en") == "0"


@pytest.mark.parametrize(
    ("money", "zh"),
    [
        (vnd(12_373_000_000_000), "123,730亿越南盾"),
        (vnd(618_000_000_000), "6,180亿越南盾"),
        (vnd(859_400_000_000), "8,594亿越南盾"),
        (usd(11_000_000), "1,100万美元"),
        (usd(16_345_000_000), "163.45亿美元"),
        (vnd(250_000_000), "2.5亿越南盾"),
        (vnd(500_000), "50万越南盾"),
        (vnd(9_500), "9,500越南盾"),
        (usd(Decimal("1234.5")), "1,234.5美元"),
        (vnd(-1_500_000_000), "-15亿越南盾"),
    ],
)
def test_format_money_in_chinese_counts_in_wan_and_yi(money, zh):
    assert format_money(money, "zh-hans") == zh


def test_format_money_in_chinese_with_a_forced_scale():
    assert format_money(usd(11_000_000), "zh-hans", scale="million") == "11百万美元"
    assert format_money(vnd(859_400_000_000), "zh-hans", scale="billion") == "859.4十亿越南盾"
    assert format_money(vnd(15_500), "zh-hans", scale="unit") == "15,500越南盾"


def test_chinese_area_date_month_and_percent():
    assert format_area(Decimal("30130.34"), "zh-hans") == "30,130.34公顷"
    assert format_date(dt.date(2020, 9, 21), "zh-hans") == "2020年9月21日"
    assert format_date(dt.date(2020, 1, 5), "zh-hans") == "2020年1月5日"
    assert format_month(dt.date(2020, 9, 1), "zh-hans") == "2020年9月"
    assert format_percent(Decimal("0.699"), "zh-hans") == "69.9%"
    assert format_decimal(Decimal("1234567.891"), "zh-hans") == "1,234,567.89"


def test_chinese_datetime_uses_the_zone_time():
    from django.utils import timezone

    from borderzone.core.formatting import format_datetime

    with timezone.override("Asia/Ho_Chi_Minh"):
        assert format_datetime(dt.datetime(2020, 9, 20, 18, 30, tzinfo=dt.UTC), "zh-hans") == "2020年9月21日 01:30"


def test_the_active_language_chooses_the_style():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert format_money(usd(11_000_000)) == "1,100万美元"
    with translation.override("en"):
        assert format_money(usd(11_000_000)) == "USD 11 million"
    with translation.override("vi"):
        assert format_money(usd(11_000_000)) == "11 triệu USD"


def test_money_refuses_floats_and_mixed_currencies():
    with pytest.raises(TypeError):
        Money(1.5, "VND")
    with pytest.raises(ValueError, match="Cannot add"):
        vnd(1) + usd(1)
    assert usd(11_000_000).to_vnd(Decimal("23180")) == vnd(254_980_000_000)


@given(st.decimals(min_value=-(10**15), max_value=10**15, places=2, allow_nan=False, allow_infinity=False))
def test_numbers_carry_the_same_value_in_every_language(value):
    vi = format_decimal(value, "vi")
    en = format_decimal(value, "en")
    zh = format_decimal(value, "zh-hans")
    assert Decimal(vi.replace(".", "").replace(",", ".")) == value
    assert Decimal(en.replace(",", "")) == value
    assert zh == en


def test_chinese_form_fields_write_dates_iso_first_and_read_them_back():
    """Django's own Chinese formats would write 2020/09/21, which <input type="date"> and our forms refuse."""
    from django import forms
    from django.utils import translation

    day = dt.date(2020, 9, 21)
    with translation.override("zh-hans"):
        assert forms.DateInput().format_value(day) == "2020-09-21"
        assert forms.DateField().clean("2020-09-21") == day
        assert forms.DateField().clean("2020/09/21") == day


def test_the_month_filter_follows_the_language():
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{{ month|bzmonth }}")
    for lang, expected in (("vi", "09/2020"), ("en", "Sep 2020"), ("zh-hans", "2020年9月")):
        with translation.override(lang):
            assert template.render(Context({"month": dt.date(2020, 9, 1)})) == expected


@pytest.mark.parametrize(
    ("text", "en", "zh"),
    [
        ("Điều 13, khoản 1", "Article 13(1)", "第13条第1款"),
        ("Điều 2, khoản 3, điểm c", "Article 2(3)(c)", "第2条第3款第c项"),
        ("Điều 64 khoản 1 điểm i", "Article 64(1)(i)", "第64条第1款第i项"),
        ("Điều 81", "Article 81", "第81条"),
        ("điều 16, khoản 11", "Article 16(11)", "第16条第11款"),
        # Not a plain citation: kept as written.
        ("Quy định về giãn tiến độ (cần bộ phận pháp chế xác nhận số điều)",) * 3,
        ("Điều 13 và Điều 14",) * 3,
    ],
)
def test_legal_references_are_cited_the_way_each_language_cites_them(text, en, zh):
    from borderzone.core.formatting import format_legal_reference

    assert format_legal_reference(text, "vi") == text
    assert format_legal_reference(text, "en") == en
    assert format_legal_reference(text, "zh-hans") == zh


def test_chart_format_gives_charts_the_readers_marks_dates_and_money_units():
    from borderzone.core.formatting import chart_format

    vi, en, zh = chart_format("vi"), chart_format("en"), chart_format("zh-hans")
    assert (vi["locale"], vi["group"], vi["decimal"], vi["date"]) == ("vi-VN", ".", ",", "dd/mm/yyyy")
    assert (en["locale"], en["group"], en["decimal"]) == ("en-GB", ",", ".")
    assert zh["locale"] == "zh-CN"
    # Money in the units the pages use: tỷ đồng and triệu USD; VND billion; 亿越南盾 and 万美元.
    assert vi["money"] == {"VND": {"divisor": 10**9, "unit": "tỷ đồng"}, "USD": {"divisor": 10**6, "unit": "triệu USD"}}
    assert en["money"]["VND"] == {"divisor": 10**9, "unit": "VND billion"}
    assert zh["money"] == {"VND": {"divisor": 10**8, "unit": "亿越南盾"}, "USD": {"divisor": 10**4, "unit": "万美元"}}


def test_the_mark_of_usd_capital_not_converted_is_said_in_the_readers_language():
    from django.utils import translation

    from borderzone.core.formatting import unconverted_note

    block = {"projects": 2, "amount": Decimal(3_000_000)}
    with translation.override("vi"):
        assert unconverted_note(block) == "(không kể 2 dự án vốn USD chưa quy đổi: 3 triệu USD)"
        assert unconverted_note({"projects": 0, "amount": Decimal(0)}) == ""
    with translation.override("en"):
        assert unconverted_note(block) == "(not counting 2 projects with capital in USD not converted: USD 3 million)"
        assert unconverted_note({"projects": 1, "amount": "500000"}).startswith("(not counting 1 project with")
    with translation.override("zh-hans"):
        assert unconverted_note(block).startswith("（不计2个美元资本未折算的项目：")
