"""Trade summary over monthly figures: selectors (ORM aggregates) against the raw SQL aggregate.

Figures are generated in the database (generate_series on PostgreSQL, a recursive CTE on SQLite) for
many gates over decades: full is about 10 million rows, meant for PostgreSQL via BENCH_DATABASE_URL."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction

from bench.common import Measurement, timed
from borderzone.gates.models import BorderGate
from borderzone.trade import selectors
from borderzone.zones.models import EconomicZone, Province

# (gates, first year, years): full = 20,834 gates × 40 years × 12 months ≈ 10.0 million figures
SIZES = {"tiny": (20, 2015, 2), "small": (400, 2000, 20), "full": (20_834, 1986, 40)}
ZONE_CODE = "BENCH-TRADE"


def _generate(zone: EconomicZone, gates: int, first_year: int, years: int) -> None:
    """Gates and their monthly figures made by the database itself (generate_series / recursive CTE)."""
    months = years * 12
    postgres = connection.vendor == "postgresql"
    series_gates = (
        f"SELECT g FROM generate_series(1, {gates}) AS g"
        if postgres
        else f"WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {gates}) SELECT g FROM s"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO zones_bordergate (zone_id, code, name, name_en, name_zh, gate_type, partner_name, "
            "partner_name_zh, coordinate_source, name_key) "
            f"SELECT %s, 'BT' || g, 'Bench gate ' || g, '', '', 'main', '', '', '', 'bench gate ' || g "
            f"FROM ({series_gates}) AS q",
            [zone.pk],
        )
        if postgres:
            cursor.execute(
                """
                INSERT INTO trade_tradefigure (gate_id, month, export_usd, import_usd, export_duty_vnd, import_duty_vnd,
                    import_vat_vnd, other_revenue_vnd, yard_fee_vnd, status, source, revision, is_illustrative, updated_at)
                SELECT g.id, make_date(%s + m / 12, m %% 12 + 1, 1),
                    1000 + ((g.id * 7919 + m * 104729) %% 100000), 800 + ((g.id * 104729 + m * 7919) %% 90000),
                    0, 10000 + ((g.id + m) %% 5000), 50000 + ((g.id * 31 + m) %% 20000), 100, 0,
                    'final', 'bench', 0, false, now()
                FROM zones_bordergate g CROSS JOIN generate_series(0, %s - 1) AS m
                WHERE g.zone_id = %s
                """,
                [first_year, months, zone.pk],
            )
            cursor.execute("ANALYZE trade_tradefigure")
        else:
            cursor.execute(
                f"""
                WITH RECURSIVE s(m) AS (SELECT 0 UNION ALL SELECT m + 1 FROM s WHERE m < {months - 1})
                INSERT INTO trade_tradefigure (gate_id, month, export_usd, import_usd, export_duty_vnd, import_duty_vnd,
                    import_vat_vnd, other_revenue_vnd, yard_fee_vnd, status, source, revision, is_illustrative, updated_at)
                SELECT g.id, printf('%%04d-%%02d-01', %s + m / 12, m %% 12 + 1),
                    1000 + ((g.id * 7919 + m * 104729) %% 100000), 800 + ((g.id * 104729 + m * 7919) %% 90000),
                    0, 10000 + ((g.id + m) %% 5000), 50000 + ((g.id * 31 + m) %% 20000), 100, 0,
                    'final', 'bench', 0, 0, CURRENT_TIMESTAMP
                FROM zones_bordergate g CROSS JOIN s
                WHERE g.zone_id = %s
                """,
                [first_year, zone.pk],
            )


def delete_zone_trade(zone: EconomicZone) -> None:
    """Remove a zone's figures and gates with plain DELETEs: the ORM would load ten million rows first."""
    figures = "SELECT f.id FROM trade_tradefigure f JOIN zones_bordergate g ON g.id = f.gate_id WHERE g.zone_id = %s"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM trade_commodityfigure WHERE figure_id IN ({figures})", [zone.pk])
        cursor.execute(f"DELETE FROM trade_tradefigurerevision WHERE figure_id IN ({figures})", [zone.pk])
        cursor.execute(f"DELETE FROM trade_tradefigure WHERE id IN ({figures})", [zone.pk])
    BorderGate.objects.filter(zone=zone).delete()


RAW_TOTALS = """
SELECT COALESCE(SUM(f.export_usd + f.import_usd), 0), COALESCE(SUM(f.export_duty_vnd + f.import_duty_vnd
    + f.import_vat_vnd + f.other_revenue_vnd), 0), COALESCE(SUM(f.export_usd), 0), COALESCE(SUM(f.import_usd), 0)
FROM trade_tradefigure f JOIN zones_bordergate g ON g.id = f.gate_id
WHERE g.zone_id = %s AND f.month >= %s AND f.month <= %s
"""
RAW_YEARLY = """
SELECT {year} AS y, SUM(f.export_usd + f.import_usd), SUM(f.export_duty_vnd + f.import_duty_vnd + f.import_vat_vnd
    + f.other_revenue_vnd), COUNT(*), COUNT(DISTINCT f.month)
FROM trade_tradefigure f JOIN zones_bordergate g ON g.id = f.gate_id
WHERE g.zone_id = %s AND f.month >= %s AND f.month <= %s GROUP BY 1 ORDER BY 1
"""


def run(size: str) -> list[Measurement]:
    gates, first_year, years = SIZES[size]
    province, _ = Province.objects.get_or_create(
        code="04", defaults={"name": "Cao Bằng", "full_name": "Tỉnh Cao Bằng", "unit_type": "Tỉnh"}
    )
    zone, _ = EconomicZone.objects.get_or_create(code=ZONE_CODE, defaults={"name": "Bench trade", "province": province})
    expected = gates * years * 12
    have = selectors.figures(zone=zone).count()
    if have != expected:
        delete_zone_trade(zone)
        _generate(zone, gates, first_year, years)
    start, end = dt.date(first_year, 1, 1), dt.date(first_year + years - 1, 12, 1)
    prev_start, prev_end = dt.date(first_year - 1, 1, 1), dt.date(first_year + years - 2, 12, 1)
    year_sql = (
        "EXTRACT(YEAR FROM f.month)"
        if connection.vendor == "postgresql"
        else "CAST(strftime('%%Y', f.month) AS INTEGER)"
    )
    repeat = 3 if size != "full" else 2

    def ours_totals() -> None:
        selectors.totals(selectors.figures(zone=zone, start=start, end=end))

    def raw_totals() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW_TOTALS, [zone.pk, start, end])
            cursor.fetchall()

    def ours_summary() -> None:
        selectors.summary(zone=zone, start=start, end=end)

    def raw_summary() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW_TOTALS, [zone.pk, start, end])
            cursor.fetchall()
            cursor.execute(RAW_TOTALS, [zone.pk, prev_start, prev_end])
            cursor.fetchall()
            cursor.execute(RAW_YEARLY.format(year=year_sql), [zone.pk, start, end])
            cursor.fetchall()

    rows = f"{expected:,} figures"
    return [
        Measurement(f"totals over {rows}", timed(ours_totals, repeat), timed(raw_totals, repeat)),
        Measurement(
            f"summary (totals, year before, years) over {rows}", timed(ours_summary, repeat), timed(raw_summary, repeat)
        ),
    ]
