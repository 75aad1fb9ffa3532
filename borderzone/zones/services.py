"""Writes on zones and their areas: validate, save, audit, in one transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borderzone.access.actors import Actor
from borderzone.access.permissions import is_admin
from borderzone.access.services import ModelWrites
from borderzone.core.text import name_key
from borderzone.zones.models import EconomicZone, FunctionalArea, GateArea, Province
from borderzone.zones.selectors import ZONES_SCOPE as ZONES_SCOPE  # re-exported for the zone writers

ZONE_FIELDS = (
    "code",
    "name",
    "name_en",
    "name_zh",
    "short_name",
    "province",
    "board_name",
    "board_name_en",
    "area_ha",
    "legal_basis",
    "description",
    "description_en",
    "description_zh",
)
ZONE_CLASH = gettext_lazy("Another economic zone already has this code.")
# A zone's record is read by its own figures only (a new zone's too: no other zone's board lists it).
ZONES = ModelWrites(
    EconomicZone,
    ZONE_FIELDS,
    ZONES_SCOPE,
    unique=("code",),
    clash_field="code",
    clash_message=ZONE_CLASH,
    zone_of=lambda zone: zone.pk,
)

FUNCTIONAL_AREA_FIELDS = ("kind", "name", "name_en", "name_zh", "gate_area", "area_ha", "description")
GATE_AREA_FIELDS = (
    "code",
    "name",
    "name_en",
    "name_zh",
    "area_ha",
    "former_district",
    "former_district_en",
    "former_district_zh",
    "description",
    "sort_order",
)
# Names are compared by their key (accents and case ignored) before saving; a clash the database
# still finds (a concurrent writer) is reported on the name.
AREA_CLASH = gettext_lazy("Another area of this zone already has this name or code.")
FUNCTIONAL_AREAS = ModelWrites(
    FunctionalArea,
    FUNCTIONAL_AREA_FIELDS,
    ZONES_SCOPE,
    clash_field="name",
    clash_message=AREA_CLASH,
    zone_of=lambda area: area.zone_id,
)
GATE_AREAS = ModelWrites(
    GateArea,
    GATE_AREA_FIELDS,
    ZONES_SCOPE,
    clash_field="name",
    clash_message=AREA_CLASH,
    zone_of=lambda area: area.zone_id,
)


def _ensure_admin(actor: Actor) -> None:
    # One install serves every province's board: only its administrators add or rename a zone.
    if actor.user is None or not is_admin(actor.user):
        raise PermissionDenied(_("Only administrators add or change economic zones."))


def _check_zone(fields: dict[str, Any]) -> None:
    _check_area(fields.get("area_ha"))
    province = fields.get("province")
    if province is not None and not isinstance(province, Province):
        raise ValidationError({"province": _("Choose a province.")})


@transaction.atomic
def zone_create(*, actor: Actor, **fields: Any) -> EconomicZone:
    """Add an economic zone (administrators only); its areas and gates are added on its page."""
    _ensure_admin(actor)
    _check_zone(fields)
    return ZONES.create(actor, fields)


@transaction.atomic
def zone_update(
    *, zone: EconomicZone, actor: Actor, expected_version: str | None = None, **fields: Any
) -> EconomicZone:
    """Change an economic zone's record (administrators only); the code stays, since URLs and files use it."""
    _ensure_admin(actor)
    fields.pop("code", None)
    _check_zone(fields)
    return ZONES.update(zone, actor, fields, expected_version=expected_version)


def _check_area(area_ha: Decimal | None) -> None:
    if area_ha is not None and area_ha < 0:
        raise ValidationError({"area_ha": _("The area cannot be negative.")})


@transaction.atomic
def functional_area_create(*, zone: EconomicZone, actor: Actor, **fields: Any) -> FunctionalArea:
    """Add a functional area to a zone."""
    _check_area(fields.get("area_ha"))
    gate_area = fields.get("gate_area")
    if gate_area is not None and gate_area.zone_id != zone.pk:
        raise ValidationError({"gate_area": _("The gate area belongs to another zone.")})
    if FunctionalArea.objects.filter(zone=zone, name_key=name_key(fields.get("name", ""))).exists():
        raise ValidationError({"name": _("This zone already has a functional area with this name.")})
    return FUNCTIONAL_AREAS.create(actor, fields, zone=zone)


@transaction.atomic
def functional_area_update(
    *, area: FunctionalArea, actor: Actor, expected_version: str | None = None, **fields: Any
) -> FunctionalArea:
    """Change a functional area's fields; the audit row keeps each changed field's before and after."""
    _check_area(fields.get("area_ha"))
    gate_area = fields.get("gate_area")
    if gate_area is not None and gate_area.zone_id != area.zone_id:
        raise ValidationError({"gate_area": _("The gate area belongs to another zone.")})
    # A null name (an API PATCH may send one) is refused by the model's own check below.
    if fields.get("name") is not None and (
        FunctionalArea.objects.filter(zone_id=area.zone_id, name_key=name_key(fields["name"]))
        .exclude(pk=area.pk)
        .exists()
    ):
        raise ValidationError({"name": _("This zone already has a functional area with this name.")})
    return FUNCTIONAL_AREAS.update(area, actor, fields, expected_version=expected_version)


@transaction.atomic
def gate_area_create(*, zone: EconomicZone, actor: Actor, **fields: Any) -> GateArea:
    """Add a gate area (khu cửa khẩu) to a zone."""
    _check_area(fields.get("area_ha"))
    if GateArea.objects.filter(zone=zone, code=fields.get("code", "")).exists():
        raise ValidationError({"code": _("This zone already has a gate area with this code.")})
    if GateArea.objects.filter(zone=zone, name_key=name_key(fields.get("name", ""))).exists():
        raise ValidationError({"name": _("This zone already has a gate area with this name.")})
    return GATE_AREAS.create(actor, fields, zone=zone)


@transaction.atomic
def gate_area_update(*, area: GateArea, actor: Actor, expected_version: str | None = None, **fields: Any) -> GateArea:
    """Change a gate area's fields."""
    _check_area(fields.get("area_ha"))
    if (
        "code" in fields
        and GateArea.objects.filter(zone_id=area.zone_id, code=fields["code"]).exclude(pk=area.pk).exists()
    ):
        raise ValidationError({"code": _("This zone already has a gate area with this code.")})
    if "name" in fields and (
        GateArea.objects.filter(zone_id=area.zone_id, name_key=name_key(fields["name"])).exclude(pk=area.pk).exists()
    ):
        raise ValidationError({"name": _("This zone already has a gate area with this name.")})
    return GATE_AREAS.update(area, actor, fields, expected_version=expected_version)
