import pytest

from borderzone.zones.models import FunctionalArea
from borderzone.zones.tests.factories import FunctionalAreaFactory


def test_pages_need_a_login(client, zone):
    response = client.get("/staff/zones/ZA/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_a_specialist_sees_their_zone_and_gets_404_on_another(client, zone, other_zone, specialist):
    theirs = FunctionalAreaFactory(zone=other_zone, name="Khu B")
    client.force_login(specialist)
    assert client.get("/staff/zones/ZA/").status_code == 200
    assert client.get("/staff/zones/ZB/").status_code == 404
    assert client.get(f"/staff/functional-areas/{theirs.pk}/edit/").status_code == 404
    assert client.post(f"/staff/functional-areas/{theirs.pk}/edit/", {"kind": "other", "name": "X"}).status_code == 404
    assert client.get("/staff/zones/ZB/functional-areas/new/").status_code == 404


def test_a_leader_sees_but_gets_no_edit_forms(client, zone, leader):
    area = FunctionalAreaFactory(zone=zone, name="Khu A")
    client.force_login(leader)
    page = client.get("/staff/zones/ZA/")
    assert page.status_code == 200 and "Khu A" in page.text
    assert f"/staff/functional-areas/{area.pk}/edit/" not in page.text
    assert client.get(f"/staff/functional-areas/{area.pk}/edit/").status_code == 403


def test_a_failed_form_keeps_what_was_typed_and_names_the_field(client, zone, specialist):
    FunctionalAreaFactory(zone=zone, name="Khu phi thuế quan")
    client.force_login(specialist)
    response = client.post(
        "/staff/zones/ZA/functional-areas/new/",
        {"kind": "non_tariff", "name": "KHU PHI THUE QUAN", "name_en": "Typed English name", "area_ha": "12,5x"},
    )
    assert response.status_code == 422
    assert 'value="KHU PHI THUE QUAN"' in response.text
    assert 'value="Typed English name"' in response.text
    assert "Nhập một số." in response.text or "Enter a number." in response.text
    assert FunctionalArea.objects.count() == 1


def test_a_service_error_is_shown_on_the_field(client, zone, specialist):
    FunctionalAreaFactory(zone=zone, name="Khu phi thuế quan")
    client.force_login(specialist)
    response = client.post("/staff/zones/ZA/functional-areas/new/", {"kind": "non_tariff", "name": "KHU PHI THUE QUAN"})
    assert response.status_code == 422
    assert "Khu kinh tế này đã có khu chức năng cùng tên." in response.text


def test_a_good_form_saves_through_the_service_and_redirects(client, zone, specialist):
    client.force_login(specialist)
    response = client.post(
        "/en/staff/zones/ZA/gate-areas/new/", {"code": "TALUNG", "name": "Tà Lùng", "sort_order": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/zones/ZA/"
    page = client.get("/en/staff/zones/ZA/")
    assert "Tà Lùng" in page.text and "Gate area added." in page.text


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_history_page_is_shown_only_to_those_who_may_see_the_object(
    client, zone, specialist, other_specialist, actor, path
):
    from django.contrib.contenttypes.models import ContentType

    from borderzone.zones.models import FunctionalAreaKind
    from borderzone.zones.services import functional_area_create

    area = functional_area_create(zone=zone, actor=actor, kind=FunctionalAreaKind.OTHER, name="Khu lịch sử")
    content_type = ContentType.objects.get_for_model(area)
    url = f"{path}staff/history/{content_type.pk}/{area.pk}/"
    client.force_login(specialist)
    page = client.get(url)
    assert page.status_code == 200 and "Khu lịch sử" in page.text and "127.0.0.1" in page.text
    client.force_login(other_specialist)
    assert client.get(url).status_code == 404
