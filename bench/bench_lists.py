"""The project lists over the national dataset: the staff register list, the API project list and the public
project list, pages 1 and 100 of the largest and the smallest zone, server time (Django's test client,
middleware included) against a bare Django view returning the same bytes through the same middleware.

Targets (issue 15): p95 <= 100 ms for pages 1 and 100 of the largest zone; the same number of queries for
the smallest and the largest zone and a time within 2x (page 100 against the deepest page a zone with fewer
pages has, its last; its page 100, past the end, is shown apart). `--size national --keep` on PostgreSQL
(`BENCH_DATABASE_URL`) reuses the dataset of bench/national.py; `--size tiny` runs the same code (CI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Count
from django.test.utils import override_settings

from bench import national
from bench.bench_national import _admin_client, _bare, _http, _jit_off, _queries
from bench.common import Measurement, percentile, timed
from borderzone.register.models import Project
from borderzone.zones.models import EconomicZone

SIZES = {"tiny": 3, "medium": 10, "national": 20}  # repeats per measurement
DAY = dt.date(2025, 6, 30)
TARGET_P95_S = 0.100
SPREAD = 2.0  # largest zone's time against the smallest's


def run(size: str) -> list[Measurement]:
    repeat = SIZES[size]
    if not (national.KEEP and national.exists(size)):
        made = national.generate(size)
        print("  dataset: " + ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in made.items()))
    else:
        print("  dataset: kept from an earlier run (--keep)")
    try:
        with override_settings(ROOT_URLCONF="bench.urls"):
            return _measure(repeat)
    finally:
        if not national.KEEP:
            national.delete()


def _urls(zone: EconomicZone, page: int) -> dict[str, str]:
    day = DAY.isoformat()
    return {
        "staff register list": f"/en/staff/investments/?zone={zone.code}&as_of={day}&page={page}",
        "API project list": f"/api/v1/investments/projects?zone={zone.code}&as_of={day}&page_size=50&page={page}",
        # The public list shows the install's own zone (DEFAULT_ZONE_CODE) as of today, published projects.
        "public project list": f"/en/projects/?page={page}",
    }


def _measure(repeat: int) -> list[Measurement]:
    _jit_off()
    zones = national.national_zones()
    sizes = dict(Project.objects.filter(zone__in=zones).values_list("zone_id").annotate(n=Count("pk")))
    largest = max(zones, key=lambda z: sizes.get(z.pk, 0))
    smallest = min(zones, key=lambda z: sizes.get(z.pk, 0))
    print(
        f"  largest zone {largest.code}: {sizes[largest.pk]:,} projects; smallest {smallest.code}: {sizes[smallest.pk]:,}"
    )
    client = _admin_client()
    results: list[Measurement] = []
    figures: dict[tuple[str, int, str], tuple[int, float, float]] = {}
    # A zone with fewer than 100 pages (the smallest; every zone at the tiny size) has its deepest page with
    # rows (its last) measured too, and that page is compared; its page 100, past its end, is shown apart
    # (the HTML lists show their last page, the API answers it empty).
    last = {zone: max(1, -(-sizes[zone.pk] // 50)) for zone in (largest, smallest)}
    pages = {zone: tuple(sorted({1, 100, last[zone]})) for zone in (largest, smallest)}
    for zone in (largest, smallest):
        for page in pages[zone]:
            with override_settings(DEFAULT_ZONE_CODE=zone.code):
                for label, url in _urls(zone, page).items():
                    get: Callable[[], bytes] = _http(client, url)
                    body = get()  # warm: the cache's version rows, the zone list
                    # The fewer of two: one view in 50 of a public page also folds the visit log (the worker's
                    # task, run at once in these settings), which is not the list's work.
                    n = min(_queries(get), _queries(get))
                    ours = timed(get, repeat)
                    m = Measurement(f"{label} p{page} {zone.code} ({n} q)", ours, timed(_bare(client, body), repeat))
                    results.append(m)
                    figures[(label, page, zone.code)] = (n, m.ours_p50, percentile(ours, 95))
    failures = []
    for label in _urls(largest, 1):
        for page in (1, 100):
            large_page, small_page = min(page, last[largest]), min(page, last[smallest])
            n_large, p50_large, p95_large = figures[(label, large_page, largest.code)]
            n_small, p50_small, p95_small = figures[(label, small_page, smallest.code)]
            spread = p50_large / p50_small if p50_small else float("inf")
            met = p95_large <= TARGET_P95_S and n_large == n_small and spread <= SPREAD
            print(
                f"  {label} p{page}: largest p{large_page} p50 {p50_large * 1000:.1f} ms p95 {p95_large * 1000:.1f} ms "
                f"({n_large} q); smallest p{small_page} p50 {p50_small * 1000:.1f} ms p95 {p95_small * 1000:.1f} ms "
                f"({n_small} q); {spread:.2f}x: {'met' if met else 'NOT met'}"
            )
            for zone, shown in ((largest, large_page), (smallest, small_page)):
                if shown != page:
                    n_past, p50_past, p95_past = figures[(label, page, zone.code)]
                    print(
                        f"    (page {page} of {zone.code} is past its end: p50 {p50_past * 1000:.1f} ms, "
                        f"p95 {p95_past * 1000:.1f} ms, {n_past} q"
                        + (", no items)" if label.startswith("API") else ", its last page shown)")
                    )
            if n_large != n_small:
                failures.append(f"{label} p{page}: {n_small} queries for the smallest zone, {n_large} for the largest")
    if failures:
        raise RuntimeError("; ".join(failures))
    return results
