"""Demo data: the ten documents listed on the board's portal page around the seed article (numbers and
titles as listed there; dates and files illustrative), the laws the demo incentives cite, and a handful
of administrative procedures, some with English and Chinese versions. Safe to run twice: what exists is
kept, and only translations still empty are filled in."""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from borderzone.access.actors import Actor
from borderzone.access.demo_data import demo_zone, untranslated
from borderzone.accounts.models import User
from borderzone.core.text import search_key
from borderzone.documents import services
from borderzone.documents.models import AdministrativeProcedure, LegalDocument, ReviewStatus
from borderzone.documents.pdfs import document_pdf
from borderzone.zones.models import EconomicZone

ZONE_CODE = "CB"
BOARD = "Ban Quản lý Khu kinh tế tỉnh Cao Bằng"
PPC = "Ủy ban nhân dân tỉnh Cao Bằng"

# number, type, field, issuer, title, date issued (illustrative), views and downloads shown on the old portal
SEED_PAGE_DOCUMENTS: list[tuple[str, str, str, str, str, dt.date, int, int]] = [
    (
        "225/QĐ-BQLKKT",
        "decision",
        "finance",
        BOARD,
        "Quyết định về việc công bố công khai giao dự toán chi ngân sách năm 2024",
        dt.date(2024, 12, 20),
        17,
        33,
    ),
    (
        "178/QĐ-BQLKKT",
        "decision",
        "finance",
        BOARD,
        "Quyết định về việc công bố công khai giao chỉ tiêu cắt giảm, tiết kiệm 5 phần trăm chi thường xuyên năm 2024",
        dt.date(2024, 10, 14),
        84,
        39,
    ),
    (
        "156/QĐ-BQLKKT",
        "decision",
        "investment",
        BOARD,
        "Quyết định về việc thay đổi thành viên Hội đồng lựa chọn nhà đầu tư trong Khu kinh tế, Khu công nghiệp tỉnh Cao Bằng",
        dt.date(2024, 9, 16),
        326,
        28,
    ),
    (
        "1472/TB-BQLKKT",
        "notice",
        "personnel",
        BOARD,
        "Thông báo nhu cầu tiếp nhận vào viên chức tại Ban Quản lý Dự án đầu tư, trực thuộc Ban Quản lý Khu kinh tế năm 2024",
        dt.date(2024, 9, 5),
        585,
        52,
    ),
    (
        "142/QĐ-BQLKKT",
        "decision",
        "finance",
        BOARD,
        "Quyết định về việc công khai giao dự toán chi ngân sách nhà nước năm 2024",
        dt.date(2024, 8, 26),
        339,
        18,
    ),
    (
        "1109/QĐ-UBND",
        "decision",
        "procedures",
        PPC,
        "Quyết định về việc bãi bỏ danh mục thủ tục hành chính trong lĩnh vực đất đai, lĩnh vực quản lý công sản thuộc "
        "thẩm quyền giải quyết của Ban Quản lý Khu kinh tế tỉnh Cao Bằng",
        dt.date(2024, 8, 1),
        315,
        33,
    ),
    (
        "1375/TB-BQLKKT",
        "notice",
        "personnel",
        BOARD,
        "Thông báo trúng tuyển tiếp nhận vào viên chức tại Trung tâm Quản lý và Khai thác Dịch vụ hạ tầng khu kinh tế, "
        "trực thuộc Ban Quản lý Khu kinh tế năm 2024",
        dt.date(2024, 8, 20),
        406,
        69,
    ),
    (
        "1057/QĐ-UBND",
        "decision",
        "planning",
        PPC,
        "Quyết định phê duyệt Đồ án Quy hoạch phân khu tỷ lệ 1/2000 khu vực cửa khẩu Tà Lùng – Khu kinh tế cửa khẩu "
        "tỉnh Cao Bằng",
        dt.date(2024, 7, 22),
        511,
        45,
    ),
    (
        "117/QĐ-HĐKTSH",
        "decision",
        "personnel",
        "Hội đồng kiểm tra, sát hạch tiếp nhận viên chức năm 2024",
        "Quyết định ban hành Danh mục tài liệu ôn tập sát hạch tiếp nhận vào viên chức tại Trung tâm Quản lý và Khai "
        "thác Dịch vụ hạ tầng khu kinh tế, trực thuộc Ban Quản lý Khu kinh tế năm 2024",
        dt.date(2024, 7, 18),
        1066,
        161,
    ),
    (
        "116/QĐ-BQLKKT",
        "decision",
        "personnel",
        BOARD,
        "Quyết định về việc công nhận danh sách thí sinh đủ điều kiện tham dự sát hạch tiếp nhận vào viên chức tại Trung "
        "tâm Quản lý và Khai thác Dịch vụ hạ tầng khu kinh tế, trực thuộc Ban Quản lý Khu kinh tế năm 2024",
        dt.date(2024, 7, 15),
        603,
        83,
    ),
]

