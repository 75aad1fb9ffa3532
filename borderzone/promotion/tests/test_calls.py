import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from borderzone.promotion import selectors

pytestmark = pytest.mark.django_db


def test_a_call_lists_the_incentives_of_its_sector_and_area(make_call, make_incentive, sectors, areas, gate_area):
    call = make_call(functional_area=areas["non_tariff"], sectors=[sectors["10"]])
    applies_nt = make_incentive(title="Miễn thuế NK", kind="import_duty", area_scope="non_tariff")
    applies_gate = make_incentive(
        title="Hỗ trợ khu cửa khẩu", kind="support", area_scope="gate_area", gate_areas=[gate_area]
    )
    make_incentive(title="Ưu đãi KCN", kind="land_rent", area_scope="industrial_park")
    make_incentive(title="Ưu đãi kho bãi", sectors=[sectors["H"]])
    found = {i.pk for i in selectors.incentives_for_call(AnonymousUser(), call)}
    assert found == {applies_nt.pk, applies_gate.pk}


def test_call_page_places_the_project_on_the_province_map(client, make_call):
    call = make_call()
    body = client.get(reverse("investing:call", args=[call.pk])).content.decode()
    assert 'data-lat="22.80901"' in body and 'data-lon="106.33212"' in body
    assert "vendor/leaflet/leaflet.js" in body and "tile" not in body.lower().replace("tiles are", "")
    outline = client.get(reverse("investing:province-outline"))
    assert outline.status_code == 200 and outline.json()["type"] in ("FeatureCollection", "Feature")
    assert "5 ha" in body.replace("5,00 ha", "5 ha")


def test_unpublished_calls_are_invisible_to_visitors_and_other_zones(client, make_call, other_specialist, specialist):
    call = make_call(is_published=False)
    assert client.get(reverse("investing:call", args=[call.pk])).status_code == 404
    assert client.get(f"/api/v1/investing/calls/{call.pk}").status_code == 404
    assert client.get("/api/v1/investing/calls").json() == []
    client.force_login(other_specialist)
    assert client.get(reverse("investing:call", args=[call.pk])).status_code == 404
    assert client.get(reverse("investing:staff-call-edit", args=[call.pk])).status_code == 404
    client.force_login(specialist)
    assert client.get(reverse("investing:staff-call-edit", args=[call.pk])).status_code == 200


def test_api_call_detail_names_capital_as_a_decimal_string_and_its_incentives(client, make_call, make_incentive):
    call = make_call()
    make_incentive()
    data = client.get(f"/api/v1/investing/calls/{call.pk}").json()
    assert data["capital"] == {"amount": "150000000000", "currency": "VND"}
    assert [i["clause"] for i in data["incentives"]] == ["Điều 13, khoản 1"]


def test_specialist_creates_a_call_through_the_form_and_bad_coordinates_are_refused(client, specialist, zone):
    client.force_login(specialist)
    base = {
        "zone": zone.pk,
        "title": "Khu dịch vụ logistics",
        "objectives": "Kho bãi",
        "latitude": "22.7",
        "longitude": "106.2",
        "land_area_ha": "12.5",
        "capital_currency": "VND",
        "status": "open",
        "is_published": "on",
    }
    assert client.post(reverse("investing:staff-call-create"), {**base, "latitude": "122"}).status_code == 422
    response = client.post(reverse("investing:staff-call-create"), base)
    assert response.status_code == 302
