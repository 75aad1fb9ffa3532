import io
import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import engines
from fontTools.ttLib import TTFont
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


# Every letter of the Vietnamese alphabet with every tone, capitals too, with Latin letters and digits: with
# the font split into subset files, the PDF text layer mixed up their glyph numbers ("cửa" read "ếửa",
# "đăng" read "đ3ng"), depending on which letters a document happened to use.
VOWELS = "aăâeêioôơuưy"
TONED = "".join(
    "".join(unicodedata.normalize("NFC", v + mark) for mark in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"))
    for v in VOWELS
)
ALPHABET = TONED + "bcdđghklmnpqrstvx" + "fjwz" + "0123456789"


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_the_text_layer_reads_back_every_vietnamese_letter(weight):
    words = [ALPHABET, ALPHABET.upper(), "cửa khẩu đăng ký triệu 06/12/2026"]
    body = "".join(f'<p style="font-weight: {weight}">{w}</p>' for w in words)
    template = '{% extends "core/pdf_base.html" %}{% block body %}' + body + "{% endblock %}"
    context = {"title": "x", "board_name": "Ban Quản lý", "document_date": "06/12/2026"}
    pdf = html_to_pdf(engines["django"].from_string(template).render(pdf_context(context)))
    lines = {line.strip() for page in PdfReader(io.BytesIO(pdf)).pages for line in page.extract_text().splitlines()}
    for word in words:
        assert word in lines


def test_pdfs_use_one_font_file_per_weight_and_no_subsets():
    # WeasyPrint embeds the subset files of one family as one PDF font whose glyph numbers collide, so the
    # text layer read "ếửa" for "cửa" in some runs and not others; the PDF stylesheet names whole fonts.
    base = (settings.BASE_DIR / "borderzone/core/templates/core/pdf_base.html").read_text()
    assert "vendor/noto-sans/noto-sans-pdf.css" in base
    css = Path(finders.find("vendor/noto-sans/noto-sans-pdf.css")).read_text()
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) == 2 and not any("unicode-range" in face for face in faces)
    keys = [(re.search(r"font-weight:\s*(\d+)", f)[1], re.search(r"src:\s*url\(([^)]+)\)", f)[1]) for f in faces]
    assert keys == [("400", "noto-sans-pdf-400-normal.ttf"), ("700", "noto-sans-pdf-700-normal.ttf")]
    for _weight, name in keys:
        font = TTFont(finders.find(f"vendor/noto-sans/{name}"))
        cmap = font.getBestCmap()
        assert all(ord(ch) in cmap for ch in ALPHABET + ALPHABET.upper())
