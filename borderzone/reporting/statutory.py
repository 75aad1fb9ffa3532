"""The board's own statutory reports, generated for a zone and a period from live data, in the layout of
administrative documents (Decree 30/2020/NĐ-CP, Appendix I): the national title and motto, the issuing
body, the number and symbol left for the clerk ("Số: …/BC-BQL"), place and date, the subject, the body,
the recipients and the signer's title and name; the consolidated investor table as an annex.

DOCX (python-docx, editable: the board edits before signing) and PDF (WeasyPrint, Tinos, metric-compatible
with Times New Roman, shipped under static/vendor/tinos). Always in Vietnamese, the language of filings."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Min
from django.utils import translation

from borderzone.core.formatting import format_decimal
from borderzone.register import selectors as register
from borderzone.register.models import CertificateVersion, Project
from borderzone.reporting import selectors
from borderzone.reporting.models import ReportForm, Submitter
from borderzone.reporting.periods import Period, parse_period
from borderzone.zones.models import EconomicZone

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MILLION = Decimal(1_000_000)


@dataclass
class Statutory:
    form: ReportForm
    zone: EconomicZone
    period: Period
    authority: str
    issuer: str
    symbol: str
    place_date: str
    title: str
    subject: str
    sections: list[tuple[str, list[str]]]
    recipients: list[str]
    signer_title: str
    signer_name: str
    annex_title: str
    annex_headers: list[str]
    annex_rows: list[list[str]]
    annex_total: list[str]
    notes: list[str] = field(default_factory=list)


def board_forms() -> list[ReportForm]:
    return list(ReportForm.objects.filter(submitter=Submitter.BOARD).order_by("code", "-version"))


def _vi(value: Decimal | int | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return format_decimal(Decimal(value), "vi", max_decimals=decimals)


def _million(value: Decimal | None) -> str:
    return "—" if value is None else _vi(Decimal(value) / MILLION, 0)


def _unconverted(block: dict[str, Any]) -> str:
    """The statutory report's mark of capital in USD left out of a VND total (it is written in Vietnamese)."""
    if not block["projects"]:
        return ""
    amount = _vi(Decimal(block["amount"]) / MILLION, 2)
    return f" (không kể {block['projects']} dự án vốn USD chưa quy đổi: {amount} triệu USD)"


def _billion(value: Decimal) -> str:
    return format_decimal(Decimal(value) / 1_000_000_000, "vi", max_decimals=2)


def _period_words(period: Period) -> str:
    if period.kind == "quarter":
        return f"quý {['I', 'II', 'III', 'IV'][period.index - 1]} năm {period.year}"
    if period.kind == "half":
        return f"6 tháng {'đầu' if period.index == 1 else 'cuối'} năm {period.year}"
    return f"năm {period.year}"


def build(
    *,
    zone: EconomicZone,
    form_code: str,
    period_text: str,
    signer_title: str = "",
    signer_name: str = "",
    today: dt.date,
) -> Statutory:
    """The content of one statutory report; a ValueError (LookupError) for an unknown form or a period of
    the wrong kind."""
    form = next((f for f in board_forms() if f.code == form_code), None)
    if form is None:
        raise LookupError(form_code)
    period = parse_period(period_text, form.period)
    as_of = min(period.end, today)
    with translation.override("vi"):
        return _build(zone, form, period, as_of, signer_title, signer_name, today)