# Laws and decrees the demo incentives and procedures cite: number, type, field, issuer, title, issued, effective,
# numbers of the documents it replaces.
LEGAL_BASIS: list[tuple[str, str, str, str, str, dt.date, dt.date, list[str]]] = [
    (
        "20/2014/QĐ-TTg",
        "decision",
        "planning",
        "Thủ tướng Chính phủ",
        "Quyết định về việc điều chỉnh, bổ sung ranh giới và diện tích Khu kinh tế cửa khẩu tỉnh Cao Bằng",
        dt.date(2014, 3, 17),
        dt.date(2014, 5, 1),
        [],
    ),
    ("61/2020/QH14", "law", "investment", "Quốc hội", "Luật Đầu tư", dt.date(2020, 6, 17), dt.date(2021, 1, 1), []),
    (
        "35/2022/NĐ-CP",
        "decree",
        "investment",
        "Chính phủ",
        "Nghị định quy định về quản lý khu công nghiệp và khu kinh tế",
        dt.date(2022, 5, 28),
        dt.date(2022, 7, 15),
        [],
    ),
    (
        "67/2025/QH15",
        "law",
        "finance",
        "Quốc hội",
        "Luật Thuế thu nhập doanh nghiệp",
        dt.date(2025, 6, 14),
        dt.date(2025, 10, 1),
        [],
    ),
    (
        "143/2025/QH15",
        "law",
        "investment",
        "Quốc hội",
        "Luật Đầu tư",
        dt.date(2025, 12, 11),
        dt.date(2026, 3, 1),
        ["61/2020/QH14"],
    ),
]

# English and Chinese titles of a few documents (the rest are read in Vietnamese on every page).
DOCUMENT_TRANSLATIONS: dict[str, dict[str, Any]] = {
    "61/2020/QH14": {"title_en": "Law on Investment", "title_zh": "投资法"},
    "143/2025/QH15": {"title_en": "Law on Investment", "title_zh": "投资法"},
    "67/2025/QH15": {"title_en": "Law on Corporate Income Tax", "title_zh": "企业所得税法"},
    "35/2022/NĐ-CP": {
        "title_en": "Decree on the management of industrial parks and economic zones",
        "title_zh": "关于工业园区和经济区管理的议定",
    },
    "1057/QĐ-UBND": {
        "title_en": "Decision approving the 1/2000 zoning plan of the Tà Lùng border-gate area, Cao Bằng "
        "border-gate economic zone",
        "title_zh": "关于批准高平省口岸经济区驮隆（Tà Lùng）口岸区域1/2000分区规划的决定",
        "summary_en": "The zoning plan divides the Tà Lùng border-gate area into the gate control area, "
        "warehouses and an urban area, connected to National Road 3 and the Đồng Đăng – Trà Lĩnh expressway.",
    },
}

# What the generated file says beyond its heading, where the demo needs it (the rest get one plain sentence).
BODY_NOTES = {
    "1057/QĐ-UBND": "Phân khu khu vực cửa khẩu Tà Lùng gồm khu kiểm soát cửa khẩu, khu kho bãi và khu đô thị; giao thông "
    "đối ngoại kết nối Quốc lộ 3 và tuyến cao tốc Đồng Đăng – Trà Lĩnh.",
    "20/2014/QĐ-TTg": "Khu kinh tế cửa khẩu tỉnh Cao Bằng gồm các khu vực cửa khẩu Trà Lĩnh, Tà Lùng, Sóc Giang, Lý Vạn "
    "và các cửa khẩu, lối mở khác.",
}

