"""Reads on zones and places."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from borderzone.zones.models import Commune, EconomicZone, FunctionalArea, GateArea

# The data version that zone, area and gate writes bump (their services) and that pages built from
# them are cached under (the public home page and the map, for visitors).
ZONES_SCOPE = "zones"


def _gate_model() -> Any:
    return EconomicZone._meta.get_field("gates").related_model


def zone_list() -> QuerySet[EconomicZone]:
    """Every zone with its province, functional areas and gate areas, in a fixed number of queries."""
    return EconomicZone.objects.select_related("province").prefetch_related(
        Prefetch("functional_areas", queryset=FunctionalArea.objects.select_related("gate_area")),
        Prefetch("gate_areas", queryset=GateArea.objects.prefetch_related("communes")),
        # The gates app's BorderGate, reached through its relation so that zones imports nothing above it.
        Prefetch("gates", queryset=_gate_model().objects.select_related("gate_area", "commune")),
    )


def zone_default(zones: QuerySet[EconomicZone] | Sequence[EconomicZone] | None = None) -> EconomicZone | None:
    """The zone a page or API shows when none is asked for: the install's own (DEFAULT_ZONE_CODE) among
    `zones` (default: every zone), else the first of them; None when there is none. The one rule for it."""
    if zones is None:
        zones = zone_list()
    if isinstance(zones, QuerySet):
        return zones.filter(code=settings.DEFAULT_ZONE_CODE).first() or zones.first()
    return next((z for z in zones if z.code == settings.DEFAULT_ZONE_CODE), zones[0] if zones else None)


def zone_asked(zones: QuerySet[EconomicZone] | Sequence[EconomicZone] | None, code: str | None) -> EconomicZone | None:
    """The zone a page or API is asked for by its code (`?zone=CODE`, the one way to name a zone) among
    `zones` (default: every zone); the default zone when no code is given; None for a code not among them."""
    if not code:
        return zone_default(zones)
    if zones is None:
        zones = zone_list()
    if isinstance(zones, QuerySet):
        return zones.filter(code=code).first()
    return next((z for z in zones if z.code == code), None)


def gate_area_by_code(zone: EconomicZone, code: str | None) -> GateArea | None:
    """The zone's gate area with this code (None for no code), for payloads that name areas by code;
    a ValidationError on `gate_area` when the zone has no such area."""
    if code is None:
        return None
    area = GateArea.objects.filter(zone=zone, code=code).first()
    if area is None:
        raise ValidationError({"gate_area": _("No gate area with code %(code)s in this zone.") % {"code": code}})
    return area


def commune_search(text: str, province_code: str | None = None) -> QuerySet[Commune]:
    """Communes whose current or former names contain `text`, accents ignored."""
    from borderzone.core.text import search_key

    qs = Commune.objects.select_related("province").filter(search_text__contains=search_key(text))
    if province_code:
        qs = qs.filter(province__code=province_code)
    return qs
