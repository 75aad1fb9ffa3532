from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from borderzone.core.models import AuditEvent
from borderzone.gates import selectors as gate_selectors
from borderzone.gates import services as gate_services
from borderzone.gates.models import BorderGate, GateType
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.zones import geo
from borderzone.zones.tests.factories import FunctionalAreaFactory

pytestmark = pytest.mark.django_db

TA_LUNG = (Decimal("22.47411"), Decimal("106.57970"))  # OSM border-control node, inside the outline
SHUIKOU_TOWN = (Decimal("22.46667"), Decimal("106.58333"))  # across the river, ~0.8 km outside
NANNING = (Decimal("22.81700"), Decimal("108.36600"))  # far inside China


def test_a_point_inside_the_province_is_zero_km_outside():
    assert geo.km_outside("04", 22.87249, 106.32446) == 0.0


def test_distance_outside_is_measured_to_the_outline():
    assert 0.5 < geo.km_outside("04", float(SHUIKOU_TOWN[0]), float(SHUIKOU_TOWN[1])) < 1.2
    assert geo.km_outside("04", 21.02, 105.84) > 150  # Hà Nội


def test_coordinates_on_the_border_line_are_accepted(zone, gate_area, actor):
    gate = gate_services.gate_create(
        zone=zone,
        actor=actor,
        code="G1",
        name="Cửa khẩu 1",
        gate_type=GateType.MAIN,
        gate_area=gate_area,
        latitude=SHUIKOU_TOWN[0],
        longitude=SHUIKOU_TOWN[1],
    )
    assert gate.latitude == SHUIKOU_TOWN[0]


def test_coordinates_more_than_2_km_outside_the_province_are_refused(zone, actor):
    with pytest.raises(ValidationError) as exc:
        gate_services.gate_create(
            zone=zone,
            actor=actor,
            code="G1",
            name="Cửa khẩu 1",
            gate_type=GateType.MAIN,
            latitude=NANNING[0],
            longitude=NANNING[1],
        )
    assert "latitude" in exc.value.message_dict
    assert "km" in exc.value.message_dict["latitude"][0]
    assert not BorderGate.objects.exists()


def test_swapped_latitude_and_longitude_are_refused(zone, actor):
    with pytest.raises(ValidationError) as exc:
        gate_services.gate_create(
            zone=zone,
            actor=actor,
            code="G1",
            name="Cửa khẩu 1",
            gate_type=GateType.MAIN,
            latitude=TA_LUNG[1],
            longitude=TA_LUNG[0],
        )
    assert "latitude" in exc.value.message_dict


def test_only_one_coordinate_is_refused(zone, actor):
    with pytest.raises(ValidationError) as exc:
        gate_services.gate_create(
            zone=zone, actor=actor, code="G1", name="Cửa khẩu 1", gate_type=GateType.MAIN, latitude=TA_LUNG[0]
        )
    assert "longitude" in exc.value.message_dict


def test_moving_a_gate_outside_is_refused_and_leaves_it_unchanged(zone, actor):
    gate = BorderGateFactory(zone=zone, latitude=TA_LUNG[0], longitude=TA_LUNG[1])
    with pytest.raises(ValidationError):
        gate_services.gate_update(gate=gate, actor=actor, latitude=NANNING[0], longitude=NANNING[1])
    gate.refresh_from_db()
    assert gate.latitude == TA_LUNG[0]


def test_a_status_change_sets_the_current_type_and_keeps_the_history(zone, actor):
    gate = BorderGateFactory(zone=zone, gate_type=GateType.MAIN)
    gate_services.gate_status_record(gate=gate, gate_type=GateType.MAIN, since=dt.date(2000, 1, 1), actor=actor)
    gate_services.gate_status_record(
        gate=gate, gate_type=GateType.INTERNATIONAL, since=dt.date(2023, 12, 28), actor=actor, legal_basis="Công bố"
    )
    gate.refresh_from_db()
    assert gate.gate_type == GateType.INTERNATIONAL
    assert [(s.gate_type, s.since) for s in gate.status_history.all()] == [
        ("main", dt.date(2000, 1, 1)),
        ("international", dt.date(2023, 12, 28)),
    ]
    assert AuditEvent.objects.filter(object_id=str(gate.pk), action="status_changed").count() == 1


def test_recording_an_older_status_does_not_override_the_latest(zone, actor):
    gate = BorderGateFactory(zone=zone, gate_type=GateType.INTERNATIONAL)
    gate_services.gate_status_record(
        gate=gate, gate_type=GateType.INTERNATIONAL, since=dt.date(2023, 12, 28), actor=actor
    )
    gate_services.gate_status_record(gate=gate, gate_type=GateType.MAIN, since=dt.date(1995, 1, 1), actor=actor)
    gate.refresh_from_db()
    assert gate.gate_type == GateType.INTERNATIONAL


def test_two_status_changes_on_one_date_are_refused(zone, actor):
    gate = BorderGateFactory(zone=zone)
    gate_services.gate_status_record(gate=gate, gate_type=GateType.MAIN, since=dt.date(2020, 1, 1), actor=actor)
    with pytest.raises(ValidationError) as exc:
        gate_services.gate_status_record(
            gate=gate, gate_type=GateType.SECONDARY, since=dt.date(2020, 1, 1), actor=actor
        )
    assert "since" in exc.value.message_dict


