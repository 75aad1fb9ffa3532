"""Content written in Vietnamese with optional English and Chinese versions.

A translated content field `x` is stored as `x` (Vietnamese, the authoritative text), `x_en` and `x_zh`
(blank when nobody translated it). Readers see the version of the active language, and the
Vietnamese text wherever that version is empty.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

# The interface languages (settings.LANGUAGES) and the suffix of their content fields.
CONTENT_LANGUAGES = ("vi", "en", "zh-hans")
SUFFIXES = {"vi": "", "en": "_en", "zh-hans": "_zh"}


def content_language(lang: str | None = None) -> str:
    """'vi', 'en' or 'zh-hans' for the given or active language code ('zh', 'zh_Hans', 'en-us', ...)."""
    code = (lang or translation.get_language() or "vi").lower().replace("_", "-")
    if code.startswith("en"):
        return "en"
    if code.startswith("zh"):
        return "zh-hans"
    return "vi"


def request_language(request: HttpRequest, lang: str | None = None) -> str:
    """The content language of an API answer: `lang` when the caller names one, else the language the
    client asks for (the language cookie or Accept-Language; API paths carry no language prefix)."""
    return content_language(lang or translation.get_language_from_request(request))


def pick_language(vi: str, en: str, zh: str, lang: str | None = None) -> str:
    """The version of a content field in the given or active language, falling back to Vietnamese."""
    code = content_language(lang)
    if code == "en" and en:
        return en
    if code == "zh-hans" and zh:
        return zh
    return vi


def localized(obj: Any, field: str, lang: str | None = None) -> str:
    """`obj.<field>` in the given or active language: `<field>_en` / `<field>_zh` when filled, else Vietnamese."""
    return pick_language(
        getattr(obj, field) or "", getattr(obj, f"{field}_en", "") or "", getattr(obj, f"{field}_zh", "") or "", lang
    )


def translated_names(*fields: str) -> tuple[str, ...]:
    """The English and Chinese field names of content fields: ("title",) gives ("title_en", "title_zh")."""
    return tuple(f"{name}{suffix}" for name in fields for suffix in ("_en", "_zh"))


def written_header(header: Any) -> str:
    """The header of a file's column of text kept as written in Vietnamese (a file has no `lang`): on an
    English or Chinese reader's file it says so ("Objectives (in Vietnamese)")."""
    if content_language() == "vi":
        return str(header)
    return f"{header} ({gettext('in Vietnamese')})"


def as_written(text: str, *, multiline: bool = False) -> SafeString:
    """Text people wrote in Vietnamese in the course of their work (inspection minutes, findings, answers),
    which has no other-language versions: shown as written, and on an English or Chinese page marked as
    Vietnamese (`lang="vi"`) and said to be so, never passed off as the reader's language."""
    body: SafeString = (
        mark_safe(linebreaks(text, autoescape=True))  # noqa: S308  # nosec B308 B703 - every line escaped by linebreaks
        if multiline
        else escape(text)
    )
    if not text or content_language() == "vi":
        return body
    tag = "div" if multiline else "span"
    return format_html('<{} lang="vi">{}</{}> <span class="tag">{}</span>', tag, body, tag, gettext("in Vietnamese"))