def _build(
    zone: EconomicZone,
    form: ReportForm,
    period: Period,
    as_of: dt.date,
    signer_title: str,
    signer_name: str,
    today: dt.date,
) -> Statutory:
    province = zone.province
    board = zone.board_name or f"Ban Quản lý {zone.name}"
    summary = register.summary(as_of, zone)
    projects = summary["projects"]
    reg = summary["registered_capital_vnd_equivalent"]
    disbursed = summary["disbursed_capital"]
    disbursed_vnd = sum((Decimal(block.get("VND", "0")) for block in disbursed.values()), Decimal(0))
    disbursed_usd = sum((Decimal(block.get("USD", "0")) for block in disbursed.values()), Decimal(0))
    firsts = (
        Project.objects.filter(zone=zone)
        .annotate(first=Min("versions__issued_on"))
        .filter(first__gte=period.start, first__lte=period.end)
    )
    new_count = firsts.count()
    new_versions = list(CertificateVersion.objects.filter(project__in=firsts, number=0, issued_on__lte=period.end))
    new_capital = sum((v.total_capital_vnd for v in new_versions if v.total_capital_vnd is not None), Decimal(0))
    # Capital in USD without a reference rate of its certificate date is said apart, never counted as zero.
    new_unconverted = {
        "projects": sum(1 for v in new_versions if v.total_capital_vnd is None),
        "amount": sum((v.total_capital for v in new_versions if v.total_capital_vnd is None), Decimal(0)),
    }
    adjusted = CertificateVersion.objects.filter(
        project__zone=zone, number__gt=0, issued_on__gte=period.start, issued_on__lte=period.end
    ).count()
    reported = selectors.reported_totals(zone=zone, start=period.start, end=period.end, as_of=today)
    share = reported["share"]
    words = _period_words(period)
    monitoring = form.code == "BQL-GS"
    subject = (
        f"Báo cáo giám sát, đánh giá tổng thể đầu tư {words} trong {zone.name}"
        if monitoring
        else f"Tình hình đăng ký và thực hiện dự án đầu tư trong {zone.name} {words}"
    )
    sections: list[tuple[str, list[str]]] = [
        (
            "I. TÌNH HÌNH ĐĂNG KÝ ĐẦU TƯ",
            [
                f"Trong {words}, Ban Quản lý cấp mới Giấy chứng nhận đăng ký đầu tư cho {new_count} dự án với tổng vốn "
                f"đăng ký {_billion(new_capital)} tỷ đồng{_unconverted(new_unconverted)}; điều chỉnh {adjusted} lượt Giấy chứng nhận đăng ký đầu tư.",
                f"Lũy kế đến ngày {as_of:%d/%m/%Y}, trong {zone.name} có {projects['total']} dự án còn hiệu lực "
                f"({projects['foreign']} dự án có vốn đầu tư nước ngoài, {projects['domestic']} dự án trong nước), "
                f"tổng vốn đăng ký quy đổi {_billion(Decimal(reg['total']))} tỷ đồng"
                f"{_unconverted(summary['unconverted_usd'])}.",
            ],
        ),
        (
            "II. TÌNH HÌNH THỰC HIỆN DỰ ÁN",
            [
                f"Vốn đầu tư thực hiện lũy kế theo sổ đăng ký: {_billion(disbursed_vnd)} tỷ đồng"
                + (f" và {_vi(disbursed_usd / MILLION, 2)} triệu USD" if disbursed_usd else "")
                + "; gồm số liệu các nhà đầu tư đã báo cáo và được Ban Quản lý tiếp nhận.",
                f"Số dự án đang hoạt động: {summary['by_status'].get('operating', 0)}; đang triển khai: "
                f"{summary['by_status'].get('implementing', 0)}; chậm tiến độ theo Giấy chứng nhận: {summary['late']}.",
            ],
        ),
        (
            "III. TÌNH HÌNH BÁO CÁO CỦA NHÀ ĐẦU TƯ",
            [
                f"Có {reported['projects_reported']}/{reported['projects_owing']} dự án có báo cáo được tiếp nhận"
                + (f" (tỷ lệ {format_decimal(share * 100, 'vi', max_decimals=1)}%)" if share is not None else "")
                + f". Các doanh nghiệp đã báo cáo doanh thu {_billion(reported['revenue'])} tỷ đồng, "
                f"nộp ngân sách {_billion(reported['budget_paid'])} tỷ đồng, xuất khẩu {_vi(reported['exports'] / MILLION, 2)} "
                f"triệu USD, sử dụng {_vi(reported['employees'])} lao động.",
                "Danh sách các dự án chưa ghi nhận báo cáo được lập riêng để Ban Quản lý xem xét.",
            ],
        ),
        (
            "IV. ĐỀ XUẤT, KIẾN NGHỊ",
            ["…"],
        ),
    ]
    if monitoring:
        sections.insert(
            2,
            (
                "GIÁM SÁT, ĐÁNH GIÁ",
                [
                    "Ban Quản lý đã theo dõi tiến độ thực hiện các dự án so với Giấy chứng nhận đăng ký đầu tư, "
                    f"trong đó {summary['late']} dự án chậm tiến độ và {summary['flagged']} dự án thuộc trường hợp "
                    "cần xem xét theo quy định.",
                ],
            ),
        )
    rows = selectors.consolidated_table(zone=zone, as_of=as_of, year=period.year, start=period.start, end=period.end)
    annex_rows = [
        [
            str(i),
            r["project"].code,
            r["project"].name,
            r["investor"],
            _million(r["registered_vnd"]),
            _million(r["disbursed_vnd"]),
            _million(r["revenue"]),
            _million(r["budget_paid"]),
            _vi(r["exports"]),
            _vi(r["employees"]),
        ]
        for i, r in enumerate(rows, start=1)
    ]

    def total(key: str) -> Decimal:
        return sum((Decimal(r[key]) for r in rows if r[key] is not None), Decimal(0))

    annex_total = [
        "",
        "",
        "Tổng cộng",
        "",
        _million(total("registered_vnd")),
        _million(total("disbursed_vnd")),
        _million(total("revenue")),
        _million(total("budget_paid")),
        _vi(total("exports")),
        _vi(total("employees")),
    ]
    notes = [
        f"Căn cứ: {form.legal_basis}."
        + (
            "" if form.legal_basis_confirmed else " (Căn cứ pháp lý chưa được đối chiếu với văn bản; đề nghị kiểm tra.)"
        ),
        "Phụ lục liệt kê các dự án còn hiệu lực, không gồm dự án đã chấm dứt hoạt động.",
    ]
    if any(r["registered_vnd"] is None for r in rows):
        notes.append(
            "Vốn đăng ký của dự án vốn USD chưa quy đổi (chưa có tỷ giá tham chiếu ngày cấp Giấy chứng nhận) ghi "
            "“—” và không được cộng vào tổng vốn đăng ký quy đổi."
        )
    return Statutory(
        form=form,
        zone=zone,
        period=period,
        authority=f"UBND {province.full_name.upper()}" if province else "",
        issuer=board.upper(),
        symbol="Số: …/BC-BQL",
        place_date=f"{province.name if province else ''}, ngày … tháng … năm {today.year}",
        title="BÁO CÁO",
        subject=subject,
        sections=sections,
        recipients=[line.strip() for line in form.recipients.splitlines() if line.strip()],
        signer_title=(signer_title or "TRƯỞNG BAN").upper(),
        signer_name=signer_name or "…",
        annex_title=f"Phụ lục: BẢNG TỔNG HỢP TÌNH HÌNH THỰC HIỆN DỰ ÁN CỦA CÁC NHÀ ĐẦU TƯ ({words})",
        annex_headers=[
            "STT",
            "Mã dự án",
            "Tên dự án",
            "Nhà đầu tư",
            "Vốn đăng ký (triệu đồng)",
            "Vốn thực hiện lũy kế (triệu đồng)",
            "Doanh thu (triệu đồng)",
            "Nộp ngân sách (triệu đồng)",
            "Xuất khẩu (USD)",
            "Lao động (người)",
        ],
        annex_rows=annex_rows,
        annex_total=annex_total,
        notes=notes,
    )