PROCEDURES: list[dict[str, Any]] = [
    {
        "code": "BQLKKT-ĐT-01",
        "title": "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư",
        "title_en": "Issuing an investment registration certificate (projects without an investment-policy approval)",
        "title_zh": "颁发投资登记证（无需投资主张批准的项目）",
        "field": "investment",
        "steps": "Nhà đầu tư nộp hồ sơ tại Bộ phận một cửa hoặc qua Cổng dịch vụ công\n"
        "Ban Quản lý Khu kinh tế tiếp nhận, kiểm tra tính hợp lệ của hồ sơ\n"
        "Ban Quản lý thẩm định và cấp Giấy chứng nhận đăng ký đầu tư\nTrả kết quả cho nhà đầu tư",
        "steps_en": "The investor submits the dossier at the one-stop desk or through the public service portal\n"
        "The Economic Zone Management Board receives the dossier and checks that it is complete and valid\n"
        "The Board appraises the project and issues the investment registration certificate\n"
        "The result is returned to the investor",
        "steps_zh": "投资者在一站式窗口或通过公共服务门户提交材料\n"
        "经济区管理委员会接收材料并审查其完整性和有效性\n"
        "管理委员会进行审核并颁发投资登记证\n向投资者返还结果",
        "time_limit": "10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ (Nghị định 239/2025/NĐ-CP sửa khoản 3 Điều 36 Nghị định "
        "31/2021/NĐ-CP); căn cứ sau 01/03/2026 chưa được xác nhận",
        "time_limit_en": "10 days from receipt of a complete and valid dossier (Decree 239/2025/ND-CP amending Article "
        "36(3) of Decree 31/2021/ND-CP); its basis after 01/03/2026 is not confirmed",
        "time_limit_zh": "自收到完整有效材料之日起10日内（第239/2025/NĐ-CP号议定修改第31/2021/NĐ-CP号议定第36条第3款）；"
        "2026年3月1日后的依据尚未确认",
        "time_limit_days": 10,
        "fee": "Không thu phí",
        "fee_en": "No fee",
        "fee_zh": "不收费",
        "where_to_submit": "Bộ phận tiếp nhận và trả kết quả của Ban Quản lý Khu kinh tế tỉnh Cao Bằng, Km5 phường Đề Thám, Cao Bằng",
        "where_to_submit_en": "Reception and results desk of the Cao Bằng Economic Zone Management Board, Km5, "
        "Đề Thám ward, Cao Bằng",
        "where_to_submit_zh": "高平省经济区管理委员会受理和结果返还部门（高平市Đề Thám坊5公里处）",
        "channels": ["in_person", "post", "online"],
        "who_may_submit": "Nhà đầu tư trong nước và nước ngoài",
        "who_may_submit_en": "Domestic and foreign investors",
        "who_may_submit_zh": "国内外投资者",
        "result": "Giấy chứng nhận đăng ký đầu tư",
        "result_en": "Investment registration certificate",
        "result_zh": "投资登记证",
        "basis": ["143/2025/QH15", "35/2022/NĐ-CP"],
        "papers": [
            (
                "Văn bản đề nghị thực hiện dự án đầu tư",
                "01 bản chính",
                True,
                {"name_en": "Written request to carry out the investment project", "name_zh": "实施投资项目申请书"},
            ),
            (
                "Tài liệu về tư cách pháp lý của nhà đầu tư",
                "01 bản sao",
                False,
                {"name_en": "Documents on the investor's legal status", "name_zh": "投资者法律资格文件"},
            ),
            (
                "Đề xuất dự án đầu tư",
                "01 bản chính",
                True,
                {"name_en": "Investment project proposal", "name_zh": "投资项目建议书"},
            ),
            (
                "Báo cáo tình hình tài chính 02 năm gần nhất của nhà đầu tư",
                "01 bản sao",
                False,
                {
                    "name_en": "The investor's financial statements for the last 2 years",
                    "name_zh": "投资者最近2年财务报告",
                },
            ),
        ],
    },
    {
        "code": "BQLKKT-ĐT-02",
        "title": "Điều chỉnh Giấy chứng nhận đăng ký đầu tư",
        "title_en": "Adjusting an investment registration certificate",
        "title_zh": "调整投资登记证",
        "field": "investment",
        "steps": "Nhà đầu tư nộp hồ sơ đề nghị điều chỉnh\nBan Quản lý tiếp nhận, kiểm tra hồ sơ\n"
        "Ban Quản lý điều chỉnh Giấy chứng nhận đăng ký đầu tư\nTrả kết quả",
        "steps_en": "The investor submits the request for adjustment\nThe Board receives and checks the dossier\n"
        "The Board adjusts the investment registration certificate\nThe result is returned",
        "steps_zh": "投资者提交调整申请材料\n管理委员会接收并审查材料\n管理委员会调整投资登记证\n返还结果",
        "time_limit": "10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ (thời hạn và số điều chưa được xác nhận; căn cứ sau "
        "01/03/2026 chưa được xác nhận)",
        "time_limit_en": "10 days from receipt of a complete and valid dossier (the time limit and article number are "
        "not confirmed; its basis after 01/03/2026 is not confirmed)",
        "time_limit_zh": "自收到完整有效材料之日起10日内（期限和条款编号尚未确认；2026年3月1日后的依据尚未确认）",
        "time_limit_days": 10,
        "fee": "Không thu phí",
        "fee_en": "No fee",
        "fee_zh": "不收费",
        "where_to_submit": "Bộ phận tiếp nhận và trả kết quả của Ban Quản lý Khu kinh tế tỉnh Cao Bằng",
        "where_to_submit_en": "Reception and results desk of the Cao Bằng Economic Zone Management Board",
        "where_to_submit_zh": "高平省经济区管理委员会受理和结果返还部门",
        "channels": ["in_person", "online"],
        "who_may_submit": "Nhà đầu tư có dự án trong Khu kinh tế",
        "who_may_submit_en": "Investors with a project in the economic zone",
        "who_may_submit_zh": "在经济区内有项目的投资者",
        "result": "Giấy chứng nhận đăng ký đầu tư điều chỉnh",
        "result_en": "Adjusted investment registration certificate",
        "result_zh": "调整后的投资登记证",
        "basis": ["143/2025/QH15"],
        "papers": [
            (
                "Văn bản đề nghị điều chỉnh dự án đầu tư",
                "01 bản chính",
                True,
                {"name_en": "Written request to adjust the investment project", "name_zh": "投资项目调整申请书"},
            ),
            (
                "Báo cáo tình hình thực hiện dự án đầu tư đến thời điểm đề nghị điều chỉnh",
                "01 bản chính",
                True,
                {
                    "name_en": "Report on the project's implementation up to the request",
                    "name_zh": "截至申请调整时的投资项目实施情况报告",
                },
            ),
        ],
    },
    {
        "code": "BQLKKT-ĐT-03",
        "title": "Báo cáo giám sát, đánh giá dự án đầu tư định kỳ của nhà đầu tư",
        "title_en": "Investors' periodic monitoring and evaluation report",
        "title_zh": "投资者定期投资项目监督评估报告",
        "field": "investment",
        "steps": "Nhà đầu tư lập báo cáo theo mẫu\nGửi báo cáo qua Hệ thống thông tin quốc gia về đầu tư hoặc BorderZone\n"
        "Ban Quản lý tổng hợp, đối chiếu",
        "steps_en": "The investor prepares the report on the prescribed form\n"
        "The report is sent through the National Investment Information System or BorderZone\n"
        "The Board consolidates and cross-checks the reports",
        "steps_zh": "投资者按规定格式编制报告\n通过国家投资信息系统或BorderZone报送\n管理委员会汇总、核对",
        "time_limit": "Hằng quý trước ngày 10 của tháng đầu quý sau; hằng năm trước ngày 31/3 (Nghị định 31/2021/NĐ-CP: "
        "số điều chưa được xác nhận; căn cứ sau 01/03/2026 chưa được xác nhận)",
        "time_limit_en": "Quarterly, before the 10th of the first month of the next quarter; yearly, before 31/03 "
        "(Decree 31/2021/ND-CP: article number not confirmed; its basis after 01/03/2026 is not confirmed)",
        "time_limit_zh": "每季度于下一季度第一个月10日前；每年于3月31日前（第31/2021/NĐ-CP号议定：条款编号尚未确认；"
        "2026年3月1日后的依据尚未确认）",
        "time_limit_days": None,
        "fee": "Không thu phí",
        "fee_en": "No fee",
        "fee_zh": "不收费",
        "where_to_submit": "Ban Quản lý Khu kinh tế tỉnh Cao Bằng",
        "where_to_submit_en": "Cao Bằng Economic Zone Management Board",
        "where_to_submit_zh": "高平省经济区管理委员会",
        "channels": ["online", "post"],
        "who_may_submit": "Tổ chức kinh tế thực hiện dự án đầu tư",
        "who_may_submit_en": "The business entity carrying out the investment project",
        "who_may_submit_zh": "实施投资项目的经济组织",
        "result": "Báo cáo được tiếp nhận",
        "result_en": "The report is received",
        "result_zh": "报告获受理",
        "basis": ["143/2025/QH15"],
        "papers": [
            (
                "Báo cáo tình hình thực hiện dự án đầu tư",
                "01 bản",
                True,
                {
                    "name_en": "Report on the implementation of the investment project",
                    "name_zh": "投资项目实施情况报告",
                },
            )
        ],
    },
]
# How many copies, in English and Chinese.
COPIES_TRANSLATIONS = {
    "01 bản chính": {"copies_en": "1 original", "copies_zh": "原件1份"},
    "01 bản sao": {"copies_en": "1 copy", "copies_zh": "复印件1份"},
    "01 bản": {"copies_en": "1 copy", "copies_zh": "1份"},
}


