import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from borderzone.accounts.tests.factories import UserFactory
from borderzone.investments.tests.factories import make_project
from borderzone.trade.tests.factories import TradeFigureFactory
from borderzone.zones.tests.factories import BorderGateFactory


@pytest.fixture
def demo_leader(db, settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    call_command("load_demo", stdout=StringIO())
    from borderzone.accounts.models import User

    return User.objects.get(username="lanhdao")


def _kpi(html, name):
    start = html.index(f'id="kpi-{name}"')
    return html[html.index(">", start) + 1 : html.index("<", start)]


def test_the_dashboard_of_21_09_2020_shows_the_articles_figures_in_vietnamese_and_chinese(client, demo_leader):
    client.force_login(demo_leader)
    html = client.get("/staff/dashboard/", {"as_of": "21/09/2020", "from_year": "2010", "to_year": "2020"}).text
    assert (_kpi(html, "projects"), _kpi(html, "foreign"), _kpi(html, "domestic")) == ("74", "9", "65")
    assert "11 triệu USD + 618 tỷ đồng" in html and "12.373 tỷ đồng" in html
    assert "200 tỷ đồng" in html and "500 tỷ đồng" in html
    assert _kpi(html, "turnover") == "16,35 tỷ USD" and _kpi(html, "revenue") == "3.850 tỷ đồng"
    assert "25,5%" in html and "9,3%" in html
    assert (_kpi(html, "need"), _kpi(html, "allocated"), _kpi(html, "coverage")) == (
        "1.230 tỷ đồng",
        "859,4 tỷ đồng",
        "69,9%",
    )
    # Each number links to the records behind it.
    assert "/staff/investments/?as_of=2020-09-21&amp;status=operating" in html
    assert "/staff/investments/?as_of=2020-09-21&amp;late=1" in html

    # The same figures for a leader reading in Chinese, in 万 and 亿.
    html = client.get("/zh-hans/staff/dashboard/", {"as_of": "2020-09-21", "from_year": "2010", "to_year": "2020"}).text
    assert "<h1>数据看板 · " in html
    assert "项目和资本截至 2020年9月21日；进出口和基础设施为 2010–2020 年。" in html
    assert "外商投资" in html and "进度落后于证书承诺" in html and "到期或逾期的发展规划目标" in html
    assert (_kpi(html, "projects"), _kpi(html, "foreign"), _kpi(html, "domestic")) == ("74", "9", "65")
    assert "1,100万美元 + 6,180亿越南盾" in html and "123,730亿越南盾" in html
    assert _kpi(html, "turnover") == "163.5亿美元" and _kpi(html, "revenue") == "38,500亿越南盾"
    assert (_kpi(html, "need"), _kpi(html, "allocated"), _kpi(html, "coverage")) == (
        "12,300亿越南盾",
        "8,594亿越南盾",
        "69.9%",
    )


def _add(zone, actor, gate, start, n):
    for i in range(start, start + n):
        make_project(
            zone,
            actor,
            name=f"Kho {i}",
            issued_on=dt.date(2018, 1, 1) + dt.timedelta(days=i),
            plans={"operation_start": dt.date(2019, 1, 1)},
        )
        TradeFigureFactory(gate=gate, month=dt.date(2010 + i % 10, 1 + i % 12, 1))


def test_the_dashboard_makes_the_same_number_of_queries_at_two_data_sizes(client, zone, actor, specialist, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.DEFAULT_ZONE_CODE = zone.code
    client.force_login(specialist)
    client.get("/staff/dashboard/", {"as_of": "2020-09-21"})  # creates the cache's version rows once
    counts = []
    gate = BorderGateFactory(zone=zone, code="G1")
    for start, n in ((0, 3), (3, 22)):
        _add(zone, actor, gate, start, n)
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/staff/dashboard/", {"as_of": "2020-09-21"}).status_code == 200
        counts.append([q["sql"] for q in ctx.captured_queries])
    assert len(counts[0]) == len(counts[1]), "\n".join(counts[1])
    counts = [len(c) for c in counts]
    # A second look is served from the cache, keyed by the data versions.
    with CaptureQueriesContext(connection) as ctx:
        client.get("/staff/dashboard/", {"as_of": "2020-09-21"})
    assert len(ctx.captured_queries) < counts[0] / 2


def test_the_dashboard_changes_as_soon_as_the_data_does(client, zone, actor, specialist, settings):
    settings.DEFAULT_ZONE_CODE = zone.code
    client.force_login(specialist)
    make_project(zone, actor, name="Kho A", issued_on=dt.date(2019, 1, 1))
    assert _kpi(client.get("/staff/dashboard/", {"as_of": "2020-01-01"}).text, "projects") == "1"
    make_project(zone, actor, name="Kho B", issued_on=dt.date(2019, 6, 1), total_capital=Decimal(5_000_000_000))
    assert _kpi(client.get("/staff/dashboard/", {"as_of": "2020-01-01"}).text, "projects") == "2"


def test_a_leader_cannot_open_another_zones_dashboard(client, zone, other_zone, leader):
    client.force_login(leader)
    response = client.get("/staff/dashboard/", {"zone": other_zone.pk})
    assert response.status_code == 422  # not among the zones offered to this leader
    assert "Khu kinh tế cửa khẩu B" not in response.text
    investor = UserFactory(username="inv", role="investor", zones=[zone])
    client.force_login(investor)
    assert client.get("/staff/dashboard/").status_code == 404
