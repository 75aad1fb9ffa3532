"""Staff identity: second factor, passwords, sessions ended, lockout and the audit of sign-ins."""

import re
from unittest import mock

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from borderzone.accounts.tests.factories import TEST_PASSWORD, code_for, give_authenticator
from borderzone.core.models import AuditAction, AuditEvent

LOGIN = "/accounts/login/"


def _password(client, username, password=TEST_PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_staff_without_a_second_factor_enrol_on_first_sign_in_and_get_recovery_codes(client, specialist, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp makes one wait after a wrong code; not here
    response = _password(client, "spec_a")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/enrol/")
    assert not _signed_in(client)
    assert client.get("/staff/").status_code == 302  # nothing of the staff area yet

    page = client.get("/accounts/login/enrol/")
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.text).group(1)
    device = TOTPDevice.objects.get(user=specialist, confirmed=False)
    assert secret.replace(" ", "") == __import__("base64").b32encode(device.bin_key).decode()
    assert 'src="data:image/svg+xml' in page.text

    wrong = client.post("/accounts/login/enrol/", {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 422 and not _signed_in(client)

    done = client.post("/accounts/login/enrol/", {"code": code_for(device)})
    assert done.status_code == 200 and done["Cache-Control"] == "no-store"
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.text)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert int(client.session["_auth_user_id"]) == specialist.pk
    device.refresh_from_db()
    assert device.confirmed
    assert set(StaticToken.objects.filter(device__user=specialist).values_list("token", flat=True)) == set(codes)
    enrolled = AuditEvent.objects.get(object_id=str(specialist.pk), action=AuditAction.UPDATED)
    assert enrolled.changes == {"second_factor": [None, "enrolled"]}


def test_an_enrolled_leader_signs_in_only_after_the_code(client, leader, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = give_authenticator(leader)
    response = _password(client, "leader_a", REMOTE_ADDR="10.1.1.1")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/code/")
    assert not _signed_in(client)
    assert client.get("/staff/").status_code == 302

    refused = client.post("/accounts/login/code/", {"code": "12345x"}, REMOTE_ADDR="10.1.1.1")
    assert refused.status_code == 422 and "Mã này không đúng" in refused.text and not _signed_in(client)

    accepted = client.post("/accounts/login/code/", {"code": code_for(device)}, REMOTE_ADDR="10.1.1.1")
    assert (accepted.status_code, accepted["Location"]) == (302, "/staff/")
    assert int(client.session["_auth_user_id"]) == leader.pk
    assert client.get("/staff/").status_code == 200

    events = list(AuditEvent.objects.filter(object_id=str(leader.pk)).order_by("id").values_list("action", "note"))
    assert events == [(AuditAction.LOGIN_FAILED, "second factor"), (AuditAction.LOGIN, "authenticator")]


def test_a_code_from_the_app_is_refused_the_second_time(client, admin_user):
    device = give_authenticator(admin_user)
    code = code_for(device)
    _password(client, "admin1")
    assert client.post("/accounts/login/code/", {"code": code}).status_code == 302
    other = Client()
    _password(other, "admin1")
    assert other.post("/accounts/login/code/", {"code": code}).status_code == 422
    assert "_auth_user_id" not in other.session


def test_a_recovery_code_signs_in_once(client, specialist):
    give_authenticator(specialist)
    from borderzone.accounts.second_factor import _new_recovery_codes

    codes = _new_recovery_codes(specialist)
    _password(client, "spec_a")
    response = client.post("/accounts/login/code/", {"code": codes[3].upper()}, follow=True)
    assert "còn 9" in response.text
    assert _signed_in(client)
    again = Client()
    _password(again, "spec_a")
    assert again.post("/accounts/login/code/", {"code": codes[3]}).status_code == 422


def test_the_code_step_expires_and_needs_the_password_again(client, specialist, settings):
    device = give_authenticator(specialist)
    _password(client, "spec_a")
    settings.SECOND_FACTOR_PENDING_SECONDS = 0
    response = client.post("/accounts/login/code/", {"code": code_for(device)})
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/")
    assert not _signed_in(client)


def test_wrong_codes_lock_the_account_out_as_wrong_passwords_do(client, specialist, settings):
    device = give_authenticator(specialist)
    _password(client, "spec_a", REMOTE_ADDR="10.2.2.2")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/code/", {"code": "999999"}, REMOTE_ADDR="10.2.2.2")
    locked = client.post("/accounts/login/code/", {"code": code_for(device)}, REMOTE_ADDR="10.2.2.2")
    assert locked.status_code in (302, 429)
    assert not _signed_in(client)
    assert _password(Client(), "spec_a", REMOTE_ADDR="10.3.3.3").status_code == 429


def test_an_investor_signs_in_with_the_password_alone_unless_they_enrolled(client, investor):
    assert _password(client, "investor_a")["Location"] == "/staff/"
    assert _signed_in(client)
    device = give_authenticator(investor)
    other = Client()
    assert _password(other, "investor_a")["Location"] == "/accounts/login/code/"
    assert "_auth_user_id" not in other.session
    assert other.post("/accounts/login/code/", {"code": code_for(device)}).status_code == 302
    assert "_auth_user_id" in other.session


def test_an_investor_may_enrol_from_account_security(client, investor):
    client.force_login(investor)
    assert "Thiết lập ứng dụng xác thực" in client.get("/accounts/security/").text
    client.get("/accounts/security/authenticator/")
    device = TOTPDevice.objects.get(user=investor)
    response = client.post("/accounts/security/authenticator/", {"code": code_for(device)})
    assert response.status_code == 200 and len(re.findall(r"<li><code>", response.text)) == 10
    renewed = client.post("/accounts/security/", {"code": code_for(device)})
    assert renewed.status_code == 200
    assert StaticToken.objects.filter(device__user=investor).count() == 10


def test_an_administrator_resets_a_second_factor_which_ends_the_sessions(client, admin_user, specialist):
    give_authenticator(specialist)
    user_browser = Client()
    user_browser.force_login(specialist)
    assert user_browser.get("/staff/").status_code == 200
    client.force_login(admin_user)
    page = client.get(f"/staff/users/{specialist.pk}/")
    assert "Đặt lại yếu tố thứ hai" in page.text

    client.post(f"/staff/users/{specialist.pk}/", {"reset_second_factor": "1"})

    assert not TOTPDevice.objects.filter(user=specialist).exists()
    assert user_browser.get("/staff/").status_code == 302  # the old session cookie no longer signs in
    event = AuditEvent.objects.get(object_id=str(specialist.pk), note="second factor reset; sessions ended")
    # The row records the sessions ended as a deactivation does (ModelWrites diffs every field it saved).
    assert event.user == admin_user
    assert event.changes == {"second_factor": ["enrolled", "reset"], "session_generation": [0, 1]}
    assert _password(Client(), "spec_a")["Location"] == "/accounts/login/enrol/"


def test_disabling_a_user_ends_their_session_and_re_enabling_does_not_revive_it(client, admin_user, specialist, zone):
    user_browser = Client()
    user_browser.force_login(specialist)
    cookie = user_browser.cookies["sessionid"].value
    client.force_login(admin_user)
    form = {"role": "specialist", "zones": [zone.pk], "first_name": "A", "last_name": "B", "email": ""}
    client.post(f"/staff/users/{specialist.pk}/", {**form, "is_active": ""})
    client.post(f"/staff/users/{specialist.pk}/", {**form, "is_active": "on"})
    specialist.refresh_from_db()
    assert specialist.is_active and specialist.session_generation == 2

    returning = Client()
    returning.cookies["sessionid"] = cookie
    response = returning.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(client, specialist):
    elsewhere = Client()
    elsewhere.force_login(specialist)
    client.force_login(specialist)
    response = client.post(
        "/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password1": "núi-đá-vôi-2027", "new_password2": "núi-đá-vôi-2027"},
    )
    assert (response.status_code, response["Location"]) == (302, "/accounts/security/")
    assert client.get("/staff/").status_code == 200
    assert elsewhere.get("/staff/").status_code == 302
    specialist.refresh_from_db()
    assert specialist.check_password("núi-đá-vôi-2027")
    assert AuditEvent.objects.filter(object_id=str(specialist.pk), changes__password=["***", "***"]).exists()


@pytest.mark.parametrize(
    ("prefix", "short", "common"),
    [
        ("", "Mật khẩu quá ngắn", "Mật khẩu này quá phổ biến."),
        ("/en", "This password is too short", "This password is too common."),
        ("/zh-hans", "此密码太短", "这个密码太常见了。"),
    ],
)
def test_password_messages_are_in_the_users_language(client, specialist, prefix, short, common):
    client.force_login(specialist)
    for word, message in (("abc-9", short), ("password123", common)):
        response = client.post(
            f"{prefix}/accounts/password/",
            {"old_password": TEST_PASSWORD, "new_password1": word, "new_password2": word},
        )
        assert response.status_code == 422
        assert message in response.text, message


def test_a_password_reset_link_works_once_and_not_for_long(client, specialist, settings):
    specialist.email = "spec@example.vn"
    specialist.save()
    settings.SITE_URL = "https://bqlkkt.example.vn"
    response = client.post("/en/accounts/password/reset/", {"email": "spec@example.vn"})
    assert response["Location"] == "/en/accounts/password/reset/sent/"
    assert client.post("/en/accounts/password/reset/", {"email": "nobody@example.vn"}).status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["spec@example.vn"] and "Set a new password" in message.subject
    link = re.search(r"https://bqlkkt\.example\.vn(/en/accounts/password/reset/\S+/)", message.body).group(1)

    form = client.get(link, follow=True)
    assert "new_password1" in form.text
    new = {"new_password1": "đèo-mã-phục-77", "new_password2": "đèo-mã-phục-77"}
    done = client.post(form.redirect_chain[-1][0], new)
    assert done["Location"] == "/en/accounts/password/reset/complete/"
    specialist.refresh_from_db()
    assert specialist.check_password("đèo-mã-phục-77")
    assert not _signed_in(client)

    again = Client().get(link, follow=True)
    assert "no longer valid" in again.text

    # A fresh link is refused after PASSWORD_RESET_TIMEOUT.
    token = PasswordResetTokenGenerator().make_token(specialist)
    assert PasswordResetTokenGenerator().check_token(specialist, token)
    later = PasswordResetTokenGenerator()
    with mock.patch.object(
        later,
        "_now",
        return_value=later._now() + __import__("datetime").timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1),
    ):
        assert not later.check_token(specialist, token)
    assert settings.PASSWORD_RESET_TIMEOUT == 30 * 60


def test_lockout_counts_many_usernames_from_one_address(client, specialist, settings):
    statuses = [_password(client, f"user{n:02d}", "wrong-9x", REMOTE_ADDR="10.9.9.9").status_code for n in range(25)]
    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(statuses[settings.AXES_FAILURE_LIMIT - 1 :]) == {429}
    # The address is locked, even for a right password of another account; other addresses are not.
    assert _password(Client(), "spec_a", REMOTE_ADDR="10.9.9.9").status_code == 429
    assert _password(Client(), "spec_a", REMOTE_ADDR="10.9.9.10").status_code == 302


def test_lockout_counts_one_username_from_many_addresses(client, specialist, settings):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _password(Client(), "spec_a", "wrong-9x", REMOTE_ADDR=f"10.8.0.{n}").status_code == 200
    assert _password(Client(), "spec_a", "wrong-9x", REMOTE_ADDR="10.8.0.99").status_code == 429
    assert _password(Client(), "spec_a", REMOTE_ADDR="10.8.1.1").status_code == 429
    assert _password(Client(), "other_user", "wrong-9x", REMOTE_ADDR="10.8.1.2").status_code == 200


def test_sign_ins_refusals_and_sign_outs_are_audit_events(client, investor):
    _password(client, "investor_a", "wrong-9x", REMOTE_ADDR="10.4.4.4")
    _password(client, "no_such_person", "wrong-9x", REMOTE_ADDR="10.4.4.4")
    _password(client, "investor_a", REMOTE_ADDR="10.4.4.4")
    client.post("/accounts/logout/", REMOTE_ADDR="10.4.4.4")
    rows = list(
        AuditEvent.objects.filter(action__in=["login", "login_failed", "logout"])
        .order_by("id")
        .values_list("action", "object_repr", "user__username", "ip_address", "note")
    )
    who = str(investor)
    assert rows == [
        ("login_failed", who, None, "10.4.4.4", "password"),
        ("login_failed", "no_such_person", None, "10.4.4.4", "password"),
        ("login", who, "investor_a", "10.4.4.4", ""),
        ("logout", who, "investor_a", "10.4.4.4", ""),
    ]


def test_demo_staff_sign_in_with_the_printed_key(client, db):
    from io import StringIO

    from django.core.management import call_command

    from borderzone.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_code, describe

    call_command("load_demo", stdout=StringIO())
    assert DEMO_TOTP_SECRET in describe()
    assert _password(client, "chuyenvien", DEMO_PASSWORD)["Location"] == "/accounts/login/code/"
    assert client.post("/accounts/login/code/", {"code": demo_code()}).status_code == 302
    assert _signed_in(client)
