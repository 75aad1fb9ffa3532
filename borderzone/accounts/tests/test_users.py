import pytest
from django.core.management import CommandError, call_command

from borderzone.access.audit import history_for
from borderzone.accounts.models import User


def test_only_administrators_see_account_management(client, specialist, leader, admin_user):
    for user in (specialist, leader):
        client.force_login(user)
        assert client.get("/staff/users/").status_code == 404
        assert client.post("/staff/users/new/", {"username": "x"}).status_code == 404
    client.force_login(admin_user)
    page = client.get("/staff/users/")
    assert page.status_code == 200
    assert "spec_a" in page.text and "leader_a" in page.text
    assert ">system<" not in page.text


def test_an_administrator_creates_a_specialist_with_zones(client, admin_user, zone):
    client.force_login(admin_user)
    response = client.post(
        "/staff/users/new/",
        {
            "username": "tran.b",
            "first_name": "Trần",
            "last_name": "B",
            "role": "specialist",
            "zones": [zone.pk],
            "is_active": "on",
            "password": "bien-gioi-2026!",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="tran.b")
    assert user.role == "specialist" and list(user.zones.all()) == [zone]
    assert user.check_password("bien-gioi-2026!")
    assert history_for(user).get().user == admin_user


def test_a_weak_password_is_refused_and_the_form_keeps_the_rest(client, admin_user, zone):
    client.force_login(admin_user)
    response = client.post(
        "/staff/users/new/",
        {"username": "tran.c", "first_name": "Trần", "role": "specialist", "zones": [zone.pk], "password": "12345678"},
    )
    assert response.status_code == 422
    assert 'value="tran.c"' in response.text and 'value="Trần"' in response.text
    assert not User.objects.filter(username="tran.c").exists()


def test_a_specialist_needs_a_zone(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/staff/users/new/", {"username": "tran.d", "role": "specialist", "password": "bien-gioi-2026!"}
    )
    assert response.status_code == 422
    assert "Chuyên viên và lãnh đạo phải được phân công ít nhất một khu kinh tế." in response.text


def test_editing_moves_a_user_between_zones_and_records_it(client, admin_user, specialist, zone, other_zone):
    client.force_login(admin_user)
    response = client.post(
        f"/staff/users/{specialist.pk}/", {"role": "leader", "zones": [other_zone.pk], "is_active": "on"}
    )
    assert response.status_code == 302
    specialist.refresh_from_db()
    assert specialist.role == "leader" and list(specialist.zones.all()) == [other_zone]
    changes = history_for(specialist).first().changes
    assert changes["role"] == ["specialist", "leader"]


def test_an_administrator_cannot_lock_themselves_out(client, admin_user):
    client.force_login(admin_user)
    response = client.post(f"/staff/users/{admin_user.pk}/", {"role": "leader", "is_active": "on"})
    assert response.status_code == 422
    admin_user.refresh_from_db()
    assert admin_user.role == "admin"


def test_create_user_command_bootstraps_an_administrator(db, monkeypatch):
    monkeypatch.setenv("BZ_PASSWORD", "bien-gioi-2026!")
    call_command("create_user", "boss", "--role", "admin", "--password-env", "BZ_PASSWORD")
    user = User.objects.get(username="boss")
    assert user.role == "admin" and user.check_password("bien-gioi-2026!")
    assert history_for(user).get().via == "command:create_user"
    with pytest.raises(CommandError, match="username"):
        call_command("create_user", "BOSS", "--password-env", "BZ_PASSWORD")
    with pytest.raises(CommandError, match="Unknown zone"):
        call_command("create_user", "x", "--zone", "NOPE", "--password-env", "BZ_PASSWORD")


def test_names_read_in_vietnamese_order_family_name_first(db):
    user = User(username="an", first_name="An", last_name="Nguyễn Văn")
    assert user.get_full_name() == "Nguyễn Văn An"
    assert str(user) == "Nguyễn Văn An (an)"
    assert User(username="solo", first_name="An").get_full_name() == "An"
