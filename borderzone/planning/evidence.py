"""What an uploaded evidence file really is, from its bytes (never from its name or the browser's word)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extension: str
    is_image: bool


def _image(data: bytes) -> Sniffed | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    known = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}
    if fmt not in known:
        return None
    content_type, extension = known[fmt]
    return Sniffed(content_type, extension, True)


def _office(data: bytes) -> Sniffed | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
        return Sniffed("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", False)
    return None


def sniff(data: bytes) -> Sniffed | None:
    """PDF, DOCX, JPEG, PNG or WebP, recognised by content; None for anything else."""
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]:
        return Sniffed("application/pdf", ".pdf", False)
    if data.startswith(b"PK\x03\x04"):
        return _office(data)
    return _image(data)


def check_evidence_file(data: bytes, kind: str) -> Sniffed:
    """The file's real type, if it suits the kind of evidence; otherwise a ValidationError on `file`."""
    if not data:
        raise ValidationError({"file": _("The file is empty.")})
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    found = sniff(data)
    if found is None:
        raise ValidationError(
            {"file": _("This file is not a PDF, Word (.docx), JPEG, PNG or WebP file, whatever its name says.")}
        )
    if kind == "photo" and not found.is_image:
        raise ValidationError({"file": _("A photo must be a JPEG, PNG or WebP image.")})
    if kind == "document" and found.is_image:
        raise ValidationError({"file": _("A document must be a PDF or Word (.docx) file; upload images as photos.")})
    if kind == "decision" and found.extension == ".docx":
        raise ValidationError({"file": _("A decision must be the signed copy: a PDF or a scanned image.")})
    return found
