"""Investment register: importing generated projects (checked, audited, all-or-nothing) and the "as of"
summary over them, each against the raw database doing the same inserts and the same aggregate."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import connection, transaction

from bench.common import Measurement, timed
from borderzone.access.actors import command_actor
from borderzone.access.importing import no_progress
from borderzone.register.importing import REQUIRED, import_projects
from borderzone.register.models import Investor, Project
from borderzone.register.selectors import summary
from borderzone.zones.models import EconomicZone, GateArea, Province

SIZES = {"tiny": 300, "small": 10_000, "full": 100_000}
DAY = dt.date(2020, 9, 21)
STATUSES = ["preparing", "implementing", "operating", "suspended", "terminated"]


def _rows(n: int) -> list[list[str]]:
    rng = random.Random(n)  # noqa: S311 - generated benchmark data
    rows = []
    for i in range(n):
        foreign = rng.random() < 0.12
        usd = foreign and rng.random() < 0.5
        issued = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(0, 4700))
        rows.append(
            [
                f"9{i:09d}",
                f"Dự án thử {i}",
                f"Nhà đầu tư {i % (n // 3 + 1)}",
                "CN" if foreign else "VN",
                "foreign" if foreign else "domestic",
                ["TRALINH", "TALUNG"][i % 2],
                STATUSES[rng.randrange(0, 5)],
                issued.strftime("%d/%m/%Y"),
                "USD" if usd else "VND",
                str(rng.randrange(1, 5000) * (10_000 if usd else 1_000_000_000)),
                (issued + dt.timedelta(days=rng.randrange(300, 1500))).isoformat(),
                "23000" if usd else "",
            ]
        )
    return rows


def _csv(rows: list[list[str]]) -> bytes:
    lines = [",".join([*REQUIRED, "vnd_rate"])] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def _clean(zone: EconomicZone) -> None:
    with transaction.atomic():
        Project.objects.filter(zone=zone).delete()
        Investor.objects.filter(zone=zone).delete()


RAW_SUMMARY = """
WITH v AS (
  SELECT p.id, p.ownership,
    (SELECT cv.id FROM investments_certificateversion cv WHERE cv.project_id = p.id AND cv.issued_on <= %(day)s
     ORDER BY cv.issued_on DESC, cv.number DESC LIMIT 1) AS version_id,
    COALESCE((SELECT s.status FROM investments_statuschange s WHERE s.project_id = p.id AND s.effective_on <= %(day)s
     ORDER BY s.effective_on DESC, s.id DESC LIMIT 1), 'preparing') AS status
  FROM investments_project p WHERE p.zone_id = %(zone)s
)
SELECT v.ownership, v.status, cv.currency, COUNT(*), SUM(cv.total_capital),
  (SELECT COALESCE(SUM(d.amount), 0) FROM investments_disbursement d JOIN v v2 ON v2.id = d.project_id
   WHERE d.paid_on <= %(day)s AND v2.version_id IS NOT NULL AND v2.ownership = v.ownership),
  (SELECT COUNT(*) FROM investments_milestoneplan mp WHERE mp.planned_on < %(day)s)
FROM v JOIN investments_certificateversion cv ON cv.id = v.version_id
GROUP BY v.ownership, v.status, cv.currency
"""


def _raw_insert(zone: EconomicZone, rows: list[list[str]]) -> None:
    now = dt.datetime.now(dt.UTC)
    with transaction.atomic(), connection.cursor() as cursor:
        investors: set[str] = set()
        for row in rows:
            if row[2] not in investors:
                cursor.execute(
                    "INSERT INTO investments_investor (zone_id, name, ownership, country, tax_code, is_demo, name_key) "
                    "VALUES (%s, %s, %s, %s, '', false, %s)",
                    [zone.pk, row[2], row[4], row[3], row[2].lower()],
                )
                investors.add(row[2])
        area_ids = dict(GateArea.objects.filter(zone=zone).values_list("code", "pk"))
        for row in rows:
            cursor.execute(
                "INSERT INTO investments_project (zone_id, code, name, ownership, gate_area_id, objectives, scale, "
                "state_land, policy_approval, published, is_demo, search_text, created_at, updated_at) "
                "VALUES (%s, %s, %s, %s, %s, '', '', true, false, false, false, %s, %s, %s)",
                [zone.pk, row[0], row[1], row[4], area_ids[row[5]], row[1].lower(), now, now],
            )
        ids = dict(Project.objects.filter(zone=zone).values_list("code", "pk"))
        cursor.executemany(
            "INSERT INTO investments_certificateversion (project_id, number, issued_on, certificate_no, changes, "
            "currency, total_capital, vnd_rate, total_capital_vnd) VALUES (%s, 0, %s, '', '', %s, %s, %s, %s)",
            [
                [
                    ids[r[0]],
                    dt.datetime.strptime(r[7], "%d/%m/%Y").date(),  # noqa: DTZ007
                    r[8],
                    Decimal(r[9]),
                    Decimal(r[11] or 1),
                    Decimal(r[9]) * Decimal(r[11] or 1),
                ]
                for r in rows
            ],
        )
        cursor.executemany(
            "INSERT INTO investments_statuschange (project_id, status, effective_on, decision_no, reason) "
            "VALUES (%s, %s, %s, '', '')",
            [[ids[r[0]], r[6], dt.datetime.strptime(r[7], "%d/%m/%Y").date()] for r in rows],  # noqa: DTZ007
        )


def run(size: str) -> list[Measurement]:
    n = SIZES[size]
    province, _ = Province.objects.get_or_create(
        code="04", defaults={"name": "Cao Bằng", "full_name": "Tỉnh Cao Bằng", "unit_type": "Tỉnh"}
    )
    zone, _ = EconomicZone.objects.get_or_create(code="BENCHINV", defaults={"name": "Bench zone", "province": province})
    for code, name in (("TRALINH", "Trà Lĩnh"), ("TALUNG", "Tà Lùng")):
        GateArea.objects.get_or_create(zone=zone, code=code, defaults={"name": name})
    actor = command_actor("bench")
    rows = _rows(n)
    data = _csv(rows)
    _clean(zone)

    def ours_import() -> None:
        report = import_projects(data=data, actor=actor, zone=zone, dry_run=False, progress=no_progress, options={})
        if not report.ok or report.created != n:
            raise RuntimeError(f"import failed: {report.errors[:3]}")

    def raw_import() -> None:
        _raw_insert(zone, rows)

    import_ours = timed(ours_import, 1)
    _clean(zone)
    import_raw = timed(raw_import, 1)
    _clean(zone)
    ours_import()

    def ours_summary() -> None:
        summary(DAY, zone)

    def raw_summary() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW_SUMMARY, {"day": DAY, "zone": zone.pk})
            cursor.fetchall()

    measurements = [
        Measurement(f"import {n} projects (checked, audited)", import_ours, import_raw),
        Measurement(f"summary as of a date over {n} projects", timed(ours_summary, 3), timed(raw_summary, 3)),
    ]
    _clean(zone)
    return measurements
