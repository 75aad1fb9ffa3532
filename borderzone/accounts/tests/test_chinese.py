"""Sign-in and account pages under /zh-hans/."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_account_pages_read_in_chinese(client, admin_user, specialist):
    client.force_login(admin_user)
    html = client.get("/zh-hans/staff/users/").text
    assert "新建账户" in html and "最近登录" in html and "允许登录" in html and "专员" in html
    form = client.get("/zh-hans/staff/users/new/").text
    assert "至少 10 个字符，不得是常见密码，不得全为数字，不得与用户名相似。" in form


def test_a_wrong_password_is_refused_in_chinese(client, specialist):
    response = client.post("/zh-hans/accounts/login/", {"username": "spec_a", "password": "wrong"})
    assert "用户名或密码不正确。" in response.text
