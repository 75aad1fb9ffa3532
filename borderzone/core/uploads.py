"""Every uploaded file passes here before anything reads it (issue 14): its size, the archive inside an
Office/ODF file (member count and uncompressed size from the central directory, before decompressing
anything), embedded programs and macros, and the optional virus scanner (ClamAV's clamd).

`UploadField` is the form field every upload form uses; `check_upload_content` is what it runs, also
called by services and readers that take bytes from elsewhere (import jobs, commands).
"""

from __future__ import annotations

import io
import logging
import socket
import struct
import zipfile
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Programs, scripts and the containers Office uses to carry them (macros, OLE packages, ActiveX).
_PROGRAM_SUFFIXES = (
    ".exe", ".dll", ".com", ".scr", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".js", ".jar", ".sh", ".cpl", ".hta",
)  # fmt: skip
_MACRO_NAMES = ("vbaproject.bin", "vbadata.xml")
_MACRO_DIRS = ("activex/", "basic/", "scripts/")
# Names of OLE streams (UTF-16 in the directory) that hold macros or an embedded package.
_OLE_MARKERS = tuple(
    name.encode("utf-16-le") for name in ("_VBA_PROJECT", "VBA", "Macros", "\x01Ole10Native", "ObjectPool")
)


def max_upload_bytes() -> int:
    return int(settings.DOCUMENTS_MAX_UPLOAD_BYTES)


def _refuse(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def check_archive(data: bytes, field: str = "file") -> None:
    """Refuse a ZIP (XLSX, DOCX, ODF) with too many members, too much uncompressed data, encryption, or an
    embedded program or macro. Reads only the central directory: nothing is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(field, _("The file is a damaged archive."), "bad_archive") from None
    if len(members) > settings.UPLOAD_MAX_ARCHIVE_MEMBERS:
        raise _refuse(
            field,
            _("The file holds %(n)d parts; at most %(max)d are accepted.")
            % {"n": len(members), "max": settings.UPLOAD_MAX_ARCHIVE_MEMBERS},
            "too_many_members",
        )
    total = sum(m.file_size for m in members)
    if total > settings.UPLOAD_MAX_UNCOMPRESSED_BYTES:
        raise _refuse(
            field,
            _("Unpacked, the file would take %(size)s; at most %(max)s are accepted.")
            % {"size": filesizeformat(total), "max": filesizeformat(settings.UPLOAD_MAX_UNCOMPRESSED_BYTES)},
            "too_large_unpacked",
        )
    for member in members:
        name = member.filename.lower()
        if member.flag_bits & 0x1:
            raise _refuse(field, _("The file holds an encrypted part, which cannot be checked."), "encrypted")
        base = name.rsplit("/", 1)[-1]
        is_macro = base in _MACRO_NAMES or any(f"/{d}" in f"/{name}" for d in _MACRO_DIRS)
        is_embedded_object = "/embeddings/" in f"/{name}" and (base.startswith("oleobject") or base.endswith(".bin"))
        if is_macro or is_embedded_object or base.endswith(_PROGRAM_SUFFIXES):
            raise _refuse(
                field,
                _("The file holds macros or an embedded program (%(name)s); save it without them and upload again.")
                % {"name": member.filename[:80]},
                "embedded_program",
            )


def check_ole(data: bytes, field: str = "file") -> None:
    """Refuse an old-format Office file (.doc, .xls) that carries macros or an embedded package."""
    if any(marker in data for marker in _OLE_MARKERS):
        raise _refuse(
            field,
            _("The file holds macros or an embedded program; save it without them and upload again."),
            "embedded_program",
        )


class ScannerUnavailable(Exception):
    pass


def clamd_scan(data: bytes, socket_path: str, timeout: float = 30.0) -> str | None:
    """The signature clamd finds in `data` (INSTREAM over its unix socket), or None when it is clean."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(socket_path)
            sock.sendall(b"zINSTREAM\0")
            view = memoryview(data)
            for start in range(0, len(data), 1 << 16):
                chunk = view[start : start + (1 << 16)]
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = sock.recv(4096)
                if not part:
                    break
                reply += part
    except OSError as exc:
        raise ScannerUnavailable(str(exc)) from exc
    answer = reply.rstrip(b"\0").decode("utf-8", "replace")
    if answer.endswith("OK"):
        return None
    if answer.endswith("FOUND"):
        return answer.removeprefix("stream:").removesuffix("FOUND").strip()
    raise ScannerUnavailable(answer)


def scan_for_viruses(data: bytes, field: str = "file") -> None:
    """With CLAMAV_SOCKET set, refuse what clamd finds; an unreachable scanner refuses the upload too."""
    socket_path = settings.CLAMAV_SOCKET
    if not socket_path:
        return
    try:
        found = clamd_scan(data, socket_path)
    except ScannerUnavailable as exc:
        logger.error("Virus scanner at %s unavailable: %s", socket_path, exc)
        raise _refuse(
            field, _("The virus scanner is not answering; try again in a few minutes."), "scanner_down"
        ) from None
    if found:
        logger.warning("Upload refused by the virus scanner: %s", found)
        raise _refuse(
            field, _("The virus scanner found %(name)s in this file; it was refused.") % {"name": found}, "virus"
        )


def check_upload_content(data: bytes, field: str = "file", *, scan: bool = True) -> None:
    """Every check on an upload's bytes: archive limits, embedded programs and macros, the virus scanner."""
    if len(data) > max_upload_bytes():
        raise _refuse(
            field, _("The file is larger than %(size)s.") % {"size": filesizeformat(max_upload_bytes())}, "too_large"
        )
    if data.startswith(ZIP_MAGIC):
        check_archive(data, field)
    elif data.startswith(OLE_MAGIC):
        check_ole(data, field)
    if scan:
        scan_for_viruses(data, field)


class UploadField(forms.FileField):
    """A file field that refuses a file over the size limit before reading it, then runs
    `check_upload_content` on its bytes. Every upload form uses it."""

    default_error_messages = {"too_large": gettext_lazy("The file is larger than %(size)s.")}

    def __init__(self, *args: Any, max_bytes: int | None = None, **kwargs: Any) -> None:
        self.max_bytes = max_bytes
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return upload
        limit = min(self.max_bytes or max_upload_bytes(), max_upload_bytes())
        if upload.size is not None and upload.size > limit:
            raise ValidationError(self.error_messages["too_large"] % {"size": filesizeformat(limit)}, code="too_large")
        upload.seek(0)
        content = upload.read(limit + 1)
        upload.seek(0)
        try:
            check_upload_content(content)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["file"]) from None
        return upload
