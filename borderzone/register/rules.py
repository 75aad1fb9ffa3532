"""The legal rules seeded into `LegalRule` (administrators edit them afterwards) and the deposit tiers.

Each rule carries its legal basis and the period it applies to; a project is judged by the rules
valid on the issue date of its certificate version in force, so projects certified under an older law
keep being judged by it. The system flags; people decide.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

SEED_RULES: list[dict[str, object]] = [
    {
        "code": "EXTENSION_24M",
        "condition": "extension_beyond_first",
        "months": 24,
        "policy_approved_only": False,
        "law": "Luật Đầu tư 67/2014/QH13",
        "article": "Điều 46 khoản 4",
        "description": "Tổng thời gian giãn tiến độ không quá 24 tháng so với tiến độ ban đầu.",
        "valid_from": dt.date(2015, 7, 1),
        "valid_to": dt.date(2020, 12, 31),
    },
    {
        "code": "OVERDUE_12M",
        "condition": "overdue",
        "months": 12,
        "policy_approved_only": False,
        "law": "Luật Đầu tư 67/2014/QH13",
        "article": "Điều 48 khoản 2",
        "description": "Sau 12 tháng không thực hiện được dự án theo tiến độ đăng ký: căn cứ chấm dứt hoạt động.",
        "valid_from": dt.date(2015, 7, 1),
        "valid_to": dt.date(2020, 12, 31),
    },
    {
        "code": "LAND_UNUSED_12M",
        "condition": "land_unused",
        "months": 12,
        "policy_approved_only": False,
        "law": "Luật Đất đai 45/2013/QH13",
        "article": "Điều 64 khoản 1 điểm i",
        "description": "Đất không được sử dụng trong 12 tháng liên tục: căn cứ thu hồi đất.",
        "valid_from": dt.date(2014, 7, 1),
        "valid_to": dt.date(2024, 7, 31),
    },
    {
        "code": "EXTENSION_24M",
        "condition": "extension_beyond_first",
        "months": 24,
        "policy_approved_only": True,
        "law": "Luật Đầu tư 61/2020/QH14",
        "article": "Điều 41 khoản 4",
        "description": (
            "Dự án có chấp thuận chủ trương đầu tư: tổng thời gian giãn tiến độ không quá 24 tháng so với "
            "tiến độ tại văn bản chấp thuận ban đầu (trừ các trường hợp luật liệt kê)."
        ),
        "valid_from": dt.date(2021, 1, 1),
        "valid_to": dt.date(2026, 2, 28),
    },
    {
        "code": "OVERDUE_12M",
        "condition": "overdue",
        "months": 12,
        "policy_approved_only": False,
        "law": "Luật Đầu tư 61/2020/QH14",
        "article": "Điều 48 khoản 2 điểm g",
        "description": (
            "Sau 12 tháng nhà đầu tư không thực hiện hoặc không có khả năng thực hiện dự án theo tiến độ đăng ký "
            "và không thuộc trường hợp được giãn tiến độ: căn cứ chấm dứt hoạt động."
        ),
        "valid_from": dt.date(2021, 1, 1),
        "valid_to": dt.date(2026, 2, 28),
    },
    {
        "code": "LAND_UNUSED_12M",
        "condition": "land_unused",
        "months": 12,
        "policy_approved_only": False,
        "law": "Luật Đất đai 31/2024/QH15",
        "article": "Điều 81 khoản 8",
        "description": "Đất được giao, cho thuê để thực hiện dự án không được sử dụng trong 12 tháng liên tục.",
        "valid_from": dt.date(2024, 8, 1),
        "valid_to": None,
    },
    {
        "code": "EXTENSION_24M",
        "condition": "extension_beyond_first",
        "months": 24,
        "policy_approved_only": True,
        "law": "Luật Đầu tư 143/2025/QH15; Nghị định 239/2025/NĐ-CP",
        "article": "Quy định về giãn tiến độ (cần bộ phận pháp chế xác nhận số điều)",
        "description": "Giới hạn giãn tiến độ 24 tháng theo luật mới; kiểm tra lại khi áp dụng.",
        "valid_from": dt.date(2026, 3, 1),
        "valid_to": None,
    },
    {
        "code": "OVERDUE_12M",
        "condition": "overdue",
        "months": 12,
        "policy_approved_only": False,
        "law": "Luật Đầu tư 143/2025/QH15; Nghị định 239/2025/NĐ-CP",
        "article": "Quy định về chấm dứt hoạt động dự án (cần bộ phận pháp chế xác nhận số điều)",
        "description": "Chậm tiến độ quá 12 tháng: xem xét chấm dứt hoạt động theo luật mới.",
        "valid_from": dt.date(2026, 3, 1),
        "valid_to": None,
    },
]

#: Deposit (ký quỹ) for projects on State-allocated or leased land: (upper bound in VND or None, rate).
#: Decree 31/2021/NĐ-CP, Article 26 (3 % up to 300 billion, 2 % of the part to 1,000 billion, 1 % above).
DEPOSIT_TIERS: list[tuple[Decimal | None, Decimal]] = [
    (Decimal(300_000_000_000), Decimal("0.03")),
    (Decimal(1_000_000_000_000), Decimal("0.02")),
    (None, Decimal("0.01")),
]
DEPOSIT_BASIS = "Nghị định 31/2021/NĐ-CP, Điều 26"


def deposit_for(capital_vnd: Decimal) -> Decimal:
    """The deposit on a project's capital in VND, tier by tier, in whole đồng."""
    total = Decimal(0)
    lower = Decimal(0)
    for upper, rate in DEPOSIT_TIERS:
        top = capital_vnd if upper is None else min(capital_vnd, upper)
        if top > lower:
            total += (top - lower) * rate
        if upper is None or capital_vnd <= upper:
            break
        lower = upper
    return total.quantize(Decimal(1))
