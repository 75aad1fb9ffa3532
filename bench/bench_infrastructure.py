"""The capital summary over generated works (need of the plan periods inside a span, money of the years
inside it) through the selector, against one hand-written SQL query per figure doing the same sums."""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import connection, transaction

from bench.common import Measurement, timed
from borderzone.access.permissions import zones_visible_to
from borderzone.infrastructure.models import AnnualFunding, FundingSource, InfrastructureWork, PlanPeriod
from borderzone.infrastructure.selectors import capital_summary, visible_works, work_list
from borderzone.zones.models import EconomicZone, Province

SIZES = {"tiny": 200, "small": 2000, "full": 20000}  # works; each has about 8 annual records


def _generate(zone: EconomicZone, n: int) -> None:
    rng = random.Random(20200921)  # noqa: S311 - reproducible test data, not security
    periods = [p.value for p in PlanPeriod]
    sources = [s.value for s in FundingSource]
    with transaction.atomic():
        works = InfrastructureWork.objects.bulk_create(
            [
                InfrastructureWork(
                    zone=zone,
                    code=f"B-{i}",
                    name=f"Công trình {i}",
                    kind="road",
                    location="Cao Bằng",
                    owner="Ban Quản lý",
                    plan_period=rng.choice(periods),
                    capital_need_vnd=Decimal(rng.randint(10, 500)) * 10**9,
                    is_published=rng.random() < 0.9,
                )
                for i in range(n)
            ],
            batch_size=2000,
        )
        rows = []
        for work in works:
            start = int(work.plan_period[:4])
            for year in range(start, start + 5):
                for source in rng.sample(sources, 2) if rng.random() < 0.8 else []:
                    allocated = Decimal(rng.randint(1, 60)) * 10**9
                    rows.append(
                        AnnualFunding(
                            work=work,
                            year=year,
                            source=source,
                            allocated_vnd=allocated,
                            disbursed_vnd=allocated * Decimal("0.9"),
                            treasury_confirmed_vnd=allocated * Decimal("0.8"),
                        )
                    )
        AnnualFunding.objects.bulk_create(rows, batch_size=5000)


def run(size: str) -> list[Measurement]:
    from django.contrib.auth.models import AnonymousUser

    n = SIZES[size]
    province, _ = Province.objects.get_or_create(
        code="04", defaults={"name": "Cao Bằng", "full_name": "Tỉnh Cao Bằng", "unit_type": "Tỉnh"}
    )
    zone, _ = EconomicZone.objects.get_or_create(code="BENCHI", defaults={"name": "Bench zone", "province": province})
    AnnualFunding.objects.filter(work__zone=zone).delete()
    InfrastructureWork.objects.filter(zone=zone).delete()
    _generate(zone, n)
    public = AnonymousUser()
    assert not zones_visible_to(public).exists()  # noqa: S101 - the public sees published works only

    def ours() -> None:
        capital_summary(visible_works(public).filter(zone=zone), from_year=2011, to_year=2025)

    def raw() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COALESCE(SUM(capital_need_vnd), 0), COUNT(*) FROM infrastructure_infrastructurework "
                "WHERE zone_id = %s AND is_published AND plan_period IN ('2011-2015', '2016-2020', '2021-2025')",
                [zone.pk],
            )
            cursor.fetchone()
            cursor.execute(
                "SELECT COALESCE(SUM(f.allocated_vnd), 0), COALESCE(SUM(f.disbursed_vnd), 0), "
                "COALESCE(SUM(f.treasury_confirmed_vnd), 0) FROM infrastructure_annualfunding f "
                "JOIN infrastructure_infrastructurework w ON w.id = f.work_id "
                "WHERE w.zone_id = %s AND w.is_published AND f.year BETWEEN 2011 AND 2025",
                [zone.pk],
            )
            cursor.fetchone()

    def ours_list() -> None:
        list(work_list(public, zone=zone)[:100])

    def raw_list() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT w.id, w.code, w.name, w.capital_need_vnd, COALESCE(SUM(f.allocated_vnd), 0) AS allocated, "
                "COALESCE(SUM(f.allocated_vnd), 0) > w.capital_need_vnd AS over_need "
                "FROM infrastructure_infrastructurework w "
                "LEFT JOIN infrastructure_annualfunding f ON f.work_id = w.id "
                "WHERE w.zone_id = %s AND w.is_published GROUP BY w.id ORDER BY w.plan_period, w.code LIMIT 100",
                [zone.pk],
            )
            cursor.fetchall()

    repeat = 5 if size == "tiny" else 10
    return [
        Measurement(f"capital summary 2011–2025 over {n} works", timed(ours, repeat), timed(raw, repeat)),
        Measurement(f"first 100 works with totals of {n}", timed(ours_list, repeat), timed(raw_list, repeat)),
    ]
