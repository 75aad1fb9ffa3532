"""Uploads are checked before anything reads them: archive limits, embedded programs, row caps, the virus
scanner; private files stay private and a missing one answers 404 (issue 14)."""

from __future__ import annotations

import datetime as dt
import io
import os
import socket
import struct
import threading
import time
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from borderzone.core.tabular import TableError, read_table
from borderzone.core.uploads import UploadField, check_upload_content, clamd_scan
from borderzone.documents.files import check_upload

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def docx(extra: dict[str, bytes] | None = None, *, document: bytes = b"<w:document>Hello</w:document>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb_docx(unpacked_mb: int = 300) -> bytes:
    """A .docx of a few hundred KB whose document.xml unpacks to `unpacked_mb` MB of spaces."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_docx_is_refused_at_once_without_unpacking():
    bomb = zip_bomb_docx()
    assert len(bomb) < 1024 * 1024  # a few hundred KB on the wire
    started = time.perf_counter()
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("bomb.docx", bomb))
    assert time.perf_counter() - started < 1.0
    assert exc.value.error_dict["file"][0].code == "too_large_unpacked"


def test_an_archive_with_too_many_members_is_refused(settings):
    settings.UPLOAD_MAX_ARCHIVE_MEMBERS = 50
    data = docx({f"word/media/{i}.txt": b"x" for i in range(60)})
    with pytest.raises(ValidationError) as exc:
        check_upload_content(data)
    assert exc.value.error_dict["file"][0].code == "too_many_members"


@pytest.mark.parametrize(
    "member",
    ["word/embeddings/oleObject1.bin", "word/vbaProject.bin", "word/media/setup.exe", "word/activeX/activeX1.xml"],
)
def test_office_files_with_macros_or_programs_are_refused(member):
    data = docx({member: b"MZ\x90\x00 a program"})
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("bao-cao.docx", data))
    assert exc.value.error_dict["file"][0].code == "embedded_program"
    assert member in str(exc.value)


def test_an_ordinary_docx_passes():
    checked, data = check_upload(SimpleUploadedFile("bao-cao.docx", docx()))
    assert checked.kind == "docx" and "Hello" in checked.text


def test_an_old_format_office_file_with_macros_is_refused():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "_VBA_PROJECT".encode("utf-16-le") + b"\0" * 100
    with pytest.raises(ValidationError) as exc:
        check_upload_content(ole)
    assert exc.value.error_dict["file"][0].code == "embedded_program"


def _xlsx_with_rows(n: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["code", "name"])
    for i in range(n):
        sheet.append([i, "x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_spreadsheet_is_read_with_a_row_cap_checked_while_reading(settings, monkeypatch):
    settings.IMPORT_MAX_ROWS = 100
    data = _xlsx_with_rows(5000)
    rows_seen = []
    import openpyxl.worksheet._read_only as read_only

    original = read_only.ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            rows_seen.append(1)
            yield row

    monkeypatch.setattr(read_only.ReadOnlyWorksheet, "_cells_by_row", counting)
    with pytest.raises(TableError) as exc:
        read_table(data)
    assert "100" in str(exc.value.messages)
    assert len(rows_seen) <= 102  # stopped at the cap, not after reading 5,000 rows
    settings.IMPORT_MAX_ROWS = 10_000
    assert len(read_table(data).rows) == 5000


def test_the_upload_field_refuses_an_oversized_file_before_reading_it(settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 2048
    field = UploadField()
    with pytest.raises(ValidationError):
        field.clean(SimpleUploadedFile("a.csv", b"a,b\n" * 1000))
    assert field.clean(SimpleUploadedFile("a.csv", b"a,b\n1,2\n")).name == "a.csv"


class FakeClamd:
    """A unix-socket server speaking clamd's INSTREAM, finding EICAR like ClamAV's signature does."""

    def __init__(self, path: str) -> None:
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(1)
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while not data.endswith(b"\0") or len(data) < 10:
                    data += conn.recv(10)
                body = b""
                while True:
                    size = struct.unpack("!L", self._exact(conn, 4))[0]
                    if size == 0:
                        break
                    body += self._exact(conn, size)
                conn.sendall(b"stream: Eicar-Signature FOUND\0" if EICAR in body else b"stream: OK\0")

    @staticmethod
    def _exact(conn: socket.socket, n: int) -> bytes:
        out = b""
        while len(out) < n:
            out += conn.recv(n - len(out))
        return out

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def fake_clamd(settings):
    path = f"/tmp/bz-clamd-{os.getpid()}-{time.monotonic_ns()}.sock"  # noqa: S108 - a test socket
    clamd = FakeClamd(path)
    settings.CLAMAV_SOCKET = path
    yield path
    clamd.close()
    Path(path).unlink(missing_ok=True)


def test_the_virus_scan_hook_refuses_what_clamd_finds(fake_clamd):
    pdf = b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n"
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("van-ban.pdf", pdf))
    assert exc.value.error_dict["file"][0].code == "virus"
    assert "Eicar" in str(exc.value)
    check_upload(SimpleUploadedFile("van-ban.pdf", b"%PDF-1.4\nclean\n%%EOF\n"))


def test_an_unreachable_scanner_refuses_uploads(settings):
    settings.CLAMAV_SOCKET = "/nonexistent/clamd.sock"
    with pytest.raises(ValidationError) as exc:
        check_upload_content(b"%PDF-1.4\n%%EOF\n")
    assert exc.value.error_dict["file"][0].code == "scanner_down"


@pytest.mark.skipif(not os.environ.get("CLAMAV_TEST_SOCKET"), reason="CLAMAV_TEST_SOCKET names no running clamd")
def test_real_clamd_refuses_the_eicar_test_file_inside_a_pdf(settings):
    """.ci/run starts Debian's clamd with a database holding only the EICAR signature and sets CLAMAV_TEST_SOCKET."""
    socket_path = os.environ["CLAMAV_TEST_SOCKET"]
    assert clamd_scan(b"%PDF-1.4\nclean text\n%%EOF\n", socket_path) is None
    settings.CLAMAV_SOCKET = socket_path
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("van-ban.pdf", b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n"))
    assert exc.value.error_dict["file"][0].code == "virus"


# --- private files ---


@pytest.mark.django_db
def test_evidence_of_an_unpublished_goal_lives_in_private_storage_and_is_served_privately(
    client, zone, specialist, settings, tmp_path
):
    from borderzone.access.actors import Actor
    from borderzone.planning import services
    from borderzone.planning.tests.factories import GoalFactory, MilestoneFactory

    settings.MEDIA_ROOT = str(tmp_path / "public")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    milestone = MilestoneFactory(goal=GoalFactory(zone=zone, is_published=False))
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    evidence = services.evidence_add(
        milestone=milestone,
        actor=Actor(user=specialist, via="web", ip_address="127.0.0.1"),
        kind="decision",
        title="QĐ",
        dated=dt.date(2024, 5, 1),
        data=pdf,
        filename="qd.pdf",
    )
    assert (tmp_path / "private" / evidence.file.name).read_bytes() == pdf
    assert not (tmp_path / "public").exists() or not any((tmp_path / "public").rglob("*.pdf"))
    assert client.get(f"/plan/evidence/{evidence.pk}/").status_code == 404
    client.force_login(specialist)
    response = client.get(f"/plan/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == pdf
    # A file lost from storage answers 404, not a server error.
    (tmp_path / "private" / evidence.file.name).unlink()
    assert client.get(f"/plan/evidence/{evidence.pk}/").status_code == 404
