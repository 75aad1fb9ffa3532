import datetime as dt

import pytest

from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.trade.tests.factories import TradeFigureFactory
from borderzone.zones.tests.factories import EconomicZoneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_trade_page_draws_its_charts_without_errors(page, settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    zone = EconomicZoneFactory(code="CB", name="Khu kinh tế cửa khẩu tỉnh Cao Bằng")
    gate = BorderGateFactory(zone=zone, code="TALUNG", name="Cửa khẩu quốc tế Tà Lùng")
    for i in range(24):
        TradeFigureFactory(gate=gate, month=dt.date(2019 + i // 12, i % 12 + 1, 1), export_usd=1000 + i, import_usd=500)
    page.goto(page.base_url + "/trade/")
    assert page.locator("h1").inner_text() == "Thương mại biên giới và thu ngân sách"
    for chart in ("#chart-monthly", "#chart-yearly", "#chart-revenue"):
        page.wait_for_selector(f"{chart} canvas")
    page.locator("details summary").first.click()
    table = page.locator("details").first.inner_text()
    # The gate is named, never given by its code, in the table as in the chart's legend.
    assert "01/2019\tCửa khẩu quốc tế Tà Lùng\t1.000\t500" in table and "TALUNG" not in table
    legend = page.evaluate(
        "echarts.getInstanceByDom(document.querySelector('#chart-monthly')).getOption().series.map(s => s.name)"
    )
    assert legend == ["Cửa khẩu quốc tế Tà Lùng · xuất khẩu", "Cửa khẩu quốc tế Tà Lùng · nhập khẩu"]
    assert page.watch.external_requests == []
    assert page.watch.console_errors == [] and page.watch.page_errors == []
