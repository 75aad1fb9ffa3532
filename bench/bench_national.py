"""National scale: the register, the dashboard, the lists and the export over the national dataset
(bench/national.py), each against the best reference written for the same answer.

References: hand-written SQL over the project-state intervals with its indexes (JIT off on PostgreSQL,
EXPLAIN ANALYZE checked by hand), computing every figure ours does, late and flagged included, with the
legal rules turned into SQL from the rule rows; a bare Django view returning the same bytes for HTTP;
COPY for the bulk export. Figures of the register are compared with ours and a difference is reported
as a failure. `--size national` (PostgreSQL) or `--size tiny` (CI, any database); `--keep` reuses the
dataset."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.db.models import Count
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import national
from bench.bench_trade import RAW_TOTALS, RAW_YEARLY
from bench.common import Measurement, ReferenceGap, percentile, timed
from borderzone.access.exporting import write_export
from borderzone.register import selectors
from borderzone.register.exporting import export_rows_queryset, joined_to_states, project_table
from borderzone.register.models import IMPLIED_BY_STATUS, LegalRule, Project, RuleCondition
from borderzone.register.setwise import rules_in_force
from borderzone.register.states import KINDS as KINDS_IN_ORDER
from borderzone.reports.dashboard import CombinedQuery, DashboardQuery, _compute, compute_combined
from borderzone.zones.models import EconomicZone

SIZES = {"tiny": 3, "medium": 5, "national": 5}  # repeats per measurement
DAY = dt.date(2025, 6, 30)
FROM_YEAR, TO_YEAR = 2015, 2024


def _add_months_sql(column: str, months: int) -> str:
    """`column` plus `months` calendar months, the day clamped to the end of a shorter month."""
    if connection.vendor == "postgresql":  # PostgreSQL's interval arithmetic clamps
        return f"({column} + make_interval(months => {int(months)}))::date"
    return (  # SQLite rolls over into the next month: the earlier of that and the target month's last day
        f"MIN(date({column}, '+{int(months)} months'), "
        f"date({column}, 'start of month', '+{int(months) + 1} months', '-1 day'))"
    )


def _plus_days_between(column: str, earlier: str, later: str) -> str:
    if connection.vendor == "postgresql":
        return f"({column} + ({later} - {earlier}))"
    return f"date(julianday({column}) + julianday({later}) - julianday({earlier}))"


def _reached(kind: str) -> str:
    return f"(s.reached_{kind} IS NOT NULL AND s.reached_{kind} <= %(day)s)"


def _not_implied(kind: str) -> str:
    implied = [status for status, kinds in IMPLIED_BY_STATUS.items() if kind in kinds]
    return f" AND s.status NOT IN ({', '.join(repr(str(x)) for x in implied)})" if implied else ""


def _late_kind(kind: str) -> str:
    return f"(s.plan_{kind} < %(day)s AND NOT {_reached(kind)}{_not_implied(kind)})"


def _late_count_sql() -> str:
    return "(" + " + ".join(f"(CASE WHEN {_late_kind(k)} THEN 1 ELSE 0 END)" for k in KINDS_IN_ORDER) + ")"


def _rule_sql(rule: LegalRule) -> str:
    """One legal rule row as a condition on a state row covering the day (termination left to the caller)."""
    applies = ["TRUE" if connection.vendor == "postgresql" else "1"]
    if rule.policy_approved_only:
        applies.append("s.policy_approval")
    first = "(SELECT MIN(f.valid_from) FROM investments_projectstate f WHERE f.project_id = s.project_id)"
    if rule.certificates_issued_before is not None:
        applies.append(f"{first} < '{rule.certificates_issued_before.isoformat()}'")
    if rule.certificates_issued_from is not None:
        applies.append(f"{first} >= '{rule.certificates_issued_from.isoformat()}'")
    if rule.condition == RuleCondition.OVERDUE:
        condition = " OR ".join(
            f"({_late_kind(k)} AND {_add_months_sql(f's.plan_{k}', rule.months)} < %(day)s)" for k in KINDS_IN_ORDER
        )
    elif rule.condition == RuleCondition.EXTENSION_BEYOND_FIRST:
        condition = " OR ".join(
            f"(s.plan_{k} IS NOT NULL AND NOT {_reached(k)} AND s.first_{k} IS NOT NULL AND s.plan_{k} > "
            f"{_add_months_sql(f's.first_{k}', rule.months)})"
            for k in KINDS_IN_ORDER
        )
    elif rule.condition == RuleCondition.LAND_UNUSED:
        condition = (
            f"{_reached('land_handover')} AND {_add_months_sql('s.reached_land_handover', rule.months)} < %(day)s"
            f" AND NOT {_reached('construction_start')}{_not_implied('construction_start')}"
        )
    elif rule.condition == RuleCondition.LAND_BEHIND:
        # Late handover by the State: the land-use schedule counts from the day the land was handed over.
        late_handover = (
            f"{_reached('land_handover')} AND s.plan_land_handover IS NOT NULL"
            " AND s.reached_land_handover > s.plan_land_handover"
        )
        parts = []
        for k in ("construction_start", "construction_completion"):
            due = f"s.plan_{k}"
            if rule.counts_from_handover:
                moved = _plus_days_between(due, "s.plan_land_handover", "s.reached_land_handover")
                due = f"(CASE WHEN {late_handover} THEN {moved} ELSE s.plan_{k} END)"
            parts.append(
                f"(s.plan_{k} IS NOT NULL AND NOT {_reached(k)}{_not_implied(k)}"
                f" AND {_add_months_sql(due, rule.months)} < %(day)s)"
            )
        condition = " OR ".join(parts)
    else:  # a condition this reference does not know: say so rather than count wrong
        raise ReferenceGap(f"the hand-written SQL has no translation of the rule condition {rule.condition!r}")
    return f"({' AND '.join(applies)} AND ({condition}))"


def _rules_in_force(day: dt.date) -> list[LegalRule]:
    """The rule rows in force on `day` (valid_from <= day < valid_to), read by hand."""
    return [
        r for r in LegalRule.objects.order_by("pk") if r.valid_from <= day and (r.valid_to is None or day < r.valid_to)
    ]


def _flag_count_sql(day: dt.date) -> str:
    """How many rules in force on `day` flag the state's project (the rules are data: one term a row)."""
    terms = [f"(CASE WHEN {_rule_sql(r)} THEN 1 ELSE 0 END)" for r in _rules_in_force(day)]
    return "(" + " + ".join(terms) + ")" if terms else "0"


