"""Gate endpoints of the zones API: public reads of the gates, staff writes through the gate services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.security import django_auth

from borderzone.access import versions
from borderzone.access.actors import request_actor
from borderzone.access.permissions import get_changeable_or_404
from borderzone.gates import selectors, services
from borderzone.gates.models import BorderGate, CapacityUnit, FacilityKind, FacilityStatus, GateType

router = Router(tags=["gates"])


class StatusOut(Schema):
    gate_type: GateType
    since: dt.date
    legal_basis: str


class FacilityOut(Schema):
    kind: FacilityKind
    name: str
    status: FacilityStatus
    area_ha: Decimal | None
    capacity: Decimal | None
    capacity_unit: str
    capacity_year: int | None


class GatePublicOut(Schema):
    zone: str
    code: str
    name: str
    name_en: str
    name_zh: str
    gate_type: GateType
    gate_area: str | None
    belongs_to: str | None = Field(..., description="Code of the gate a crossing or opening belongs to")
    partner_name: str
    partner_name_zh: str
    commune: str | None
    latitude: Decimal | None
    longitude: Decimal | None
    status_history: list[StatusOut]
    crossings: list[str]
    facilities: list[FacilityOut]


class GatePatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    name_en: str | None = Field(None, max_length=200)
    name_zh: str | None = Field(None, max_length=200)
    partner_name: str | None = Field(None, max_length=200)
    partner_name_zh: str | None = Field(None, max_length=200)
    latitude: Decimal | None = Field(None, max_digits=8, decimal_places=5)
    longitude: Decimal | None = Field(None, max_digits=8, decimal_places=5)
    coordinate_source: str | None = Field(None, max_length=500)


class StatusIn(Schema):
    gate_type: GateType
    since: dt.date
    legal_basis: str = Field("", max_length=300)
    note: str = Field("", max_length=500)


class FacilityIn(Schema):
    kind: FacilityKind
    name: str = Field(..., min_length=1, max_length=200)
    status: FacilityStatus = FacilityStatus.PLANNED
    area_ha: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    capacity: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    capacity_unit: CapacityUnit | None = None
    capacity_year: int | None = Field(None, ge=2000, le=2100)
    description: str = ""


def gate_out(gate: BorderGate) -> dict[str, Any]:
    return {
        "zone": gate.zone.code,
        "code": gate.code,
        "name": gate.name,
        "name_en": gate.name_en,
        "name_zh": gate.name_zh,
        "gate_type": gate.gate_type,
        "gate_area": gate.gate_area.code if gate.gate_area else None,
        "belongs_to": gate.parent.code if gate.parent else None,
        "partner_name": gate.partner_name,
        "partner_name_zh": gate.partner_name_zh,
        "commune": gate.commune.code if gate.commune else None,
        "latitude": gate.latitude,
        "longitude": gate.longitude,
        "status_history": list(gate.status_history.all()),
        "crossings": [c.code for c in gate.crossings.all()],
        "facilities": list(gate.facilities.all()),
    }


@router.get("/gates", response=list[GatePublicOut], auth=None, summary="Border gates with their status history")
def list_gates(
    request: HttpRequest, zone: str | None = None, gate_type: GateType | None = None
) -> list[dict[str, Any]]:
    qs = selectors.gate_list()
    if zone:
        qs = qs.filter(zone__code=zone)
    if gate_type:
        qs = qs.filter(gate_type=gate_type)
    return [gate_out(g) for g in qs]


@router.get("/gates/{gate_code}", response=GatePublicOut, auth=None, summary="One border gate")
def get_gate(request: HttpRequest, response: HttpResponse, gate_code: str) -> dict[str, Any]:
    """One gate; its `ETag` is the gate's current version, for `If-Match` on a change."""
    gate = get_object_or_404(selectors.gate_list(), code=gate_code)
    versions.set_etag(response, services.GATES.version(gate))
    return gate_out(gate)


@router.patch("/gates/{gate_code}", response=GatePublicOut, auth=django_auth, summary="Change a gate's facts")
def update_gate(request: HttpRequest, response: HttpResponse, gate_code: str, payload: GatePatch) -> dict[str, Any]:
    """An optional `If-Match` names the version (the `ETag` read) the change starts from; 412 when stale."""
    gate = get_changeable_or_404(request.user, BorderGate.objects.select_related("zone__province"), code=gate_code)
    services.gate_update(
        gate=gate,
        actor=request_actor(request, "api"),
        expected_version=versions.if_match(request),
        **payload.dict(exclude_unset=True),
    )
    versions.set_etag(response, services.GATES.version(gate))
    return gate_out(selectors.gate_list().get(pk=gate.pk))


@router.post(
    "/gates/{gate_code}/status",
    response={201: GatePublicOut},
    auth=django_auth,
    summary="Record a dated status change",
)
def record_status(request: HttpRequest, gate_code: str, payload: StatusIn) -> tuple[int, dict[str, Any]]:
    gate = get_changeable_or_404(request.user, BorderGate.objects.select_related("zone"), code=gate_code)
    services.gate_status_record(gate=gate, actor=request_actor(request, "api"), **payload.dict())
    return 201, gate_out(selectors.gate_list().get(pk=gate.pk))


@router.post("/gates/{gate_code}/facilities", response={201: GatePublicOut}, auth=django_auth, summary="Add a facility")
def add_facility(request: HttpRequest, gate_code: str, payload: FacilityIn) -> tuple[int, dict[str, Any]]:
    gate = get_changeable_or_404(request.user, BorderGate.objects.select_related("zone"), code=gate_code)
    data = payload.dict()
    data["capacity_unit"] = data["capacity_unit"] or ""
    services.facility_create(gate=gate, actor=request_actor(request, "api"), **data)
    return 201, gate_out(selectors.gate_list().get(pk=gate.pk))
