"""The national dataset: every border-gate economic zone of the country in one install.

`--size national`: 44 zones of 10 gates (3 gate areas each), 100,074 projects (largest zone 9,997,
smallest 1,135), per project on average 2.7 certificate versions, 2.6 status changes, 10
disbursements, 13.5 milestone plans (5 per version) and 2.5 milestones reached; 40 years of monthly
trade per gate (211,200 rows), 3,000 legal documents and 2,200 news articles. `--size tiny` makes the
same shape with 3 zones and 300 projects, for CI.

Rows are written with COPY on PostgreSQL (multi-row inserts on SQLite), with the ids chosen here and the
sequences moved past them afterwards; the derived values the services keep (search keys, name keys, the
project-state intervals, the data versions) are filled by the same functions the services use. What a
generated register leaves out: audit rows (no figure reads them) and document files.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from borderzone.core.cache import bump_version
from borderzone.core.text import name_key, search_key
from borderzone.register.models import MILESTONE_ORDER, MilestoneKind, Project, ProjectState
from borderzone.register.states import rebuild_project_states
from borderzone.zones.models import EconomicZone, GateArea, Province

PREFIX = "NAT"
#: Set by `python -m bench --keep`: reuse an existing dataset of the size asked for, and leave it in place.
KEEP = False
KINDS = [MilestoneKind.CAPITAL_CONTRIBUTION.value, *(k.value for k in MILESTONE_ORDER)]
SCOPES = ("investments", "trade", "documents", "portal", "zones", "infrastructure", "planning")


@dataclass(frozen=True)
class Shape:
    zones: int
    projects: int
    largest: int
    smallest: int
    gates_per_zone: int
    trade_years: int
    documents: int
    articles: int


SHAPES = {
    "tiny": Shape(3, 300, 150, 50, 2, 2, 30, 20),
    # The largest zone of the national shape among 6 zones: per-zone figures at national size in minutes.
    "medium": Shape(6, 20_000, 9_997, 1_135, 4, 10, 300, 200),
    "national": Shape(44, 100_074, 9_997, 1_135, 10, 40, 3_000, 2_200),
}
FIRST_TRADE_YEAR = 1986
LAST_DAY = dt.date(2026, 11, 30)


def zone_sizes(shape: Shape) -> list[int]:
    """Zone sizes from the largest to the smallest, skewed as the country's are, summing to the total."""
    n = shape.zones
    mean = shape.projects / n
    # smallest + (largest - smallest) * x**p has the mean smallest + span / (p + 1) over x in [0, 1].
    p = (shape.largest - shape.smallest) / (mean - shape.smallest) - 1
    sizes = [round(shape.smallest + (shape.largest - shape.smallest) * ((n - 1 - i) / (n - 1)) ** p) for i in range(n)]
    # Scale the part above the smallest so that the sizes sum to the total, keeping both ends as given.
    middle = range(1, n - 1)
    above = sum(sizes[i] - shape.smallest for i in middle)
    wanted = shape.projects - shape.largest - shape.smallest * (n - 1)
    for i in middle:
        sizes[i] = shape.smallest + round((sizes[i] - shape.smallest) * wanted / above)
    gap = shape.projects - sum(sizes)
    i = 0
    while gap:  # the rounding left over, one project at a time on the largest of the middle zones
        step = 1 if gap > 0 else -1
        sizes[1 + i % 4] += step
        gap -= step
        i += 1
    return sizes