def _state_filter(zone_ids: list[int] | None) -> str:
    zones = "" if zone_ids is None else f"s.zone_id IN ({', '.join(str(int(z)) for z in zone_ids)}) AND "
    return f"{zones}s.valid_from <= %(day)s AND s.valid_to > %(day)s"


def reference_register(zone_ids: list[int] | None, day: dt.date, *, by_zone: bool = False) -> dict[str, Any]:
    """The register's figures on `day` by hand-written SQL over the state intervals; with `by_zone`, the
    figures of each zone (`zones`: zone id -> figures) and the list of all zones chosen from each zone's
    own first ten (the all-zones board's order: most flags, most late milestones, zone code, project code)."""
    if by_zone:
        return _reference_register_by_zone(zone_ids, day)
    where = _state_filter(zone_ids)
    figures: dict[str, Any] = {
        "by_status": {},
        "projects": {"foreign": 0, "domestic": 0},
        "registered": {},
        "registered_vnd": {"foreign": Decimal(0), "domestic": Decimal(0)},
        "disbursed": {},
        "late": 0,
        "flagged": 0,
        "late_flagged": 0,
    }
    null_int, null_num = "CAST(NULL AS BIGINT)", "CAST(NULL AS NUMERIC)"
    # One statement: each state row's late milestones and flags computed once (MATERIALIZED), then the
    # figures, the disbursed sums and the dashboard's list (most flags, then most late milestones) read it.
    sql = f"""
        WITH w AS MATERIALIZED (
            SELECT s.project_id, s.status, s.ownership, s.currency, s.total_capital, s.total_capital_vnd,
                CASE WHEN s.status = 'terminated' THEN 0 ELSE {_late_count_sql()} END AS n_late,
                CASE WHEN s.status = 'terminated' THEN 0 ELSE {_flag_count_sql(day)} END AS n_flags
            FROM investments_projectstate s WHERE {where}
        )
        SELECT 0, w.status, w.ownership, w.currency, COUNT(*), SUM(w.total_capital), SUM(w.total_capital_vnd),
            SUM(CASE WHEN w.n_late > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN w.n_flags > 0 THEN 1 ELSE 0 END),
            SUM(CASE WHEN w.n_late > 0 AND w.n_flags > 0 THEN 1 ELSE 0 END), {null_int}
        FROM w GROUP BY w.status, w.ownership, w.currency
        UNION ALL
        SELECT 1, NULL, w.ownership, d.currency, NULL, SUM(d.amount), NULL, NULL, NULL, NULL, NULL
        FROM w JOIN investments_disbursement d ON d.project_id = w.project_id
        WHERE w.status <> 'terminated' AND d.paid_on <= %(day)s GROUP BY w.ownership, d.currency
        UNION ALL
        SELECT * FROM (
            SELECT 2, NULL, NULL, NULL, {null_int}, {null_num}, {null_num}, {null_int}, {null_int}, {null_int},
                w.project_id
            FROM w JOIN investments_project p ON p.id = w.project_id WHERE w.n_flags > 0 OR w.n_late > 0
            ORDER BY w.n_flags DESC, w.n_late DESC, w.project_id LIMIT 10
        ) worst
    """  # noqa: S608
    figures["worst"] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, {"day": day})
        rows = cursor.fetchall()
    for part, status, ownership, currency, n, capital, capital_vnd, n_late, n_flagged, n_both, project in rows:
        if part == 1:
            figures["disbursed"][(ownership, currency)] = Decimal(capital)
            continue
        if part == 2:
            figures["worst"].append(project)
            continue
        figures["by_status"][status] = figures["by_status"].get(status, 0) + n
        if status == "terminated":
            continue
        figures["projects"][ownership] += n
        key = (ownership, currency)
        figures["registered"][key] = figures["registered"].get(key, Decimal(0)) + Decimal(capital)
        figures["registered_vnd"][ownership] += Decimal(capital_vnd)
        figures["late"] += int(n_late)
        figures["flagged"] += int(n_flagged)
        figures["late_flagged"] += int(n_both)
    return figures


