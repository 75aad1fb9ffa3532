import json

import pytest

from borderzone.access.audit import history_for
from borderzone.zones.models import FunctionalArea
from borderzone.zones.tests.factories import FunctionalAreaFactory, GateAreaFactory


def _post(client, url, payload):
    return client.post(url, data=json.dumps(payload), content_type="application/json")


def _patch(client, url, payload):
    return client.patch(url, data=json.dumps(payload), content_type="application/json")


def test_zones_are_public_with_their_areas(client, zone, gate_area):
    FunctionalAreaFactory(zone=zone, name="Khu phi thuế quan", kind="non_tariff", gate_area=gate_area)
    response = client.get("/api/v1/zones")
    assert response.status_code == 200
    (item,) = response.json()
    assert item["code"] == "ZA"
    assert item["area_ha"] == "30130.34"
    assert item["gate_areas"][0]["code"] == "TRALINH"
    assert item["functional_areas"][0]["name"] == "Khu phi thuế quan"
    assert item["functional_areas"][0]["gate_area"] == "TRALINH"


def test_zone_detail_answers_404_for_an_unknown_code(client, zone):
    assert client.get("/api/v1/zones/ZA").json()["name"] == "Khu kinh tế cửa khẩu A"
    assert client.get("/api/v1/zones/NOPE").status_code == 404


def test_writes_need_a_login_401(client, zone):
    response = _post(client, "/api/v1/zones/ZA/functional-areas", {"kind": "other", "name": "Khu A"})
    assert response.status_code == 401


def test_a_specialist_creates_a_functional_area_with_an_audit_row(client, zone, gate_area, specialist):
    client.force_login(specialist)
    response = _post(
        client,
        "/api/v1/zones/ZA/functional-areas",
        {"kind": "goods_transit", "name": "Khu trung chuyển Hùng Quốc", "gate_area": "TRALINH", "area_ha": "100"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["gate_area"] == "TRALINH" and body["area_ha"] == "100.00"
    area = FunctionalArea.objects.get(pk=body["id"])
    event = history_for(area).get()
    assert event.via == "api" and event.user == specialist


def test_bad_input_answers_422_with_each_field(client, zone, specialist):
    client.force_login(specialist)
    response = _post(client, "/api/v1/zones/ZA/functional-areas", {"kind": "castle", "name": "", "area_ha": "-3"})
    assert response.status_code == 422
    fields = {tuple(e["loc"])[-1] for e in response.json()["detail"]}
    assert {"kind", "name", "area_ha"} <= fields


def test_service_validation_also_answers_422_with_the_field(client, zone, specialist):
    client.force_login(specialist)
    response = _post(
        client, "/api/v1/zones/ZA/functional-areas", {"kind": "other", "name": "Khu A", "gate_area": "NOPE"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "gate_area"]


def test_a_specialist_of_another_zone_gets_404_not_403(client, zone, other_specialist):
    area = FunctionalAreaFactory(zone=zone, name="Khu A")
    client.force_login(other_specialist)
    assert _post(client, "/api/v1/zones/ZA/functional-areas", {"kind": "other", "name": "Khu B"}).status_code == 404
    assert _patch(client, f"/api/v1/zones/functional-areas/{area.pk}", {"name": "Khu C"}).status_code == 404
    area.refresh_from_db()
    assert area.name == "Khu A"


def test_a_leader_reads_but_cannot_change(client, zone, leader):
    area = FunctionalAreaFactory(zone=zone, name="Khu A")
    client.force_login(leader)
    assert _patch(client, f"/api/v1/zones/functional-areas/{area.pk}", {"name": "Khu C"}).status_code == 403
    area.refresh_from_db()
    assert area.name == "Khu A"


@pytest.mark.parametrize("role_fixture", ["admin_user", "specialist"])
def test_admins_and_the_zones_specialists_can_patch(client, zone, role_fixture, request):
    user = request.getfixturevalue(role_fixture)
    area = FunctionalAreaFactory(zone=zone, name="Khu A")
    GateAreaFactory(zone=zone, code="LYVAN", name="Lý Vạn")
    client.force_login(user)
    response = _patch(
        client, f"/api/v1/zones/functional-areas/{area.pk}", {"name": "Khu phi thuế quan", "gate_area": "LYVAN"}
    )
    assert response.status_code == 200
    assert response.json()["gate_area"] == "LYVAN"


def test_the_openapi_docs_are_served_from_local_files(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/zones" in schema["paths"]


def test_functional_area_api_sends_its_version_and_refuses_a_stale_if_match(client, zone, specialist):
    from borderzone.access.tests.if_match import assert_if_match_contract, send
    from borderzone.zones.models import FunctionalArea
    from borderzone.zones.tests.factories import FunctionalAreaFactory

    area = FunctionalAreaFactory(zone=zone, name="Khu A")
    client.force_login(specialist)

    def read_etag() -> str:
        listed = client.get(f"/api/v1/zones/{zone.code}").json()["functional_areas"]
        return '"{}"'.format(next(a["version"] for a in listed if a["id"] == area.pk))

    assert_if_match_contract(
        read_etag=read_etag,
        change=lambda body, tag: send(client, "patch", f"/api/v1/zones/functional-areas/{area.pk}", body, tag),
        first={"name": "Khu B"},
        stale={"name": "Khu C"},
        fresh={"name": "Khu D"},
        current=lambda: FunctionalArea.objects.get(pk=area.pk).name,
    )
