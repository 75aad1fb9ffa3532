"""The development plan and the cooperation agreements under /zh-hans/."""

import datetime as dt
import re

import pytest

from borderzone.planning.tests.factories import ActionFactory, AgreementFactory, GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_zone(settings, zone):
    settings.DEFAULT_ZONE_CODE = zone.code


def test_the_plan_page_reads_in_chinese(client, zone, gate_area):
    GoalFactory(zone=zone, gate_area=gate_area, title="Mục tiêu trễ", target_date=dt.date(2021, 12, 31))
    GoalFactory(
        zone=zone,
        title="Đạt muộn",
        target_date=dt.date(2022, 6, 30),
        status="achieved",
        achieved_on=dt.date(2023, 3, 1),
    )
    html = client.get("/zh-hans/plan/").text
    assert "<h1>发展规划</h1>" in html
    assert "牵头单位" in html and "目标期限" in html and "仅显示逾期" in html
    assert "Trà Lĩnh 口岸区" in html and "全经济区" in html
    assert re.search(r"逾期 \d+ 天", html)
    assert "2021年12月31日" in html and "延期完成，完成日期 2023年3月1日" in html


def test_the_agreements_page_reads_in_chinese(client, zone):
    ActionFactory(agreement=AgreementFactory(zone=zone, signed_on=dt.date(2023, 4, 20)), started=False)
    html = client.get("/zh-hans/plan/agreements/").text
    assert "<h1>合作协议</h1>" in html and "已签署但未实施" in html
    assert "签署于 2023年4月20日" in html and "承诺事项" in html and "未实施" in html
