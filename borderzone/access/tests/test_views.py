import pytest

from borderzone.zones.tests.factories import FunctionalAreaFactory


@pytest.fixture
def home_zone(settings, zone, gate_area):
    settings.DEFAULT_ZONE_CODE = "ZA"
    FunctionalAreaFactory(zone=zone, name="Khu phi thuế quan", name_en="Non-tariff zone", kind="non_tariff")
    return zone


def test_home_answers_200_in_vietnamese_without_a_redirect(client, home_zone):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.text
    assert "Khu kinh tế cửa khẩu A" in response.text
    assert "30.130,34 ha" in response.text
    assert "Khu chức năng" in response.text and "Khu phi thuế quan" in response.text


def test_home_answers_200_in_english(client, home_zone):
    response = client.get("/en/")
    assert response.status_code == 200
    assert 'lang="en"' in response.text
    assert "30,130.34 ha" in response.text
    assert "Functional areas" in response.text and "Non-tariff zone" in response.text


def test_home_answers_even_with_no_zone(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "load_demo" in response.text


def test_switching_language_keeps_the_page(client, home_zone):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/"


def test_the_staff_home_lists_only_the_users_zones(client, zone, other_zone, specialist):
    client.force_login(specialist)
    page = client.get("/staff/")
    assert page.status_code == 200
    assert "/staff/zones/ZA/" in page.text
    assert "/staff/zones/ZB/" not in page.text


def test_pages_send_a_content_security_policy(client, home_zone):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
