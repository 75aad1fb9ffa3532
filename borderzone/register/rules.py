"""The legal rules seeded into `LegalRule` (administrators edit them afterwards) and the deposit (ký quỹ).

A flag evaluated "as of D" uses the rules in force on D (valid_from <= D < valid_to), whatever the law
of the project's certificate date; a rule may narrow itself to certificates issued before or from a
day (a transitional condition). Each seeded rule names where its citation was checked
(docs/legal-sources.md lists them all); a citation that could not be checked is marked so and the
pages say "số điều chưa được xác nhận". The system flags; people decide.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

LAW_2014 = "Luật Đầu tư 67/2014/QH13"
LAW_2020 = "Luật Đầu tư 61/2020/QH14"
LAW_2025 = "Luật Đầu tư 143/2025/QH15"
LAND_2013 = "Luật Đất đai 45/2013/QH13"
LAND_2024 = "Luật Đất đai 31/2024/QH15"

#: When each law took effect (and the day the next one replaced it).
INVESTMENT_2014_FROM = dt.date(2015, 7, 1)
INVESTMENT_2020_FROM = dt.date(2021, 1, 1)
INVESTMENT_2025_FROM = dt.date(2026, 3, 1)
LAND_2013_FROM = dt.date(2014, 7, 1)
LAND_2024_FROM = dt.date(2024, 8, 1)

SRC_41_4 = "baochinhphu.vn, «Thời hạn điều chỉnh tiến độ dự án đầu tư là bao lâu?» (16/05/2022)"
SRC_46_3 = "vinasc.vn, Law on Investment 2014 (English text), Article 46 «Extension of project schedule»"
SRC_48_2014 = (
    "bqlkktcn.thuathienhue.gov.vn và ipc.danang.gov.vn, «Project termination» (tóm tắt Điều 48 Luật Đầu tư 2014)"
)
SRC_48_2020 = (
    "letranlaw.com, «Under which circumstances shall the investment project be terminated?»; "
    "sblaw.vn, «New provisions regarding termination … Law on Investment 2020»"
)
SRC_64 = "anslawfirm.com, «Pháp luật về đất đai có quy định gì để giải quyết tình trạng lãng phí tài nguyên đất?»"
SRC_81 = "chatluongvacuocsong.vn, «Từ 1/8, chậm tiến độ sử dụng đất sẽ bị Nhà nước thu hồi đất»"
SRC_2025 = "vnlawfind.com.vn và vir.com.vn (Luật Đầu tư 2025 có hiệu lực từ 01/03/2026, 52 điều)"

LAND_CONSEQUENCE = (
    "Chủ đầu tư được gia hạn không quá 24 tháng và phải nộp khoản tiền tương ứng với tiền sử dụng đất, tiền thuê "
    "đất cho thời gian gia hạn; hết thời hạn gia hạn mà chưa đưa đất vào sử dụng thì Nhà nước thu hồi đất."
)

SEED_RULES: list[dict[str, object]] = [
    # --- Investment Law 67/2014/QH13 (01/07/2015 – 31/12/2020) ---
    {
        "code": "EXTENSION_24M",
        "condition": "extension_beyond_first",
        "months": 24,
        "policy_approved_only": False,
        "law": LAW_2014,
        "article": "Điều 46 khoản 3",
        "article_confirmed": True,
        "source": SRC_46_3,
        "description": "Tổng thời gian giãn tiến độ đầu tư không quá 24 tháng (trừ thời gian khắc phục bất khả kháng).",
        "valid_from": INVESTMENT_2014_FROM,
        "valid_to": INVESTMENT_2020_FROM,
    },
    {
        "code": "OVERDUE_12M",
        "condition": "overdue",
        "months": 12,
        "policy_approved_only": False,
        "law": LAW_2014,
        "article": "Điều 48 khoản 2 điểm d",
        "article_confirmed": False,
        "source": SRC_48_2014 + " — điểm d suy ra từ thứ tự liệt kê, chưa đọc được nguyên văn",
        "description": (
            "Sau 12 tháng nhà đầu tư không thực hiện hoặc không có khả năng thực hiện dự án theo tiến độ đăng ký và "
            "không thuộc trường hợp được giãn tiến độ: cơ quan đăng ký đầu tư chấm dứt hoạt động dự án."
        ),
        "valid_from": INVESTMENT_2014_FROM,
        "valid_to": INVESTMENT_2020_FROM,
    },
    # --- Land Law 45/2013/QH13 (01/07/2014 – 31/07/2024) ---
    {
        "code": "LAND_UNUSED_12M",
        "condition": "land_unused",
        "months": 12,
        "policy_approved_only": False,
        "law": LAND_2013,
        "article": "Điều 64 khoản 1 điểm i",
        "article_confirmed": True,
        "source": SRC_64,
        "description": "Đất được giao, cho thuê để thực hiện dự án không được sử dụng trong 12 tháng liên tục kể từ khi "
        "nhận bàn giao đất trên thực địa. " + LAND_CONSEQUENCE + " Trừ trường hợp bất khả kháng.",
        "valid_from": LAND_2013_FROM,
        "valid_to": LAND_2024_FROM,
    },
    {
        "code": "LAND_BEHIND_24M",
        "condition": "land_behind",
        "months": 24,
        "policy_approved_only": False,
        "law": LAND_2013,
        "article": "Điều 64 khoản 1 điểm i",
        "article_confirmed": True,
        "source": SRC_64,
        "description": "Tiến độ sử dụng đất chậm 24 tháng so với tiến độ ghi trong dự án đầu tư. "
        + LAND_CONSEQUENCE
        + " Trừ trường hợp bất khả kháng.",
        "valid_from": LAND_2013_FROM,
        "valid_to": LAND_2024_FROM,
    },
    # --- Investment Law 61/2020/QH14 (01/01/2021 – 28/02/2026) ---
    {
        "code": "EXTENSION_24M",
        "condition": "extension_beyond_first",
        "months": 24,
        "policy_approved_only": True,
        "law": LAW_2020,
        "article": "Điều 41 khoản 4",
        "article_confirmed": True,
        "source": SRC_41_4,
        "description": (
            "Dự án có chấp thuận chủ trương đầu tư: không điều chỉnh tiến độ quá 24 tháng so với tiến độ tại văn bản "
            "chấp thuận chủ trương đầu tư lần đầu (trừ các trường hợp luật liệt kê)."
        ),
        "valid_from": INVESTMENT_2020_FROM,
        "valid_to": INVESTMENT_2025_FROM,
    },
    {
        "code": "LAND_RECOVERY_TERMINATION",
        "condition": "land_unused",
        "months": 36,
        "policy_approved_only": False,
        "law": LAW_2020,
        "article": "Điều 48 khoản 2 điểm d",
        "article_confirmed": True,
        "source": SRC_48_2020,
        "description": (
            "Đất không được sử dụng 12 tháng liên tục cộng 24 tháng gia hạn tối đa: đất bị thu hồi vì không đưa vào sử "
            "dụng hoặc chậm đưa vào sử dụng là căn cứ để cơ quan đăng ký đầu tư chấm dứt hoạt động dự án. Luật này "
            "không có căn cứ chấm dứt «chậm 12 tháng so với tiến độ» (điểm g là bản án, quyết định của Tòa án, "
            "phán quyết trọng tài)."
        ),
        "valid_from": INVESTMENT_2020_FROM,
        "valid_to": INVESTMENT_2025_FROM,
    },
    # --- Land Law 31/2024/QH15 (from 01/08/2024) ---
    {
        "code": "LAND_UNUSED_12M",
        "condition": "land_unused",
        "months": 12,
        "policy_approved_only": False,
        "law": LAND_2024,
        "article": "Điều 81 khoản 8",
        "article_confirmed": True,
        "source": SRC_81,
        "description": "Đất được giao, cho thuê để thực hiện dự án không được sử dụng trong 12 tháng liên tục kể từ khi "
        "nhận bàn giao đất trên thực địa. "
        + LAND_CONSEQUENCE
        + " Không áp dụng cho trường hợp bất khả kháng (khoản 9).",
        "valid_from": LAND_2024_FROM,
        "valid_to": None,
    },
    {
        "code": "LAND_BEHIND_24M",
        "condition": "land_behind",
        "months": 24,
        "policy_approved_only": False,
        "counts_from_handover": True,
        "law": LAND_2024,
        "article": "Điều 81 khoản 8",
        "article_confirmed": True,
        "source": SRC_81,
        "description": "Tiến độ sử dụng đất chậm 24 tháng so với tiến độ ghi trong dự án đầu tư. "
        + LAND_CONSEQUENCE
        + " Không áp dụng cho trường hợp bất khả kháng (khoản 9). Nhà nước bàn giao đất chậm thì tiến độ tính từ "
        "ngày bàn giao (Nghị định 239/2025/NĐ-CP sửa Nghị định 31/2021/NĐ-CP; số điều chưa được xác nhận).",
        "valid_from": LAND_2024_FROM,
        "valid_to": None,
    },
    # --- Investment Law 143/2025/QH15 (from 01/03/2026) ---
    {
        "code": "EXTENSION_24M",
        "condition": "extension_beyond_first",
        "months": 24,
        "policy_approved_only": True,
        "law": LAW_2025,
        "article": "",
        "article_confirmed": False,
        "source": SRC_2025 + " — chưa đọc được điều luật về điều chỉnh tiến độ",
        "description": (
            "Giới hạn 24 tháng của Luật Đầu tư 2020 được giữ để rà soát; chưa đối chiếu được với điều tương ứng của "
            "Luật Đầu tư 2025."
        ),
        "basis_note": "Căn cứ sau 01/03/2026 chưa được xác nhận: chưa xác nhận được nghị định hướng dẫn Luật Đầu tư 2025.",
        "valid_from": INVESTMENT_2025_FROM,
        "valid_to": None,
    },
    {
        "code": "LAND_RECOVERY_TERMINATION",
        "condition": "land_unused",
        "months": 36,
        "policy_approved_only": False,
        "law": LAW_2025,
        "article": "",
        "article_confirmed": False,
        "source": SRC_2025 + " — chưa đọc được điều luật về chấm dứt hoạt động dự án",
        "description": (
            "Đất bị thu hồi sau 12 tháng không sử dụng và 24 tháng gia hạn: căn cứ chấm dứt hoạt động dự án theo luật "
            "2020; điều tương ứng của Luật Đầu tư 2025 chưa được đối chiếu."
        ),
        "basis_note": "Căn cứ sau 01/03/2026 chưa được xác nhận: chưa xác nhận được nghị định hướng dẫn Luật Đầu tư 2025.",
        "valid_from": INVESTMENT_2025_FROM,
        "valid_to": None,
    },
]

#: Seeded rows of earlier releases that no longer exist (code, valid_from): removed by the data migration.
#: The 2020 law has no "12 months behind schedule" termination ground.
RETIRED_RULES = [("OVERDUE_12M", INVESTMENT_2020_FROM), ("OVERDUE_12M", INVESTMENT_2025_FROM)]


# --- Deposit (ký quỹ) ---

#: (upper bound in VND or None, rate): 3 % up to 300 billion, 2 % of the part to 1,000 billion, 1 % above.
DEPOSIT_TIERS: list[tuple[Decimal | None, Decimal]] = [
    (Decimal(300_000_000_000), Decimal("0.03")),
    (Decimal(1_000_000_000_000), Decimal("0.02")),
    (None, Decimal("0.01")),
]
DEPOSIT_LAW = "Nghị định 31/2021/NĐ-CP"
DEPOSIT_ARTICLE = "Điều 26"
DEPOSIT_ARTICLE_CONFIRMED = False
DEPOSIT_BASIS = f"{DEPOSIT_LAW}, {DEPOSIT_ARTICLE}"
#: Decree 31/2021 implements the 2020 law; its successor under Law 143/2025 is not confirmed.
DEPOSIT_BASIS_UNCONFIRMED_FROM = INVESTMENT_2025_FROM

#: Reduction of the deposit by area classification and by sector, in percent.
AREA_REDUCTION = {"especially_difficult": Decimal(50), "difficult": Decimal(25)}
SECTOR_REDUCTION = {"special_incentive": Decimal(50), "incentive": Decimal(25)}


def deposit_for(capital_vnd: Decimal) -> Decimal:
    """The deposit on a base in VND, tier by tier, in whole đồng (before any reduction)."""
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


@dataclass(frozen=True)
class DepositAssessment:
    """What a project owes as a deposit on a day, and why."""

    capital_vnd: Decimal
    land_charges_vnd: Decimal
    base_vnd: Decimal
    tiers_vnd: Decimal
    reduction_percent: Decimal
    reduction_reason: str  # "area" | "sector" | "exempt" | ""
    area_level: str  # "especially_difficult" | "difficult" | ""
    due_vnd: Decimal
    basis_unconfirmed: bool  # the day is after Decree 31/2021's law was replaced and no successor is confirmed


def assess_deposit(
    *,
    capital_vnd: Decimal,
    land_charges_vnd: Decimal = Decimal(0),
    area_level: str = "",
    sector_level: str = "",
    exempt: bool = False,
    day: dt.date,
) -> DepositAssessment:
    """The deposit: land levy and rent paid to the State come out of the base; the tiers apply to the rest;
    the larger of the area's and the sector's reduction applies (they are not added); an exempt project owes none."""
    base = max(Decimal(0), capital_vnd - land_charges_vnd)
    tiers = deposit_for(base)
    area = AREA_REDUCTION.get(area_level, Decimal(0))
    sector = SECTOR_REDUCTION.get(sector_level, Decimal(0))
    if exempt:
        percent, reason = Decimal(100), "exempt"
    elif area >= sector and area > 0:
        percent, reason = area, "area"
    elif sector > 0:
        percent, reason = sector, "sector"
    else:
        percent, reason = Decimal(0), ""
    due = (tiers * (100 - percent) / 100).quantize(Decimal(1))
    return DepositAssessment(
        capital_vnd=capital_vnd,
        land_charges_vnd=land_charges_vnd,
        base_vnd=base,
        tiers_vnd=tiers,
        reduction_percent=percent,
        reduction_reason=reason,
        area_level=area_level,
        due_vnd=due,
        basis_unconfirmed=day >= DEPOSIT_BASIS_UNCONFIRMED_FROM,
    )
