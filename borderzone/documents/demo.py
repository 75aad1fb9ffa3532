"""Demo data: the ten documents listed on the board's portal page around the seed article (numbers and
titles as listed there; dates and files illustrative), the laws the demo incentives cite, and a handful
of administrative procedures. Safe to run twice."""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from borderzone.core.actors import Actor
from borderzone.core.text import search_key
from borderzone.documents import services
from borderzone.documents.models import AdministrativeProcedure, LegalDocument
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
        "field": "investment",
        "steps": "Nhà đầu tư nộp hồ sơ tại Bộ phận một cửa hoặc qua Cổng dịch vụ công\n"
        "Ban Quản lý Khu kinh tế tiếp nhận, kiểm tra tính hợp lệ của hồ sơ\n"
        "Ban Quản lý thẩm định và cấp Giấy chứng nhận đăng ký đầu tư\nTrả kết quả cho nhà đầu tư",
        "time_limit": "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
        "time_limit_days": 15,
        "fee": "Không thu phí",
        "where_to_submit": "Bộ phận tiếp nhận và trả kết quả của Ban Quản lý Khu kinh tế tỉnh Cao Bằng, Km5 phường Đề Thám, Cao Bằng",
        "channels": ["in_person", "post", "online"],
        "who_may_submit": "Nhà đầu tư trong nước và nước ngoài",
        "result": "Giấy chứng nhận đăng ký đầu tư",
        "basis": ["143/2025/QH15", "35/2022/NĐ-CP"],
        "papers": [
            ("Văn bản đề nghị thực hiện dự án đầu tư", "01 bản chính", True),
            ("Tài liệu về tư cách pháp lý của nhà đầu tư", "01 bản sao", False),
            ("Đề xuất dự án đầu tư", "01 bản chính", True),
            ("Báo cáo tình hình tài chính 02 năm gần nhất của nhà đầu tư", "01 bản sao", False),
        ],
    },
    {
        "code": "BQLKKT-ĐT-02",
        "title": "Điều chỉnh Giấy chứng nhận đăng ký đầu tư",
        "title_en": "Adjusting an investment registration certificate",
        "field": "investment",
        "steps": "Nhà đầu tư nộp hồ sơ đề nghị điều chỉnh\nBan Quản lý tiếp nhận, kiểm tra hồ sơ\n"
        "Ban Quản lý điều chỉnh Giấy chứng nhận đăng ký đầu tư\nTrả kết quả",
        "time_limit": "10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
        "time_limit_days": 10,
        "fee": "Không thu phí",
        "where_to_submit": "Bộ phận tiếp nhận và trả kết quả của Ban Quản lý Khu kinh tế tỉnh Cao Bằng",
        "channels": ["in_person", "online"],
        "who_may_submit": "Nhà đầu tư có dự án trong Khu kinh tế",
        "result": "Giấy chứng nhận đăng ký đầu tư điều chỉnh",
        "basis": ["143/2025/QH15"],
        "papers": [
            ("Văn bản đề nghị điều chỉnh dự án đầu tư", "01 bản chính", True),
            ("Báo cáo tình hình thực hiện dự án đầu tư đến thời điểm đề nghị điều chỉnh", "01 bản chính", True),
        ],
    },
    {
        "code": "BQLKKT-ĐT-03",
        "title": "Báo cáo giám sát, đánh giá dự án đầu tư định kỳ của nhà đầu tư",
        "title_en": "Investors' periodic monitoring and evaluation report",
        "field": "investment",
        "steps": "Nhà đầu tư lập báo cáo theo mẫu\nGửi báo cáo qua Hệ thống thông tin quốc gia về đầu tư hoặc BorderZone\n"
        "Ban Quản lý tổng hợp, đối chiếu",
        "time_limit": "Hằng quý trước ngày 10 của tháng đầu quý sau; hằng năm trước ngày 31 tháng 3",
        "time_limit_days": None,
        "fee": "Không thu phí",
        "where_to_submit": "Ban Quản lý Khu kinh tế tỉnh Cao Bằng",
        "channels": ["online", "post"],
        "who_may_submit": "Tổ chức kinh tế thực hiện dự án đầu tư",
        "result": "Báo cáo được tiếp nhận",
        "basis": ["143/2025/QH15"],
        "papers": [("Báo cáo tình hình thực hiện dự án đầu tư", "01 bản", True)],
    },
]


def _pdf_upload(number: str, title: str, issuer: str, issued_on: dt.date, body: str) -> SimpleUploadedFile:
    data = document_pdf(issuer=issuer, number=number, title=title, issued_on=issued_on, body=body)
    name = "-".join(search_key(number).split()) + ".pdf"
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _ensure_document(zone: EconomicZone, actor: Actor, **fields: Any) -> tuple[LegalDocument, bool]:
    found = LegalDocument.objects.filter(
        zone=zone, number_key=search_key(fields["number"]), issued_on=fields["issued_on"]
    ).first()
    if found is not None:
        return found, False
    return services.document_create(zone=zone, actor=actor, is_published=True, is_illustrative=True, **fields), True


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    zone = EconomicZone.objects.filter(code=ZONE_CODE).first()
    if zone is None:
        out.write("Documents: no demo zone, nothing loaded.\n")
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
    for doc in by_number.values():
        if not doc.files.exists():
            body = (
                f"{doc.issuer} ban hành văn bản số {doc.number} ngày {doc.issued_on:%d/%m/%Y}: {doc.title}. "
                + BODY_NOTES.get(doc.number, "Văn bản áp dụng trong Khu kinh tế cửa khẩu tỉnh Cao Bằng.")
            )
            upload = _pdf_upload(doc.number, doc.title, doc.issuer, doc.issued_on, body)
            services.document_file_add(document=doc, upload=upload, actor=actor)
            files += 1
    procedures = 0
    for spec in PROCEDURES:
        if AdministrativeProcedure.objects.filter(zone=zone, code=spec["code"]).exists():
            continue
        values = {k: v for k, v in spec.items() if k not in ("basis", "papers")}
        procedure = services.procedure_create(
            zone=zone,
            actor=actor,
            legal_basis=[by_number[n] for n in spec["basis"]],
            is_published=True,
            **values,
        )
        for order, (name, copies, with_form) in enumerate(spec["papers"], start=1):
            form = None
            if with_form:
                form = _pdf_upload(
                    f"Mẫu {order}", name, BOARD, dt.date(2026, 3, 1), "Mẫu đơn (minh họa) để nhà đầu tư điền."
                )
            services.component_add(procedure=procedure, name=name, copies=copies, order=order, form=form, actor=actor)
        procedures += 1
    out.write(f"Documents: {created} created, {files} files generated; procedures: {procedures} created.\n")