def _empty_figures() -> dict[str, Any]:
    return {
        "by_status": {},
        "projects": {"foreign": 0, "domestic": 0},
        "registered": {},
        "registered_vnd": {"foreign": Decimal(0), "domestic": Decimal(0)},
        "disbursed": {},
        "late": 0,
        "flagged": 0,
        "late_flagged": 0,
    }


def _reference_register_by_zone(zone_ids: list[int] | None, day: dt.date) -> dict[str, Any]:
    """`reference_register` grouped by zone in one statement. The disbursements (a million rows) are joined
    to the state rows read again rather than to the materialised ones, so that PostgreSQL may join them in
    parallel workers (it does not scan a CTE in parallel)."""
    where = _state_filter(zone_ids)
    null_int, null_num = "CAST(NULL AS BIGINT)", "CAST(NULL AS NUMERIC)"
    sql = f"""
        WITH w AS MATERIALIZED (
            SELECT s.zone_id, s.project_id, s.status, s.ownership, s.currency, s.total_capital, s.total_capital_vnd,
                CASE WHEN s.status = 'terminated' THEN 0 ELSE {_late_count_sql()} END AS n_late,
                CASE WHEN s.status = 'terminated' THEN 0 ELSE {_flag_count_sql(day)} END AS n_flags
            FROM investments_projectstate s WHERE {where}
        )
        SELECT 0, w.zone_id, w.status, w.ownership, w.currency, COUNT(*), SUM(w.total_capital),
            SUM(w.total_capital_vnd), SUM(CASE WHEN w.n_late > 0 THEN 1 ELSE 0 END),
            SUM(CASE WHEN w.n_flags > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN w.n_late > 0 AND w.n_flags > 0 THEN 1 ELSE 0 END),
            {null_int}, {null_int}, {null_int}, CAST(NULL AS VARCHAR(20))
        FROM w GROUP BY w.zone_id, w.status, w.ownership, w.currency
        UNION ALL
        SELECT 1, s.zone_id, NULL, s.ownership, d.currency, NULL, SUM(d.amount), NULL, NULL, NULL, NULL, NULL, NULL,
            NULL, NULL
        FROM investments_projectstate s JOIN investments_disbursement d ON d.project_id = s.project_id
        WHERE {where} AND s.status <> 'terminated' AND d.paid_on <= %(day)s GROUP BY s.zone_id, s.ownership, d.currency
        UNION ALL
        SELECT 2, r.zone_id, NULL, NULL, NULL, {null_int}, {null_num}, {null_num}, {null_int}, {null_int}, {null_int},
            r.n_flags, r.n_late, r.project_id, p.code
        FROM (
            SELECT w.zone_id, w.project_id, w.n_flags, w.n_late,
                ROW_NUMBER() OVER (PARTITION BY w.zone_id ORDER BY w.n_flags DESC, w.n_late DESC, w.project_id) AS k
            FROM w WHERE w.n_flags > 0 OR w.n_late > 0
        ) r JOIN investments_project p ON p.id = r.project_id
        WHERE r.k <= 10
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, {"day": day})
        rows = cursor.fetchall()
    codes = dict(EconomicZone.objects.values_list("pk", "code"))
    zones: dict[int, dict[str, Any]] = {}
    listed = []
    for part, zone_id, status, ownership, currency, n, capital, capital_vnd, n_late, n_flagged, n_both, *rest in rows:
        figures = zones.setdefault(zone_id, _empty_figures())
        if part == 1:
            figures["disbursed"][(ownership, currency)] = Decimal(capital)
            continue
        if part == 2:
            flags, late, project, code = rest
            listed.append((-flags, -late, codes[zone_id], code, project))
            continue
        figures["by_status"][status] = figures["by_status"].get(status, 0) + n
        if status == "terminated":
            continue
        figures["projects"][ownership] += n
        key = (ownership, currency)
        figures["registered"][key] = figures["registered"].get(key, Decimal(0)) + Decimal(capital)
        figures["registered_vnd"][ownership] += Decimal(capital_vnd)
        figures["late"] += int(n_late)
        figures["flagged"] += int(n_flagged)
        figures["late_flagged"] += int(n_both)
    return {"zones": zones, "worst": [row[-1] for row in sorted(listed)[:10]]}


def _reference_others_by_zone(zone_ids: list[int], day: dt.date) -> None:
    """The trade totals and years, the infrastructure need and the overdue goals of these zones, each in one
    statement grouped by zone."""
    ids = ", ".join(str(int(z)) for z in zone_ids)
    start, end = dt.date(FROM_YEAR, 1, 1), dt.date(TO_YEAR, 12, 1)
    year_sql = (
        "EXTRACT(YEAR FROM f.month)"
        if connection.vendor == "postgresql"
        else "CAST(strftime('%%Y', f.month) AS INTEGER)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT g.zone_id, {year_sql} AS y, SUM(f.export_usd + f.import_usd), SUM(f.export_duty_vnd
                + f.import_duty_vnd + f.import_vat_vnd + f.other_revenue_vnd), SUM(f.export_usd), SUM(f.import_usd),
                COUNT(*), COUNT(DISTINCT f.month), COUNT(DISTINCT f.gate_id)
            FROM trade_tradefigure f JOIN zones_bordergate g ON g.id = f.gate_id
            WHERE g.zone_id IN ({ids}) AND f.month >= %s AND f.month <= %s GROUP BY 1, 2 ORDER BY 1, 2""",  # noqa: S608
            [start, end],
        )
        cursor.fetchall()
        cursor.execute(
            f"SELECT w.zone_id, COALESCE(SUM(w.capital_need_vnd), 0) FROM infrastructure_infrastructurework w "  # noqa: S608
            f"WHERE w.zone_id IN ({ids}) GROUP BY 1"
        )
        cursor.fetchall()
        cursor.execute(
            f"SELECT g.zone_id, COUNT(*) FROM planning_goal g WHERE g.zone_id IN ({ids}) AND g.target_date < %s "  # noqa: S608
            "AND g.status <> 'cancelled' GROUP BY 1",
            [day],
        )
        cursor.fetchall()


