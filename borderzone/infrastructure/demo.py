"""Demo infrastructure works of Cao Bằng whose figures reproduce the article: 2010–2020 need about
VND 1,230 billion, allocated VND 859.4 billion (close to 70 %). Names and splits are illustrative."""

from __future__ import annotations

from decimal import Decimal
from typing import TextIO

from django.db import transaction

from borderzone.access.actors import Actor
from borderzone.access.demo_data import demo_zone, missing
from borderzone.infrastructure import services
from borderzone.infrastructure.models import FundingSource, InfrastructureWork, WorkStatus
from borderzone.zones.models import GateArea

ZONE_CODE = "CB"
BILLION = Decimal(10) ** 9
OWNER = "Ban Quản lý Khu kinh tế tỉnh Cao Bằng"

# code, name, English name, kind, gate area, period, need (bn), medium-term (bn), allocated (bn), status, progress %
WORKS = [
    (
        "CB-HT-01",
        "Đường vào cửa khẩu Trà Lĩnh",
        "Road to the Tra Linh gate",
        "road",
        "TRALINH",
        "2011-2015",
        "210",
        "190",
        "175",
        WorkStatus.COMPLETION,
        100,
    ),
    (
        "CB-HT-02",
        "Bãi kiểm hóa cửa khẩu Tà Lùng",
        "Ta Lung gate inspection yard",
        "yard",
        "TALUNG",
        "2011-2015",
        "165",
        "140",
        "130",
        WorkStatus.COMPLETION,
        100,
    ),
    (
        "CB-HT-03",
        "Hạ tầng kỹ thuật khu cửa khẩu Sóc Giang",
        "Soc Giang gate area utilities and roads",
        "gate_facility",
        "SOCGIANG",
        "2011-2015",
        "120",
        "90",
        "82.4",
        WorkStatus.COMPLETION,
        100,
    ),
    (
        "CB-HT-04",
        "Đường kết nối cửa khẩu Pò Peo",
        "Road to the Po Peo gate",
        "road",
        "POPEO",
        "2011-2015",
        "85",
        "65",
        "60",
        WorkStatus.COMPLETION,
        100,
    ),
    (
        "CB-HT-05",
        "Hạ tầng khu trung chuyển hàng hóa nông lâm thủy sản Trà Lĩnh",
        "Tra Linh agro-forestry-fishery transit area infrastructure",
        "yard",
        "TRALINH",
        "2016-2020",
        "240",
        "170",
        "150",
        WorkStatus.IMPLEMENTATION,
        80,
    ),
    (
        "CB-HT-06",
        "Đường vào cửa khẩu Lý Vạn",
        "Road to the Ly Van gate",
        "road",
        "LYVAN",
        "2016-2020",
        "180",
        "135",
        "122",
        WorkStatus.COMPLETION,
        100,
    ),
    (
        "CB-HT-07",
        "Nhà kiểm soát liên hợp cửa khẩu Tà Lùng",
        "Ta Lung gate joint control building",
        "gate_facility",
        "TALUNG",
        "2016-2020",
        "150",
        "100",
        "95",
        WorkStatus.COMPLETION,
        100,
    ),
    (
        "CB-HT-08",
        "Cấp điện, cấp nước khu cửa khẩu Trà Lĩnh",
        "Power and water supply of the Tra Linh gate area",
        "utilities",
        "TRALINH",
        "2016-2020",
        "80",
        "50",
        "45",
        WorkStatus.COMPLETION,
        100,
    ),
    (
        "CB-HT-09",
        "Cảng cạn ICD Trà Lĩnh, giai đoạn 1",
        "Tra Linh ICD dry port, phase 1",
        "icd",
        "TRALINH",
        "2021-2025",
        "320",
        "200",
        "150",
        WorkStatus.IMPLEMENTATION,
        35,
    ),
    (
        "CB-HT-10",
        "Đường kết nối cửa khẩu Lý Vạn – thác Bản Giốc",
        "Road from the Ly Van gate to Ban Gioc waterfall",
        "road",
        "LYVAN",
        "2021-2025",
        "260",
        "180",
        "160",
        WorkStatus.IMPLEMENTATION,
        60,
    ),
    (
        "CB-HT-11",
        "Mở rộng bãi xe chờ xuất khẩu cửa khẩu Tà Lùng",
        "Extension of the Ta Lung export truck yard",
        "yard",
        "TALUNG",
        "2021-2025",
        "45",
        "48",
        "48",
        WorkStatus.COMPLETION,
        100,
    ),
    (
        "CB-HT-12",
        "Hạ tầng Khu hợp tác kinh tế qua biên giới Trà Lĩnh – Long Bang",
        "Tra Linh – Long Bang cross-border economic cooperation zone infrastructure",
        "gate_facility",
        "TRALINH",
        "2026-2030",
        "1500",
        "0",
        "0",
        WorkStatus.IDENTIFICATION,
        0,
    ),
]


def _split(total: Decimal, years: list[int]) -> list[tuple[int, Decimal]]:
    """Spread an amount over years in whole millions, the last year taking the remainder."""
    if not total:
        return []
    share = (total / len(years)).quantize(Decimal(10) ** 6)
    parts = [(y, share) for y in years[:-1]]
    parts.append((years[-1], total - share * (len(years) - 1)))
    return parts


def _years(period: str) -> list[int]:
    start, end = (int(y) for y in period.split("-"))
    first = start - 1 if start == 2011 else start  # the article's span starts in 2010
    return list(range(first, end + 1))


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    zone = demo_zone(ZONE_CODE, out, "Infrastructure: no zone CB, nothing loaded.\n")
    if zone is None:
        return
    areas = {a.code: a for a in GateArea.objects.filter(zone=zone)}
    created = records = 0
    works = missing(WORKS, InfrastructureWork.objects.filter(zone=zone), "code")
    for code, name, name_en, kind, area, period, need, medium, allocated, status, progress in works:
        work = services.work_create(
            zone=zone,
            actor=actor,
            code=code,
            name=name,
            name_en=name_en,
            kind=kind,
            gate_area=areas.get(area),
            location=f"Khu vực cửa khẩu {areas[area].name}, tỉnh Cao Bằng" if area in areas else "Tỉnh Cao Bằng",
            owner=OWNER,
            plan_period=period,
            capital_need_vnd=Decimal(need) * BILLION,
            medium_term_allocation_vnd=Decimal(medium) * BILLION,
            status=status,
            physical_progress_percent=progress,
            description="Công trình minh họa (dữ liệu demo); tổng số liệu khớp với bài viết năm 2020.",
        )
        created += 1
        total = Decimal(allocated) * BILLION
        for year, amount in _split(total, _years(period)):
            central = (amount * Decimal("0.6")).quantize(Decimal(10) ** 6)
            for source, part in ((FundingSource.CENTRAL, central), (FundingSource.PROVINCIAL, amount - central)):
                disbursed = (part * Decimal("0.95")).quantize(Decimal(10) ** 6)
                confirmed = disbursed if year < 2025 else (disbursed * Decimal("0.9")).quantize(Decimal(10) ** 6)
                services.funding_record(
                    work=work,
                    actor=actor,
                    year=year,
                    source=source,
                    allocated_vnd=part,
                    disbursed_vnd=disbursed,
                    treasury_confirmed_vnd=confirmed,
                )
                records += 1
    out.write(f"Infrastructure: {created} works and {records} annual funding records created.\n")
