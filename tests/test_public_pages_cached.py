"""Anonymous public pages cached under the data versions they read: a repeated visit reads nothing of
the zone, a write shows at once, and a cached page never carries another response's CSP nonce."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from borderzone.documents.tests.factories import create_published_document
from borderzone.gates import services as gate_services
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.portal.tests.factories import ArticleFactory, CategoryFactory


@pytest.fixture
def gate(zone, gate_area):
    return BorderGateFactory(
        zone=zone,
        gate_area=gate_area,
        code="TRALINH1",
        name="Cửa khẩu Trà Lĩnh",
        latitude=Decimal("22.8"),
        longitude=Decimal("106.3"),
    )


def _zone_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    # Queries reading the zone, its areas and gates themselves (not another table joined to its zone: the
    # home's news panel reads the zone's latest articles).
    return [q["sql"] for q in ctx.captured_queries if re.search(r'FROM "(zones|gates)_', q["sql"])]


@pytest.mark.parametrize("url_name", ["core:home", "gates:map"])
def test_a_repeated_visit_reads_no_zone_data_and_a_gate_renamed_shows_at_once(client, gate, actor, url_name):
    url = reverse(url_name)
    assert "Cửa khẩu Trà Lĩnh" in client.get(url).content.decode()
    assert _zone_queries(client, url) == []
    gate_services.gate_update(gate=gate, actor=actor, name="Cửa khẩu Trà Lĩnh mới")
    assert "Cửa khẩu Trà Lĩnh mới" in client.get(url).content.decode()


def test_the_map_is_cached_per_language(client, gate):
    vietnamese = client.get(reverse("gates:map")).content.decode()
    english = client.get("/en" + reverse("gates:map")).content.decode()
    assert "Bản đồ" in vietnamese and "Map of the border gates" in english
    assert "/en/map/layers/" in english and "/en/map/layers/" not in vietnamese


def test_signed_in_users_read_the_zone_afresh(client, gate, specialist):
    client.force_login(specialist)
    client.get(reverse("core:home"))
    assert _zone_queries(client, reverse("core:home"))


def test_a_document_approved_shows_at_once_in_the_cached_search(client, zone, actor):
    url = reverse("documents:list") + "?q=cua+khau"
    assert "Quy chế cửa khẩu" not in client.get(url).content.decode()
    create_published_document(
        actor=actor,
        zone=zone,
        number="12/QĐ-UBND",
        title="Quy chế cửa khẩu",
        doc_type="decision",
        issuer="UBND tỉnh",
        issued_on="2024-01-02",
    )
    assert "Quy chế cửa khẩu" in client.get(url).content.decode()


def test_cached_pages_never_reuse_a_nonce(client, zone, gate, specialist):
    article = ArticleFactory(zone=zone, category=CategoryFactory(slug="tin"), created_by=specialist, slug="bai")
    urls = [reverse("core:home"), reverse("gates:map"), article.get_absolute_url(), reverse("documents:list") + "?q=a"]
    for url in urls:
        for _ in range(2):  # the second answer is built from the cache
            response = client.get(url)
            assert response.status_code == 200
            policy = response.get("Content-Security-Policy", "")
            for nonce in re.findall(r'nonce="([^"]+)"', response.content.decode()):
                assert f"'nonce-{nonce}'" in policy, url