def to_docx(doc: Statutory) -> bytes:
    """The report as an editable Word document in the decree's layout (Times New Roman 13 pt, A4)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)

    def para(
        cell_or_doc: Any,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: int = 13,
        align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    ) -> Any:
        p = cell_or_doc.add_paragraph()
        p.alignment = align
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        return p

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.paragraphs[0].text = ""
    para(left, doc.authority, size=12)
    para(left, doc.issuer, bold=True, size=12)
    para(left, doc.symbol, size=13)
    para(right, NATIONAL_TITLE, bold=True, size=12)
    para(right, MOTTO, bold=True, size=13)
    para(right, doc.place_date, italic=True, size=13)
    para(document, doc.title, bold=True, size=14)
    para(document, doc.subject, bold=True, size=14)
    for heading, paragraphs in doc.sections:
        para(document, heading, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for text in paragraphs:
            p = para(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            p.paragraph_format.first_line_indent = Cm(1)
    for note in doc.notes:
        para(document, note, italic=True, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    footer = document.add_table(rows=1, cols=2)
    receive, sign = footer.rows[0].cells
    para(receive, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in doc.recipients:
        para(receive, f"- {line};", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    para(sign, doc.signer_title, bold=True)
    para(sign, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True, size=12)
    para(sign, "")
    para(sign, "")
    para(sign, doc.signer_name, bold=True)
    annex = document.add_section()
    annex.orientation = WD_ORIENT.LANDSCAPE
    annex.page_width, annex.page_height = Cm(29.7), Cm(21)
    annex.left_margin = annex.right_margin = Cm(1.5)
    para(document, doc.annex_title, bold=True)
    table = document.add_table(rows=1, cols=len(doc.annex_headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, doc.annex_headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(10)
    for values in [*doc.annex_rows, doc.annex_total]:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(10)
            run.bold = values is doc.annex_total
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdf(doc: Statutory) -> bytes:
    from borderzone.core.pdf import render_pdf

    with translation.override("vi"):
        return render_pdf(
            "reporting/statutory_pdf.html", {"doc": doc, "national_title": NATIONAL_TITLE, "motto": MOTTO}
        )


def filename(doc: Statutory, fmt: str) -> str:
    return f"{doc.form.code}-{doc.zone.code}-{doc.period.key}.{fmt}"