def _reference_dashboard_all(zone_ids: list[int], day: dt.date) -> None:
    """The dashboard of all these zones: the register grouped by zone, the rest grouped by zone."""
    reference_register(zone_ids, day, by_zone=True)
    _reference_others_by_zone(zone_ids, day)


def ours_register(summary: dict[str, Any]) -> dict[str, Any]:
    """Our summary in the reference's shape, to compare them."""
    return {
        "by_status": {k: v for k, v in summary["by_status"].items() if v},
        "projects": {"foreign": summary["projects"]["foreign"], "domestic": summary["projects"]["domestic"]},
        "registered": {
            (o, c): Decimal(v)
            for o, block in summary["registered_capital"].items()
            for c, v in block.items()
            if Decimal(v)
        },
        "registered_vnd": {
            o: Decimal(summary["registered_capital_vnd_equivalent"][o]) for o in ("foreign", "domestic")
        },
        "disbursed": {
            (o, c): Decimal(v)
            for o, block in summary["disbursed_capital"].items()
            for c, v in block.items()
            if Decimal(v)
        },
        "late": summary["late"],
        "flagged": summary["flagged"],
        "late_flagged": summary["late_flagged"],
    }


def _reference_dashboard(zone_ids: list[int], day: dt.date) -> None:
    """Register (reference above), trade totals and years, infrastructure and goals of these zones."""
    reference_register(zone_ids, day)
    start, end = dt.date(FROM_YEAR, 1, 1), dt.date(TO_YEAR, 12, 1)
    year_sql = (
        "EXTRACT(YEAR FROM f.month)"
        if connection.vendor == "postgresql"
        else "CAST(strftime('%%Y', f.month) AS INTEGER)"
    )
    with connection.cursor() as cursor:
        for zone_id in zone_ids:
            cursor.execute(RAW_TOTALS, [zone_id, start, end])
            cursor.fetchall()
            cursor.execute(RAW_YEARLY.format(year=year_sql), [zone_id, start, end])
            cursor.fetchall()
            cursor.execute(
                "SELECT COALESCE(SUM(w.capital_need_vnd), 0) FROM infrastructure_infrastructurework w WHERE w.zone_id = %s",
                [zone_id],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT COUNT(*) FROM planning_goal g WHERE g.zone_id = %s AND g.target_date < %s "
                "AND g.status <> 'cancelled'",
                [zone_id, day],
            )
            cursor.fetchall()


