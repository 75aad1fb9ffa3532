"""The label walk: every page a visitor, an investor and the board's staff reach from their home pages in
the demo, and every export those pages link to (CSV, XLSX, PDF, DOCX as text), in Vietnamese, English and
Chinese, must show no internal code (a status such as `implementing`, a rule code such as
`LAND_UNUSED_12M`, a snake_case field or choice name), no untranslated Vietnamese on an English or
Chinese page, and no English on a Vietnamese page.

Names people and places carry (projects, investors, people, places, legal documents' titles and
numbers) are Vietnamese in every language and are taken out before the checks; what stays must be in the
reader's language."""

from __future__ import annotations

import csv
import html
import io
import re
import time
from collections import deque
from io import StringIO
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LANGUAGES = {"vi": "", "en": "/en", "zh-hans": "/zh-hans"}
SKIP = (
    "/accounts/logout",
    "/api/",
    "/i18n/",
    "/admin/",
    "/static/",
    "/media/",
    "/news/rss",
    "/news/atom",
    "/captcha",
    "/edit/",
    "/new/",
    "/delete/",
    "/rerun/",
    "/withdraw/",
    ".geojson",
    ".json",
    ".xml",
)
EXPORTS = (".csv", ".xlsx", ".pdf", ".docx", "export=csv", "export=xlsx", "/download/")
#: Pages per audience and language, and exports per audience and language: the walk stays within ~2 minutes.
PAGE_LIMIT = 30
EXPORT_LIMIT = 6

# An internal code: a snake_case word (a field, choice or model name) or an upper-case rule code.
SNAKE = re.compile(r"(?<![\w/.#-])[a-z]+(?:_[a-z0-9]+)+(?![\w/.-])")
RULE = re.compile(r"(?<![\w/.-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w/.-])")
STATUS_CODES = re.compile(r"\b(?:implementing|preparing|operating|suspended|terminated|domestic)\b")
# Vietnamese that is not a name: common words of sentences and labels.
VIETNAMESE_WORDS = re.compile(
    r"(?<!\w)(?:của|và|các|những|được|không|trong|người|huyện|Huyện|thuộc|theo|với|tháng|năm|ngày|"
    r"đồng|Thuế|thuế|thu nhập|doanh nghiệp|dự án|Dự án|hoạt động|Nguồn|nguồn|Minh họa|minh họa|trước đây|"
    r"Trước đây|Tóm tắt|Đang|đang|Chưa|chưa|Đã|đã|Hoàn thành|hoàn thành)(?!\w)"
)
# English in a Vietnamese page: words that no Vietnamese sentence uses.
ENGLISH_WORDS = re.compile(
    r"\b(?:the|The|and|your|Your|password|Password|must|Please|please|field|This|characters|required|"
    r"Enter|enter|least|too|common|entirely|similar|numeric)\b"
)


def _visible_text(body: str) -> str:
    body = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", body)
    body = re.sub(r"(?is)<!--.*?-->", " ", body)
    # The Vietnamese original shown beside its translation (a legal clause) is marked lang="vi".
    body = re.sub(r'(?is)<(\w+)\b[^>]*\blang="vi"[^>]*>.*?</\1>', " ", body)
    # What a person reads also includes titles (tooltips), placeholders and image texts.
    extra = " ".join(re.findall(r'(?:title|placeholder|alt|aria-label)="([^"]*)"', body))
    text = re.sub(r"(?s)<[^>]+>", "\n", body) + "\n" + extra
    return html.unescape(text)


def _export_text(content: bytes, kind: str, language: str = "vi") -> str:
    if kind == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        return "\n".join(
            str(v)
            for sheet in book.worksheets
            for row in _readable(list(sheet.iter_rows(values_only=True)), language)
            for v in row
            if v
        )
    if kind == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    if kind == "docx":
        from docx import Document

        document = Document(io.BytesIO(content))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return "\n".join(" | ".join(r) for r in _readable(rows, language))


