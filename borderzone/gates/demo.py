"""Demo gates of Cao Bằng's zone (from zones/data/cao_bang_border_gates.csv), their status history and
facilities (dates from the brief and the gates CSV). Runs after zones.demo, which loads the zone and its areas."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TextIO

from django.db import transaction

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record
from borderzone.core.cache import bump_version
from borderzone.core.models import AuditAction
from borderzone.gates import services
from borderzone.gates.models import BorderGate, CapacityUnit, FacilityKind, FacilityStatus, GateType
from borderzone.zones.demo import GATE_AREAS, ZONE_CODE, _gate_rows
from borderzone.zones.models import Commune, EconomicZone, FunctionalArea, GateArea

# Gate id -> (code, type today, parent gate id)
GATES = {
    "VN-CB-TRALINH": ("TRALINH", GateType.INTERNATIONAL, None),
    "VN-CB-NADOONG": ("NADOONG", GateType.CROSSING, "VN-CB-TRALINH"),
    "VN-CB-TALUNG": ("TALUNG", GateType.INTERNATIONAL, None),
    "VN-CB-SOCGIANG": ("SOCGIANG", GateType.MAIN, None),
    "VN-CB-LYVAN": ("LYVAN", GateType.MAIN, None),
    "VN-CB-POPEO": ("POPEO", GateType.SECONDARY, None),
    "VN-CB-HALANG": ("HALANG", GateType.SECONDARY, None),
}

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
    rows = _gate_rows()
    names: dict[str, str] = {}
    for gate_id, (code, _type, _parent) in GATES.items():
        partner = rows.get(rows[gate_id]["partner_id"])
        if partner and partner["name_local"]:
            names[code] = partner["name_local"]
    return names


_OSM_ELEMENT = re.compile(r"\bOSM (node|way|relation) (\d+)")


def coordinate_source(row: dict[str, str]) -> str:
    """Where a gate's coordinates come from, as a reader can follow it in any language: OpenStreetMap's
    attribution and the element's address (the CSV keeps how it was identified, in `coord_method`)."""
    if not row["lat"]:
        return ""
    found = _OSM_ELEMENT.search(row["coord_method"])
    if found is None:
        return row["coord_method"]
    return f"OpenStreetMap (ODbL 1.0): openstreetmap.org/{found.group(1)}/{found.group(2)}"


def _gates_create(*, zone: EconomicZone, actor: Actor) -> int:
    """The demo gates of each gate area (from the gates CSV), skipping those already there."""
    gate_rows = _gate_rows()
    created = 0
    for _code, _name, _name_en, _district, gate_ids in GATE_AREAS:
        area = GateArea.objects.get(zone=zone, code=_code)
        for gate_id in gate_ids:
            row = gate_rows[gate_id]
            gate_code, gate_type, parent_id = GATES[gate_id]
            if BorderGate.objects.filter(code=gate_code).exists():
                continue
            commune = Commune.objects.filter(code=row["ward_code_2025"]).first() if row["ward_code_2025"] else None
            partner = gate_rows.get(row["partner_id"])
            gate = BorderGate(
                zone=zone,
                gate_area=area,
                code=gate_code,
                name=row["name_vi"],
                name_en=row["name_en"],
                gate_type=gate_type,
                parent=BorderGate.objects.get(code=GATES[parent_id][0]) if parent_id else None,
                partner_name=partner["name_vi"] if partner else "",
                commune=commune,
                latitude=Decimal(row["lat"]) if row["lat"] else None,
                longitude=Decimal(row["lon"]) if row["lon"] else None,
                coordinate_source=coordinate_source(row),
            )
            gate.full_clean()
            gate.save()
            audit_record(actor=actor, instance=gate, action=AuditAction.CREATED, note="demo data")
            created += 1
    return created


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    zone = EconomicZone.objects.filter(code=ZONE_CODE).first()
    if zone is None:
        out.write("Gates: no demo zone, nothing loaded.\n")
        return
    created_gates = _gates_create(zone=zone, actor=actor)
    gates = {g.code: g for g in BorderGate.objects.filter(zone=zone)}
    changes = facilities = 0
    for code, gate_type, since, basis in STATUS_HISTORY:
        gate = gates.get(code)
        if gate is None or gate.status_history.filter(since=since).exists():
            continue
        services.gate_status_record(gate=gate, gate_type=gate_type, since=since, legal_basis=basis, actor=actor)
        changes += 1
    for code, kind, name, status, area_ha, capacity, unit, year, fa_name in FACILITIES:
        gate = gates.get(code)
        if gate is None or gate.facilities.filter(name=name).exists():
            continue
        services.facility_create(
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
    # A demo loaded before kept the CSV's note on how the element was identified (with OSM tags) as the source.
    rows = {GATES[gate_id][0]: row for gate_id, row in _gate_rows().items() if gate_id in GATES}
    for gate in gates.values():
        row = rows.get(gate.code)
        if row is not None and row["lat"] and gate.coordinate_source == row["coord_method"] != coordinate_source(row):
            services.gate_update(gate=gate, actor=actor, coordinate_source=coordinate_source(row))
    partners = _partner_names_zh()
    for gate in gates.values():
        name_zh = partners.get(gate.code, "")
        if name_zh and not gate.partner_name_zh:
            services.gate_update(gate=gate, actor=actor, partner_name_zh=name_zh)
    bump_version(services.GATES_SCOPE)
    out.write(f"Gates: {created_gates} created, {changes} status changes and {facilities} facilities created.\n")
