"""Demo development plan of Cao Bằng: the goals of the 2020 article with plausible progress, and three
cooperation agreements with Guangxi (illustrative: parties and dates are examples, not records)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TextIO

from django.db import transaction

from borderzone.access.actors import Actor
from borderzone.access.demo_data import demo_zone, missing, untranslated
from borderzone.planning import services
from borderzone.planning.models import CooperationAgreement, Goal, GoalStatus
from borderzone.zones.models import GateArea

ZONE_CODE = "CB"
D = dt.date
PROVINCE = "UBND tỉnh Cao Bằng"
BOARD = "Ban Quản lý Khu kinh tế tỉnh Cao Bằng"

# code, gate area (None: zone-wide), title, English title, phase, start, target, agency, target text, value, unit,
# status, progress, achieved on, milestones [(title, target, done)]
GOALS: list[tuple[Any, ...]] = [
    (
        "TL-01",
        "TRALINH",
        "Nâng cấp cửa khẩu Trà Lĩnh thành cửa khẩu quốc tế",
        "Upgrade Tra Linh to an international gate",
        (2019, 2025),
        D(2019, 1, 1),
        D(2025, 12, 31),
        PROVINCE,
        "",
        None,
        "",
        GoalStatus.ACHIEVED,
        100,
        D(2023, 12, 28),
        [
            ("Hoàn thiện hồ sơ đề nghị nâng cấp cặp cửa khẩu", D(2021, 12, 31), D(2022, 6, 30)),
            ("Công bố nâng cấp cặp cửa khẩu Trà Lĩnh – Long Bang", D(2025, 12, 31), D(2023, 12, 28)),
        ],
    ),
    (
        "TL-02",
        "TRALINH",
        "Mở lối thông quan Nà Đoỏng (Việt Nam) – Nà Ráy (Trung Quốc)",
        "Open the Na Doong – Na Ray crossing",
        (2019, 2025),
        D(2019, 1, 1),
        D(2025, 12, 31),
        PROVINCE,
        "",
        None,
        "",
        GoalStatus.ACHIEVED,
        100,
        D(2023, 12, 28),
        [("Đưa lối thông quan vào hoạt động", D(2025, 12, 31), D(2023, 12, 28))],
    ),
    (
        "TL-03",
        "TRALINH",
        "Xây dựng hạ tầng khu trung chuyển hàng hóa nông lâm thủy sản Trà Lĩnh",
        "Build the Tra Linh agro-forestry-fishery goods-transit area",
        (2019, 2025),
        D(2019, 1, 1),
        D(2025, 12, 31),
        BOARD,
        "",
        None,
        "",
        GoalStatus.IN_PROGRESS,
        80,
        None,
        [
            ("Hoàn thành giải phóng mặt bằng", D(2022, 6, 30), D(2023, 3, 15)),
            ("Hoàn thành san nền, đường nội bộ", D(2025, 6, 30), None),
        ],
    ),
    (
        "TL-04",
        "TRALINH",
        "Hình thành cảng cạn ICD Trà Lĩnh",
        "Build the Tra Linh ICD dry port",
        (2019, 2030),
        D(2021, 1, 1),
        D(2030, 12, 31),
        BOARD,
        "Công suất thông qua",
        Decimal(50000),
        "TEU/năm",
        GoalStatus.IN_PROGRESS,
        20,
        None,
        [
            ("Phê duyệt quy hoạch chi tiết cảng cạn (5 ha)", D(2024, 12, 31), D(2024, 10, 15)),
            ("Khởi công giai đoạn 1", D(2026, 6, 30), None),
        ],
    ),
    (
        "TL-05",
        "TRALINH",
        "Hình thành Khu hợp tác kinh tế qua biên giới Trà Lĩnh – Long Bang",
        "Form the Tra Linh – Long Bang cross-border economic cooperation zone",
        (2020, 2030),
        D(2020, 1, 1),
        D(2030, 12, 31),
        PROVINCE,
        "",
        None,
        "",
        GoalStatus.NOT_STARTED,
        5,
        None,
        [("Trình Đề án xây dựng khu hợp tác lên Chính phủ", D(2027, 12, 31), None)],
    ),
    (
        "TLG-01",
        "TALUNG",
        "Hoàn thành đầu tư hạ tầng trọng điểm cửa khẩu Tà Lùng",
        "Finish the key infrastructure of the Ta Lung gate",
        (2020, 2025),
        D(2020, 1, 1),
        D(2025, 12, 31),
        BOARD,
        "",
        None,
        "",
        GoalStatus.IN_PROGRESS,
        85,
        None,
        [("Hoàn thành mở rộng bãi xe chờ xuất khẩu", D(2024, 12, 31), D(2025, 3, 31))],
    ),
    (
        "TLG-02",
        "TALUNG",
        "Gắn kết hành lang Nam Ninh – Sùng Tả – Tà Lùng – Cao Bằng",
        "Join the Nanning – Chongzuo – Ta Lung – Cao Bang corridor",
        (2025, 2030),
        D(2025, 1, 1),
        D(2030, 12, 31),
        PROVINCE,
        "",
        None,
        "",
        GoalStatus.IN_PROGRESS,
        20,
        None,
        [],
    ),
    (
        "SG-01",
        "SOCGIANG",
        "Phát triển thương mại biên giới gắn với du lịch khu di tích Pác Bó",
        "Border trade with tourism at the Pac Bo historic site",
        (2020, 2025),
        D(2020, 1, 1),
        D(2025, 12, 31),
        BOARD,
        "",
        None,
        "",
        GoalStatus.IN_PROGRESS,
        70,
        None,
        [],
    ),
    (
        "SG-02",
        "SOCGIANG",
        "Hoàn thành hạ tầng trọng điểm và tuyến giao thông tới Nà Po",
        "Key infrastructure and the road to Napo",
        (2020, 2030),
        D(2020, 1, 1),
        D(2030, 12, 31),
        PROVINCE,
        "",
        None,
        "",
        GoalStatus.IN_PROGRESS,
        25,
        None,
        [],
    ),
    (
        "LV-01",
        "LYVAN",
        "Nâng cấp và công bố cửa khẩu chính Lý Vạn",
        "Upgrade Ly Van to a main gate",
        (2020, 2025),
        D(2020, 1, 1),
        D(2025, 12, 31),
        PROVINCE,
        "",
        None,
        "",
        GoalStatus.ACHIEVED,
        100,
        D(2025, 2, 27),
        [("Công bố mở cửa khẩu song phương Lý Vạn – Thạc Long", D(2025, 12, 31), D(2025, 2, 27))],
    ),
    (
        "LV-02",
        "LYVAN",
        "Kêu gọi đầu tư xây dựng khu phi thuế quan Lý Vạn",
        "Attract investment in the Ly Van non-tariff zone",
        (2020, 2025),
        D(2020, 1, 1),
        D(2025, 12, 31),
        BOARD,
        "Số dự án được chấp thuận",
        Decimal(3),
        "dự án",
        GoalStatus.IN_PROGRESS,
        30,
        None,
        [],
    ),
    (
        "LV-03",
        "LYVAN",
        "Tuyến giao thông kết nối cửa khẩu Lý Vạn với thác Bản Giốc, động Ngườm Ngao",
        "Roads from the Ly Van gate to Ban Gioc waterfall and Nguom Ngao cave",
        (2020, 2025),
        D(2020, 1, 1),
        D(2025, 12, 31),
        "Sở Xây dựng tỉnh Cao Bằng",
        "Chiều dài tuyến",
        Decimal(27),
        "km",
        GoalStatus.IN_PROGRESS,
        55,
        None,
        [],
    ),
    (
        "ZW-01",
        None,
        "Đường bộ cao tốc Trà Lĩnh – Đồng Đăng",
        "The Tra Linh – Dong Dang expressway",
        (2020, 2030),
        D(2020, 1, 1),
        D(2026, 12, 31),
        PROVINCE,
        "Chiều dài tuyến",
        Decimal(121),
        "km",
        GoalStatus.IN_PROGRESS,
        60,
        None,
        [("Khởi công dự án", D(2024, 1, 1), D(2024, 1, 1))],
    ),
    (
        "ZW-02",
        None,
        "Khu trung chuyển hàng hóa Hùng Quốc",
        "The Hung Quoc goods-transit area",
        (2020, 2030),
        D(2020, 1, 1),
        D(2030, 12, 31),
        BOARD,
        "Diện tích",
        Decimal(100),
        "ha",
        GoalStatus.IN_PROGRESS,
        10,
        None,
        [],
    ),
    (
        "ZW-03",
        None,
        "Phát triển công nghiệp chế biến nông – lâm nghiệp phục vụ xuất khẩu",
        "Agro-forestry processing for export",
        (2020, 2030),
        D(2020, 1, 1),
        D(2030, 12, 31),
        BOARD,
        "",
        None,
        "",
        GoalStatus.IN_PROGRESS,
        15,
        None,
        [],
    ),
]

AGREEMENTS: list[tuple[Any, ...]] = [
    (
        "Biên bản ghi nhớ về thúc đẩy nâng cấp cặp cửa khẩu Trà Lĩnh – Long Bang và mở lối thông quan Nà Đoỏng – Nà Ráy",
        "MoU on upgrading the Tra Linh – Long Bang gate pair and opening the Na Doong – Na Ray crossing",
        "Ủy ban nhân dân tỉnh Cao Bằng",
        "Chính quyền nhân dân thành phố Bách Sắc (Quảng Tây)",
        D(2021, 9, 10),
        ["gates", "trade", "transport"],
        [
            (
                "Hoàn thiện hạ tầng khu kiểm soát liên hợp hai bên",
                "Ban Quản lý Khu kinh tế",
                D(2023, 6, 30),
                D(2022, 3, 1),
            ),
            (
                "Thống nhất phương án thông quan hàng hóa qua Nà Đoỏng – Nà Ráy",
                "Sở Công Thương",
                D(2023, 12, 31),
                D(2022, 8, 15),
            ),
        ],
    ),
    (
        "Thỏa thuận hợp tác nghiên cứu xây dựng Khu hợp tác kinh tế qua biên giới Trà Lĩnh – Long Bang",
        "Agreement to study a Tra Linh – Long Bang cross-border economic cooperation zone",
        "Ủy ban nhân dân tỉnh Cao Bằng",
        "Chính quyền nhân dân thành phố Bách Sắc (Quảng Tây)",
        D(2023, 4, 20),
        ["investment", "trade"],
        [
            ("Thành lập tổ công tác chung", "Ban Quản lý Khu kinh tế", D(2023, 12, 31), None),
            ("Xây dựng đề án tổng thể khu hợp tác", "Sở Kế hoạch và Đầu tư", D(2024, 12, 31), None),
        ],
    ),
    (
        "Biên bản hội đàm về tuyến đường chuyên dụng vận chuyển hàng hóa cửa khẩu Sóc Giang – Bình Mãng",
        "Minutes on a dedicated goods road at the Soc Giang – Pingmeng gates",
        "Ủy ban nhân dân huyện Hà Quảng",
        "Chính quyền nhân dân huyện Nà Po (Quảng Tây)",
        D(2024, 5, 16),
        ["transport", "gates"],
        [("Thống nhất điểm đấu nối tuyến đường tại mốc biên giới", "Sở Ngoại vụ", D(2024, 12, 31), None)],
    ),
]

# The English and Chinese versions of the texts above; Chinese place names as the demo news writes them (茶岭,
# 大隆, 里万, 朔江, 北坡, 雄国, 那洞, 那拉, 同登) and long-standing ones (龙邦, 南宁, 崇左, 那坡, 板约, 硕龙, 平孟).
GOAL_TITLES_ZH = {
    "TL-01": "将茶岭口岸升级为国际口岸",
    "TL-02": "开通那洞（越南）– 那拉（中国）通关通道",
    "TL-03": "建设茶岭农林水产品货物中转区基础设施",
    "TL-04": "建成茶岭ICD陆港",
    "TL-05": "建立茶岭 – 龙邦跨境经济合作区",
    "TLG-01": "完成大隆口岸重点基础设施投资",
    "TLG-02": "对接南宁 – 崇左 – 大隆 – 高平走廊",
    "SG-01": "发展边境贸易，结合北坡遗迹区旅游",
    "SG-02": "完成重点基础设施及通往那坡的道路",
    "LV-01": "将里万升级并公布为主要口岸",
    "LV-02": "招商建设里万非关税区",
    "LV-03": "连接里万口岸与板约瀑布、Ngườm Ngao溶洞的道路",
    "ZW-01": "茶岭 – 同登高速公路",
    "ZW-02": "雄国货物中转区",
    "ZW-03": "发展面向出口的农林产品加工业",
}
TARGETS = {
    "Công suất thông qua": ("Throughput capacity", "通过能力"),
    "Số dự án được chấp thuận": ("Projects approved", "获批项目数"),
    "Chiều dài tuyến": ("Route length", "线路长度"),
    "Diện tích": ("Area", "面积"),
}
UNITS = {
    "TEU/năm": ("TEU/year", "标准箱/年"),
    "dự án": ("projects", "个项目"),
    "km": ("km", "公里"),
    "ha": ("ha", "公顷"),
}
MILESTONE_TITLES = {
    "Hoàn thiện hồ sơ đề nghị nâng cấp cặp cửa khẩu": (
        "Complete the application to upgrade the gate pair",
        "完成口岸对升级申请材料",
    ),
    "Công bố nâng cấp cặp cửa khẩu Trà Lĩnh – Long Bang": (
        "Announce the upgrade of the Tra Linh – Long Bang gate pair",
        "宣布茶岭 – 龙邦口岸对升级",
    ),
    "Đưa lối thông quan vào hoạt động": ("Put the crossing into operation", "通关通道投入运行"),
    "Hoàn thành giải phóng mặt bằng": ("Finish site clearance", "完成征地拆迁"),
    "Hoàn thành san nền, đường nội bộ": ("Finish ground levelling and internal roads", "完成场地平整和内部道路"),
    "Phê duyệt quy hoạch chi tiết cảng cạn (5 ha)": (
        "Approve the dry port's detailed plan (5 ha)",
        "批准陆港详细规划（5公顷）",
    ),
    "Khởi công giai đoạn 1": ("Start building phase 1", "一期工程开工"),
    "Trình Đề án xây dựng khu hợp tác lên Chính phủ": (
        "Submit the cooperation zone scheme to the Government",
        "向政府报送合作区建设方案",
    ),
    "Hoàn thành mở rộng bãi xe chờ xuất khẩu": (
        "Finish enlarging the yard for export trucks waiting to cross",
        "完成出口车辆待检停车场扩建",
    ),
    "Công bố mở cửa khẩu song phương Lý Vạn – Thạc Long": (
        "Announce the opening of the Ly Van – Shuolong bilateral gate",
        "宣布开放里万 – 硕龙双边口岸",
    ),
    "Khởi công dự án": ("Start of construction", "项目开工"),
}
AGREEMENT_TITLES_ZH = {
    AGREEMENTS[0][0]: "关于推动茶岭 – 龙邦口岸对升级及开通那洞 – 那拉通关通道的谅解备忘录",
    AGREEMENTS[1][0]: "关于合作研究建设茶岭 – 龙邦跨境经济合作区的协议",
    AGREEMENTS[2][0]: "关于朔江 – 平孟口岸货运专用道路的会谈纪要",
}
SUMMARY = ("Thỏa thuận minh họa (dữ liệu demo).", "Illustrative agreement (demo data).", "示例协议（演示数据）。")
ACTIONS = {
    "Hoàn thiện hạ tầng khu kiểm soát liên hợp hai bên": (
        "Complete the infrastructure of both sides' joint control area",
        "完善双方联合查验区基础设施",
    ),
    "Thống nhất phương án thông quan hàng hóa qua Nà Đoỏng – Nà Ráy": (
        "Agree how goods are cleared through Na Doong – Na Ray",
        "商定经那洞 – 那拉的货物通关方案",
    ),
    "Thành lập tổ công tác chung": ("Set up a joint working group", "成立联合工作组"),
    "Xây dựng đề án tổng thể khu hợp tác": (
        "Draw up the overall scheme of the cooperation zone",
        "编制合作区总体方案",
    ),
    "Thống nhất điểm đấu nối tuyến đường tại mốc biên giới": (
        "Agree where the road connects at the border marker",
        "商定道路在界碑处的对接点",
    ),
}


def _versions(texts: dict[str, tuple[str, str]], vi: str, field: str) -> dict[str, str]:
    """`field_en` and `field_zh` of a Vietnamese text from a table above (none for a text not in it)."""
    en, zh = texts.get(vi, ("", ""))
    return {f"{field}_en": en, f"{field}_zh": zh} if vi in texts else {}


def _goal_versions(code: str, target_text: str, unit: str) -> dict[str, str]:
    return {
        "title_zh": GOAL_TITLES_ZH.get(code, ""),
        **_versions(TARGETS, target_text, "target_description"),
        **_versions(UNITS, unit, "target_unit"),
    }


def _translate_loaded(zone: Any, actor: Actor) -> int:
    """Fill the versions a demo loaded before they existed still lacks (what staff wrote is kept)."""
    changed = 0
    goals = {g.code: g for g in Goal.objects.filter(zone=zone).prefetch_related("milestones")}
    for row in GOALS:
        goal = goals.get(row[0])
        if goal is None:
            continue
        if versions := untranslated(goal, _goal_versions(goal.code, goal.target_description, goal.target_unit)):
            services.goal_update(goal=goal, actor=actor, **versions)
            changed += 1
        for milestone in goal.milestones.all():
            if versions := untranslated(milestone, _versions(MILESTONE_TITLES, milestone.title, "title")):
                services.milestone_update(milestone=milestone, actor=actor, **versions)
                changed += 1
    for agreement in CooperationAgreement.objects.filter(zone=zone).prefetch_related("actions"):
        wanted = {"title_zh": AGREEMENT_TITLES_ZH.get(agreement.title, "")}
        if agreement.summary == SUMMARY[0]:
            wanted |= {"summary_en": SUMMARY[1], "summary_zh": SUMMARY[2]}
        if versions := untranslated(agreement, wanted):
            services.agreement_update(agreement=agreement, actor=actor, **versions)
            changed += 1
        for action in agreement.actions.all():
            if versions := untranslated(action, _versions(ACTIONS, action.description, "description")):
                services.action_update(action=action, actor=actor, **versions)
                changed += 1
    return changed


# A minimal, valid one-page PDF, so the demo milestone has a real file that passes the content check.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    zone = demo_zone(ZONE_CODE, out, "Planning: no zone CB, nothing loaded.\n")
    if zone is None:
        return
    areas = {a.code: a for a in GateArea.objects.filter(zone=zone)}
    translated = _translate_loaded(zone, actor)
    goals = milestones = 0
    for (
        code,
        area,
        title,
        title_en,
        phase,
        start,
        target,
        agency,
        target_text,
        value,
        unit,
        status,
        progress,
        achieved,
        steps,
    ) in missing(GOALS, Goal.objects.filter(zone=zone), "code"):
        goal = services.goal_create(
            zone=zone,
            actor=actor,
            code=code,
            gate_area=areas.get(area) if area else None,
            title=title,
            title_en=title_en,
            phase_start_year=phase[0],
            phase_end_year=phase[1],
            start_date=start,
            target_date=target,
            responsible_agency=agency,
            target_description=target_text,
            target_value=value,
            target_unit=unit,
            status=status,
            progress_percent=progress,
            achieved_on=achieved,
            **_goal_versions(code, target_text, unit),
        )
        goals += 1
        for step_title, step_target, done in steps:
            milestone = services.milestone_create(
                goal=goal,
                actor=actor,
                title=step_title,
                target_date=step_target,
                done_on=done,
                **_versions(MILESTONE_TITLES, step_title, "title"),
            )
            milestones += 1
            if code == "TL-01" and done == D(2023, 12, 28):
                services.evidence_add(
                    milestone=milestone,
                    actor=actor,
                    kind="decision",
                    title="Biên bản lễ công bố nâng cấp cặp cửa khẩu (bản minh họa)",
                    dated=done,
                    data=DEMO_PDF,
                    filename="cong-bo-nang-cap-tra-linh.pdf",
                )
    agreements = 0
    for title, title_en, vn_party, cn_party, signed, fields, actions in missing(
        AGREEMENTS, CooperationAgreement.objects.filter(zone=zone), "title"
    ):
        agreement = services.agreement_create(
            zone=zone,
            actor=actor,
            title=title,
            title_en=title_en,
            title_zh=AGREEMENT_TITLES_ZH.get(title, ""),
            vietnamese_party=vn_party,
            partner_party=cn_party,
            signed_on=signed,
            fields=fields,
            summary=SUMMARY[0],
            summary_en=SUMMARY[1],
            summary_zh=SUMMARY[2],
        )
        agreements += 1
        for description, responsible, due, started_on in actions:
            services.action_create(
                agreement=agreement,
                actor=actor,
                description=description,
                **_versions(ACTIONS, description, "description"),
                responsible=responsible,
                due_date=due,
                started=started_on is not None,
                started_on=started_on,
            )
    out.write(
        f"Planning: {goals} goals, {milestones} milestones and {agreements} cooperation agreements created; "
        f"{translated} translated.\n"
    )