def _readable(rows: list, language: str) -> list:
    """What a person reads in a table: without the code row, and without the columns whose header says they
    are kept in Vietnamese as written (a file's `lang="vi"`: `core.i18n.written_header`)."""
    from django.utils import translation

    rows = _without_code_row(rows)
    if language == "vi" or not rows:
        return rows
    with translation.override(language):
        marker = f"({translation.gettext('in Vietnamese')})"
    written = {i for i, header in enumerate(rows[0]) if isinstance(header, str) and header.endswith(marker)}
    return [rows[0], *([v for i, v in enumerate(row) if i not in written] for row in rows[1:])]


def _without_code_row(rows: list) -> list:
    """A table without its second header row when that row is the import's column codes under headers in the
    reader's language (by design, so the file comes back: `core.tabular.is_code_row`, the importer's own test).
    Only that row: codes anywhere else, and in the first row, are still found."""
    from borderzone.core.tabular import is_code_row

    if len(rows) >= 2 and not is_code_row(rows[0]) and is_code_row(rows[1]):
        return [rows[0], *rows[2:]]
    return rows


def _kind(path: str, content_type: str) -> str | None:
    for kind, marker in (("xlsx", "spreadsheetml"), ("pdf", "pdf"), ("docx", "wordprocessingml"), ("csv", "csv")):
        if marker in content_type:
            return kind
    return None


def _names() -> list[str]:
    """The proper names of the demo, longest first: they are the same in every language."""
    from borderzone.accounts.models import User
    from borderzone.documents.models import LegalDocument
    from borderzone.register.models import Investor, Project
    from borderzone.zones.models import Commune, EconomicZone, GateArea, Province

    names: set[str] = set()
    names.update(Project.objects.values_list("name", flat=True))
    names.update(Investor.objects.values_list("name", flat=True))
    names.update(LegalDocument.objects.values_list("issuer", flat=True))
    names.update(LegalDocument.objects.values_list("title", flat=True))
    names.update(EconomicZone.objects.values_list("name", flat=True))
    names.update(GateArea.objects.values_list("name", flat=True))
    names.update(Commune.objects.values_list("name", flat=True))
    names.update(Province.objects.values_list("name", flat=True))
    for user in User.objects.all():
        names.add(user.get_full_name())
    try:
        from borderzone.gates.models import BorderGate

        names.update(BorderGate.objects.values_list("name", flat=True))
    except ImportError:  # pragma: no cover
        pass
    return sorted((n for n in names if n and len(n) > 2), key=len, reverse=True)


def _problems(text: str, language: str, names: list[str]) -> list[str]:
    for name in names:
        if name in text:
            text = text.replace(name, " ")
    found: list[str] = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        codes = SNAKE.findall(line) + RULE.findall(line)
        if language != "en":
            codes += STATUS_CODES.findall(line)
        if codes:
            found.append(f"code {codes[0]!r} in: {line[:120]}")
        if language != "vi" and VIETNAMESE_WORDS.search(line):
            found.append(f"Vietnamese in: {line[:120]}")
        if language == "vi" and len(ENGLISH_WORDS.findall(line)) >= 2:
            found.append(f"English in: {line[:120]}")
    return found


def _walk(client, start: list[str], prefix: str, language: str, names: list[str]) -> tuple[int, int, dict]:
    seen: set[str] = set()
    exports: set[str] = set()
    queue = deque(start)
    problems: dict[str, list[str]] = {}
    pages = 0
    while queue and pages < PAGE_LIMIT:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302):
            continue
        assert response.status_code == 200, f"{path}: {response.status_code}"
        kind = _kind(path, response.get("Content-Type", ""))
        if kind is not None or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        body = response.content.decode()
        found = _problems(_visible_text(body), language, names)
        if found:
            problems[path] = found
        for href in re.findall(r'href="([^"#]+)"', body):
            href = html.unescape(href)
            parsed = urlparse(href)
            if parsed.netloc:
                continue
            target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if not target.startswith("/") or any(s in target for s in SKIP):
                continue
            other = [p for p in LANGUAGES.values() if p and target.startswith(p + "/")]
            if (prefix and not target.startswith(prefix + "/")) or (not prefix and other):
                continue
            if any(e in target for e in EXPORTS):
                exports.add(target)
            elif target not in seen:
                queue.append(target)
    for path in sorted(exports)[:EXPORT_LIMIT]:
        response = client.get(path)
        if response.status_code != 200:
            continue
        kind = _kind(path, response.get("Content-Type", ""))
        if kind is None:
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        found = _problems(_export_text(content, kind, language), language, names)
        if found:
            problems[path] = found
    return pages, len(exports), problems


