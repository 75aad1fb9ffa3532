"""A small zone and a large one, both imported through `import_projects`: the staff register list, the API
project list and the dashboard computed afresh must run the same number of queries for both and take at
most 2.5 times (lists) and 4 times (dashboard) as long in the large one. Meant for SQLite, the embedded
default (`--size small`: 74 and 10,074 projects); the reference of each row is the small zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bench.bench_investments import _csv, _rows
from bench.common import Measurement, timed
from borderzone.access.actors import command_actor
from borderzone.access.importing import no_progress
from borderzone.register.importing import import_projects
from borderzone.register.models import Investor, Project
from borderzone.zones.models import EconomicZone, GateArea, Province

SIZES = {"tiny": (74, 374), "small": (74, 10_074)}
DAY = dt.date(2020, 9, 21)
LIMITS = {"staff register list": 2.5, "API project list": 2.5, "dashboard afresh": 4.0}


def _zone(code: str, n: int, offset: int) -> EconomicZone:
    province, _ = Province.objects.get_or_create(
        code="04", defaults={"name": "Cao Bằng", "full_name": "Tỉnh Cao Bằng", "unit_type": "Tỉnh"}
    )
    zone, _ = EconomicZone.objects.get_or_create(code=code, defaults={"name": f"Bench {code}", "province": province})
    for area, name in (("TRALINH", "Trà Lĩnh"), ("TALUNG", "Tà Lùng")):
        GateArea.objects.get_or_create(zone=zone, code=area, defaults={"name": name})
    Project.objects.filter(zone=zone).delete()
    Investor.objects.filter(zone=zone).delete()
    rows = _rows(n)
    for row in rows:  # codes of their own, so that both zones can live side by side
        row[0] = f"{offset}{row[0][1:]}"
    report = import_projects(
        data=_csv(rows), actor=command_actor("bench"), zone=zone, dry_run=False, progress=no_progress, options={}
    )
    if not report.ok:
        raise RuntimeError(f"import failed: {report.errors[:3]}")
    return zone


def run(size: str) -> list[Measurement]:
    small_n, large_n = SIZES[size]
    small, large = _zone("BENCH-S", small_n, 5), _zone("BENCH-L", large_n, 6)
    try:
        with override_settings(ALLOWED_HOSTS=["*"]):
            return _measure(small, large)
    finally:
        for zone in (small, large):
            Project.objects.filter(zone=zone).delete()
            Investor.objects.filter(zone=zone).delete()


def _measure(small: EconomicZone, large: EconomicZone) -> list[Measurement]:
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    admin = user_model.objects.filter(username="bench-admin").first() or user_model.objects.create_user(
        username="bench-admin", password=None, role="admin"
    )
    client = Client()
    client.force_login(admin)
    days = iter(range(1, 10_000))

    def page(label: str, zone: EconomicZone) -> Callable[[], object]:
        def get() -> object:
            if label == "staff register list":
                url = f"/en/staff/investments/?zone={zone.code}&as_of={DAY.isoformat()}&page=2"
            elif label == "API project list":
                url = f"/api/v1/investments/projects?zone={zone.code}&as_of={DAY.isoformat()}&page=2&page_size=50"
            else:  # a new as-of day each time and an empty cache: computed afresh
                cache.clear()
                day = DAY - dt.timedelta(days=next(days))
                url = f"/en/staff/dashboard/?zone={zone.code}&as_of={day.isoformat()}&from_year=2010&to_year=2020"
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            return response.content

        return get

    results = []
    failures = []
    for label, limit in LIMITS.items():
        counts = []
        for zone in (small, large):
            page(label, zone)()  # warm: first-use rows of the cache versions
            with CaptureQueriesContext(connection) as captured:
                page(label, zone)()
            counts.append(len(captured.captured_queries))
        m = Measurement(
            f"{label}: {large.projects.count():,} vs {small.projects.count():,} projects ({counts[1]}/{counts[0]} q)",
            timed(page(label, large), 5),
            timed(page(label, small), 5),
        )
        results.append(m)
        verdict = "met" if m.ratio <= limit and counts[0] == counts[1] else "NOT met"
        print(f"  {label}: queries {counts[0]} and {counts[1]}; {m.ratio:.2f}x (limit {limit}x): {verdict}")
        if counts[0] != counts[1]:
            failures.append(f"{label}: {counts[0]} queries for the small zone, {counts[1]} for the large one")
    if failures:
        raise RuntimeError("; ".join(failures))
    return results
