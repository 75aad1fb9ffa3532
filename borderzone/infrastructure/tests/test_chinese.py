"""Public infrastructure under /zh-hans/: labels and amounts in 亿越南盾."""

import pytest

from borderzone.infrastructure.tests.factories import BILLION, FundingFactory, WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_zone(settings, zone):
    settings.DEFAULT_ZONE_CODE = zone.code


def test_the_infrastructure_page_reads_in_chinese(client, zone):
    work = WorkFactory(zone=zone, capital_need_vnd=1230 * BILLION, plan_period="2016-2020")
    FundingFactory(work=work, year=2017, allocated_vnd=8594 * BILLION / 10)
    html = client.get("/zh-hans/infrastructure/", {"from_year": 2010, "to_year": 2020}).text
    assert "<h1>公共基础设施</h1>" in html
    assert "资金需求" in html and "12,300亿越南盾" in html
    assert "已安排" in html and "8,594亿越南盾" in html
    assert "满足率" in html and "69.9%" in html
    assert "国库确认数" in html and "按资金来源" in html
    assert "（2011–2015, 2016–2020）：共 1 项工程" in html


def test_a_span_ending_before_it_starts_is_refused_in_chinese(client, zone):
    response = client.get("/zh-hans/infrastructure/", {"from_year": 2020, "to_year": 2010})
    assert response.status_code == 422
    assert "结束年份不能早于起始年份。" in response.text
