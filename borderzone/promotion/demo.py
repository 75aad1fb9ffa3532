"""Demo data: sectors (VSIC 2025 sections and a few divisions), incentives per sector and area citing
the clause that grants them, and calls for investment in the Cao Bằng zone. Incentives and calls are
marked illustrative: the clause texts are summaries and the projects, sizes and amounts are examples.
Incentives, calls and sectors come with English and Chinese versions. Safe to run twice: what exists is
kept, and only translations still empty are filled in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TextIO

from django.db import transaction

from borderzone.access.actors import Actor
from borderzone.access.demo_data import demo_zone, untranslated
from borderzone.documents import services as document_services
from borderzone.documents.demo import publish_reviewed
from borderzone.documents.models import LegalDocument
from borderzone.gates.models import BorderGate
from borderzone.promotion import services
from borderzone.promotion.models import Incentive, InvestmentCall, Sector, SectorLevel
from borderzone.zones.models import Commune, EconomicZone, FunctionalArea, GateArea

ZONE_CODE = "CB"
VSIC = "VSIC2025"

# code, level, section, Vietnamese name, English name, Chinese name
SECTORS = [
    (
        "A",
        SectorLevel.SECTION,
        None,
        "Nông nghiệp, lâm nghiệp và thủy sản",
        "Agriculture, forestry and fishing",
        "农业、林业和渔业",
    ),
    ("C", SectorLevel.SECTION, None, "Công nghiệp chế biến, chế tạo", "Manufacturing", "制造业"),
    ("G", SectorLevel.SECTION, None, "Bán buôn và bán lẻ", "Wholesale and retail trade", "批发和零售业"),
    ("H", SectorLevel.SECTION, None, "Vận tải, kho bãi", "Transportation and storage", "运输和仓储业"),
    (
        "I",
        SectorLevel.SECTION,
        None,
        "Dịch vụ lưu trú và ăn uống",
        "Accommodation and food service activities",
        "住宿和餐饮业",
    ),
    ("10", SectorLevel.DIVISION, "C", "Sản xuất, chế biến thực phẩm", "Manufacture of food products", "食品制造"),
    (
        "52",
        SectorLevel.DIVISION,
        "H",
        "Kho bãi và các hoạt động hỗ trợ cho vận tải",
        "Warehousing and support activities for transportation",
        "仓储和运输辅助活动",
    ),
    ("55", SectorLevel.DIVISION, "I", "Dịch vụ lưu trú", "Accommodation", "住宿服务"),
]

IMPORT_DUTY_LAW: dict[str, Any] = {
    "number": "107/2016/QH13",
    "doc_type": "law",
    "field": "trade",
    "issuer": "Quốc hội",
    "title": "Luật Thuế xuất khẩu, thuế nhập khẩu",
    "issued_on": dt.date(2016, 4, 6),
    "effective_on": dt.date(2016, 9, 1),
}

INCENTIVES: list[dict[str, Any]] = [
    {
        "title": "Thuế suất thu nhập doanh nghiệp 10% trong 15 năm",
        "title_en": "Corporate income tax at 10% for 15 years",
        "kind": "cit_rate",
        "description": "Thu nhập từ dự án đầu tư mới trong khu kinh tế được áp dụng thuế suất 10% trong 15 năm.",
        "description_en": "Income from a new investment project in the economic zone is taxed at 10% for 15 years.",
        "title_zh": "15年内适用10%的企业所得税税率",
        "description_zh": "经济区内新投资项目的所得在15年内适用10%的税率。",
        "area_scope": "whole_zone",
        "document": "67/2025/QH15",
        "clause": "Điều 13, khoản 1",
        "clause_text": "(Tóm tắt) Thuế suất ưu đãi 10% trong thời hạn 15 năm áp dụng đối với thu nhập của doanh nghiệp "
        "từ thực hiện dự án đầu tư mới tại khu kinh tế.",
        "clause_text_en": "(Summary) A preferential tax rate of 10% for 15 years applies to an enterprise's income "
        "from carrying out a new investment project in an economic zone.",
        "clause_text_zh": "（摘要）企业在经济区实施新投资项目取得的所得，适用15年10%的优惠税率。",
    },
    {
        "title": "Miễn thuế thu nhập doanh nghiệp 4 năm, giảm 50% trong 9 năm tiếp theo",
        "title_en": "Corporate income tax exempt for 4 years, halved for the next 9",
        "kind": "cit_holiday",
        "description": "Miễn thuế 4 năm, giảm 50% số thuế phải nộp trong 9 năm tiếp theo đối với dự án đầu tư mới trong khu kinh tế.",
        "description_en": "Exempt for 4 years and 50% off for the following 9 years for new projects in the economic zone.",
        "title_zh": "企业所得税免征4年，其后9年减半征收",
        "description_zh": "经济区内的新投资项目免税4年，其后9年减征50%的应纳税额。",
        "area_scope": "whole_zone",
        "document": "67/2025/QH15",
        "clause": "Điều 14, khoản 1",
        "clause_text": "(Tóm tắt) Miễn thuế tối đa 4 năm và giảm 50% số thuế phải nộp tối đa 9 năm tiếp theo đối với "
        "thu nhập từ dự án đầu tư mới tại khu kinh tế.",
        "clause_text_en": "(Summary) Tax exemption for up to 4 years and a 50% reduction of the tax payable for up to the "
        "next 9 years on income from a new investment project in an economic zone.",
        "clause_text_zh": "（摘要）经济区内新投资项目的所得，最长免税4年，其后最长9年减征50%的应纳税额。",
    },
    {
        "title": "Hàng hóa nhập khẩu vào khu phi thuế quan không chịu thuế nhập khẩu",
        "title_en": "No import duty on goods imported into the non-tariff zone",
        "kind": "import_duty",
        "description": "Hàng hóa nhập khẩu từ nước ngoài vào khu phi thuế quan và chỉ sử dụng trong khu phi thuế quan "
        "không thuộc đối tượng chịu thuế nhập khẩu.",
        "description_en": "Goods imported from abroad into the non-tariff zone and used only there are not subject to import duty.",
        "title_zh": "进口至非关税区的货物不征收进口关税",
        "description_zh": "从国外进口至非关税区并仅在非关税区内使用的货物，不属于进口关税的征税对象。",
        "area_scope": "non_tariff",
        "functional_areas": ["Khu phi thuế quan Lý Vạn"],
        "document": "107/2016/QH13",
        "clause": "Điều 2, khoản 3, điểm c",
        "clause_text": "(Tóm tắt) Hàng hóa xuất khẩu từ khu phi thuế quan ra nước ngoài; hàng hóa nhập khẩu từ nước ngoài "
        "vào khu phi thuế quan và chỉ sử dụng trong khu phi thuế quan không thuộc đối tượng chịu thuế.",
        "clause_text_en": "(Summary) Goods exported from a non-tariff zone abroad, and goods imported from abroad into a "
        "non-tariff zone and used only in it, are not subject to duty.",
        "clause_text_zh": "（摘要）从非关税区出口至国外的货物，以及从国外进口至非关税区并仅在非关税区内使用的货物，不属于征税对象。",
    },
    {
        "title": "Miễn thuế nhập khẩu hàng hóa tạo tài sản cố định",
        "title_en": "Import duty exemption on goods forming fixed assets",
        "kind": "import_duty",
        "description": "Dự án chế biến, chế tạo trong khu công nghiệp được miễn thuế nhập khẩu máy móc, thiết bị tạo tài sản cố định.",
        "description_en": "Manufacturing projects in industrial parks import machinery forming fixed assets free of duty.",
        "title_zh": "形成固定资产的进口货物免征进口关税",
        "description_zh": "工业园区内的加工制造项目进口用于形成固定资产的机器设备，免征进口关税。",
        "area_scope": "industrial_park",
        "sectors": ["C"],
        "document": "107/2016/QH13",
        "clause": "Điều 16, khoản 11",
        "clause_text": "(Tóm tắt) Miễn thuế nhập khẩu đối với hàng hóa nhập khẩu để tạo tài sản cố định của dự án thuộc "
        "danh mục ngành, nghề hoặc địa bàn ưu đãi đầu tư.",
        "clause_text_en": "(Summary) Goods imported to form the fixed assets of a project in a sector or area listed "
        "for investment incentives are exempt from import duty.",
        "clause_text_zh": "（摘要）属于投资优惠行业或地区目录的项目，为形成固定资产而进口的货物免征进口关税。",
    },
    {
        "title": "Ưu đãi cho dự án nông, lâm nghiệp tại xã biên giới",
        "title_en": "Incentives for agriculture and forestry projects in border communes",
        "kind": "cit_rate",
        "description": "Dự án nông, lâm nghiệp và chế biến thực phẩm tại các xã biên giới được hưởng thuế suất 10% trong 15 năm.",
        "description_en": "Agriculture, forestry and food-processing projects in border communes are taxed at 10% for 15 years.",
        "title_zh": "边境乡农林业项目优惠",
        "description_zh": "边境乡的农业、林业及食品加工项目在15年内适用10%的企业所得税税率。",
        "area_scope": "disadvantaged_commune",
        "sectors": ["A", "10"],
        "communes": "border",
        "document": "67/2025/QH15",
        "clause": "Điều 13, khoản 1",
        "clause_text": "(Tóm tắt) Thuế suất ưu đãi 10% trong thời hạn 15 năm áp dụng đối với thu nhập từ dự án đầu tư mới "
        "tại địa bàn có điều kiện kinh tế – xã hội đặc biệt khó khăn.",
        "clause_text_en": "(Summary) A preferential tax rate of 10% for 15 years applies to income from a new investment "
        "project in an area with especially difficult socio-economic conditions.",
        "clause_text_zh": "（摘要）在社会经济条件特别困难地区实施新投资项目取得的所得，适用15年10%的优惠税率。",
    },
]

# title, English, functional area, gate area, sectors, ha, capital (VND), objectives, offset from the gate (lat, lon)
CALLS: list[tuple[str, str, str | None, str, list[str], str, str, str, tuple[str, str]]] = [
    (
        "Cảng cạn ICD Trà Lĩnh",
        "Tra Linh ICD dry port",
        "Cảng cạn ICD Trà Lĩnh",
        "TRALINH",
        ["52"],
        "5",
        "300000000000",
        "Cảng cạn (ICD) công suất 50.000 TEU/năm đến năm 2030, kho bãi, dịch vụ hải quan và logistics.",
        ("-0.010", "0.004"),
    ),
    (
        "Khu trung chuyển hàng hóa Hùng Quốc",
        "Hung Quoc goods-transit area",
        "Khu trung chuyển hàng hóa Hùng Quốc",
        "TRALINH",
        ["52", "G"],
        "100",
        "1200000000000",
        "Hạ tầng khu trung chuyển hàng hóa nông, lâm, thủy sản: bãi tập kết, kho lạnh, khu kiểm dịch.",
        ("-0.030", "-0.020"),
    ),
    (
        "Nhà máy chế biến nông sản Tà Lùng",
        "Ta Lung agricultural processing plant",
        "Khu công nghiệp Tà Lùng",
        "TALUNG",
        ["10"],
        "10",
        "250000000000",
        "Nhà máy chế biến nông sản, hoa quả nhập khẩu và xuất khẩu qua cửa khẩu Tà Lùng.",
        ("0.010", "-0.015"),
    ),
    (
        "Hạ tầng Khu phi thuế quan Lý Vạn",
        "Ly Van non-tariff zone infrastructure",
        "Khu phi thuế quan Lý Vạn",
        "LYVAN",
        ["H", "G"],
        "40",
        "800000000000",
        "Đầu tư hạ tầng kỹ thuật, kho ngoại quan và trung tâm thương mại trong khu phi thuế quan.",
        ("-0.008", "-0.010"),
    ),
]
# English and Chinese versions of the calls' texts, by Vietnamese title (the English title is in CALLS).
INVESTMENT_FORM = "Nhà đầu tư được lựa chọn theo quy định của pháp luật về đầu tư"
INVESTMENT_FORM_TRANSLATIONS: dict[str, Any] = {
    "investment_form_en": "Investor selected as the law on investment provides",
    "investment_form_zh": "依照投资法律规定选择投资者",
}
CALL_TRANSLATIONS: dict[str, dict[str, Any]] = {
    "Cảng cạn ICD Trà Lĩnh": {
        "title_zh": "茶岭（Trà Lĩnh）内陆集装箱港（ICD）",
        "objectives_en": "A dry port (ICD) handling 50,000 TEU a year by 2030, with warehouses, customs and "
        "logistics services.",
        "objectives_zh": "内陆集装箱港（ICD），至2030年吞吐能力达每年5万标准箱，配套仓储、海关及物流服务。",
    },
    "Khu trung chuyển hàng hóa Hùng Quốc": {
        "title_zh": "Hùng Quốc货物中转区",
        "objectives_en": "Infrastructure of a transit area for farm, forestry and fishery goods: marshalling yards, "
        "cold stores and a quarantine area.",
        "objectives_zh": "农林水产品中转区基础设施：集货场、冷库及检疫区。",
    },
    "Nhà máy chế biến nông sản Tà Lùng": {
        "title_zh": "驮隆（Tà Lùng）农产品加工厂",
        "objectives_en": "A plant processing farm produce and fruit imported and exported through the Tà Lùng "
        "border gate.",
        "objectives_zh": "加工经驮隆口岸进出口的农产品和水果的工厂。",
    },
    "Hạ tầng Khu phi thuế quan Lý Vạn": {
        "title_zh": "Lý Vạn非关税区基础设施",
        "objectives_en": "Technical infrastructure, bonded warehouses and a trade centre in the non-tariff zone.",
        "objectives_zh": "非关税区内的技术基础设施、保税仓库及商贸中心。",
    },
}
FALLBACK_COORDS = {
    "TRALINH": ("22.87249", "106.32446"),
    "TALUNG": ("22.47411", "106.57970"),
    "LYVAN": ("22.73000", "106.74000"),
}


def _sectors(actor: Actor) -> dict[str, Sector]:
    found = {s.code: s for s in Sector.objects.filter(classification=VSIC)}
    for code, level, section, name, name_en, name_zh in SECTORS:
        if code not in found:
            found[code] = services.sector_create(
                classification=VSIC,
                level=level,
                code=code,
                name=name,
                name_en=name_en,
                name_zh=name_zh,
                parent=found[section] if section else None,
                actor=actor,
            )
        elif missing := untranslated(found[code], {"name_en": name_en, "name_zh": name_zh}):
            services.sector_rename(sector=found[code], actor=actor, **missing)
    return found


def _coords(zone: EconomicZone, gate_code: str, offset: tuple[str, str]) -> tuple[Decimal, Decimal]:
    gate = BorderGate.objects.filter(zone=zone, code=gate_code).first()
    if gate is not None and gate.latitude is not None and gate.longitude is not None:
        lat, lon = gate.latitude, gate.longitude
    else:
        lat, lon = (Decimal(v) for v in FALLBACK_COORDS[gate_code])
    return lat + Decimal(offset[0]), lon + Decimal(offset[1])


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    zone = demo_zone(ZONE_CODE, out, "Investing: no demo zone, nothing loaded.\n")
    if zone is None:
        return
    sectors = _sectors(actor)
    docs = {d.number: d for d in LegalDocument.objects.filter(zone=zone)}
    if IMPORT_DUTY_LAW["number"] not in docs:
        law = document_services.document_create(zone=zone, actor=actor, is_illustrative=True, **IMPORT_DUTY_LAW)
        publish_reviewed(law, actor=actor)
        docs[IMPORT_DUTY_LAW["number"]] = law
    created_incentives = translated = 0
    for spec in INCENTIVES:
        existing = Incentive.objects.filter(zone=zone, title=spec["title"]).first()
        if existing is not None:
            if missing := untranslated(existing, {k: v for k, v in spec.items() if k.endswith(("_en", "_zh"))}):
                services.incentive_update(incentive=existing, actor=actor, **missing)
                translated += 1
            continue
        if spec["document"] not in docs:
            continue
        values = {k: v for k, v in spec.items() if k not in ("sectors", "functional_areas", "communes", "document")}
        communes = (
            list(Commune.objects.filter(economic_zones=zone, on_china_border=True)) if spec.get("communes") else []
        )
        if spec["area_scope"] == "disadvantaged_commune" and not communes:
            continue
        services.incentive_create(
            zone=zone,
            actor=actor,
            document=docs[spec["document"]],
            sectors=[sectors[c] for c in spec.get("sectors", [])],
            functional_areas=list(FunctionalArea.objects.filter(zone=zone, name__in=spec.get("functional_areas", []))),
            communes=communes,
            is_published=True,
            is_illustrative=True,
            **values,
        )
        created_incentives += 1
    created_calls = 0
    for title, title_en, area_name, gate_code, sector_codes, ha, capital, objectives, offset in CALLS:
        translations = {**CALL_TRANSLATIONS.get(title, {}), **INVESTMENT_FORM_TRANSLATIONS}
        existing_call = InvestmentCall.objects.filter(zone=zone, title=title).first()
        if existing_call is not None:
            if existing_call.investment_form != INVESTMENT_FORM:
                translations = CALL_TRANSLATIONS.get(title, {})
            if missing := untranslated(existing_call, {"title_en": title_en, **translations}):
                services.call_update(call=existing_call, actor=actor, **missing)
                translated += 1
            continue
        gate_area = GateArea.objects.filter(zone=zone, code=gate_code).first()
        area = FunctionalArea.objects.filter(zone=zone, name=area_name).first() if area_name else None
        lat, lon = _coords(zone, gate_code, offset)
        services.call_create(
            zone=zone,
            actor=actor,
            title=title,
            title_en=title_en,
            objectives=objectives,
            gate_area=gate_area,
            functional_area=area,
            commune=area.gate_area.communes.first() if area and area.gate_area else None,
            latitude=lat,
            longitude=lon,
            land_area_ha=Decimal(ha),
            capital_amount=Decimal(capital),
            capital_currency="VND",
            investment_form=INVESTMENT_FORM,
            status="open",
            sectors=[sectors[c] for c in sector_codes],
            is_published=True,
            is_illustrative=True,
            **translations,
        )
        created_calls += 1
    out.write(
        f"Investing: {created_incentives} incentives and {created_calls} calls for investment created, "
        f"{translated} given missing translations.\n"
    )
