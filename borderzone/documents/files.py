"""Checking uploaded files by their content, and reading their text for the search index."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from borderzone.core.uploads import check_upload_content

# Formats accepted, by extension: (content type, how its first bytes must look).
FORMATS: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "odt": ("application/vnd.oasis.opendocument.text", "odf"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "odf"),
    "doc": ("application/msword", "ole"),
    "xls": ("application/vnd.ms-excel", "ole"),
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "DOCUMENTS_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    size: int
    sha256: str
    text: str


def _sniff(head: bytes, data: bytes) -> str | None:
    """What the content really is, from its bytes (never from its name)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "[Content_Types].xml" in names:
                    return "ooxml"
                if "mimetype" in names and archive.read("mimetype").startswith(b"application/vnd.oasis"):
                    return "odf"
        except zipfile.BadZipFile:
            return None
    return None


def check_upload(upload: UploadedFile, field: str = "file") -> tuple[CheckedFile, bytes]:
    """The file's format, size, digest and text, or a ValidationError naming the reason."""
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {field: _("The file is larger than %(size)s.") % {"size": filesizeformat(limit)}}, code="too_large"
        )
    if ext not in FORMATS:
        raise ValidationError(
            {
                field: _("Files of type .%(ext)s are not accepted. Accepted: %(list)s.")
                % {"ext": ext or "?", "list": ", ".join(FORMATS)}
            },
            code="bad_extension",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    if len(data) > limit:
        raise ValidationError(
            {field: _("The file is larger than %(size)s.") % {"size": filesizeformat(limit)}}, code="too_large"
        )
    if not data:
        raise ValidationError({field: _("The file is empty.")}, code="empty")
    check_upload_content(data, field)
    content_type, family = FORMATS[ext]
    if _sniff(data[:16], data) != family:
        raise ValidationError(
            {
                field: _("The content of this file is not a .%(ext)s document (it may be a renamed program).")
                % {"ext": ext}
            },
            code="bad_content",
        )
    text = extract_text(ext, data)
    return CheckedFile(ext, content_type, len(data), hashlib.sha256(data).hexdigest(), text), data


_TAG = re.compile(r"<[^>]+>")


def extract_text(kind: str, data: bytes, limit: int = 200_000) -> str:
    """The text of a PDF (pypdf) or an Office/ODF document (its XML), for searching; empty if unreadable."""
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            parts: list[str] = []
            for page in reader.pages:
                parts.append(page.extract_text() or "")
                if sum(len(p) for p in parts) > limit:
                    break
            return " ".join(" ".join(parts).split())[:limit]
        if kind in ("docx", "xlsx", "odt", "ods"):
            wanted = {"docx": ["word/document.xml"], "xlsx": ["xl/sharedStrings.xml"]}.get(kind, ["content.xml"])
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                xml = " ".join(archive.read(n).decode("utf-8", "ignore") for n in wanted if n in archive.namelist())
            return " ".join(_TAG.sub(" ", xml).split())[:limit]
    except Exception:  # noqa: BLE001 -- a file we cannot read is still stored; only its text is missing
        return ""
    return ""
