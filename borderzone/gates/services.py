"""Writes on border gates: their facts and coordinates, status history and facilities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borderzone.access.actors import Actor
from borderzone.access.services import ModelWrites
from borderzone.core.formatting import format_decimal
from borderzone.gates.models import BorderGate, GateFacility, GateStatusChange
from borderzone.zones import geo
from borderzone.zones.models import EconomicZone
from borderzone.zones.selectors import ZONES_SCOPE

GATES_SCOPE = ZONES_SCOPE

GATE_FIELDS = (
    "code",
    "name",
    "name_en",
    "name_zh",
    "gate_type",
    "gate_area",
    "parent",
    "partner_name",
    "partner_name_zh",
    "commune",
    "latitude",
    "longitude",
    "coordinate_source",
)
FACILITY_FIELDS = (
    "kind",
    "name",
    "status",
    "area_ha",
    "capacity",
    "capacity_unit",
    "capacity_year",
    "functional_area",
    "description",
)


def check_coordinates(zone: EconomicZone, latitude: Decimal | None, longitude: Decimal | None) -> None:
    """Both or neither; within the valid ranges; no more than 2 km outside the zone's province."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        field = "latitude" if latitude is None else "longitude"
        raise ValidationError({field: _("Give both latitude and longitude, or neither.")})
    if not -90 <= latitude <= 90:
        raise ValidationError({"latitude": _("A latitude lies between -90 and 90 degrees.")})
    if not -180 <= longitude <= 180:
        raise ValidationError({"longitude": _("A longitude lies between -180 and 180 degrees.")})
    outside = geo.km_outside(zone.province.code, float(latitude), float(longitude))
    if outside is not None and outside > geo.MAX_OUTSIDE_KM:
        raise ValidationError(
            {
                "latitude": _(
                    "This point lies %(km)s km outside %(province)s; a gate may lie at most %(max)s km outside "
                    "the province outline. Check the coordinates (latitude first, then longitude)."
                )
                % {
                    "km": format_decimal(Decimal(str(outside)), max_decimals=1),
                    "province": zone.province.full_name,
                    "max": format_decimal(Decimal(str(geo.MAX_OUTSIDE_KM)), max_decimals=1),
                }
            }
        )


def _check_gate(gate: BorderGate) -> None:
    if gate.gate_area is not None and gate.gate_area.zone_id != gate.zone_id:
        raise ValidationError({"gate_area": _("The gate area belongs to another zone.")})
    if gate.parent is not None:
        if gate.parent_id == gate.pk:
            raise ValidationError({"parent": _("A gate cannot belong to itself.")})
        if gate.parent.zone_id != gate.zone_id:
            raise ValidationError({"parent": _("The gate it belongs to is in another zone.")})
    check_coordinates(gate.zone, gate.latitude, gate.longitude)


GATES = ModelWrites(
    BorderGate,
    GATE_FIELDS,
    GATES_SCOPE,
    check=_check_gate,
    unique=("code",),
    clash_message=gettext_lazy("Another gate already has this code."),
    zone_of=lambda gate: gate.zone_id,
)
STATUS_CHANGES = ModelWrites(
    GateStatusChange,
    ("gate_type", "since", "legal_basis", "note"),
    GATES_SCOPE,
    unique=("gate", "since"),
    clash_field="since",
    clash_message=gettext_lazy("This gate already has a status change on this date."),
    zone_of=lambda change: change.gate.zone_id,
)


@transaction.atomic
def gate_create(*, zone: EconomicZone, actor: Actor, since: dt.date | None = None, **fields: Any) -> BorderGate:
    """Add a gate; with `since`, its first status is recorded from that date."""
    gate = GATES.create(actor, fields, zone=zone)
    if since is not None:
        gate_status_record(gate=gate, gate_type=gate.gate_type, since=since, actor=actor)
    return gate


@transaction.atomic
def gate_update(*, gate: BorderGate, actor: Actor, expected_version: str | None = None, **fields: Any) -> BorderGate:
    """Change a gate's facts. Its type changes only through a dated status change."""
    if "gate_type" in fields and fields["gate_type"] != gate.gate_type and gate.status_history.exists():
        raise ValidationError({"gate_type": _("Record a dated status change to change the type of this gate.")})
    return GATES.update(gate, actor, fields, expected_version=expected_version)


# A gate's current type, which follows its latest dated status change (`gate_status_record`).
GATE_TYPES = ModelWrites(BorderGate, (), GATES_SCOPE, zone_of=lambda gate: gate.zone_id)


@transaction.atomic
def gate_status_record(
    *, gate: BorderGate, gate_type: str, since: dt.date, actor: Actor, legal_basis: str = "", note: str = ""
) -> GateStatusChange:
    """Record that the gate has had `gate_type` since `since`; the gate's current type follows the latest entry."""
    fields = {"gate_type": gate_type, "since": since, "legal_basis": legal_basis, "note": note}
    change = STATUS_CHANGES.create(actor, fields, gate=gate)
    latest = gate.status_history.order_by("-since").first()
    if latest is not None and latest.gate_type != gate.gate_type:
        note = _("status since %(date)s") % {"date": latest.since.strftime("%d/%m/%Y")}
        GATE_TYPES.update(gate, actor, {}, also={"gate_type": latest.gate_type}, status_field="gate_type", note=note)
    return change


def _check_facility(facility: GateFacility) -> None:
    if facility.capacity is not None and not facility.capacity_unit:
        raise ValidationError({"capacity_unit": _("Say what the capacity is measured in.")})
    if facility.functional_area is not None and facility.functional_area.zone_id != facility.gate.zone_id:
        raise ValidationError({"functional_area": _("The functional area belongs to another zone.")})
    for field in ("area_ha", "capacity"):
        value = getattr(facility, field)
        if value is not None and value < 0:
            raise ValidationError({field: _("This cannot be negative.")})


FACILITIES = ModelWrites(
    GateFacility,
    FACILITY_FIELDS,
    GATES_SCOPE,
    check=_check_facility,
    unique=("gate", "name"),
    clash_field="name",
    clash_message=gettext_lazy("This gate already has a facility with this name."),
    zone_of=lambda facility: facility.gate.zone_id,
)


@transaction.atomic
def facility_create(*, gate: BorderGate, actor: Actor, **fields: Any) -> GateFacility:
    """Add a facility (goods-transit area, ICD, yard, ...) to a gate."""
    return FACILITIES.create(actor, fields, gate=gate)


@transaction.atomic
def facility_update(
    *, facility: GateFacility, actor: Actor, expected_version: str | None = None, **fields: Any
) -> GateFacility:
    """Change a gate facility."""
    return FACILITIES.update(facility, actor, fields, expected_version=expected_version)
