"""Demo data: 74 illustrative projects of Cao Bằng's zone whose figures on 21/09/2020 are the article's.

On that day: 9 foreign-invested projects (USD 11 million and VND 618 billion registered, VND 200 billion
disbursed), 65 domestic (VND 12,373 billion registered, VND 500 billion disbursed); 33 operating,
35 implementing, 4 preparing and 2 suspended. Names, investors and codes are invented and marked
"(minh họa)"; certificates, milestones and disbursements run from 2008 to 2020, with some events after.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from django.db import transaction

from borderzone.access.actors import Actor
from borderzone.accounts.models import User
from borderzone.register import services
from borderzone.register.models import Investor, MilestoneKind, Project, Sector
from borderzone.register.selectors import add_months
from borderzone.zones.models import EconomicZone, GateArea

ARTICLE_DAY = dt.date(2020, 9, 21)
BILLION = Decimal(1_000_000_000)
GATE_AREAS = ["TRALINH", "TALUNG", "SOCGIANG", "LYVAN", "POPEO", "HALANG"]
USD_RATE = Decimal(23_200)

# Domestic projects are mostly warehouses and yards (the article's complaint); VSIC 2018 divisions.
KINDS = [
    ("52", "Kho bãi, dịch vụ logistics"),
    ("52", "Bãi tập kết hàng hóa xuất nhập khẩu"),
    ("46", "Trung tâm thương mại, bán buôn"),
    ("10", "Nhà máy chế biến nông sản"),
    ("55", "Khách sạn, dịch vụ lưu trú"),
    ("16", "Xưởng chế biến gỗ"),
    ("49", "Dịch vụ vận tải hàng hóa"),
    ("23", "Nhà máy vật liệu xây dựng"),
]
GATE_NAMES = {
    "TRALINH": "Trà Lĩnh",
    "TALUNG": "Tà Lùng",
    "SOCGIANG": "Sóc Giang",
    "LYVAN": "Lý Vạn",
    "POPEO": "Pò Peo",
    "HALANG": "Hạ Lang",
}


@dataclass
class Plan:
    index: int
    foreign: bool
    status: str  # on ARTICLE_DAY
    currency: str
    capital: Decimal  # in force on ARTICLE_DAY
    disbursed: Decimal = Decimal(0)  # VND up to ARTICLE_DAY
    late: bool = False
    extended: bool = False  # an adjustment after mid-2015 pushing the schedule > 24 months
    events_after: list[str] = field(default_factory=list)


def _split(total: Decimal, n: int, rng: random.Random, unit: Decimal) -> list[Decimal]:
    """`total` split into `n` positive whole multiples of `unit`, uneven like real registers."""
    weights = [rng.uniform(0.2, 3.0) ** 2 for _ in range(n)]
    scale = total / unit / Decimal(str(sum(weights)))
    parts = [max(Decimal(1), (Decimal(str(w)) * scale).quantize(Decimal(1))) for w in weights]
    parts[0] += total / unit - sum(parts)
    assert all(p > 0 for p in parts)  # noqa: S101 - a programming error in the fixed split
    return [p * unit for p in parts]


def plans() -> list[Plan]:
    """The 74 projects: deterministic, so that the figures and the tests never drift."""
    rng = random.Random(20200921)  # noqa: S311 - demo data, not security
    foreign_status = ["operating"] * 3 + ["implementing"] * 5 + ["preparing"]
    domestic_status = ["operating"] * 30 + ["implementing"] * 30 + ["preparing"] * 3 + ["suspended"] * 2
    usd = [Decimal(3_500_000), Decimal(2_500_000), Decimal(3_000_000), Decimal(2_000_000)]
    foreign_vnd = [Decimal(v) * BILLION for v in (150, 128, 120, 110, 110)]
    result: list[Plan] = []
    for i, status in enumerate(foreign_status):
        currency = "USD" if i < 4 else "VND"
        capital = usd[i] if i < 4 else foreign_vnd[i - 4]
        result.append(Plan(len(result), True, status, currency, capital))
    domestic_capital = _split(Decimal(12_373) * BILLION, 65, rng, BILLION)
    for i, status in enumerate(domestic_status):
        result.append(Plan(len(result), False, status, "VND", domestic_capital[i]))
    # Disbursed up to the article's day: foreign VND 200 billion over 6 projects, domestic 500 over 40.
    for plan, billions in zip([p for p in result if p.foreign][:6], (50, 40, 35, 30, 25, 20), strict=True):
        plan.disbursed = Decimal(billions) * BILLION
    domestic = [p for p in result if not p.foreign]
    for plan, amount in zip(domestic[:40], _split(Decimal(500) * BILLION, 40, rng, BILLION), strict=True):
        plan.disbursed = amount
    # Implementing projects behind schedule: every third one; some of those extended beyond 24 months.
    implementing = [p for p in result if p.status == "implementing"]
    for n, plan in enumerate(implementing):
        plan.late = n % 3 == 0
        plan.extended = n % 7 == 1
    for n, plan in enumerate(result):
        if plan.status == "implementing" and n % 4 == 0:
            plan.events_after.append("operating")
        if plan.status == "suspended" and not plan.events_after:
            plan.events_after.append("terminated")
    return result


def _sector(code: str) -> Sector | None:
    return Sector.objects.filter(version="2018", code=code).first()


def _investor(plan: Plan) -> services.InvestorData:
    if plan.foreign:
        name = f"Công ty TNHH Thương mại Quảng Tây số {plan.index + 1} (minh họa)"
        country, tax = ("CN", f"91450{plan.index:06d}") if plan.index % 4 else ("HK", f"HK{plan.index:07d}")
    else:
        name = f"Công ty Cổ phần Đầu tư Cao Bằng số {plan.index + 1} (minh họa)"
        country, tax = "VN", f"48{plan.index:08d}"
    return services.InvestorData(
        name=name, ownership="foreign" if plan.foreign else "domestic", country=country, tax_code=tax
    )


def _load_one(zone: EconomicZone, areas: dict[str, GateArea], plan: Plan, actor: Actor) -> None:
    i = plan.index
    code = f"43{i + 1:08d}"
    if Project.objects.filter(code=code).exists():
        return
    gate = GATE_AREAS[i % len(GATE_AREAS)]
    sector_code, kind = KINDS[i % len(KINDS)]
    # First issue: operating projects are older (2008–2016), implementing 2011–2019, preparing 2018–2020.
    if plan.status == "operating":
        first = dt.date(2008 + i % 9, 1 + i % 12, 1 + i % 27)
    elif plan.status == "preparing":
        first = dt.date(2018 + i % 2, 3 + i % 9, 5 + i % 20)
    else:
        first = dt.date(2011 + i % 9, 1 + i % 12, 2 + i % 26)
    if plan.late or plan.extended:
        first = dt.date(2013 + i % 3, 1 + i % 12, 3 + i % 25)
    on_schedule = plan.status == "implementing" and not (plan.late or plan.extended)
    if on_schedule:
        first = dt.date(2018 + i % 2, 4 + i % 8, 2 + i % 26)
    # Projects not started yet on the article's day were certified recently: their schedule lies ahead.
    base = first if plan.status != "preparing" else ARTICLE_DAY
    schedule: dict[str, dt.date] = {
        MilestoneKind.CAPITAL_CONTRIBUTION: add_months(base, 3),
        MilestoneKind.LAND_HANDOVER: add_months(base, 6),
        MilestoneKind.CONSTRUCTION_START: add_months(base, 9),
        MilestoneKind.CONSTRUCTION_COMPLETION: add_months(base, 30 if on_schedule else 24),
        MilestoneKind.OPERATION_START: add_months(base, 36 if on_schedule else 30),
    }
    # An adjustment before the article's day, when the capital changed or the schedule moved.
    adjust_on = add_months(first, 20)
    adjusted = plan.status != "preparing" and (i % 2 == 0 or plan.extended or plan.late) and adjust_on < ARTICLE_DAY
    if plan.extended:
        adjust_on = max(add_months(first, 28), dt.date(2016, 1, 15))
        adjusted = True
    first_capital = plan.capital if not adjusted else (plan.capital * Decimal("0.8")).quantize(Decimal(1))
    project = services.project_register(
        zone=zone,
        investors=[_investor(plan)],
        fields={
            "code": code,
            "name": f"{kind} {GATE_NAMES[gate]} số {i + 1} (minh họa)",
            "ownership": "foreign" if plan.foreign else "domestic",
            "gate_area": areas[gate],
            "sector": _sector(sector_code),
            "objectives": f"{kind} phục vụ hoạt động thương mại qua khu vực cửa khẩu {GATE_NAMES[gate]}.",
            "scale": "Dữ liệu minh họa.",
            "land_area_ha": Decimal(1 + i % 9) + Decimal(i % 4) / 4,
            "policy_approval": plan.extended or i % 5 == 0,
            "operating_term_years": 50,
            "published": i % 3 != 2,
            "issued_on": first,
            "certificate_no": f"{code}/GCN",
            "currency": plan.currency,
            "total_capital": first_capital,
            "vnd_rate": USD_RATE if plan.currency == "USD" else None,
            "rate_date": first if plan.currency == "USD" else None,
            "status": "preparing",
        },
        plans=schedule,
        is_demo=True,
        actor=actor,
    )
    if adjusted:
        if plan.extended:
            shift = 30  # beyond the 24 months the law allows over the first schedule
        elif plan.late:
            shift = 6
        else:
            shift = 12 if ARTICLE_DAY > add_months(first, 30) else 18
        moved: dict[str, dt.date] = {
            k: add_months(v, shift) for k, v in schedule.items() if k != MilestoneKind.CAPITAL_CONTRIBUTION
        }
        services.certificate_version_add(
            project=project,
            issued_on=adjust_on,
            total_capital=plan.capital,
            vnd_rate=USD_RATE if plan.currency == "USD" else None,
            rate_date=adjust_on if plan.currency == "USD" else None,
            certificate_no=f"{code}/GCN-ĐC1",
            changes="Điều chỉnh vốn đầu tư và tiến độ thực hiện (minh họa).",
            plans=moved,
            actor=actor,
        )
        schedule = {**schedule, **moved}

    # Status history and milestones actually reached.
    started = add_months(first, 4)
    if plan.status != "preparing":
        services.milestone_reached(
            project=project,
            kind=MilestoneKind.CAPITAL_CONTRIBUTION,
            reached_on=min(add_months(first, 3), ARTICLE_DAY),
            actor=actor,
        )
        services.milestone_reached(
            project=project, kind=MilestoneKind.LAND_HANDOVER, reached_on=min(started, ARTICLE_DAY), actor=actor
        )
        services.status_change_record(
            project=project,
            status="implementing",
            effective_on=min(started, ARTICLE_DAY),
            decision_no=f"{100 + i}/QĐ-BQL",
            reason="Bắt đầu triển khai (minh họa).",
            actor=actor,
        )
    if plan.status in ("operating", "implementing") and not plan.late:
        construction = min(add_months(first, 8), ARTICLE_DAY)
        if plan.status == "operating" or construction <= ARTICLE_DAY - dt.timedelta(days=30):
            services.milestone_reached(
                project=project, kind=MilestoneKind.CONSTRUCTION_START, reached_on=construction, actor=actor
            )
    if plan.status == "operating":
        opened = min(add_months(first, 26), ARTICLE_DAY - dt.timedelta(days=10))
        services.milestone_reached(
            project=project, kind=MilestoneKind.CONSTRUCTION_COMPLETION, reached_on=add_months(opened, -2), actor=actor
        )
        if i % 4:  # the others leave the date unknown: the status says it was reached
            services.milestone_reached(
                project=project, kind=MilestoneKind.OPERATION_START, reached_on=opened, actor=actor
            )
        services.status_change_record(
            project=project,
            status="operating",
            effective_on=opened,
            decision_no=f"{200 + i}/QĐ-BQL",
            reason="Đi vào hoạt động (minh họa).",
            actor=actor,
        )
    if plan.status == "suspended":
        services.status_change_record(
            project=project,
            status="suspended",
            effective_on=dt.date(2019, 11, 4 + i % 20),
            decision_no=f"{300 + i}/QĐ-BQL",
            reason="Nhà đầu tư đề nghị tạm ngừng (minh họa).",
            actor=actor,
        )
    # Disbursements: three records before the article's day.
    if plan.disbursed:
        thirds = [(plan.disbursed / 3).quantize(Decimal(1))] * 2
        thirds.append(plan.disbursed - sum(thirds))
        span = (ARTICLE_DAY - first).days
        for n, amount in enumerate(thirds):
            services.disbursement_record(
                project=project,
                paid_on=first + dt.timedelta(days=span * (n + 1) // 4),
                amount=amount,
                note="Vốn thực hiện (minh họa).",
                actor=actor,
            )
        # And after it, which the figures of 21/09/2020 must not count.
        services.disbursement_record(
            project=project,
            paid_on=dt.date(2021 + i % 3, 3, 15),
            amount=(plan.disbursed / 5).quantize(BILLION),
            note="Vốn thực hiện sau năm 2020 (minh họa).",
            actor=actor,
        )
    for event in plan.events_after:
        day = dt.date(2021 + i % 3, 6 + i % 6, 1 + i % 28)
        if event == "operating":
            services.status_change_record(
                project=project,
                status="operating",
                effective_on=day,
                reason="Đi vào hoạt động (minh họa).",
                actor=actor,
            )
        elif event == "terminated":
            services.status_change_record(
                project=project,
                status="terminated",
                effective_on=day,
                decision_no=f"{400 + i}/QĐ-UBND",
                reason="Chấm dứt hoạt động theo Điều 48 Luật Đầu tư (minh họa).",
                actor=actor,
            )
    if i % 10 == 3 and plan.status != "preparing":
        services.certificate_version_add(
            project=project,
            issued_on=dt.date(2022, 4, 1 + i % 28),
            total_capital=(plan.capital * Decimal("1.1")).quantize(Decimal(1)),
            vnd_rate=Decimal(23_500) if plan.currency == "USD" else None,
            certificate_no=f"{code}/GCN-ĐC2",
            changes="Tăng vốn đầu tư sau năm 2020 (minh họa).",
            actor=actor,
        )


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    zone = EconomicZone.objects.get(code="CB")
    areas = {a.code: a for a in GateArea.objects.filter(zone=zone, code__in=GATE_AREAS)}
    before = Project.objects.filter(zone=zone).count()
    for plan in plans():
        _load_one(zone, areas, plan, actor)
    demo_investor = User.objects.filter(username="nhadautu").first()
    first_investor = Investor.objects.filter(zone=zone, is_demo=True).order_by("name").first()
    if demo_investor and first_investor and not first_investor.users.filter(pk=demo_investor.pk).exists():
        services.investor_link_user(investor=first_investor, user=demo_investor, actor=actor)
    created = Project.objects.filter(zone=zone).count() - before
    out.write(f"Investment projects: {created} created (illustrative; figures of 21/09/2020 as in the article).\n")
    _load_deposits(zone, actor, out)


#: The commune of Trà Lĩnh, classified (illustratively) as an area with especially difficult conditions: first
#: through its former district, then on the per-commune list after districts ended on 01/07/2025.
DEPOSIT_COMMUNE = "01447"
AREA_HISTORY = [
    (
        dt.date(2021, 3, 26),
        "Minh họa: huyện Trùng Khánh (cũ) thuộc danh mục địa bàn có điều kiện KT-XH đặc biệt khó khăn "
        "(Phụ lục III Nghị định 31/2021/NĐ-CP; chưa đối chiếu)",
    ),
    (
        dt.date(2025, 7, 1),
        "Minh họa: danh mục theo xã sau khi bỏ cấp huyện (01/07/2025); văn bản phân loại chưa được xác nhận",
    ),
]


def _load_deposits(zone: EconomicZone, actor: Actor, out: TextIO) -> None:
    """The Trà Lĩnh gate area's projects placed in the commune, its dated classification, and a deposit paid,
    partly refunded and, for one project terminated, forfeited (safe to run again)."""
    from borderzone.register.models import AreaLevel, DepositEventKind

    commune = zone.communes.filter(code=DEPOSIT_COMMUNE).first()
    if commune is None:
        return
    for day, source in AREA_HISTORY:
        services.area_classification_set(
            commune=commune, level=AreaLevel.ESPECIALLY_DIFFICULT, valid_from=day, source=source, actor=actor
        )
    projects = list(
        Project.objects.filter(zone=zone, is_demo=True, gate_area__code="TRALINH", state_land=True).order_by("code")
    )
    for project in projects:
        if project.commune_id is None:
            services.project_update(project=project, commune=commune, actor=actor)
    recorded = 0
    for project in projects[:2]:
        if project.deposit_events.exists():
            continue
        first = project.versions.order_by("issued_on", "number").first()
        if first is None or first.total_capital_vnd is None:
            continue
        paid_on = add_months(first.issued_on, 1)
        amount = (first.total_capital_vnd * Decimal("0.015")).quantize(Decimal(1_000_000))
        services.deposit_event_record(
            project=project,
            kind=DepositEventKind.PAID,
            happened_on=paid_on,
            amount=amount,
            note="Ký quỹ bảo đảm thực hiện dự án (minh họa)",
            actor=actor,
        )
        services.deposit_event_record(
            project=project,
            kind=DepositEventKind.REFUNDED,
            happened_on=add_months(paid_on, 18),
            amount=(amount / 2).quantize(Decimal(1)),
            note="Hoàn trả 50% khi hoàn thành thủ tục giao đất, xây dựng (minh họa)",
            actor=actor,
        )
        recorded += 1
    out.write(f"Deposits: {recorded} projects given a deposit record, Trà Lĩnh classified.\n")