@pytest.fixture
def demo(settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    call_command("load_demo", stdout=StringIO())
    from borderzone.accounts.models import User

    return {u.username: u for u in User.objects.filter(username__in=["admin", "lanhdao", "nhadautu"])}


@pytest.mark.walk
def test_every_page_and_export_of_the_demo_speaks_the_readers_language(client, demo):
    started = time.monotonic()
    names = _names()
    report: list[str] = []
    visited = 0
    for audience, user, home in (
        ("public", None, "/"),
        ("investor", demo["nhadautu"], "/investor/"),
        ("staff", demo["admin"], "/staff/"),
    ):
        client.logout()
        if user is not None:
            client.force_login(user)
        for language, prefix in LANGUAGES.items():
            pages, _exports, problems = _walk(client, [prefix + home], prefix, language, names)
            visited += pages
            assert pages >= 3, f"{audience} {language}: only {pages} pages reached"
            for path, found in problems.items():
                report.extend(f"[{audience} {language}] {path}: {item}" for item in found[:3])
    assert visited > 60
    assert not report, f"{len(report)} problems:\n" + "\n".join(report[:400])
    assert time.monotonic() - started < 180


def test_the_walk_finds_what_it_should():
    names = ["Cao Bằng"]
    assert _problems("Trạng thái: implementing", "vi", names)
    assert _problems("Flag LAND_UNUSED_12M", "en", names)
    assert _problems("Formerly in Huyện Trà Lĩnh", "en", names)
    assert _problems("Your password must contain at least 8 characters.", "vi", names)
    assert not _problems("Khu kinh tế cửa khẩu Cao Bằng", "vi", names)
    assert not _problems("Economic zone of Cao Bằng", "en", names)


def test_the_walk_reads_past_a_column_said_to_be_in_vietnamese_only():
    # given an English reader's export whose objectives column says it keeps the Vietnamese text
    exported = (
        "Project code,Objectives (in Vietnamese),Status\r\ncode,objectives,status\r\n"
        "4300000001,Kho bãi phục vụ hoạt động thương mại,Operating\r\n"
    ).encode()
    # then the walk reads past that column only
    assert _problems(_export_text(exported, "csv", "en"), "en", []) == []
    unmarked = exported.replace(b" (in Vietnamese)", b"")
    assert _problems(_export_text(unmarked, "csv", "en"), "en", []) == [
        "Vietnamese in: 4300000001 | Kho bãi phục vụ hoạt động thương mại | Operating"
    ]


def test_the_walk_reads_past_an_exports_code_row_only():
    # given a register export: headers in the reader's language, then the import's column codes
    exported = "Mã dự án,Vốn đăng ký\r\ncode,registered_capital\r\n4300000001,3500\r\n".encode()
    # when the walk reads it, the code row is not text for a person, the headers and data are
    text = _export_text(exported, "csv")
    assert text == "Mã dự án | Vốn đăng ký\n4300000001 | 3500"
    # but codes in the first row, or in any row after the second, are still found
    assert _problems(_export_text(b"code,registered_capital\r\n1,2\r\n", "csv"), "en", [])
    coded_data = "Mã dự án,Trạng thái\r\ncode,status\r\n4300000001,implementing\r\nx,land_area_ha\r\n".encode()
    assert _problems(_export_text(coded_data, "csv"), "vi", []) == [
        "code 'implementing' in: 4300000001 | implementing",
        "code 'land_area_ha' in: x | land_area_ha",
    ]
