from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils.html import format_html

from borderzone.core import registry
from borderzone.core.registry import Panel
from borderzone.gates import services as gate_services
from borderzone.gates.models import BorderGate, GateFacility
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.infrastructure.tests.factories import WorkFactory
from borderzone.planning.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tra_linh(zone, gate_area, actor, settings):
    settings.DEFAULT_ZONE_CODE = zone.code
    gate = BorderGateFactory(
        zone=zone,
        gate_area=gate_area,
        code="TRALINH",
        name="Cửa khẩu quốc tế Trà Lĩnh",
        partner_name="Long Bang",
        latitude=Decimal("22.87249"),
        longitude=Decimal("106.32446"),
    )
    gate_services.gate_status_record(
        gate=gate, gate_type="international", since=dt.date(2023, 12, 28), actor=actor, legal_basis="Công bố nâng cấp"
    )
    BorderGateFactory(
        zone=zone,
        gate_area=gate_area,
        code="NADOONG",
        name="Lối thông quan Nà Đoỏng",
        parent=gate,
        gate_type="crossing",
    )
    gate_services.facility_create(
        gate=gate, actor=actor, kind="icd", name="Cảng cạn ICD", capacity=Decimal(50000), capacity_unit="teu_year"
    )
    return gate


def test_the_gate_list_shows_type_and_since(client, tra_linh):
    html = client.get("/gates/").content.decode()
    assert "Cửa khẩu quốc tế Trà Lĩnh" in html
    assert "28/12/2023" in html
    assert "Lối thông quan Nà Đoỏng" in html


def test_the_gate_page_brings_history_crossings_facilities_works_and_goals_together(client, tra_linh, zone, gate_area):
    WorkFactory(zone=zone, gate_area=gate_area, name="Đường vào cửa khẩu Trà Lĩnh")
    WorkFactory(zone=zone, gate_area=gate_area, name="Công trình nội bộ", is_published=False)
    GoalFactory(zone=zone, gate_area=gate_area, title="Hình thành cảng cạn ICD")

    html = client.get("/gates/TRALINH/").content.decode()

    assert "Công bố nâng cấp" in html and "28/12/2023" in html
    assert "Lối thông quan Nà Đoỏng" in html
    assert "Cảng cạn ICD" in html and "50.000" in html
    assert "Đường vào cửa khẩu Trà Lĩnh" in html
    assert "Công trình nội bộ" not in html
    assert "Hình thành cảng cạn ICD" in html


def test_the_gate_page_is_built_from_the_panels_apps_register_in_their_order(client, tra_linh):
    found = [p.render.__module__ for p in registry.panels("gates.gate")]
    assert found == [
        "borderzone.register.panels",
        "borderzone.trade.panels",
        "borderzone.infrastructure.panels",
        "borderzone.planning.panels",
    ]

    html = client.get("/gates/TRALINH/").content.decode()

    places = [html.index(f'<section aria-labelledby="{name}">') for name in ("projects", "trade", "works", "goals")]
    assert places == sorted(places)
    assert html.index('aria-labelledby="facilities"') < places[0]


def test_a_panel_with_nothing_to_show_leaves_no_trace_and_a_gate_without_area_shows_only_trade(
    client, tra_linh, zone, monkeypatch
):
    BorderGateFactory(zone=zone, gate_area=None, code="LOOSE", name="Lối mở chưa gắn khu vực")
    html = client.get("/gates/LOOSE/").content.decode()
    assert 'aria-labelledby="trade"' in html
    for name in ("projects", "works", "goals"):
        assert f'aria-labelledby="{name}"' not in html

    def silent(request, gate):
        return ""

    def loud(request, gate):  # HTML that is not marked safe would be escaped like any other value
        return format_html("<section id='planted'>{}</section>", gate.code)

    monkeypatch.setattr(registry, "panels", lambda slot: [Panel(slot, silent, 1), Panel(slot, loud, 2)])
    html = client.get("/gates/TRALINH/").content.decode()
    assert "<section id='planted'>TRALINH</section>" in html
    assert 'aria-labelledby="trade"' not in html


def test_the_gate_page_of_an_unknown_gate_is_404(client, zone):
    assert client.get("/gates/NOPE/").status_code == 404


def _gate_post(**overrides):
    data = {
        "code": "G9",
        "name": "Cửa khẩu mới",
        "gate_type": "secondary",
        "since": "",
        "latitude": "",
        "longitude": "",
    }
    data.update(overrides)
    return data


def test_adding_a_gate_more_than_2_km_outside_the_province_is_refused_on_the_form(client, zone, specialist):
    client.force_login(specialist)
    response = client.post(f"/staff/zones/{zone.code}/gates/new/", _gate_post(latitude="22.817", longitude="108.366"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "km" in html and 'value="108.366"' in html
    assert not BorderGate.objects.filter(code="G9").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"code": "g 9"}, "code"),
        ({"latitude": "95"}, "latitude"),
        ({"gate_type": "bridge"}, "gate_type"),
        ({"since": "31/02/2024"}, "since"),
    ],
)
def test_the_gate_form_refuses_bad_input(client, zone, specialist, overrides, field):
    client.force_login(specialist)
    response = client.post(f"/staff/zones/{zone.code}/gates/new/", _gate_post(**overrides))
    assert response.status_code == 422
    assert f'id="id_{field}_error"' in response.content.decode()