def _times(seconds: list[float]) -> str:
    return "p50 " + f"{percentile(seconds, 50) * 1000:,.0f} ms (" + ", ".join(f"{x * 1000:,.0f}" for x in seconds) + ")"


def _load() -> str:
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def _jit_off() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")


def _http(client: Client, url: str) -> Callable[[], bytes]:
    def get() -> bytes:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return response.getvalue()

    return get


def _queries(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def _admin_client() -> Client:
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    admin = user_model.objects.filter(username="bench-admin").first()
    if admin is None:
        admin = user_model.objects.create_user(username="bench-admin", password=None, role="admin")
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    return client


def run(size: str) -> list[Measurement]:
    repeat = SIZES[size]
    if not (national.KEEP and national.exists(size)):
        made = national.generate(size)
        print("  dataset: " + ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in made.items()))
    else:
        print("  dataset: kept from an earlier run (--keep)")
    try:
        return _measure(size, repeat)
    finally:
        if not national.KEEP:
            national.delete()


def _measure(size: str, repeat: int) -> list[Measurement]:
    from django.test.utils import override_settings

    with override_settings(ROOT_URLCONF="bench.urls"):
        return _measure_all(size, repeat)


def _measure_all(size: str, repeat: int) -> list[Measurement]:
    _jit_off()
    zones = national.national_zones()
    sizes = dict(Project.objects.filter(zone__in=zones).values_list("zone_id").annotate(n=Count("pk")))
    largest = max(zones, key=lambda z: sizes.get(z.pk, 0))
    smallest = min(zones, key=lambda z: sizes.get(z.pk, 0))
    print(
        f"  largest zone {largest.code}: {sizes[largest.pk]:,} projects; smallest {smallest.code}: {sizes[smallest.pk]:,}"
    )
    results: list[Measurement] = []
    failures: list[str] = []

    from borderzone.register import selectors

    # The register as of a day: ours against the reference, and the same answer.
    ours = ours_register(selectors.summary(DAY, largest))
    reference = reference_register([largest.pk], DAY)
    reference_worst = reference.pop("worst")
    if ours != reference:
        failures.append(f"register of {largest.code} differs: ours {ours} reference {reference}")
    else:
        print(
            f"  figures equal to the reference: {ours['late']:,} late, {ours['flagged']:,} flagged, "
            f"{ours['late_flagged']:,} both, of {sum(ours['projects'].values()):,} projects"
        )
    ours_worst = [a.pk for a in selectors.summary_and_attention(DAY, largest, limit=10)[1]]
    if ours_worst != reference_worst:
        failures.append(f"dashboard list of {largest.code} differs: ours {ours_worst} reference {reference_worst}")
    results.append(
        Measurement(
            f"register summary as of a day, largest zone ({sizes[largest.pk]:,})",
            timed(lambda: selectors.summary(DAY, largest), repeat),
            timed(lambda: reference_register([largest.pk], DAY), repeat),
        )
    )

    # The dashboard computed afresh (no cache), largest zone and all zones.
    def fresh(zone: EconomicZone) -> Callable[[], object]:
        return lambda: _compute(
            DashboardQuery(zone=zone, gate_area=None, as_of=DAY, from_year=FROM_YEAR, to_year=TO_YEAR)
        )

    results.append(
        Measurement(
            "dashboard afresh, largest zone",
            timed(fresh(largest), repeat),
            timed(lambda: _reference_dashboard([largest.pk], DAY), repeat),
        )
    )
    all_ids = [z.pk for z in zones]
    combined = CombinedQuery(zones=tuple(zones), as_of=DAY, from_year=FROM_YEAR, to_year=TO_YEAR)

    # Every zone's register figures and the list of all zones, ours (grouped by zone) against the reference.
    ours_by_zone, ours_listed = selectors.summaries_by_zone(DAY, zones, limit=10)
    reference_all = reference_register(all_ids, DAY, by_zone=True)
    differing = [
        z.code for z in zones if ours_register(ours_by_zone[z.pk]) != reference_all["zones"].get(z.pk, _empty_figures())
    ]
    if differing:
        failures.append(f"register figures grouped by zone differ from the reference for {', '.join(differing)}")
    if [a.pk for _, a in ours_listed] != reference_all["worst"]:
        failures.append(
            f"all-zones list differs: ours {[a.pk for _, a in ours_listed]} reference {reference_all['worst']}"
        )
    if not differing:
        print(f"  figures of all {len(zones)} zones equal to the reference (grouped by zone), and the all-zones list")

    results.append(
        Measurement(
            f"dashboard afresh, all {len(zones)} zones (grouped by zone)",
            timed(lambda: compute_combined(combined), repeat),
            timed(lambda: _reference_dashboard_all(all_ids, DAY), repeat),
        )
    )
    for m in results:  # said at once: the lists and the export below take minutes, and may fail
        print(f"  {m.name}: ours {_times(m.ours_s)}, reference {_times(m.raw_s)}, load {_load()}")

    # Lists (server time through Django's test client) against a bare view sending the same bytes.
    client = _admin_client()
    for label, url in (
        ("staff register list", "/en/staff/investments/?zone={zone}&as_of=" + DAY.isoformat()),
        ("API project list", "/api/v1/investments/projects?zone={zone}&as_of=" + DAY.isoformat() + "&page_size=50"),
    ):
        for page in (1, 100):
            for zone in (largest, smallest):
                page_url = url.format(zone=zone.code) + f"&page={page}"
                get = _http(client, page_url)
                try:
                    body = get()
                except RuntimeError as exc:
                    failures.append(str(exc))
                    continue
                n = _queries(get)
                results.append(
                    Measurement(
                        f"{label} p{page} {zone.code} ({n} queries)",
                        timed(get, repeat),
                        timed(_bare(client, body), repeat),
                    )
                )

    # The CSV export of the largest zone as the worker writes it (above EXPORT_INLINE_MAX_ROWS the page
    # answers with a background job), against COPY of the export's own statement (every column, late and
    # flagged included, one query over all the rows).
    admin = get_user_model()(username="bench-admin", role="admin")
    export_params = {"zone": [largest.code], "as_of": [DAY.isoformat()]}
    results.append(
        Measurement(
            f"CSV export of the largest zone ({sizes[largest.pk]:,} rows)",
            timed(lambda: _export_file(admin, export_params), 1),
            timed(lambda: _copy_statement(admin, largest.code), 1),
        )
    )
    for m in results:
        p95 = percentile(m.ours_s, 95)
        print(
            f"  {m.name}: p50 {m.ours_p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, reference {m.raw_p50 * 1000:.1f} ms"
        )
    if failures:
        raise RuntimeError("; ".join(failures))
    reset_queries()
    return results


