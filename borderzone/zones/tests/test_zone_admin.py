"""Administrators add and edit economic zones from the staff pages; nobody else can."""

import pytest
from django.core.exceptions import PermissionDenied

from borderzone.access.actors import Actor
from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import UserFactory
from borderzone.core.models import AuditAction, AuditEvent
from borderzone.zones.models import EconomicZone
from borderzone.zones.services import zone_create


def _new_zone_form(province_pk):
    return {
        "code": "LS",
        "name": "Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn",
        "name_en": "Dong Dang – Lang Son Border-Gate Economic Zone",
        "province": str(province_pk),
        "board_name": "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn",
        "area_ha": "39400",
    }


def test_an_administrator_adds_a_zone_and_lands_on_its_page(client, zone, admin_user):
    client.force_login(admin_user)
    response = client.post("/staff/zones/new/", _new_zone_form(zone.province_id))
    assert response.status_code == 302
    assert response["Location"] == "/staff/zones/LS/"
    created = EconomicZone.objects.get(code="LS")
    assert created.name == "Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn"
    assert str(created.area_ha) == "39400.00"
    event = AuditEvent.objects.get(object_id=str(created.pk), action=AuditAction.CREATED)
    assert event.user_id == admin_user.pk
    page = client.get("/staff/zones/LS/")
    assert "/staff/zones/LS/gate-areas/new/" in page.text
    assert "/staff/zones/LS/functional-areas/new/" in page.text
    assert "/staff/zones/LS/gates/new/" in page.text


def test_a_zone_code_clash_is_refused_on_the_code_field(client, zone, admin_user):
    client.force_login(admin_user)
    form = _new_zone_form(zone.province_id) | {"code": zone.code}
    response = client.post("/staff/zones/new/", form)
    assert response.status_code == 422
    assert "Một khu kinh tế khác đã dùng mã này." in response.text or "already has this code" in response.text
    assert EconomicZone.objects.filter(code=zone.code).count() == 1


def test_an_administrator_edits_a_zone_but_not_its_code(client, zone, admin_user):
    client.force_login(admin_user)
    form = _new_zone_form(zone.province_id) | {"code": "XX", "name": "Tên mới của khu"}
    response = client.post(f"/staff/zones/{zone.code}/edit/", form)
    assert response.status_code == 302
    zone.refresh_from_db()
    assert zone.name == "Tên mới của khu"
    assert zone.code == "ZA"
    assert AuditEvent.objects.filter(object_id=str(zone.pk), action=AuditAction.UPDATED).count() == 1


@pytest.mark.parametrize("who", ["specialist", "leader"])
def test_staff_who_are_not_administrators_cannot_add_or_edit_zones(client, zone, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get("/staff/zones/").status_code == 200
    assert "/staff/zones/new/" not in client.get("/staff/zones/").text
    assert client.get("/staff/zones/new/").status_code == 403
    assert client.post("/staff/zones/new/", _new_zone_form(zone.province_id)).status_code == 403
    assert client.post(f"/staff/zones/{zone.code}/edit/", {"name": "X"}).status_code == 403
    assert not EconomicZone.objects.filter(code="LS").exists()


def test_the_zone_list_shows_only_the_zones_a_specialist_reads(client, zone, other_zone, specialist):
    client.force_login(specialist)
    page = client.get("/staff/zones/")
    assert "/staff/zones/ZA/" in page.text
    assert "/staff/zones/ZB/" not in page.text


def test_the_service_refuses_a_non_administrator_whatever_the_caller(zone, specialist):
    with pytest.raises(PermissionDenied):
        zone_create(actor=Actor(user=specialist, via="api"), code="QN", name="Móng Cái", province=zone.province)
    assert not EconomicZone.objects.filter(code="QN").exists()


def test_a_new_account_form_starts_at_the_least_powerful_role(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/staff/users/new/")
    assert page.status_code == 200
    assert f'<option value="{Role.INVESTOR}" selected>' in page.text


def test_demo_users_get_e_mail_addresses_even_on_an_install_loaded_before(db):
    from io import StringIO

    from borderzone.access.actors import command_actor
    from borderzone.accounts import demo
    from borderzone.zones.tests.factories import EconomicZoneFactory

    EconomicZoneFactory(code="CB")
    old = UserFactory(username="admin", role=Role.ADMIN, email="", is_demo=True)
    demo.load(actor=command_actor("load_demo"), out=StringIO())
    old.refresh_from_db()
    assert old.email == "admin@caobang-demo.example"
    from borderzone.accounts.models import User

    assert User.objects.get(username="nhadautu").email == "nhadautu@caobang-demo.example"