def _write(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY on PostgreSQL, multi-row INSERTs elsewhere; returns the number of rows."""
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == 5000:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
        return int(cursor.fetchone()[0])


def _reset_sequences(tables: Iterable[str]) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1)) FROM {table}"  # noqa: S608
            )


def national_zones() -> list[EconomicZone]:
    return list(EconomicZone.objects.filter(code__startswith=PREFIX).order_by("code"))


def exists(size: str) -> bool:
    """The dataset of this size is already there (for --keep)."""
    shape = SHAPES[size]
    zones = national_zones()
    return (
        len(zones) == shape.zones
        and Project.objects.filter(zone__in=zones).count() == shape.projects
        and ProjectState.objects.filter(zone__in=zones).exists()
    )


def delete() -> None:
    """Remove a national dataset with plain DELETEs (the ORM would load millions of rows first)."""
    zone_ids = [z.pk for z in national_zones()]
    if not zone_ids:
        return
    marks = ", ".join(["%s"] * len(zone_ids))
    projects = f"SELECT id FROM investments_project WHERE zone_id IN ({marks})"  # noqa: S608
    versions = f"SELECT id FROM investments_certificateversion WHERE project_id IN ({projects})"  # noqa: S608
    figures = (
        "SELECT f.id FROM trade_tradefigure f JOIN zones_bordergate g ON g.id = f.gate_id "  # noqa: S608
        f"WHERE g.zone_id IN ({marks})"
    )
    statements = [
        (f"DELETE FROM investments_projectstate WHERE zone_id IN ({marks})", 1),  # noqa: S608
        (f"DELETE FROM investments_milestoneplan WHERE version_id IN ({versions})", 1),  # noqa: S608
        *(
            (f"DELETE FROM investments_{t} WHERE project_id IN ({projects})", 1)  # noqa: S608
            for t in ("milestoneactual", "disbursement", "statuschange", "certificateversion", "projectinvestor")
        ),
        (f"DELETE FROM investments_project WHERE zone_id IN ({marks})", 1),  # noqa: S608
        (f"DELETE FROM investments_investor WHERE zone_id IN ({marks})", 1),  # noqa: S608
        (f"DELETE FROM trade_tradefigure WHERE id IN ({figures})", 1),  # noqa: S608
        (f"DELETE FROM zones_bordergate WHERE zone_id IN ({marks})", 1),  # noqa: S608
        (f"DELETE FROM zones_gatearea WHERE zone_id IN ({marks})", 1),  # noqa: S608
        (f"DELETE FROM documents_legaldocument WHERE zone_id IN ({marks})", 1),  # noqa: S608
        (f"DELETE FROM portal_article WHERE zone_id IN ({marks})", 1),  # noqa: S608
        (f"DELETE FROM zones_economiczone WHERE id IN ({marks})", 1),  # noqa: S608
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, _ in statements:
            cursor.execute(sql, zone_ids)
        if connection.vendor == "sqlite":
            from borderzone.documents.search import FTS_TABLE

            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid NOT IN (SELECT id FROM documents_legaldocument)")  # noqa: S608


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(0, max(1, (end - start).days)))


def _zones(shape: Shape) -> list[EconomicZone]:
    provinces = list(Province.objects.order_by("code")[: shape.zones])
    if not provinces:
        provinces = [Province.objects.create(code="04", name="Cao Bằng", full_name="Tỉnh Cao Bằng", unit_type="Tỉnh")]
    zones = []
    for i in range(shape.zones):
        zone = EconomicZone(
            code=f"{PREFIX}{i + 1:02d}",
            name=f"Khu kinh tế cửa khẩu quốc gia {i + 1:02d}",
            short_name=f"Khu KTCK {i + 1:02d}",
            province=provinces[i % len(provinces)],
        )
        zone.name_key = name_key(zone.name)
        zones.append(zone)
    EconomicZone.objects.bulk_create(zones)
    zones = national_zones()
    areas = [
        GateArea(zone=z, code=f"A{j}", name=f"Khu vực cửa khẩu {j} ({z.code})", name_key=name_key(f"kv {j} {z.code}"))
        for z in zones
        for j in range(1, 4)
    ]
    GateArea.objects.bulk_create(areas)
    return zones


def _trade(shape: Shape, zones: list[EconomicZone]) -> int:
    area_ids: dict[int, list[int]] = {}
    for zone_id, pk in GateArea.objects.filter(zone__in=zones).values_list("zone_id", "pk"):
        area_ids.setdefault(zone_id, []).append(pk)
    gate_rows = [
        (z.pk, area_ids[z.pk][g % 3], f"{z.code}G{g + 1:02d}", f"Cửa khẩu {z.code} {g + 1}", "", "", "main", "", "")
        for z in zones
        for g in range(shape.gates_per_zone)
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO zones_bordergate (zone_id, gate_area_id, code, name, name_en, name_zh, gate_type, "
            "partner_name, partner_name_zh, coordinate_source, name_key) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, '', %s)",
            [(*r, name_key(r[3])) for r in gate_rows],
        )
    months = shape.trade_years * 12
    first_year = FIRST_TRADE_YEAR + 40 - shape.trade_years
    marks = ", ".join(["%s"] * len(zones))
    postgres = connection.vendor == "postgresql"
    series = (
        f"generate_series(0, {months - 1}) AS s(m)"
        if postgres
        else f"(WITH RECURSIVE s(m) AS (SELECT 0 UNION ALL SELECT m + 1 FROM s WHERE m < {months - 1}) SELECT m FROM s) s"
    )
    month = (
        "make_date(%s + m / 12, m %% 12 + 1, 1)" if postgres else "printf('%%04d-%%02d-01', %s + m / 12, m %% 12 + 1)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO trade_tradefigure (gate_id, month, export_usd, import_usd, export_duty_vnd, import_duty_vnd,
                import_vat_vnd, other_revenue_vnd, yard_fee_vnd, status, source, revision, is_illustrative, updated_at)
            SELECT g.id, {month},
                1000 + ((g.id * 7919 + m * 104729) %% 100000), 800 + ((g.id * 104729 + m * 7919) %% 90000),
                0, 10000 + ((g.id + m) %% 5000), 50000 + ((g.id * 31 + m) %% 20000), 100, 0,
                'final', 'bench', 0, {"false" if postgres else "0"}, CURRENT_TIMESTAMP
            FROM zones_bordergate g CROSS JOIN {series}
            WHERE g.zone_id IN ({marks})
            """,  # noqa: S608
            [first_year, *[z.pk for z in zones]],
        )
        return int(cursor.rowcount)


