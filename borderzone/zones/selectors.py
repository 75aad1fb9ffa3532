"""Reads on zones and places."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from borderzone.zones.models import Commune, EconomicZone, FunctionalArea, GateArea


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


def zone_default() -> EconomicZone | None:
    from django.conf import settings

    zones = zone_list()
    return zones.filter(code=settings.DEFAULT_ZONE_CODE).first() or zones.first()


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
