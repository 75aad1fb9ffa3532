"""Document search, uncached, as the register grows: the results fragment of /documents/?q=... built
afresh (capped count, page, files, rendering) over N and then 10×N published documents, for Vietnamese
without accents, English, Chinese, a word in every document and a query matching nothing. "ours" is the
time at 10×N, "raw" the same query at N: the ratio is how much the search grows with ten times the
documents (flat: about 1). It writes its own documents (zones SRCH01–SRCH44) and removes them: run it on
a database of your own, not on the shared national dataset (hence no "national" size)."""

from __future__ import annotations

import dataclasses
import random
import statistics
import time

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test import RequestFactory

from bench import national
from bench.common import Measurement
from borderzone.documents.models import LegalDocument
from borderzone.zones.models import EconomicZone, Province

SIZES = {"tiny": 30, "small": 300, "full": 3_000}
QUERIES = ("dong dang", "quy hoach chung", "logistics project", "口岸管理", "so")
ZONES = 44


def _zones() -> list[EconomicZone]:
    province = Province.objects.order_by("code").first() or Province.objects.create(
        code="04", name="Cao Bằng", full_name="Tỉnh Cao Bằng", unit_type="Tỉnh"
    )
    return [
        EconomicZone.objects.get_or_create(
            code=f"SRCH{i + 1:02d}",
            defaults={
                "name": f"Khu kinh tế tìm kiếm {i + 1:02d}",
                "short_name": f"KKT {i + 1:02d}",
                "province": province,
            },
        )[0]
        for i in range(ZONES)
    ]


def _fill(zones: list[EconomicZone], n: int) -> None:
    with transaction.atomic():
        LegalDocument.objects.filter(zone__in=zones).delete()
        shape = dataclasses.replace(national.SHAPES["national"], documents=n)
        national._documents(shape, zones, random.Random(20261206))  # noqa: S311 - generated benchmark data
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE documents_legaldocument")


def _times(repeat: int = 15) -> dict[str, list[float]]:
    from borderzone.documents import selectors, views

    times: dict[str, list[float]] = {}
    for q in QUERIES:
        filters = selectors.DocumentFilters(q=q)
        request = RequestFactory().get("/documents/", {"q": q})
        request.user = AnonymousUser()
        views._results_html(request, filters, "1")  # warm the plan and the connection
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            views._results_html(request, filters, "1")
            samples.append(time.perf_counter() - start)
        times[q] = samples
    return times


def run(size: str) -> list[Measurement]:
    n = SIZES[size]
    zones = _zones()
    try:
        _fill(zones, n)
        small = _times()
        _fill(zones, 10 * n)
        large = _times()
    finally:
        LegalDocument.objects.filter(zone__in=zones).delete()
        EconomicZone.objects.filter(pk__in=[z.pk for z in zones]).delete()
    rows = []
    for q in QUERIES:
        rows.append(Measurement(f"search {q!r}: {10 * n:,} docs (ours) vs {n:,} (raw)", large[q], small[q]))
        print(
            f"  uncached search {q!r}: p50 {statistics.median(small[q]) * 1000:.1f} ms at {n:,} documents, "
            f"{statistics.median(large[q]) * 1000:.1f} ms at {10 * n:,}"
        )
    return rows
