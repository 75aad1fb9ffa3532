"""Reads on border gates: the gates with their status history, crossings and facilities."""

from __future__ import annotations

import re

from django.db.models import Prefetch, QuerySet

from borderzone.core.text import name_key
from borderzone.gates.models import BorderGate, GateFacility, GateStatusChange
from borderzone.zones.models import EconomicZone, GateArea


def gate_list(zone: EconomicZone | None = None) -> QuerySet[BorderGate]:
    """Gates with everything a list or card shows, in a fixed number of queries."""
    qs = BorderGate.objects.select_related("zone", "zone__province", "gate_area", "commune", "parent").prefetch_related(
        Prefetch("status_history", queryset=GateStatusChange.objects.order_by("since")),
        Prefetch("facilities", queryset=GateFacility.objects.select_related("functional_area")),
        Prefetch("crossings", queryset=BorderGate.objects.order_by("name")),
    )
    if zone is not None:
        qs = qs.filter(zone=zone)
    return qs.order_by("zone__code", "gate_area__sort_order", "parent_id", "name")


_BRACKETED = re.compile(r"\([^)]*\)")


def gate_area_match(zone: EconomicZone, text: str) -> GateArea | None:
    """The zone's gate area named or coded `text`, ignoring accents, case and "cửa khẩu" / "quốc tế"."""
    key = name_key(text)
    if not key:
        return None
    areas = list(GateArea.objects.filter(zone=zone))
    for area in areas:
        if area.name_key == key or name_key(area.code) == key:
            return area
    # "Hạ Lang" for "Hạ Lang (Bí Hà)": the name without its bracketed part, when only one area has it.
    bare = [a for a in areas if name_key(_BRACKETED.sub(" ", a.name)) == key]
    if len(bare) == 1:
        return bare[0]
    # "Cửa khẩu quốc tế Trà Lĩnh" names the gate; find the area the gate anchors.
    gate = gate_match(zone, text)
    return gate.gate_area if gate else None


def gate_match(zone: EconomicZone | None, text: str) -> BorderGate | None:
    """The gate named or coded `text`, matched as gate areas are."""
    key = name_key(text)
    if not key:
        return None
    gates = BorderGate.objects.select_related("gate_area")
    if zone is not None:
        gates = gates.filter(zone=zone)
    found = gates.filter(name_key=key).first()
    if found:
        return found
    for gate in gates:
        if name_key(gate.code) == key or (gate.name_en and name_key(gate.name_en.replace("border gate", "")) == key):
            return gate
    return None