def test_the_type_of_a_gate_with_history_changes_only_through_a_status_change(zone, actor):
    gate = BorderGateFactory(zone=zone, gate_type=GateType.MAIN)
    gate_services.gate_status_record(gate=gate, gate_type=GateType.MAIN, since=dt.date(2020, 1, 1), actor=actor)
    with pytest.raises(ValidationError) as exc:
        gate_services.gate_update(gate=gate, actor=actor, gate_type=GateType.INTERNATIONAL)
    assert "gate_type" in exc.value.message_dict


def test_a_facility_with_capacity_needs_its_unit(zone, actor):
    gate = BorderGateFactory(zone=zone)
    with pytest.raises(ValidationError) as exc:
        gate_services.facility_create(gate=gate, actor=actor, kind="icd", name="ICD", capacity=Decimal(50000))
    assert "capacity_unit" in exc.value.message_dict


def test_an_icd_with_its_capacity_is_recorded(zone, actor):
    gate = BorderGateFactory(zone=zone)
    area = FunctionalAreaFactory(zone=zone, kind="logistics", name="Cảng cạn")
    facility = gate_services.facility_create(
        gate=gate,
        actor=actor,
        kind="icd",
        name="ICD",
        capacity=Decimal(50000),
        capacity_unit="teu_year",
        capacity_year=2030,
        area_ha=Decimal(5),
        functional_area=area,
    )
    assert facility.capacity == Decimal("50000.00")
    assert AuditEvent.objects.filter(object_id=str(facility.pk), action="created").exists()


def test_a_facility_in_another_zones_area_is_refused(zone, other_zone, actor):
    gate = BorderGateFactory(zone=zone)
    with pytest.raises(ValidationError) as exc:
        gate_services.facility_create(
            gate=gate, actor=actor, kind="yard", name="Bãi", functional_area=FunctionalAreaFactory(zone=other_zone)
        )
    assert "functional_area" in exc.value.message_dict


def test_gate_list_runs_a_fixed_number_of_queries(zone, django_assert_max_num_queries):
    for i in range(4):
        parent = BorderGateFactory(zone=zone)
        BorderGateFactory(zone=zone, parent=parent, gate_type="crossing", code=f"X{i}")
    with django_assert_max_num_queries(4):
        rows = [
            (g.zone.code, g.gate_area, list(g.status_history.all()), list(g.crossings.all()), list(g.facilities.all()))
            for g in gate_selectors.gate_list()
        ]
    assert len(rows) == 8


def test_public_gate_api_lists_types_partners_coordinates_and_history(client, zone, actor):
    gate = BorderGateFactory(
        zone=zone, code="TRALINH", partner_name="Long Bang", latitude=TA_LUNG[0], longitude=TA_LUNG[1]
    )
    gate_services.gate_status_record(
        gate=gate, gate_type=GateType.INTERNATIONAL, since=dt.date(2023, 12, 28), actor=actor
    )
    BorderGateFactory(zone=zone, code="NADOONG", parent=gate, gate_type="crossing")

    body = client.get("/api/v1/zones/gates").json()

    tra_linh = next(g for g in body if g["code"] == "TRALINH")
    assert tra_linh["gate_type"] == "international"
    assert tra_linh["partner_name"] == "Long Bang"
    assert tra_linh["latitude"] == "22.47411"
    assert tra_linh["status_history"] == [{"gate_type": "international", "since": "2023-12-28", "legal_basis": ""}]
    assert tra_linh["crossings"] == ["NADOONG"]


def test_zone_detail_api_still_answers_beside_the_gates_route(client, zone):
    assert client.get(f"/api/v1/zones/{zone.code}").status_code == 200


def test_gate_api_refuses_far_coordinates_with_422(client, zone, specialist):
    BorderGateFactory(zone=zone, code="G1")
    client.force_login(specialist)
    response = client.patch(
        "/api/v1/zones/gates/G1", {"latitude": "22.817", "longitude": "108.366"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "latitude"]


def test_gate_writes_need_login_and_the_right_zone(client, zone, leader, other_specialist):
    BorderGateFactory(zone=zone, code="G1")
    payload = {"gate_type": "international", "since": "2024-01-01"}
    url = "/api/v1/zones/gates/G1/status"
    assert client.post(url, payload, content_type="application/json").status_code == 401
    client.force_login(leader)
    assert client.post(url, payload, content_type="application/json").status_code == 403
    client.force_login(other_specialist)
    assert client.post(url, payload, content_type="application/json").status_code == 404


def test_gate_api_sends_its_version_and_refuses_a_stale_if_match(client, zone, specialist):
    from borderzone.access.tests.if_match import assert_if_match_contract, send
    from borderzone.gates.tests.factories import BorderGateFactory

    gate = BorderGateFactory(zone=zone, code="G9", name="Trà Lĩnh")
    client.force_login(specialist)
    url = "/api/v1/zones/gates/G9"
    assert_if_match_contract(
        read_etag=lambda: client.get(url)["ETag"],
        change=lambda body, tag: send(client, "patch", url, body, tag),
        first={"name": "Trà Lĩnh 1"},
        stale={"name": "Trà Lĩnh cũ"},
        fresh={"name": "Trà Lĩnh 2"},
        current=lambda: type(gate).objects.get(pk=gate.pk).name,
    )
