"""The chart data served to the trade and forecast pages: gates by their names (never their codes),
months and numbers the reader's way, in each language."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from borderzone.core.cache import current_version
from borderzone.trade.models import TradeForecast
from borderzone.trade.tests.test_forecasting import make_forecast


def _json(html: str, element_id: str) -> dict:
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, element_id
    return json.loads(found.group(1))


@pytest.fixture
def two_gates(zone, gate, gate2, fill_months, settings):
    settings.DEFAULT_ZONE_CODE = zone.code
    fill_months(gate, dt.date(2019, 1, 1), 12, export=1_234_500, imp=500_000)
    fill_months(gate2, dt.date(2019, 1, 1), 12, export=2_000_000, imp=100_000)
    return gate, gate2


@pytest.mark.parametrize(
    ("prefix", "gate_name", "locale", "group", "decimal", "first_month", "vnd_unit", "usd_unit"),
    [
        ("", "Cửa khẩu quốc tế Trà Lĩnh", "vi-VN", ".", ",", "01/2019", "tỷ đồng", "triệu USD"),
        ("/en", "Tra Linh border gate", "en-GB", ",", ".", "Jan 2019", "VND billion", "USD million"),
        ("/zh-hans", "Cửa khẩu quốc tế Trà Lĩnh", "zh-CN", ",", ".", "2019年1月", "亿越南盾", "万美元"),
    ],
)
def test_the_trade_charts_name_gates_and_format_the_readers_way(
    client, two_gates, prefix, gate_name, locale, group, decimal, first_month, vnd_unit, usd_unit
):
    html = client.get(f"{prefix}/trade/").text
    data = _json(html, "trade-data")

    names = [g["name"] for g in data["gates"]]
    assert gate_name in names and len(names) == 2
    assert "TRALINH" not in json.dumps(data) and "TALUNG" not in json.dumps(data)
    assert data["gates"][names.index(gate_name)]["export"][0] == 1_234_500
    assert data["months"][0] == first_month and len(data["months"]) == 12
    fmt = data["format"]
    assert (fmt["locale"], fmt["group"], fmt["decimal"]) == (locale, group, decimal)
    assert fmt["money"]["VND"]["unit"] == vnd_unit and fmt["money"]["USD"]["unit"] == usd_unit
    # The table under the monthly chart names the gates too.
    monthly_table = html[html.index('id="monthly-chart"') : html.index('id="yearly-chart"')]
    assert gate_name in monthly_table and ">TRALINH<" not in monthly_table


def test_the_cached_chart_series_serve_each_language_its_own_names(client, two_gates):
    english = _json(client.get("/en/trade/").text, "trade-data")
    vietnamese = _json(client.get("/trade/").text, "trade-data")  # from the cache the English page filled
    assert "Tra Linh border gate" in [g["name"] for g in english["gates"]]
    assert "Cửa khẩu quốc tế Trà Lĩnh" in [g["name"] for g in vietnamese["gates"]]
    assert vietnamese["format"]["decimal"] == ","


def test_the_filter_form_has_labelled_fields_and_a_clear_link(client, two_gates):
    html = client.get("/trade/").text
    form = html[html.index('<form method="get" class="form filters"') :]
    form = form[: form.index("</form>")]
    for field in ("trade-from", "trade-to", "trade-gate"):
        assert f'<label for="{field}">' in form and f'id="{field}"' in form
    assert 'class="filter-grid"' in form and 'href="/trade/">Xóa bộ lọc</a>' in form


def test_the_forecast_chart_writes_months_and_numbers_the_readers_way(client, zone, gate, specialist):
    client.force_login(specialist)
    forecast = make_forecast(zone)
    forecast.result.update(
        model="sarima",
        model_label="SARIMA",
        mape=0.2,
        naive_mape=0.1,
        beats_naive=False,
        origins=3,
        history_months=["2025-06", "2025-07"],
        history=[1000, 1100],
    )
    forecast.save()
    TradeForecast.objects.filter(pk=forecast.pk).update(data_version=current_version("trade"))

    page = client.get("/staff/trade/forecast/?zone=ZA&months=3").text
    vi = _json(page, "forecast-data")
    assert "06/2025 – 07/2025" in page  # the history used, written the same way
    en = _json(client.get("/en/staff/trade/forecast/?zone=ZA&months=3").text, "forecast-data")

    assert vi["history_months"] == ["06/2025", "07/2025"] and en["history_months"] == ["Jun 2025", "Jul 2025"]
    assert re.fullmatch(r"\d{2}/\d{4}", vi["months"][0])
    assert vi["format"]["locale"] == "vi-VN" and en["format"]["locale"] == "en-GB"
