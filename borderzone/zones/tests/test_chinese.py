"""Gates and the map under /zh-hans/, and the API's error messages for a client that asks for Chinese."""

import datetime as dt
from decimal import Decimal

import pytest

from borderzone.gates import services as gate_services
from borderzone.gates.models import GateType
from borderzone.gates.tests.factories import BorderGateFactory

pytestmark = pytest.mark.django_db

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}


@pytest.fixture
def tra_linh(settings, zone, gate_area, actor):
    settings.DEFAULT_ZONE_CODE = zone.code
    gate = BorderGateFactory(
        zone=zone,
        gate_area=gate_area,
        code="TRALINH",
        name="Cửa khẩu quốc tế Trà Lĩnh",
        partner_name="Cửa khẩu Long Bang",
        partner_name_zh="龙邦口岸",
    )
    gate_services.gate_status_record(
        gate=gate, gate_type=GateType.INTERNATIONAL, since=dt.date(2023, 12, 28), actor=actor
    )
    gate_services.facility_create(
        gate=gate,
        actor=actor,
        kind="icd",
        name="Cảng cạn ICD Trà Lĩnh",
        capacity=Decimal(50000),
        capacity_unit="teu_year",
        capacity_year=2030,
        area_ha=Decimal(5),
    )
    return gate


def test_a_gate_page_reads_in_chinese(client, tra_linh):
    html = client.get("/zh-hans/gates/TRALINH/").text
    assert "国际口岸" in html and "自 2023年12月28日 起" in html
    assert "对应口岸" in html and "龙邦口岸" in html
    assert "<h2" in html and "状态历史" in html and "设施" in html
    assert "ICD 内陆港" in html and "50,000 标准箱/年" in html and "至 2030 年" in html and "5公顷" in html
    assert "Trà Lĩnh 口岸区的投资项目" in html


def test_the_gate_list_and_the_map_read_in_chinese(client, tra_linh):
    gates = client.get("/zh-hans/gates/").text
    assert "<h1>边境口岸</h1>" in gates and "在地图上查看" in gates and "2023年12月28日" in gates
    assert "边境口岸地图" in client.get("/zh-hans/map/").text


def test_api_errors_follow_a_chinese_accept_language(client, zone, specialist):
    BorderGateFactory(zone=zone, code="G1")
    url = "/api/v1/zones/gates/G1/status"
    payload = {"gate_type": "international", "since": "2024-01-01"}
    unsigned = client.post(url, payload, content_type="application/json", **CHINESE)
    assert (unsigned.status_code, unsigned.json()) == (401, {"detail": "请先登录再进行此操作。"})
    missing = client.get("/api/v1/zones/NOPE", **CHINESE)
    assert (missing.status_code, missing.json()) == (404, {"detail": "未找到"})
    client.force_login(specialist)
    far = client.patch(
        "/api/v1/zones/gates/G1",
        {"latitude": "22.817", "longitude": "108.366"},
        content_type="application/json",
        **CHINESE,
    )
    assert far.status_code == 422
    assert "口岸最多只能位于省界以外 2 公里" in far.json()["detail"][0]["msg"]
    # Without Chinese, the same answers are in Vietnamese, the default.
    client.logout()
    assert client.post(url, payload, content_type="application/json").json() == {
        "detail": "Hãy đăng nhập để thực hiện thao tác này."
    }
    assert client.get("/api/v1/zones/NOPE").json() == {"detail": "Không tìm thấy"}


def test_zone_and_gate_names_in_chinese_fall_back_to_vietnamese_not_english(client, tra_linh, zone, actor):
    zone.name_en, zone.name_zh = "Zone A", ""
    zone.save()
    tra_linh.name_en, tra_linh.name_zh = "Tra Linh International Gate", "茶岭国际口岸"
    tra_linh.save()
    html = client.get("/zh-hans/gates/TRALINH/").text
    assert "茶岭国际口岸" in html and "Tra Linh International Gate" not in html
    # No Chinese name for the zone: its Vietnamese name, not the English one.
    from django.utils import translation

    with translation.override("zh-hans"):
        assert zone.display_name == zone.name
    with translation.override("en"):
        assert zone.display_name == "Zone A"
    assert "Tra Linh International Gate" in client.get("/en/gates/TRALINH/").text


def test_staff_give_a_gate_its_chinese_name(client, tra_linh, specialist):
    from borderzone.core.models import AuditEvent

    client.force_login(specialist)
    form = client.get("/staff/gates/TRALINH/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(gate_area=tra_linh.gate_area.pk, name_zh="茶岭国际口岸")
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    response = client.post("/staff/gates/TRALINH/edit/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    tra_linh.refresh_from_db()
    assert tra_linh.name_zh == "茶岭国际口岸"
    event = AuditEvent.objects.filter(object_id=str(tra_linh.pk)).order_by("-pk").first()
    assert event is not None and "name_zh" in event.changes
    assert client.get("/api/v1/zones/gates/TRALINH").json()["name_zh"] == "茶岭国际口岸"