STATUS_PATHS = [
    ["implementing", "operating"],
    ["implementing"],
    ["implementing", "operating", "suspended"],
    ["implementing", "suspended", "terminated"],
    ["implementing", "operating"],
    ["implementing"],
    [],
]


def _register(shape: Shape, zones: list[EconomicZone], rng: random.Random) -> dict[str, int]:
    sizes = zone_sizes(shape)
    areas: dict[int, list[int]] = {}
    for zone_id, pk in GateArea.objects.filter(zone__in=zones).values_list("zone_id", "pk"):
        areas.setdefault(zone_id, []).append(pk)
    ids = {
        t: _next_id(f"investments_{t}")
        for t in (
            "investor",
            "project",
            "projectinvestor",
            "certificateversion",
            "milestoneplan",
            "statuschange",
            "disbursement",
            "milestoneactual",
        )
    }
    now = timezone.now()
    investors: list[tuple[Any, ...]] = []
    projects: list[tuple[Any, ...]] = []
    shares: list[tuple[Any, ...]] = []
    versions: list[tuple[Any, ...]] = []
    plans: list[tuple[Any, ...]] = []
    statuses: list[tuple[Any, ...]] = []
    disbursements: list[tuple[Any, ...]] = []
    actuals: list[tuple[Any, ...]] = []
    code = 7_000_000_000
    for zone, size in zip(zones, sizes, strict=True):
        for _ in range(size):
            code += 1
            foreign = rng.random() < 0.12
            ownership = "foreign" if foreign else "domestic"
            investor_id, project_id = ids["investor"], ids["project"]
            ids["investor"] += 1
            ids["project"] += 1
            investor = f"Công ty {'TNHH' if foreign else 'CP'} Đầu tư {code}"
            investors.append(
                (investor_id, zone.pk, investor, ownership, "CN" if foreign else "VN", "", False, name_key(investor))
            )
            name = f"Dự án {['kho bãi', 'logistics', 'chế biến nông sản', 'khách sạn', 'trung tâm thương mại'][code % 5]} {code}"
            policy = rng.random() < 0.3
            projects.append(
                (
                    project_id,
                    zone.pk,
                    str(code),
                    name,
                    ownership,
                    rng.choice(areas[zone.pk]),
                    "",
                    "",
                    True,
                    policy,
                    code % 4 != 0,  # three in four published (no draw: the rest of the dataset stays the same)
                    False,
                    search_key(f"{code} {name}"),
                    now,
                    now,
                )
            )
            shares.append((ids["projectinvestor"], project_id, investor_id, Decimal(100)))
            ids["projectinvestor"] += 1
            first = _day(rng, dt.date(1995, 1, 1), dt.date(2025, 6, 30))
            usd = foreign and rng.random() < 0.6
            capital = Decimal(rng.randrange(1, 5000) * (10_000 if usd else 1_000_000_000))
            rate = Decimal(23000) if usd else Decimal(1)
            n_versions = rng.choices([1, 2, 3, 4, 5], weights=[25, 20, 25, 20, 10])[0]
            issued = first
            planned = {}
            base = first + dt.timedelta(days=rng.randrange(60, 400))
            for j, kind in enumerate(KINDS):
                planned[kind] = base + dt.timedelta(days=150 * j + rng.randrange(0, 120))
            for number in range(n_versions):
                if number:
                    issued = _day(rng, issued + dt.timedelta(days=30), min(LAST_DAY, issued + dt.timedelta(days=900)))
                    if issued > LAST_DAY:
                        break
                    capital = (capital * Decimal(rng.choice([1, 1, 1.2, 1.5]))).quantize(Decimal(1))
                    shift = dt.timedelta(days=rng.choice([0, 90, 200, 400, 800]))
                    planned = {k: d + shift for k, d in planned.items()}
                version_id = ids["certificateversion"]
                ids["certificateversion"] += 1
                versions.append(
                    (
                        version_id,
                        project_id,
                        number,
                        issued,
                        "",
                        "",
                        "USD" if usd else "VND",
                        capital,
                        None,
                        rate,
                        issued if usd else None,
                        (capital * rate).quantize(Decimal(1)),
                    )
                )
                for kind in KINDS:
                    plans.append((ids["milestoneplan"], version_id, kind, planned[kind]))
                    ids["milestoneplan"] += 1
            path = rng.choice(STATUS_PATHS)
            day = first
            statuses.append((ids["statuschange"], project_id, "preparing", first, "", ""))
            ids["statuschange"] += 1
            for status in path:
                day = _day(rng, day + dt.timedelta(days=30), day + dt.timedelta(days=1500))
                if day > LAST_DAY:
                    break
                statuses.append((ids["statuschange"], project_id, status, day, "", ""))
                ids["statuschange"] += 1
            for _ in range(10):
                paid = _day(rng, first, LAST_DAY)
                disbursements.append(
                    (
                        ids["disbursement"],
                        project_id,
                        paid,
                        "USD" if usd else "VND",
                        Decimal(rng.randrange(1, 200) * (1000 if usd else 100_000_000)),
                        "",
                    )
                )
                ids["disbursement"] += 1
            reached = 0 if rng.random() < 0.35 else rng.randrange(1, 6)
            previous = first
            for kind in KINDS[:reached]:
                day = max(previous, planned[kind] + dt.timedelta(days=rng.randrange(-60, 300)))
                if day > LAST_DAY:
                    break
                actuals.append((ids["milestoneactual"], project_id, kind, day))
                ids["milestoneactual"] += 1
                previous = day
    counts = {
        "investors": _write(
            "investments_investor",
            ["id", "zone_id", "name", "ownership", "country", "tax_code", "is_demo", "name_key"],
            investors,
        ),
        "projects": _write(
            "investments_project",
            [
                "id",
                "zone_id",
                "code",
                "name",
                "ownership",
                "gate_area_id",
                "objectives",
                "scale",
                "state_land",
                "policy_approval",
                "published",
                "is_demo",
                "search_text",
                "created_at",
                "updated_at",
            ],
            projects,
        ),
    }
    _write("investments_projectinvestor", ["id", "project_id", "investor_id", "share_percent"], shares)
    counts["certificate versions"] = _write(
        "investments_certificateversion",
        [
            "id",
            "project_id",
            "number",
            "issued_on",
            "certificate_no",
            "changes",
            "currency",
            "total_capital",
            "equity",
            "vnd_rate",
            "rate_date",
            "total_capital_vnd",
        ],
        versions,
    )
    counts["milestone plans"] = _write("investments_milestoneplan", ["id", "version_id", "kind", "planned_on"], plans)
    counts["status changes"] = _write(
        "investments_statuschange", ["id", "project_id", "status", "effective_on", "decision_no", "reason"], statuses
    )
    counts["disbursements"] = _write(
        "investments_disbursement", ["id", "project_id", "paid_on", "currency", "amount", "note"], disbursements
    )
    counts["milestones reached"] = _write(
        "investments_milestoneactual", ["id", "project_id", "kind", "reached_on"], actuals
    )
    _reset_sequences(f"investments_{t}" for t in ids)
    return counts


