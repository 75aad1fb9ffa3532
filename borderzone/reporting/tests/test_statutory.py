import io

import pytest
from docx import Document
from pypdf import PdfReader

from borderzone.reporting import services, statutory
from borderzone.reporting.tests.conftest import quarter_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(project, owner_actor, actor):
    report = services.report_save(
        project=project,
        form_code="NDT-QUY",
        period="2026-Q2",
        values=quarter_values(revenue=2_000_000_000, budget_paid=150_000_000, capital_disbursed_period=1_000_000_000),
        actor=owner_actor,
    )
    return services.report_accept(report=report, actor=actor)


def _doc(zone):
    return statutory.build(
        zone=zone, form_code="BQL-QUY", period_text="2026-Q2", signer_name="Nguyễn Văn B", today=services.today()
    )


def test_the_docx_opens_back_with_the_national_title_recipients_and_figures(zone, project, filed):
    data = statutory.to_docx(_doc(zone))
    document = Document(io.BytesIO(data))
    header = document.tables[0].rows[0].cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1].text and "Độc lập - Tự do - Hạnh phúc" in header[1].text
    assert "Số: …/BC-BQL" in header[0].text
    footer = document.tables[1].rows[0].cells
    assert "Nơi nhận:" in footer[0].text and "- Bộ Tài chính;" in footer[0].text
    assert "TRƯỞNG BAN" in footer[1].text and "Nguyễn Văn B" in footer[1].text
    text = "\n".join(p.text for p in document.paragraphs)
    assert "quý II năm 2026" in text
    assert "nộp ngân sách 0,15 tỷ đồng" in text and "1/1 dự án" in text
    annex = document.tables[2]
    row = [c.text for c in annex.rows[1].cells]
    assert row[1] == project.code and row[5] == "1.000" and row[6] == "2.000" and row[7] == "150"
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_the_pdf_text_has_the_national_title_recipients_and_figures(zone, project, filed):
    reader = PdfReader(io.BytesIO(statutory.to_pdf(_doc(zone))))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Nơi nhận:" in text and "Bộ Tài chính" in text
    assert project.code in text and "nộp ngân sách 0,15 tỷ đồng" in text
    fonts = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert any("Tinos" in name for name in fonts), fonts


def test_a_board_report_downloads_for_the_zones_staff(client, specialist, zone, filed, other_specialist):
    client.force_login(specialist)
    response = client.get(f"/staff/investor-reports/board/{zone.code}/BQL-NAM/2025/docx")
    assert response.status_code == 200 and response["Content-Type"].endswith("document")
    assert client.get(f"/staff/investor-reports/board/{zone.code}/BQL-NAM/2025-Q1/docx").status_code == 404
    client.force_login(other_specialist)
    assert client.get(f"/staff/investor-reports/board/{zone.code}/BQL-NAM/2025/pdf").status_code == 404


def test_the_reports_page_shows_the_deadlines_of_the_boards_reports(client, specialist, zone):
    client.force_login(specialist)
    page = client.get("/staff/reports/").content.decode()
    assert "Hạn nộp các báo cáo của Ban Quản lý" in page
    assert "Báo cáo tình hình đăng ký và thực hiện dự án đầu tư trong khu kinh tế (quý)" in page


def test_the_statutory_pdf_uses_whole_tinos_files_not_subsets():
    # Subset files of one family collide in WeasyPrint's text layer (see core/tests/test_pdf.py).
    from django.conf import settings

    template = (settings.BASE_DIR / "borderzone/reporting/templates/reporting/statutory_pdf.html").read_text()
    faces = [line for line in template.splitlines() if "@font-face" in line]
    assert len(faces) == 4 and all("tinos-pdf-" in f and "unicode-range" not in f for f in faces)
