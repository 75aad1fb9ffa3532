"""Loading the administrative units of the 2025 reform from the files in `zones/data/` (see SOURCES.md)."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_bulk
from borderzone.access.services import ModelWrites
from borderzone.core.models import AuditAction
from borderzone.core.text import search_key
from borderzone.zones.models import Commune, Province

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass
class LoadResult:
    provinces_created: int = 0
    provinces_updated: int = 0
    communes_created: int = 0
    communes_updated: int = 0

    @property
    def changed(self) -> int:
        return self.provinces_created + self.provinces_updated + self.communes_created + self.communes_updated


# The reference rows a load corrects (values from the files: `also`); no cached figure is keyed by them.
PROVINCES = ModelWrites(Province, (), "")
COMMUNES = ModelWrites(Commune, (), "")


def _strip_type(full_name: str, unit_type: str) -> str:
    return full_name[len(unit_type) :].strip() if full_name.startswith(unit_type) else full_name


def _desired_provinces() -> dict[str, dict[str, Any]]:
    provinces = {
        r["code"]: {
            "name": r["name"],
            "full_name": r["full_name"],
            "name_en": r["name_en"],
            "unit_type": r["unit_type_vi"],
        }
        for r in _rows("vn_provinces_2025-07-01.csv")
    }
    for change in _rows("vn_admin_changes_after_2025-07-01.csv"):
        if change["level"] == "province" and change["code"] in provinces:
            provinces[change["code"]].update(
                full_name=change["full_name_current"], unit_type=change["unit_type_current"]
            )
    return provinces


def _desired_communes() -> dict[str, dict[str, Any]]:
    former: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in _rows("vn_ward_mapping_pre2025_to_2025.csv"):
        former[r["new_ward_code"]].append(
            {
                "code": r["old_ward_code"],
                "name": r["old_ward_full_name"],
                "district": r["old_district_full_name"],
                "province": r["old_province_full_name"],
                "transfer": r["transfer_type"],
            }
        )
    cao_bang = {r["code"]: r for r in _rows("cao_bang_wards_2025.csv")}
    communes: dict[str, dict[str, Any]] = {}
    for r in _rows("vn_wards_2025-07-01.csv"):
        extra = cao_bang.get(r["code"])
        units = sorted(former.get(r["code"], []), key=lambda u: u["code"])
        communes[r["code"]] = {
            "province_code": r["province_code"],
            "name": r["name"],
            "full_name": r["full_name"],
            "name_en": r["name_en"],
            "unit_type": r["unit_type_vi"],
            "area_km2": Decimal(extra["area_km2"]).quantize(Decimal("0.01")) if extra and extra["area_km2"] else None,
            "on_china_border": bool(extra and extra["on_china_border"] == "yes"),
            "former_units": units,
            "former_names": "; ".join(u["name"] for u in units),
        }
    for change in _rows("vn_admin_changes_after_2025-07-01.csv"):
        if change["level"] == "ward" and change["code"] in communes:
            communes[change["code"]].update(
                full_name=change["full_name_current"],
                unit_type=change["unit_type_current"],
                name=_strip_type(change["full_name_current"], change["unit_type_current"]),
            )
    return communes


@transaction.atomic
def admin_units_load(*, actor: Actor) -> LoadResult:
    """Create or update the 34 provinces and 3,321 communes; a second run changes nothing."""
    result = LoadResult()
    existing_p = {p.code: p for p in Province.objects.all()}
    created_p: list[Province] = []
    for code, values in _desired_provinces().items():
        province = existing_p.get(code)
        if province is None:
            created_p.append(Province(code=code, **values))
            continue
        if PROVINCES.record(province, actor, {}, also=values)[1] == "updated":
            result.provinces_updated += 1
    Province.objects.bulk_create(created_p)
    result.provinces_created = len(created_p)
    if created_p:
        audit_bulk(actor=actor, instances=list(created_p), action=AuditAction.IMPORTED)

    province_ids = dict(Province.objects.values_list("code", "id"))
    existing_c = {c.code: c for c in Commune.objects.all()}
    created_c: list[Commune] = []
    for code, values in _desired_communes().items():
        values = dict(values)
        province_id = province_ids[values.pop("province_code")]
        commune = existing_c.get(code)
        if commune is None:
            created_c.append(Commune(code=code, province_id=province_id, **values))
            continue
        # `search_text` is derived when saved, so a row whose loaded values are the same is not saved.
        if COMMUNES.record(commune, actor, {}, also={"province_id": province_id, **values})[1] == "updated":
            result.communes_updated += 1
    for commune in created_c:
        # bulk_create skips save(), so compute the search key here.
        commune.search_text = search_key(f"{commune.full_name} {commune.former_names}")
    Commune.objects.bulk_create(created_c, batch_size=500)
    result.communes_created = len(created_c)
    if created_c:
        audit_bulk(actor=actor, instances=list(created_c), action=AuditAction.IMPORTED)
    return result
