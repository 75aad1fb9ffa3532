"""No input gives a server error: every page and API route answers bad input with 400/404/422 (issue 14).

Every route without arguments is requested with the inputs that gave 500s before (a NUL byte, years out of
any range, page numbers and offsets past any size, dates in odd formats), as an anonymous caller and as an
administrator; then the reproductions from the security findings one by one.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import UserFactory

BAD_QUERIES = [
    "zone=%00",
    "q=a%00b&page=1",
    "year=-273&from_year=-273&to_year=99999",
    "year=99999999999999999999",
    "page=99999999999999999999",
    "page=-1&page_size=0",
    "offset=9999999999999999999&limit=5",
    "as_of=0001-01-01",
    "as_of=9999-12-31&from_year=1&to_year=9999",
    "as_of=31/12/2020&from=2020-13&to=x",
    "from=0001-01&to=9999-12&months=999999",
    "lang=%00&status=%00&type=%00",
]


def _plain_routes(patterns: list, prefix: str = "") -> list[str]:
    """Every route of the site that takes no argument, as a path ('/staff/', '/api/v1/zones', ...)."""
    routes = []
    for p in patterns:
        if isinstance(p, URLResolver):
            part = str(p.pattern)
            if "<" in part or "(" in part or part.startswith("^"):
                if part.startswith("^") and part in ("^en/", "^zh-hans/"):
                    continue
                if not part.startswith("^"):
                    continue
                part = part.lstrip("^")
            routes += _plain_routes(p.url_patterns, prefix + part)
        elif isinstance(p, URLPattern):
            part = str(p.pattern)
            if "<" in part or "(" in part or "{" in part:
                continue
            routes.append("/" + (prefix + part).lstrip("^").rstrip("$"))
    return sorted({r for r in routes if "logout" not in r and "/docs" not in r})


@pytest.fixture
def admin_client(db):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(username="admin_fuzz", role=Role.ADMIN))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "administrator"])
def test_no_route_answers_bad_query_with_a_server_error(signed_in, admin_client, zone):
    client = admin_client if signed_in else Client(raise_request_exception=False)
    routes = _plain_routes(get_resolver().url_patterns)
    assert "/api/v1/documents" in routes and "/staff/" in routes  # the crawl reaches the API and staff pages
    failures = []
    for route in routes:
        for query in BAD_QUERIES:
            response = client.get(f"{route}?{query}")
            if response.status_code >= 500:
                failures.append(f"{route}?{query} -> {response.status_code}")
    assert failures == []


@pytest.mark.django_db
def test_nul_byte_in_a_query_is_a_400_naming_the_reason():
    response = Client(raise_request_exception=False).get("/api/v1/investments/summary?zone=%00")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    page = Client(raise_request_exception=False).get("/documents/?q=%00")
    assert page.status_code == 400
    assert "NUL" in page.content.decode() and "<html" in page.content.decode()


@pytest.mark.django_db
def test_nul_byte_in_a_json_body_is_refused(admin_client, zone):
    body = json.dumps({"kind": "non_tariff", "name": "A\u0000B", "description": ""})
    response = admin_client.post(f"/api/v1/zones/{zone.code}/functional-areas", body, content_type="application/json")
    assert response.status_code == 400
    # A backslash written as text before "u0000" is not a NUL byte: that body reaches the endpoint.
    body = json.dumps({"kind": "non_tariff", "name": "A\\u0000B", "description": ""})
    response = admin_client.post(f"/api/v1/zones/{zone.code}/functional-areas", body, content_type="application/json")
    assert response.status_code == 201, response.content


@pytest.mark.django_db
def test_multipart_without_boundary_is_a_400(admin_client, zone):
    response = admin_client.post(
        f"/api/v1/zones/{zone.code}/functional-areas", "{}", content_type="multipart/form-data"
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_page_and_offset_past_any_size(admin_client):
    assert Client(raise_request_exception=False).get("/api/v1/documents?page=99999999999999999999").status_code == 422
    assert Client(raise_request_exception=False).get("/api/v1/documents?page=118643834192").status_code == 422
    assert (
        Client(raise_request_exception=False)
        .get("/api/v1/portal/articles?offset=12345653820222459489432895488")
        .status_code
        == 422
    )
    assert (
        Client(raise_request_exception=False).get("/api/v1/investments/projects?page=99999999999999999999").status_code
        == 422
    )


@pytest.mark.django_db
def test_years_and_days_out_of_range_are_422(admin_client):
    response = Client(raise_request_exception=False).get("/api/v1/infrastructure/summary?from_year=-273&to_year=2020")
    assert response.status_code == 422
    assert Client(raise_request_exception=False).get("/api/v1/documents?year=-273").status_code == 422
    response = Client(raise_request_exception=False).get("/api/v1/investments/summary?as_of=0001-01-01")
    assert response.status_code == 422
    assert "1900" in response.content.decode()


@pytest.mark.django_db
def test_staff_pages_with_odd_days_and_ids(admin_client, zone):
    assert admin_client.get("/staff/dashboard/?as_of=0001-01-01").status_code in (200, 400, 422)
    assert admin_client.get("/staff/history/31/abc/").status_code == 404
    assert admin_client.get("/staff/history/999999999999999999999/1/").status_code == 404


@pytest.mark.django_db
def test_decimal_with_more_digits_than_the_column_is_422(admin_client, zone):
    body = {
        "zone": zone.code,
        "code": "9990001112",
        "name": "Dự án thử",
        "ownership": "domestic",
        "investors": [{"name": "Công ty A", "country": "VN", "ownership": "domestic"}],
        "issued_on": "2020-01-01",
        "currency": "VND",
        "total_capital": "1" * 60,
    }
    response = admin_client.post("/api/v1/investments/projects", json.dumps(body), content_type="application/json")
    assert response.status_code == 422, response.content


@pytest.mark.django_db
def test_patch_with_nulls_for_required_fields_is_422(admin_client, zone):
    from borderzone.zones.models import FunctionalArea

    area = FunctionalArea.objects.create(zone=zone, kind="non_tariff", name="Khu phi thuế quan")
    body = {"kind": None, "name": None, "name_en": "", "gate_area": None, "area_ha": None, "description": None}
    response = admin_client.patch(f"/api/v1/zones/functional-areas/{area.pk}", body, content_type="application/json")
    assert response.status_code == 422
    area.refresh_from_db()
    assert area.name == "Khu phi thuế quan"


@pytest.mark.django_db
def test_a_body_larger_than_the_cap_is_413_before_it_is_read(settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = Client().post(
        "/api/v1/investments/projects", "x" * 2000, content_type="application/json", CONTENT_LENGTH="2000"
    )
    assert response.status_code == 413
