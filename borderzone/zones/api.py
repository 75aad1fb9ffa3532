"""Zones API: public reads of zones and their areas; staff writes through the same services as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.security import django_auth

from borderzone.access import versions
from borderzone.access.actors import request_actor
from borderzone.access.permissions import get_changeable_or_404
from borderzone.zones import selectors, services
from borderzone.zones.models import EconomicZone, FunctionalArea
from borderzone.zones.schemas import FunctionalAreaIn, FunctionalAreaOut, FunctionalAreaPatch, ZoneOut

router = Router(tags=["zones"])


def functional_area_out(area: FunctionalArea) -> dict[str, Any]:
    return {
        "id": area.pk,
        "kind": area.kind,
        "kind_label": str(area.get_kind_display()),
        "name": area.name,
        "name_en": area.name_en,
        "name_zh": area.name_zh,
        "gate_area": area.gate_area.code if area.gate_area else None,
        "area_ha": area.area_ha,
        "description": area.description,
        "version": services.FUNCTIONAL_AREAS.version(area),
    }


def zone_out(zone: EconomicZone) -> dict[str, Any]:
    gates_by_area: dict[int | None, list[Any]] = {}
    for gate in zone.gates.all():
        gates_by_area.setdefault(gate.gate_area_id, []).append(gate)
    return {
        "code": zone.code,
        "name": zone.name,
        "name_en": zone.name_en,
        "name_zh": zone.name_zh,
        "province": zone.province,
        "board_name": zone.board_name,
        "area_ha": zone.area_ha,
        "legal_basis": zone.legal_basis,
        "is_demo": zone.is_demo,
        "functional_areas": [functional_area_out(a) for a in zone.functional_areas.all()],
        "gate_areas": [
            {
                "id": area.pk,
                "code": area.code,
                "name": area.name,
                "name_en": area.name_en,
                "name_zh": area.name_zh,
                "area_ha": area.area_ha,
                "former_district": area.former_district,
                "former_district_en": area.former_district_en,
                "former_district_zh": area.former_district_zh,
                "communes": [c.code for c in area.communes.all()],
                "gates": gates_by_area.get(area.pk, []),
            }
            for area in zone.gate_areas.all()
        ],
    }


@router.get("", response=list[ZoneOut], auth=None, summary="Economic zones with their functional and gate areas")
def list_zones(request: HttpRequest) -> list[dict[str, Any]]:
    return [zone_out(z) for z in selectors.zone_list()]


@router.get("/{code}", response=ZoneOut, auth=None, summary="One economic zone")
def get_zone(request: HttpRequest, code: str) -> dict[str, Any]:
    return zone_out(get_object_or_404(selectors.zone_list(), code=code))


@router.post(
    "/{code}/functional-areas",
    response={201: FunctionalAreaOut},
    auth=django_auth,
    summary="Add a functional area (specialists of the zone, administrators)",
)
def create_functional_area(request: HttpRequest, code: str, payload: FunctionalAreaIn) -> tuple[int, dict[str, Any]]:
    zone = get_changeable_or_404(request.user, EconomicZone.objects.all(), code=code)
    data = payload.dict()
    data["gate_area"] = selectors.gate_area_by_code(zone, data.pop("gate_area"))
    area = services.functional_area_create(zone=zone, actor=request_actor(request, "api"), **data)
    return 201, functional_area_out(area)


@router.patch(
    "/functional-areas/{area_id}",
    response=FunctionalAreaOut,
    auth=django_auth,
    summary="Change a functional area",
)
def update_functional_area(
    request: HttpRequest, response: HttpResponse, area_id: int, payload: FunctionalAreaPatch
) -> dict[str, Any]:
    """An optional `If-Match` names the version (`version`, `ETag`) the change starts from; 412 when stale."""
    area = get_changeable_or_404(request.user, FunctionalArea.objects.select_related("zone"), pk=area_id)
    data = payload.dict(exclude_unset=True)
    if "gate_area" in data:
        data["gate_area"] = selectors.gate_area_by_code(area.zone, data["gate_area"])
    area = services.functional_area_update(
        area=area, actor=request_actor(request, "api"), expected_version=versions.if_match(request), **data
    )
    versions.set_etag(response, services.FUNCTIONAL_AREAS.version(area))
    return functional_area_out(area)
