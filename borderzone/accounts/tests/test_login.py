import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from borderzone.access.actors import command_actor
from borderzone.accounts.services import user_create
from borderzone.accounts.tests.factories import TEST_PASSWORD

LOGIN = "/accounts/login/"


def _fail(client, username, address="10.0.0.7"):
    return client.post(LOGIN, {"username": username, "password": "wrong-password-1"}, REMOTE_ADDR=address)


def test_login_page_answers_in_both_languages(client):
    vi = client.get(LOGIN)
    en = client.get("/en/accounts/login/")
    assert vi.status_code == en.status_code == 200
    assert "Đăng nhập" in vi.text and 'lang="vi"' in vi.text
    assert "Sign in" in en.text and 'lang="en"' in en.text


def test_a_good_login_rotates_the_session_and_lands_on_the_staff_home(client, investor):
    client.get(LOGIN)
    client.session["marker"] = "x"
    session = client.session
    session.save()
    before = session.session_key
    response = client.post(LOGIN, {"username": "investor_a", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:staff-home")
    assert client.session.session_key != before


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(client, specialist):
    known = _fail(client, "spec_a")
    unknown = _fail(client, "nobody_here")
    assert known.status_code == unknown.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in known.text
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in unknown.text


def test_repeated_failures_lock_out_known_and_unknown_users_alike(client, specialist, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _fail(client, "spec_a").status_code == 200
        assert _fail(client, "ghost", "10.0.0.8").status_code == 200
    known = _fail(client, "spec_a")
    unknown = _fail(client, "ghost", "10.0.0.8")
    assert known.status_code == unknown.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in known.text and "Đăng nhập sai quá nhiều lần" in unknown.text
    # Even the right password is refused while locked out.
    right = client.post(LOGIN, {"username": "spec_a", "password": TEST_PASSWORD}, REMOTE_ADDR="10.0.0.7")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, specialist):
    client.force_login(specialist)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert (response.status_code, response["Location"]) == (302, "/")
    assert "_auth_user_id" not in client.session


def test_password_validators_refuse_weak_passwords(db):
    with pytest.raises(ValidationError):
        validate_password("12345678")
    with pytest.raises(ValidationError):
        user_create(username="weak", password="password", role="specialist", actor=command_actor("test"))