def _pdf_upload(number: str, title: str, issuer: str, issued_on: dt.date, body: str) -> SimpleUploadedFile:
    data = document_pdf(issuer=issuer, number=number, title=title, issued_on=issued_on, body=body)
    name = "-".join(search_key(number).split()) + ".pdf"
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _ensure_document(zone: EconomicZone, actor: Actor, **fields: Any) -> tuple[LegalDocument, bool]:
    translations = DOCUMENT_TRANSLATIONS.get(fields["number"], {})
    found = LegalDocument.objects.filter(
        zone=zone, number_key=search_key(fields["number"]), issued_on=fields["issued_on"]
    ).first()
    if found is not None:
        missing = untranslated(found, translations)
        if missing:
            services.document_update(document=found, actor=actor, **missing)
        return found, False
    document = services.document_create(zone=zone, actor=actor, is_illustrative=True, **fields, **translations)
    return document, True


# The second demo account that approves what the loader wrote: four eyes hold for the demo too.
APPROVER_USERNAME = "admin"


def publish_reviewed(document: LegalDocument, *, actor: Actor) -> bool:
    """Submit a demo document (as the loader), approve it by the second demo account, publish it."""
    if document.is_published:
        return False
    approver = User.objects.filter(username=APPROVER_USERNAME, is_demo=True).first()
    if approver is None:
        return False
    reviewer = Actor(user=approver, via=actor.via)
    if document.review_status == ReviewStatus.DRAFT:
        services.document_submit(document=document, actor=actor)
    if document.review_status == ReviewStatus.SUBMITTED:
        services.document_approve(document=document, actor=reviewer)
    services.document_set_published(document=document, published=True, actor=reviewer)
    return True


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    zone = demo_zone(ZONE_CODE, out, "Documents: no demo zone, nothing loaded.\n")
    if zone is None:
        return
    created = files = 0
    by_number: dict[str, LegalDocument] = {}
    for number, doc_type, field, issuer, title, issued, effective, replaces in LEGAL_BASIS:
        doc, new = _ensure_document(
            zone,
            actor,
            number=number,
            doc_type=doc_type,
            field=field,
            issuer=issuer,
            title=title,
            issued_on=issued,
            effective_on=effective,
            replaces=[by_number[n] for n in replaces],
        )
        by_number[number] = doc
        created += new
    for number, doc_type, field, issuer, title, issued, views, downloads in SEED_PAGE_DOCUMENTS:
        doc, new = _ensure_document(
            zone, actor, number=number, doc_type=doc_type, field=field, issuer=issuer, title=title, issued_on=issued
        )
        by_number[number] = doc
        if new:
            created += 1
            # The counts the old portal showed are carried over; new visits add to them.
            LegalDocument.objects.filter(pk=doc.pk).update(view_count=views, download_count=downloads)
            doc.view_count, doc.download_count = views, downloads  # the publication below saves this record
    for doc in by_number.values():
        if not doc.files.exists():
            body = (
                f"{doc.issuer} ban hành văn bản số {doc.number} ngày {doc.issued_on:%d/%m/%Y}: {doc.title}. "
                + BODY_NOTES.get(doc.number, "Văn bản áp dụng trong Khu kinh tế cửa khẩu tỉnh Cao Bằng.")
            )
            upload = _pdf_upload(doc.number, doc.title, doc.issuer, doc.issued_on, body)
            services.document_file_add(document=doc, upload=upload, actor=actor)
            files += 1
    published = sum(publish_reviewed(doc, actor=actor) for doc in by_number.values())
    procedures = translated = corrected = 0
    for spec in PROCEDURES:
        values = {k: v for k, v in spec.items() if k not in ("basis", "papers")}
        found = AdministrativeProcedure.objects.filter(zone=zone, code=spec["code"]).first()
        if found is not None:
            translated += _translate_procedure(found, spec, actor)
            corrected += _correct_procedure(found, spec, actor)
            continue
        procedure = services.procedure_create(
            zone=zone,
            actor=actor,
            legal_basis=[by_number[n] for n in spec["basis"]],
            is_published=True,
            **values,
        )
        for order, (name, copies, with_form, names) in enumerate(spec["papers"], start=1):
            form = None
            if with_form:
                form = _pdf_upload(
                    f"Mẫu {order}", name, BOARD, dt.date(2026, 3, 1), "Mẫu đơn (minh họa) để nhà đầu tư điền."
                )
            services.component_add(
                procedure=procedure,
                name=name,
                copies=copies,
                order=order,
                form=form,
                actor=actor,
                **names,
                **COPIES_TRANSLATIONS.get(copies, {}),
            )
        procedures += 1
    out.write(
        f"Documents: {created} created, {files} files generated, {published} approved by {APPROVER_USERNAME} "
        f"and published; procedures: {procedures} created, "
        f"{translated} given missing translations, {corrected} corrected.\n"
    )


