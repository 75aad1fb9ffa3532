"""Demo data: Cao Bằng's border-gate economic zone and its areas (illustrative where marked); its gates are
loaded by gates.demo from the same gates CSV."""

from __future__ import annotations

import csv
from decimal import Decimal
from operator import itemgetter
from typing import TextIO

from django.db import transaction

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record
from borderzone.access.demo_data import missing, untranslated
from borderzone.core.cache import bump_version
from borderzone.core.models import AuditAction
from borderzone.zones import services
from borderzone.zones.models import Commune, EconomicZone, FunctionalAreaKind, GateArea, Province
from borderzone.zones.reference import DATA_DIR, admin_units_load

ZONE_CODE = "CB"
ZONE_NAME_ZH = "高平省边境口岸经济区"
# Place names in Chinese as the demo news already writes them (茶岭 Trà Lĩnh, 大隆 Tà Lùng, 里万 Lý Vạn, 朔江 Sóc Giang).
ZONE_DESCRIPTION_ZH = (
    "高平省边境口岸经济区沿与中国广西壮族自治区接壤的333多公里边境线延伸，包括茶岭、大隆、朔江、"
    "里万等口岸区以及其他口岸和边民通道。"
)
# The districts abolished on 1 July 2025, as English and Chinese readers know them.
DISTRICTS = {
    "Huyện Trùng Khánh": ("Trung Khanh District", "重庆县"),
    "Huyện Quảng Hòa": ("Quang Hoa District", "广和县"),
    "Huyện Hà Quảng": ("Ha Quang District", "河广县"),
    "Huyện Hạ Lang": ("Ha Lang District", "下琅县"),
}

# code, name, English name, district before 2025, gate ids (from cao_bang_border_gates.csv)
GATE_AREAS = [
    ("TRALINH", "Trà Lĩnh", "Tra Linh", "Huyện Trùng Khánh", ["VN-CB-TRALINH", "VN-CB-NADOONG"]),
    ("TALUNG", "Tà Lùng", "Ta Lung", "Huyện Quảng Hòa", ["VN-CB-TALUNG"]),
    ("SOCGIANG", "Sóc Giang", "Soc Giang", "Huyện Hà Quảng", ["VN-CB-SOCGIANG"]),
    ("LYVAN", "Lý Vạn", "Ly Van", "Huyện Hạ Lang", ["VN-CB-LYVAN"]),
    ("POPEO", "Pò Peo", "Po Peo", "Huyện Trùng Khánh", ["VN-CB-POPEO"]),
    ("HALANG", "Hạ Lang (Bí Hà)", "Ha Lang (Bi Ha)", "Huyện Hạ Lang", ["VN-CB-HALANG"]),
]

# kind, name, English name, Chinese name, gate area code, area in ha (None where no source states it)
FUNCTIONAL_AREAS = [
    (
        FunctionalAreaKind.NON_TARIFF,
        "Khu phi thuế quan Lý Vạn",
        "Ly Van non-tariff zone",
        "里万非关税区",
        "LYVAN",
        None,
    ),
    (
        FunctionalAreaKind.GOODS_TRANSIT,
        "Khu trung chuyển hàng hóa Hùng Quốc",
        "Hung Quoc goods-transit area",
        "雄国货物中转区",
        "TRALINH",
        Decimal(100),
    ),
    (
        FunctionalAreaKind.LOGISTICS,
        "Cảng cạn ICD Trà Lĩnh",
        "Tra Linh ICD dry port",
        "茶岭ICD陆港",
        "TRALINH",
        Decimal(5),
    ),
    (
        FunctionalAreaKind.GOODS_TRANSIT,
        "Khu trung chuyển hàng nông lâm thủy sản Trà Lĩnh",
        "Tra Linh agro-forestry-fishery transit area",
        "茶岭农林水产品中转区",
        "TRALINH",
        None,
    ),
    (
        FunctionalAreaKind.INDUSTRIAL_PARK,
        "Khu công nghiệp Tà Lùng",
        "Ta Lung industrial park",
        "大隆工业园区",
        "TALUNG",
        None,
    ),
    (
        FunctionalAreaKind.URBAN_ADMIN,
        "Khu đô thị – hành chính Tà Lùng",
        "Ta Lung urban and administrative area",
        "大隆城市和行政区",
        "TALUNG",
        None,
    ),
    (
        FunctionalAreaKind.URBAN_ADMIN,
        "Khu đô thị – hành chính Trà Lĩnh",
        "Tra Linh urban and administrative area",
        "茶岭城市和行政区",
        "TRALINH",
        None,
    ),
    (
        FunctionalAreaKind.TOURISM_SERVICES,
        "Khu du lịch – dịch vụ Sóc Giang – Pác Bó",
        "Soc Giang – Pac Bo tourism and services area",
        "朔江 – 北坡旅游服务区",
        "SOCGIANG",
        None,
    ),
]


