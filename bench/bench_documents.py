"""Document search, anonymous: requests per second for /documents/?q=dong+dang with the cached results
fragment and with the cache emptied before each request, against a bare Django view returning the
same bytes through the same middleware."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path

from bench.common import Measurement, timed
from borderzone.core.text import search_key
from borderzone.documents.models import LegalDocument
from borderzone.documents.search import index_all
from borderzone.zones.models import EconomicZone, Province

SIZES = {"tiny": (60, 20), "small": (1000, 200), "full": (5000, 1000)}
URL = "/documents/?q=dong+dang"
BARE_BYTES = b""

TOPICS = ["Đồng Đăng – Trà Lĩnh", "Tà Lùng", "Sóc Giang", "Lý Vạn", "Hùng Quốc", "Pò Peo"]


def bare_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE_BYTES, content_type="text/html; charset=utf-8")


urlpatterns = [path("bare/", bare_view)]


def _seed(n: int) -> EconomicZone:
    province, _ = Province.objects.get_or_create(
        code="04", defaults={"name": "Cao Bằng", "full_name": "Tỉnh Cao Bằng", "unit_type": "Tỉnh"}
    )
    zone, _ = EconomicZone.objects.get_or_create(code="BENCHDOC", defaults={"name": "Bench zone", "province": province})
    if LegalDocument.objects.filter(zone=zone).count() >= n:
        return zone
    rows = []
    for i in range(n):
        number = f"{i + 1}/QĐ-BQLKKT"
        title = f"Quyết định số {i + 1} về khu vực cửa khẩu {TOPICS[i % len(TOPICS)]}"
        source = f"{number} {title} Ban Quản lý Khu kinh tế tỉnh Cao Bằng"
        rows.append(
            LegalDocument(
                zone=zone,
                number=number,
                number_key=search_key(number),
                doc_type="decision",
                field="investment",
                issuer="Ban Quản lý Khu kinh tế tỉnh Cao Bằng",
                title=title,
                issued_on=dt.date(2020, 1, 1) + dt.timedelta(days=i % 2000),
                is_published=True,
                review_status="approved",
                search_source=source,
                search_text=search_key(source),
            )
        )
    with transaction.atomic():
        LegalDocument.objects.bulk_create(rows, batch_size=1000)
        index_all()
    return zone


def run(size: str) -> list[Measurement]:
    global BARE_BYTES
    n_docs, n_requests = SIZES[size]
    _seed(n_docs)
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 bench")
    cache.clear()
    first = client.get(URL)
    assert first.status_code == 200 and b"Tr\xc3\xa0 L\xc4\xa9nh" in first.content
    BARE_BYTES = first.content

    def cached_run() -> None:
        for _ in range(n_requests):
            client.get(URL)

    def uncached_run() -> None:
        for _ in range(n_requests):
            cache.clear()
            client.get(URL)

    with override_settings(ROOT_URLCONF="bench.bench_documents"):
        bare_client = Client(HTTP_USER_AGENT="Mozilla/5.0 bench")
        assert bare_client.get("/bare/").content == BARE_BYTES

        def bare_run() -> None:
            for _ in range(n_requests):
                bare_client.get("/bare/")

        raw = timed(bare_run, 3)
    client.get(URL)  # warm the cache again after the override
    cached = timed(cached_run, 3)
    uncached = timed(uncached_run, 3)
    rows = [
        Measurement(f"search {n_requests} req, {n_docs} docs, cached", cached, raw),
        Measurement(f"search {n_requests} req, {n_docs} docs, uncached", uncached, raw),
    ]
    for row in rows:
        print(
            f"  {row.name}: {n_requests / row.ours_p50:,.0f} req/s vs bare view {n_requests / row.raw_p50:,.0f} req/s "
            f"({len(BARE_BYTES):,} bytes): {row.ratio:.2f}x the bare view's time"
        )
    return rows