#: Fields whose seeded value was corrected (the IRC time limit of Decree 239/2025, the notes on what is not
#: confirmed): an install loaded earlier gets the corrected value once; a staff edit after that is kept.
CORRECTED_FIELDS = ("time_limit", "time_limit_en", "time_limit_zh", "time_limit_days")
#: The values earlier releases seeded, which are replaced.
SUPERSEDED: dict[str, dict[str, Any]] = {
    "BQLKKT-ĐT-01": {"time_limit_days": 15},
    "BQLKKT-ĐT-02": {"time_limit": "10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ"},
    "BQLKKT-ĐT-03": {"time_limit": "Hằng quý trước ngày 10 của tháng đầu quý sau; hằng năm trước ngày 31 tháng 3"},
}


def _correct_procedure(procedure: AdministrativeProcedure, spec: dict[str, Any], actor: Actor) -> int:
    old = SUPERSEDED.get(procedure.code, {})
    if not old or any(getattr(procedure, k) != v for k, v in old.items()):
        return 0
    services.procedure_update(procedure=procedure, actor=actor, **{k: spec[k] for k in CORRECTED_FIELDS if k in spec})
    return 1


def _translate_procedure(procedure: AdministrativeProcedure, spec: dict[str, Any], actor: Actor) -> int:
    """Fill the English and Chinese versions an existing demo procedure and its papers still lack."""
    changed = 0
    missing = untranslated(procedure, {k: v for k, v in spec.items() if k.endswith(("_en", "_zh"))})
    if missing:
        services.procedure_update(procedure=procedure, actor=actor, **missing)
        changed = 1
    papers = {
        (name, copies): {**names, **COPIES_TRANSLATIONS.get(copies, {})} for name, copies, _f, names in spec["papers"]
    }
    for component in procedure.components.all():
        wanted = untranslated(component, papers.get((component.name, component.copies), {}))
        if wanted:
            services.component_update(component=component, actor=actor, **wanted)
            changed = 1
    return changed
