import io

import pytest
from django.template import engines
from pypdf import PdfReader

from borderzone.core.pdf import FetchRefused, _static_response, html_to_pdf, pdf_context

BODY = (
    '{% extends "core/pdf_base.html" %}{% block body %}<h1>Báo cáo giám sát đầu tư</h1>'
    "<p>Đến nay, trong Khu KTCK tỉnh có 74 dự án; vốn đăng ký 12.373 tỷ đồng. Ưu đãi: Lý Vạn, Trà Lĩnh, Sóc Giang.</p>"
    "{% endblock %}"
)


def test_a_pdf_keeps_every_vietnamese_diacritic_and_embeds_noto_sans():
    context = {"title": "Báo cáo", "board_name": "Ban Quản lý Khu kinh tế tỉnh Cao Bằng", "document_date": "21/09/2020"}
    pdf = html_to_pdf(engines["django"].from_string(BODY).render(pdf_context(context)))
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Báo cáo giám sát đầu tư" in text
    assert "12.373 tỷ đồng" in text and "Lý Vạn, Trà Lĩnh, Sóc Giang" in text
    assert "Ban Quản lý Khu kinh tế tỉnh Cao Bằng" in text and "21/09/2020" in text
    assert "Trang 1 / 1" in text
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert any("Noto-Sans" in f for f in fonts), fonts
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4


def test_rendering_never_fetches_from_the_network():
    with pytest.raises(FetchRefused):
        _static_response("https://cdn.example.com/font.woff2")