def _documents(shape: Shape, zones: list[EconomicZone], rng: random.Random) -> int:
    from borderzone.documents.models import LegalDocument
    from borderzone.documents.search import index_all

    topics = [
        ("Quyết định phê duyệt quy hoạch chung xây dựng khu kinh tế cửa khẩu", "Decision approving the master plan"),
        ("Thông báo thu hồi đất thực hiện dự án kho bãi logistics", "Notice of land recovery for a logistics project"),
        ("Nghị định quy định về quản lý cửa khẩu biên giới đất liền", "Decree on the management of land border gates"),
        ("Quyết định chấm dứt hoạt động dự án đầu tư chậm tiến độ", "Decision terminating a late investment project"),
        ("Thông tư hướng dẫn thủ tục hải quan tại cửa khẩu", "Circular on customs procedures at border gates"),
    ]
    documents = []
    for i in range(shape.documents):
        title, title_en = topics[i % len(topics)]
        zone = zones[i % len(zones)]
        issued = _day(rng, dt.date(2000, 1, 1), LAST_DAY)
        number = f"{i + 1}/QĐ-{zone.code}"
        document = LegalDocument(
            zone=zone,
            number=number,
            doc_type=["decision", "decree", "circular", "resolution", "directive"][i % 5],
            field=["investment", "planning", "land", "trade"][i % 4],
            issuer=f"Ban Quản lý {zone.short_name}",
            title=f"{title} số {i + 1}",
            title_en=f"{title_en} no. {i + 1}",
            title_zh=["边境口岸经济区总体规划", "物流项目土地回收通知", "陆地边境口岸管理规定"][i % 3],
            summary=f"Văn bản {number} của {zone.name} về {title.lower()}.",
            issued_on=issued,
            effective_on=issued,
            is_published=True,
            review_status="approved",
            published_at=timezone.now(),
        )
        document.number_key = search_key(number)
        source = " ".join(
            p for p in (document.number, document.title, document.title_en, document.summary, document.issuer) if p
        )
        document.search_source = source
        document.search_text = search_key(source)
        documents.append(document)
    created = LegalDocument.objects.bulk_create(documents, batch_size=1000)
    index_all()  # the stored search vectors (PostgreSQL) or the FTS5 tables (SQLite), as the services keep them
    return len(created)


