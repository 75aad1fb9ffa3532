from __future__ import annotations

from decimal import Decimal

from ninja import Field, Schema

from borderzone.zones.models import FunctionalAreaKind


class ProvinceOut(Schema):
    code: str
    name: str
    full_name: str


class GateOut(Schema):
    code: str
    name: str
    name_en: str
    name_zh: str
    gate_type: str = Field(description="One of the gates app's GateType values")
    partner_name: str
    latitude: Decimal | None
    longitude: Decimal | None


class GateAreaOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    name_zh: str
    area_ha: Decimal | None
    former_district: str
    former_district_en: str
    former_district_zh: str
    communes: list[str]
    gates: list[GateOut]


class FunctionalAreaOut(Schema):
    id: int
    kind: FunctionalAreaKind
    kind_label: str
    name: str
    name_en: str
    name_zh: str
    gate_area: str | None = Field(None, description="Code of the gate area it lies in")
    area_ha: Decimal | None
    description: str
    version: str = Field(..., description="The area's current version: send it as If-Match with a change")


class ZoneOut(Schema):
    code: str
    name: str
    name_en: str
    name_zh: str
    province: ProvinceOut
    board_name: str
    area_ha: Decimal | None
    legal_basis: str
    is_demo: bool
    functional_areas: list[FunctionalAreaOut]
    gate_areas: list[GateAreaOut]


class FunctionalAreaIn(Schema):
    kind: FunctionalAreaKind
    name: str = Field(..., min_length=1, max_length=200)
    name_en: str = Field("", max_length=200)
    name_zh: str = Field("", max_length=200)
    gate_area: str | None = Field(None, description="Code of a gate area of the same zone")
    area_ha: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    description: str = ""


class FunctionalAreaPatch(Schema):
    kind: FunctionalAreaKind | None = None
    name: str | None = Field(None, min_length=1, max_length=200)
    name_en: str | None = Field(None, max_length=200)
    name_zh: str | None = Field(None, max_length=200)
    gate_area: str | None = None
    area_ha: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    description: str | None = None
