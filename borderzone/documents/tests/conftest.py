from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderzone.documents import services
from borderzone.documents.tests.factories import create_published_document


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")


def make_pdf(text: str = "Văn bản thử") -> bytes:
    """A real one-page PDF whose text pypdf can read back (drawn by WeasyPrint)."""
    from weasyprint import HTML

    out = io.BytesIO()
    HTML(string=f"<html><body><p>{text}</p></body></html>").write_pdf(out)
    return out.getvalue()


@pytest.fixture
def pdf_upload():
    def build(text: str = "Văn bản thử", name: str = "van-ban.pdf") -> SimpleUploadedFile:
        return SimpleUploadedFile(name, make_pdf(text), content_type="application/pdf")

    return build


@pytest.fixture
def make_document(actor):
    def build(zone, **fields):
        values = {
            "number": "225/QĐ-BQLKKT",
            "doc_type": "decision",
            "field": "finance",
            "issuer": "Ban Quản lý Khu kinh tế tỉnh Cao Bằng",
            "title": "Quyết định về việc công bố công khai giao dự toán chi ngân sách năm 2024",
            "issued_on": dt.date(2024, 5, 10),
            "is_published": True,
        }
        values.update(fields)
        if values.pop("is_published"):
            return create_published_document(zone=zone, actor=actor, **values)
        return services.document_create(zone=zone, actor=actor, **values)

    return build
