"""The report forms every install starts with (loaded by migration 0002; administrators add later versions).

Plain data, so that the migration can load it through its historical models. The legal basis of each
version, and what could not be confirmed against the text, is in docs/legal-sources.md ("Investor
reporting"); a version whose basis was not confirmed says so on every page that shows it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

OLD_LAW_END = dt.date(2026, 2, 28)
NEW_LAW_START = dt.date(2026, 3, 1)

# key, vi, en, zh, type, unit, required, cumulative, part_of
_CAPITAL = [
    (
        "capital_contributed",
        "Vốn góp lũy kế đến cuối kỳ",
        "Capital contributed, cumulative to the period's end",
        "截至期末累计出资",
        "amount",
        "đồng",
        True,
        True,
        "",
    ),
    (
        "capital_disbursed_period",
        "Vốn đầu tư thực hiện trong kỳ",
        "Capital disbursed in the period",
        "本期实际投资额",
        "amount",
        "đồng",
        True,
        False,
        "",
    ),
    (
        "capital_disbursed",
        "Vốn đầu tư thực hiện lũy kế đến cuối kỳ",
        "Capital disbursed, cumulative",
        "累计实际投资额",
        "amount",
        "đồng",
        True,
        True,
        "",
    ),
    (
        "capital_equity",
        "Trong đó: vốn chủ sở hữu",
        "Of which: equity",
        "其中：自有资金",
        "amount",
        "đồng",
        False,
        True,
        "capital_disbursed",
    ),
    (
        "capital_loans",
        "Trong đó: vốn vay",
        "Of which: loans",
        "其中：贷款",
        "amount",
        "đồng",
        False,
        True,
        "capital_disbursed",
    ),
    (
        "capital_foreign",
        "Trong đó: vốn nước ngoài",
        "Of which: foreign capital",
        "其中：外资",
        "amount",
        "đồng",
        False,
        True,
        "capital_disbursed",
    ),
]
_OPERATIONS = [
    ("revenue", "Doanh thu trong kỳ", "Revenue in the period", "本期营业收入", "amount", "đồng", True, False, ""),
    ("exports", "Giá trị xuất khẩu trong kỳ", "Exports in the period", "本期出口额", "amount", "USD", False, False, ""),
    ("imports", "Giá trị nhập khẩu trong kỳ", "Imports in the period", "本期进口额", "amount", "USD", False, False, ""),
    (
        "budget_paid",
        "Thuế và các khoản nộp ngân sách trong kỳ",
        "Taxes and other amounts paid to the budget",
        "本期缴纳税款及其他预算款项",
        "amount",
        "đồng",
        True,
        False,
        "",
    ),
    ("land_used_ha", "Diện tích đất sử dụng", "Land used", "使用土地面积", "decimal", "ha", False, False, ""),
    (
        "employees_vn",
        "Số lao động Việt Nam",
        "Vietnamese employees",
        "越南籍员工人数",
        "integer",
        "người",
        True,
        False,
        "",
    ),
    (
        "employees_foreign",
        "Số lao động nước ngoài",
        "Foreign employees",
        "外籍员工人数",
        "integer",
        "người",
        True,
        False,
        "",
    ),
]
_ANNUAL_ITEMS = [
    (
        "environment",
        "Tình hình thực hiện các yêu cầu về bảo vệ môi trường",
        "Environmental protection",
        "环境保护要求的执行情况",
        "text",
        "",
        False,
        False,
        "",
    ),
    (
        "technology",
        "Công nghệ sử dụng, chuyển giao công nghệ",
        "Technology used and transferred",
        "所用技术及技术转让",
        "text",
        "",
        False,
        False,
        "",
    ),
]
_NATIONAL_REF = [
    (
        "national_system_ref",
        "Mã báo cáo trên Hệ thống thông tin quốc gia về đầu tư (nếu đã nộp)",
        "Reference in the national investment information system (if filed there)",
        "国家投资信息系统中的报告编号（如已提交）",
        "text",
        "",
        False,
        False,
        "",
    ),
]


def _fields(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "order": (i + 1) * 10,
            "name_vi": vi,
            "name_en": en,
            "name_zh": zh,
            "type": kind,
            "unit": unit,
            "required": required,
            "not_negative": kind != "text",
            "cumulative": cumulative,
            "part_of": part_of,
        }
        for i, (key, vi, en, zh, kind, unit, required, cumulative, part_of) in enumerate(rows)
    ]


_OLD_BASIS = "Luật Đầu tư 61/2020/QH14, Điều 72; Nghị định 31/2021/NĐ-CP, Điều 102; Nghị định 35/2022/NĐ-CP, Điều 27 khoản 1 điểm c"
_NEW_BASIS = "Luật Đầu tư 143/2025/QH15; Thông tư 44/2026/TT-BTC (được nêu là ban hành ngày 22/04/2026)"
_MONITORING_BASIS = "Nghị định 29/2021/NĐ-CP; mẫu biểu theo Thông tư 05/2023/TT-BKHĐT"
_BOARD_BASIS = "Nghị định 31/2021/NĐ-CP, Điều 102; Nghị định 35/2022/NĐ-CP"
#: Each basis as English and Chinese readers read it (migration 0003 fills the versions seeded before).
BASIS_TRANSLATIONS: dict[str, tuple[str, str]] = {
    _OLD_BASIS: (
        "Investment Law 61/2020/QH14, Article 72; Decree 31/2021/ND-CP, Article 102; "
        "Decree 35/2022/ND-CP, Article 27(1)(c)",
        "第61/2020/QH14号投资法第72条；第31/2021/NĐ-CP号议定第102条；第35/2022/NĐ-CP号议定第27条第1款c项",
    ),
    _NEW_BASIS: (
        "Investment Law 143/2025/QH15; Circular 44/2026/TT-BTC (stated to have been issued on 22/04/2026)",
        "第143/2025/QH15号投资法；第44/2026/TT-BTC号通知（据称于2026年4月22日颁布）",
    ),
    _MONITORING_BASIS: (
        "Decree 29/2021/ND-CP; forms as in Circular 05/2023/TT-BKHĐT",
        "第29/2021/NĐ-CP号议定；表格依照第05/2023/TT-BKHĐT号通知",
    ),
    _BOARD_BASIS: (
        "Decree 31/2021/ND-CP, Article 102; Decree 35/2022/ND-CP",
        "第31/2021/NĐ-CP号议定第102条；第35/2022/NĐ-CP号议定",
    ),
}

FORMS: list[dict[str, Any]] = []
for version, basis, valid_from, valid_to, extra in (
    (1, _OLD_BASIS, dt.date(2021, 1, 1), OLD_LAW_END, []),
    (2, _NEW_BASIS, NEW_LAW_START, None, _NATIONAL_REF),
):
    FORMS += [
        {
            "code": "NDT-QUY",
            "version": version,
            "name_vi": "Báo cáo tình hình thực hiện dự án đầu tư (quý)",
            "name_en": "Quarterly report on the implementation of the investment project",
            "name_zh": "投资项目实施情况季度报告",
            "legal_basis": basis,
            "submitter": "investor",
            "period": "quarter",
            "due_months_after": 1,
            "due_day": 10,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "fields": _fields(_CAPITAL + _OPERATIONS + extra),
        },
        {
            "code": "NDT-NAM",
            "version": version,
            "name_vi": "Báo cáo tình hình thực hiện dự án đầu tư (năm)",
            "name_en": "Annual report on the implementation of the investment project",
            "name_zh": "投资项目实施情况年度报告",
            "legal_basis": basis,
            "submitter": "investor",
            "period": "year",
            "due_months_after": 3,
            "due_day": 31,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "fields": _fields(_CAPITAL + _OPERATIONS + _ANNUAL_ITEMS + extra),
        },
    ]
FORMS += [
    {
        "code": "GS-6T",
        "version": 1,
        "name_vi": "Báo cáo giám sát, đánh giá đầu tư (6 tháng)",
        "name_en": "Half-year investment monitoring and evaluation report",
        "name_zh": "投资监督评估半年报告",
        "legal_basis": _MONITORING_BASIS,
        "submitter": "investor",
        "period": "half",
        "due_months_after": 1,
        "due_day": 10,
        "valid_from": dt.date(2023, 1, 1),
        "valid_to": None,
        "fields": _fields(_CAPITAL + _OPERATIONS + _ANNUAL_ITEMS),
    },
    {
        "code": "GS-NAM",
        "version": 1,
        "name_vi": "Báo cáo giám sát, đánh giá đầu tư (năm)",
        "name_en": "Annual investment monitoring and evaluation report",
        "name_zh": "投资监督评估年度报告",
        "legal_basis": _MONITORING_BASIS,
        "submitter": "investor",
        "period": "year",
        "due_months_after": 1,
        "due_day": 10,
        "valid_from": dt.date(2023, 1, 1),
        "valid_to": None,
        "fields": _fields(_CAPITAL + _OPERATIONS + _ANNUAL_ITEMS),
    },
    # The board's own reports: their deadline calendar and their documents (statutory.py).
    {
        "code": "BQL-QUY",
        "version": 1,
        "name_vi": "Báo cáo tình hình đăng ký và thực hiện dự án đầu tư trong khu kinh tế (quý)",
        "name_en": "Quarterly report on investment registration and implementation in the zone",
        "name_zh": "经济区投资登记和实施情况季度报告",
        "legal_basis": _BOARD_BASIS,
        "submitter": "board",
        "period": "quarter",
        "due_months_after": 1,
        "due_day": 15,
        "recipients": "Bộ Tài chính\nỦy ban nhân dân tỉnh\nSở Tài chính\nLưu: VT",
        "valid_from": dt.date(2021, 1, 1),
        "valid_to": None,
        "fields": [],
    },
    {
        "code": "BQL-NAM",
        "version": 1,
        "name_vi": "Báo cáo tình hình đăng ký và thực hiện dự án đầu tư trong khu kinh tế (năm)",
        "name_en": "Annual report on investment registration and implementation in the zone",
        "name_zh": "经济区投资登记和实施情况年度报告",
        "legal_basis": _BOARD_BASIS,
        "submitter": "board",
        "period": "year",
        "due_months_after": 1,
        "due_day": 20,
        "recipients": "Bộ Tài chính\nỦy ban nhân dân tỉnh\nSở Tài chính\nLưu: VT",
        "valid_from": dt.date(2021, 1, 1),
        "valid_to": None,
        "fields": [],
    },
    {
        "code": "BQL-GS",
        "version": 1,
        "name_vi": "Báo cáo giám sát, đánh giá tổng thể đầu tư (năm)",
        "name_en": "Annual investment monitoring report to the provincial People's Committee",
        "name_zh": "年度投资监督评估总体报告",
        "legal_basis": _MONITORING_BASIS,
        "submitter": "board",
        "period": "year",
        "due_months_after": 1,
        "due_day": 31,
        "recipients": "Ủy ban nhân dân tỉnh\nSở Tài chính\nLưu: VT",
        "valid_from": dt.date(2021, 1, 1),
        "valid_to": None,
        "fields": [],
    },
]


def load_forms(report_form_model: Any, form_field_model: Any) -> int:
    """Create the seeded form versions that are missing (by code and version); returns how many."""
    created = 0
    # The versions of the basis only where the model has them (migration 0002's historical model has not).
    versions = {f.name for f in report_form_model._meta.get_fields()} >= {"legal_basis_en", "legal_basis_zh"}
    for spec in FORMS:
        spec = dict(spec)
        fields = spec.pop("fields")
        if versions:
            spec["legal_basis_en"], spec["legal_basis_zh"] = BASIS_TRANSLATIONS[spec["legal_basis"]]
        form, made = report_form_model.objects.get_or_create(code=spec["code"], version=spec["version"], defaults=spec)
        if made:
            created += 1
            for field in fields:
                form_field_model.objects.create(form=form, **field)
    return created


def translate_bases(report_form_model: Any) -> int:
    """Fill the English and Chinese versions of the seeded bases still empty (a basis staff rewrote is left)."""
    changed = 0
    for vi, (en, zh) in BASIS_TRANSLATIONS.items():
        changed += report_form_model.objects.filter(legal_basis=vi, legal_basis_en="", legal_basis_zh="").update(
            legal_basis_en=en, legal_basis_zh=zh
        )
    return changed