def _gate_rows() -> dict[str, dict[str, str]]:
    with (DATA_DIR / "cao_bang_border_gates.csv").open(encoding="utf-8", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    units = admin_units_load(actor=actor)
    out.write(
        f"Administrative units: {units.provinces_created} provinces and {units.communes_created} communes created, "
        f"{units.provinces_updated + units.communes_updated} updated.\n"
    )
    zone = EconomicZone.objects.filter(code=ZONE_CODE).first()
    if zone is None:
        zone = EconomicZone(
            code=ZONE_CODE,
            name="Khu kinh tế cửa khẩu tỉnh Cao Bằng",
            name_en="Cao Bang Border-Gate Economic Zone",
            name_zh=ZONE_NAME_ZH,
            short_name="Khu KTCK Cao Bằng",
            province=Province.objects.get(code="04"),
            board_name="Ban Quản lý Khu kinh tế tỉnh Cao Bằng",
            board_name_en="Cao Bang Economic Zone Management Board",
            area_ha=Decimal(30130),
            legal_basis="Quyết định 20/2014/QĐ-TTg",
            description=(
                "Khu kinh tế cửa khẩu Cao Bằng trải dọc hơn 333 km biên giới với Khu tự trị dân tộc Choang "
                "Quảng Tây (Trung Quốc), gồm các khu vực cửa khẩu Trà Lĩnh, Tà Lùng, Sóc Giang, Lý Vạn và các "
                "cửa khẩu, lối mở khác."
            ),
            description_en=(
                "Cao Bang's border-gate economic zone runs along more than 333 km of border with the Guangxi "
                "Zhuang Autonomous Region of China, around the Tra Linh, Ta Lung, Soc Giang and Ly Van gates "
                "and other gates and openings."
            ),
            description_zh=ZONE_DESCRIPTION_ZH,
            is_demo=True,
        )
        zone.full_clean()
        zone.save()
        audit_record(actor=actor, instance=zone, action=AuditAction.CREATED, note="demo data")
        out.write(f"Zone {zone.code} created.\n")
    else:
        out.write(f"Zone {zone.code} already present.\n")
        # A demo loaded before zones had these versions; what staff wrote is kept.
        if missing_versions := untranslated(zone, {"name_zh": ZONE_NAME_ZH, "description_zh": ZONE_DESCRIPTION_ZH}):
            services.ZONES.update(zone, actor, missing_versions, note="demo data", update_fields=list(missing_versions))

    gate_rows = _gate_rows()
    created_areas = 0
    for order, (code, name, name_en, district, gate_ids) in enumerate(GATE_AREAS):
        area = GateArea.objects.filter(zone=zone, code=code).first()
        if area is None:
            area = services.gate_area_create(
                zone=zone,
                actor=actor,
                code=code,
                name=name,
                name_en=name_en,
                former_district=district,
                former_district_en=DISTRICTS[district][0],
                former_district_zh=DISTRICTS[district][1],
                sort_order=order,
            )
            created_areas += 1
        elif area.former_district in DISTRICTS and (
            versions := untranslated(
                area,
                dict(zip(("former_district_en", "former_district_zh"), DISTRICTS[area.former_district], strict=True)),
            )
        ):
            services.gate_area_update(area=area, actor=actor, **versions)
        # The communes of an area are those of its gates (the gates themselves are loaded by gates.demo).
        for gate_id in gate_ids:
            ward_code = gate_rows[gate_id]["ward_code_2025"]
            commune = Commune.objects.filter(code=ward_code).first() if ward_code else None
            if commune is not None:
                area.communes.add(commune)
                zone.communes.add(commune)

    created_fa = 0
    present = {a.name: a for a in zone.functional_areas.all()}
    for _kind, name, name_en, name_zh, _code, _ha in FUNCTIONAL_AREAS:
        if name in present and (versions := untranslated(present[name], {"name_en": name_en, "name_zh": name_zh})):
            services.functional_area_update(area=present[name], actor=actor, **versions)
    new_areas = missing(FUNCTIONAL_AREAS, zone.functional_areas.all(), "name", key=itemgetter(1))
    for kind, name, name_en, name_zh, gate_area_code, area_ha in new_areas:
        services.functional_area_create(
            zone=zone,
            actor=actor,
            kind=kind,
            name=name,
            name_en=name_en,
            name_zh=name_zh,
            gate_area=GateArea.objects.get(zone=zone, code=gate_area_code),
            area_ha=area_ha,
        )
        created_fa += 1
    bump_version(services.ZONES_SCOPE)
    out.write(f"Gate areas: {created_areas} created; functional areas: {created_fa} created.\n")
