import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


def test_api_searches_published_documents_by_words_type_and_year(client, zone, make_document):
    make_document(zone, number="1/QĐ-UBND", title="Cao tốc Đồng Đăng – Trà Lĩnh", issued_on=dt.date(2024, 3, 1))
    make_document(
        zone, number="2/TB-BQLKKT", doc_type="notice", title="Thông báo Đồng Đăng", issued_on=dt.date(2023, 3, 1)
    )
    make_document(zone, number="3/QĐ-UBND", title="Đồng Đăng chưa công bố", is_published=False)
    data = client.get("/api/v1/documents", {"q": "dong dang"}).json()
    assert data["count"] == 2
    assert {item["number"] for item in data["items"]} == {"1/QĐ-UBND", "2/TB-BQLKKT"}
    assert [
        i["number"] for i in client.get("/api/v1/documents", {"q": "dong dang", "type": "notice"}).json()["items"]
    ] == ["2/TB-BQLKKT"]
    assert [i["number"] for i in client.get("/api/v1/documents", {"year": 2024}).json()["items"]] == ["1/QĐ-UBND"]


def test_api_is_paginated(client, zone, make_document):
    for i in range(25):
        make_document(zone, number=f"{i}/QĐ", title=f"Văn bản {i}")
    first = client.get("/api/v1/documents").json()
    second = client.get("/api/v1/documents", {"page": 2}).json()
    assert first["count"] == 25 and len(first["items"]) == 20 and len(second["items"]) == 5


def test_api_document_detail_names_what_replaced_it(client, zone, make_document):
    old = make_document(zone, number="10/QĐ-UBND", issued_on=dt.date(2020, 1, 1))
    make_document(zone, number="30/QĐ-UBND", issued_on=dt.date(2024, 1, 1), replaces=[old])
    data = client.get(f"/api/v1/documents/{old.pk}").json()
    assert data["status"] == "replaced"
    assert data["replaced_by"] == ["30/QĐ-UBND"] and data["in_force_instead"] == ["30/QĐ-UBND"]