def _articles(shape: Shape, zones: list[EconomicZone], rng: random.Random) -> int:
    from django.contrib.auth import get_user_model

    from borderzone.portal.models import Article, Category

    category, _ = Category.objects.get_or_create(slug="bench-news", defaults={"name": "Tin tức"})
    user_model = get_user_model()
    editor = user_model.objects.filter(username="bench-editor").first() or user_model.objects.create_user(
        username="bench-editor", password=None
    )
    articles = []
    for i in range(shape.articles):
        at = timezone.make_aware(dt.datetime.combine(_day(rng, dt.date(2015, 1, 1), LAST_DAY), dt.time(8)))
        articles.append(
            Article(
                zone=zones[i % len(zones)],
                category=category,
                slug=f"bench-national-{i + 1}",
                title=f"Hoạt động xuất nhập khẩu qua cửa khẩu tháng {i % 12 + 1} (bài {i + 1})",
                lead="Kim ngạch xuất nhập khẩu qua các cửa khẩu tăng so với cùng kỳ.",
                body="<p>" + "Nội dung bài viết về hoạt động thương mại biên giới. " * 40 + "</p>",
                author_name="Ban biên tập",
                created_by=editor,
                status="approved",
                approved_by=editor,
                approved_at=at,
                publish_at=at,
            )
        )
    return len(Article.objects.bulk_create(articles, batch_size=500))


def generate(size: str) -> dict[str, Any]:
    """Make the dataset (replacing an earlier one) and return what was made, with the seconds it took."""
    shape = SHAPES[size]
    rng = random.Random(20261205)  # noqa: S311 - generated benchmark data
    started = time.perf_counter()
    delete()
    with transaction.atomic():
        zones = _zones(shape)
        made: dict[str, Any] = {"zones": len(zones)}
        made.update(_register(shape, zones, rng))
        made["trade rows"] = _trade(shape, zones)
        made["legal documents"] = _documents(shape, zones, rng)
        made["news articles"] = _articles(shape, zones, rng)
    started_states = time.perf_counter()
    made["project states"] = rebuild_project_states()
    made["seconds for the states"] = round(time.perf_counter() - started_states, 1)
    with transaction.atomic():
        for scope in SCOPES:
            bump_version(scope)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    made["seconds"] = round(time.perf_counter() - started, 1)
    return made
