"""Demo status history and facilities of Cao Bằng's gates (dates from the brief and the gates CSV)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TextIO

from borderzone.core.actors import Actor
from borderzone.zones import gate_services
from borderzone.zones.models import (
    BorderGate,
    CapacityUnit,
    EconomicZone,
    FacilityKind,
    FacilityStatus,
    FunctionalArea,
    GateType,
)

# gate code, type, since, decided by
STATUS_HISTORY = [
    ("TRALINH", GateType.INTERNATIONAL, dt.date(2023, 12, 28), "Công bố nâng cấp cặp cửa khẩu Trà Lĩnh – Long Bang"),
    (
        "NADOONG",
        GateType.CROSSING,
        dt.date(2023, 12, 28),
        "Mở lối thông quan Nà Đoỏng – Nà Ráy cùng cặp Trà Lĩnh – Long Bang",
    ),
    ("LYVAN", GateType.MAIN, dt.date(2025, 2, 27), "Công bố mở cặp cửa khẩu song phương Lý Vạn – Thạc Long"),
    ("TALUNG", GateType.INTERNATIONAL, dt.date(2025, 9, 12), "Công bố cửa khẩu quốc tế Tà Lùng – Thủy Khẩu"),
]

# gate code, kind, name, status, area ha, capacity, unit, by year, functional area name
FACILITIES = [
    (
        "TRALINH",
        FacilityKind.ICD,
        "Cảng cạn ICD Trà Lĩnh",
        FacilityStatus.PLANNED,
        Decimal(5),
        Decimal(50000),
        CapacityUnit.TEU_YEAR,
        2030,
        "Cảng cạn ICD Trà Lĩnh",
    ),
    (
        "TRALINH",
        FacilityKind.GOODS_TRANSIT,
        "Khu trung chuyển hàng nông lâm thủy sản Trà Lĩnh",
        FacilityStatus.UNDER_CONSTRUCTION,
        None,
        None,
        "",
        None,
        "Khu trung chuyển hàng nông lâm thủy sản Trà Lĩnh",
    ),
    (
        "TRALINH",
        FacilityKind.GOODS_TRANSIT,
        "Khu trung chuyển hàng hóa Hùng Quốc",
        FacilityStatus.PLANNED,
        Decimal(100),
        None,
        "",
        None,
        "Khu trung chuyển hàng hóa Hùng Quốc",
    ),
]


def _partner_names_zh() -> dict[str, str]:
    """Gate code -> the Chinese name of its partner gate, from the gates CSV."""
    from borderzone.zones.demo import GATES, _gate_rows

    rows = _gate_rows()
    names: dict[str, str] = {}
    for gate_id, (code, _type, _parent) in GATES.items():
        partner = rows.get(rows[gate_id]["partner_id"])
        if partner and partner["name_local"]:
            names[code] = partner["name_local"]
    return names


def load(*, zone: EconomicZone, actor: Actor, out: TextIO) -> None:
    gates = {g.code: g for g in BorderGate.objects.filter(zone=zone)}
    changes = facilities = 0
    for code, gate_type, since, basis in STATUS_HISTORY:
        gate = gates.get(code)
        if gate is None or gate.status_history.filter(since=since).exists():
            continue
        gate_services.gate_status_record(gate=gate, gate_type=gate_type, since=since, legal_basis=basis, actor=actor)
        changes += 1
    for code, kind, name, status, area_ha, capacity, unit, year, fa_name in FACILITIES:
        gate = gates.get(code)
        if gate is None or gate.facilities.filter(name=name).exists():
            continue
        gate_services.facility_create(
            gate=gate,
            actor=actor,
            kind=kind,
            name=name,
            status=status,
            area_ha=area_ha,
            capacity=capacity,
            capacity_unit=unit,
            capacity_year=year,
            functional_area=FunctionalArea.objects.filter(zone=zone, name=fa_name).first(),
        )
        facilities += 1
    partners = _partner_names_zh()
    for gate in gates.values():
        name_zh = partners.get(gate.code, "")
        if name_zh and not gate.partner_name_zh:
            gate_services.gate_update(gate=gate, actor=actor, partner_name_zh=name_zh)
    out.write(f"Gates: {changes} status changes and {facilities} facilities created.\n")
