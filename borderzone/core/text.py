"""Text normalisation for matching Vietnamese names regardless of accents, case and filler words."""

from __future__ import annotations

import re
import unicodedata

# Words that name the kind of place, not the place: "Cửa khẩu quốc tế Trà Lĩnh" is "Trà Lĩnh".
_FILLER_PHRASES = ("khu cua khau", "cua khau", "quoc te", "loi thong quan", "loi mo")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def strip_accents(text: str) -> str:
    """Remove Vietnamese diacritics (đ becomes d), keeping case."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def search_key(text: str) -> str:
    """Lower case, accents removed, punctuation collapsed to single spaces."""
    return _NON_WORD.sub(" ", strip_accents(text).lower()).strip()


def name_key(text: str) -> str:
    """The key names are matched on: `search_key` without the words "cửa khẩu" and "quốc tế"."""
    key = f" {search_key(text)} "
    for phrase in _FILLER_PHRASES:
        key = key.replace(f" {phrase} ", " ")
    return " ".join(key.split())
