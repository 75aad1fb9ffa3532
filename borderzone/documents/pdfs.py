"""Small PDFs for demo documents, drawn by WeasyPrint from HTML with the document's Vietnamese text."""

from __future__ import annotations

import datetime as dt
import functools
import io

from django.utils.html import escape

PAGE_CSS = """
@page { size: A4; margin: 2cm 2cm 2cm 3cm; }
body { font-family: 'DejaVu Serif', 'Noto Serif', serif; font-size: 12pt; line-height: 1.4; }
.head { display: flex; justify-content: space-between; text-align: center; font-size: 11pt; }
.head div { width: 48%; }
h1 { font-size: 13pt; text-align: center; margin-top: 1.5cm; }
.note { margin-top: 2cm; font-style: italic; color: #555; border-top: 1px solid #999; padding-top: .3cm; }
"""


# The same document draws the same bytes: a process that loads the demo again (a test run) draws each once.
@functools.lru_cache(maxsize=64)
def document_pdf(
    *, issuer: str, number: str, title: str, issued_on: dt.date, body: str, place: str = "Cao Bằng"
) -> bytes:
    """A one-page rendering of a document: heading block, number, title, body and a note that it is a demo."""
    from weasyprint import HTML

    html = f"""<html lang="vi"><head><meta charset="utf-8"><style>{PAGE_CSS}</style></head><body>
<div class="head"><div><b>{escape(issuer.upper())}</b><br>Số: {escape(number)}</div>
<div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập – Tự do – Hạnh phúc<br>
<i>{escape(place)}, ngày {issued_on.day:02d} tháng {issued_on.month:02d} năm {issued_on.year}</i></div></div>
<h1>{escape(title)}</h1>
<p>{escape(body)}</p>
<p class="note">Bản minh họa do hệ thống BorderZone tạo cho dữ liệu mẫu, không phải bản gốc của văn bản.</p>
</body></html>"""
    out = io.BytesIO()
    HTML(string=html).write_pdf(out)
    return out.getvalue()