def test_adding_a_gate_with_its_first_status(client, zone, specialist):
    client.force_login(specialist)
    response = client.post(
        f"/staff/zones/{zone.code}/gates/new/",
        _gate_post(since="2024-01-15", latitude="22.47411", longitude="106.57970"),
    )
    assert response.status_code == 302
    gate = BorderGate.objects.get(code="G9")
    assert [s.since for s in gate.status_history.all()] == [dt.date(2024, 1, 15)]


def test_a_status_change_on_a_taken_date_is_refused_on_the_form(client, tra_linh, specialist):
    client.force_login(specialist)
    response = client.post("/staff/gates/TRALINH/status/new/", {"gate_type": "main", "since": "2023-12-28"})
    assert response.status_code == 422
    assert 'id="id_since_error"' in response.content.decode()


def test_a_facility_capacity_without_unit_is_refused_on_the_form(client, tra_linh, specialist):
    client.force_login(specialist)
    response = client.post(
        "/staff/gates/TRALINH/facilities/new/", {"kind": "yard", "name": "Bãi", "status": "planned", "capacity": "100"}
    )
    assert response.status_code == 422
    assert 'id="id_capacity_unit_error"' in response.content.decode()
    assert not GateFacility.objects.filter(name="Bãi").exists()


def test_a_refused_edit_names_the_gate_as_saved_and_cancels_to_its_page(client, tra_linh, specialist):
    client.force_login(specialist)
    response = client.post(
        "/staff/gates/TRALINH/edit/",
        {"code": "TRALINH2", "name": "Tên khác", "latitude": "10", "longitude": "106.32446"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_latitude_error"' in html and 'value="Tên khác"' in html
    assert "<h1>Sửa cửa khẩu Cửa khẩu quốc tế Trà Lĩnh</h1>" in html
    assert 'href="/gates/TRALINH/"' in html


def test_a_leader_cannot_open_the_gate_forms(client, tra_linh, leader):
    client.force_login(leader)
    assert client.get("/staff/gates/TRALINH/edit/").status_code == 403


def test_a_specialist_of_another_zone_gets_404_on_the_gate_forms(client, tra_linh, other_specialist):
    client.force_login(other_specialist)
    assert client.get("/staff/gates/TRALINH/status/new/").status_code == 404


def test_map_layers_are_served_locally_and_unknown_layers_are_404(client):
    response = client.get("/map/layers/province.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert client.get("/map/layers/world.geojson").status_code == 404


def test_the_gate_page_shows_its_areas_projects_and_its_trade(
    client, tra_linh, zone, gate_area, actor, specialist, other_specialist
):
    import datetime as dt
    from decimal import Decimal

    from borderzone.register.tests.factories import make_project
    from borderzone.trade.tests.factories import TradeFigureFactory

    make_project(zone, actor, name="Kho ngoại quan Trà Lĩnh", gate_area=gate_area, published=True, status="operating")
    make_project(zone, actor, name="Bãi xe chưa công khai", gate_area=gate_area, published=False)
    TradeFigureFactory(
        gate=tra_linh, month=dt.date(2020, 1, 1), export_usd=Decimal(1_500_000), import_usd=Decimal(500_000)
    )
    TradeFigureFactory(gate=tra_linh, month=dt.date(2020, 2, 1), export_usd=Decimal(1_000_000), import_usd=Decimal(0))
    TradeFigureFactory(gate=tra_linh, month=dt.date(2020, 3, 1), export_usd=Decimal(9_000_000), status="provisional")

    public = client.get("/gates/TRALINH/").content.decode()
    assert "Kho ngoại quan Trà Lĩnh" in public and "Đang hoạt động" in public
    assert "Bãi xe chưa công khai" not in public
    # Published figures only for the public: 2.5 million export, 0.5 million import, 3 million in all.
    assert "2,5 triệu USD" in public and "3 triệu USD" in public and "11,5 triệu USD" not in public
    assert "?zone=ZA&amp;gate=TRALINH" in public

    client.force_login(specialist)
    staff = client.get("/gates/TRALINH/").content.decode()
    assert "Bãi xe chưa công khai" in staff and "/staff/investments/" in staff
    assert "11,5 triệu USD" in staff  # the zone's staff also see the provisional March figure

    client.force_login(other_specialist)
    assert "Bãi xe chưa công khai" not in client.get("/gates/TRALINH/").content.decode()


def test_the_gate_page_does_not_evaluate_lateness_it_does_not_show(client, tra_linh, zone, gate_area, actor):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from borderzone.register.tests.factories import make_project

    make_project(
        zone, actor, name="Kho", gate_area=gate_area, published=True, plans={"operation_start": dt.date(2019, 1, 1)}
    )
    with CaptureQueriesContext(connection) as ctx:
        assert "Kho" in client.get("/gates/TRALINH/").text
    assert not [q for q in ctx.captured_queries if "investments_milestoneplan" in q["sql"]]
