"""Audited writes: creating functional areas through the service (validation, audit row, version bump)
against raw INSERTs of the same rows."""

from __future__ import annotations

from django.db import connection, transaction

from bench.common import Measurement, timed
from borderzone.access.actors import command_actor
from borderzone.zones.models import EconomicZone, FunctionalArea, Province
from borderzone.zones.services import functional_area_create

SIZES = {"tiny": 20, "small": 500, "full": 5000}


def run(size: str) -> list[Measurement]:
    n = SIZES[size]
    province, _ = Province.objects.get_or_create(
        code="04", defaults={"name": "Cao Bằng", "full_name": "Tỉnh Cao Bằng", "unit_type": "Tỉnh"}
    )
    zone, _ = EconomicZone.objects.get_or_create(code="BENCH", defaults={"name": "Bench zone", "province": province})
    actor = command_actor("bench")

    def ours() -> None:
        with transaction.atomic():
            for i in range(n):
                functional_area_create(zone=zone, actor=actor, kind="other", name=f"Khu {i}")
        FunctionalArea.objects.filter(zone=zone).delete()

    def raw() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for i in range(n):
                cursor.execute(
                    "INSERT INTO zones_functionalarea (zone_id, kind, name, name_en, name_zh, description, name_key) "
                    "VALUES (%s, 'other', %s, '', '', '', %s)",
                    [zone.pk, f"Khu {i}", f"khu {i}"],
                )
        FunctionalArea.objects.filter(zone=zone).delete()

    return [Measurement(f"create {n} functional areas (audited)", timed(ours, 3), timed(raw, 3))]
