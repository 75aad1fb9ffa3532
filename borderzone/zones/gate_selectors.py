"""Reads on border gates: the gates with their status history, crossings and facilities."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from borderzone.zones.models import BorderGate, EconomicZone, GateFacility, GateStatusChange


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