BARE_BODIES: dict[int, bytes] = {}


def bare_view(request: Any, n: int) -> HttpResponse:
    """The HTTP reference: a Django view that only returns bytes (through the same middleware)."""
    return HttpResponse(BARE_BODIES[n], content_type="text/html; charset=utf-8")


def _bare(client: Client, body: bytes) -> Callable[[], object]:
    n = len(BARE_BODIES)
    BARE_BODIES[n] = body
    return _http(client, f"/bench-bare/{n}")


def _export_file(user: Any, params: dict[str, list[str]]) -> int:
    """The register export written into a file as the background job writes it; returns its size."""
    with tempfile.TemporaryFile() as sink:
        write_export(project_table(user, params), "csv", sink)
        return sink.tell()


def _copy_statement(user: Any, zone: str) -> int:
    """The export's statement over every row of `zone` through COPY (one query, no Python per row)."""
    listed, _ = selectors.project_list(user, selectors.ListFilters(as_of=DAY, zone=zone), with_evaluations=False)
    sql, params = export_rows_queryset(joined_to_states(listed), DAY, rules_in_force(DAY)).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return len(cursor.fetchall())
        inner = cursor.mogrify(sql, params)
        inner = inner.decode() if isinstance(inner, bytes) else inner
        size = 0
        with cursor.cursor.copy(f"COPY ({inner}) TO STDOUT WITH CSV HEADER") as copy:
            for chunk in copy:
                size += len(chunk)
        return size
