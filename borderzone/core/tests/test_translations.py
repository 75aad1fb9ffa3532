"""The translation catalogues say what users see: the first catalogue that translates a msgid wins
everywhere (LOCALE_PATHS, then the apps in INSTALLED_APPS order), so two catalogues must not
translate one msgid two ways. A msgid that needs another meaning gets a context or its own msgid.
Align wordings with scripts/unify_translations.py.

Vietnamese and Chinese must be complete: Django shows a msgid missing from the Chinese catalogues in
Vietnamese (the default language is Chinese's fallback), so an untranslated Chinese entry reads as
Vietnamese on a /zh-hans/ page."""

from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings

LANGUAGES = ["vi", "zh_Hans"]


def _locale_dirs():
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    dirs += [Path(a.path) / "locale" for a in apps.get_app_configs() if a.name.startswith("borderzone.")]
    return dirs


def _catalogues(lang):
    paths = [d / lang / "LC_MESSAGES" / "django.po" for d in _locale_dirs()]
    return [p for p in paths if p.exists()]


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def _translation(entry):
    """The msgstr, or the tuple of plural forms; empty when nothing is written."""
    if entry.msgid_plural:
        forms = tuple(v for _, v in sorted((entry.msgstr_plural or {}).items()))
        return forms if all(forms) else ()
    return entry.msgstr


def _live(po):
    return [e for e in po if not e.obsolete]


def test_every_catalogue_is_found_for_both_languages():
    assert len(_catalogues("vi")) >= 9
    assert len(_catalogues("zh_Hans")) == len(_catalogues("vi"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_msgid_is_translated_two_ways(lang):
    seen = defaultdict(dict)
    for path in _catalogues(lang):
        for entry in _live(polib.pofile(str(path))):
            if _translation(entry) and "fuzzy" not in entry.flags:
                seen[_key(entry)][str(path)] = _translation(entry)
    clashes = {key[1]: where for key, where in seen.items() if len(set(where.values())) > 1}
    assert clashes == {}


def test_every_app_with_a_vietnamese_catalogue_has_a_chinese_one():
    missing = [
        str(d)
        for d in _locale_dirs()
        if (d / "vi" / "LC_MESSAGES" / "django.po").exists()
        and not (d / "zh_Hans" / "LC_MESSAGES" / "django.po").exists()
    ]
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_is_complete_without_fuzzy_entries_and_compiled(lang):
    for path in _catalogues(lang):
        po = polib.pofile(str(path))
        assert not po.metadata_is_fuzzy, f"{path}: the header is fuzzy, so msgfmt drops its charset and plural rule"
        missing = [e.msgid for e in _live(po) if not _translation(e)]
        assert missing == [], f"{path}: untranslated {missing[:5]}"
        fuzzy = [e.msgid for e in _live(po) if "fuzzy" in e.flags]
        assert fuzzy == [], f"{path}: fuzzy (not compiled, so shown untranslated) {fuzzy[:5]}"
        mo = polib.mofile(str(path.with_suffix(".mo")))
        assert "Plural-Forms" in mo.metadata, f"{path}: .mo compiled without its header"
        compiled = {_key(e): _translation(e) for e in mo}
        written = {_key(e): _translation(e) for e in _live(po)}
        stale = {k[1]: v for k, v in written.items() if compiled.get(k) != v}
        assert stale == {}, f"{path}: .mo not compiled from this .po: {list(stale)[:5]}"


def test_chinese_translates_everything_vietnamese_does():
    """A string that a helper adds with its Vietnamese translation alone is caught here, in any catalogue."""
    chinese = {_key(e) for path in _catalogues("zh_Hans") for e in _live(polib.pofile(str(path))) if _translation(e)}
    vietnamese = {_key(e) for path in _catalogues("vi") for e in _live(polib.pofile(str(path))) if _translation(e)}
    assert sorted(k[1] for k in vietnamese - chinese) == []


def test_chinese_catalogues_read_as_chinese():
    """A catalogue filled by copying msgids (or Vietnamese) instead of translating them is caught."""
    for path in _catalogues("zh_Hans"):
        for entry in _live(polib.pofile(str(path))):
            text = "".join(_translation(entry)) if entry.msgid_plural else entry.msgstr
            has_letters = any(c.isalpha() for c in entry.msgid.replace("%", ""))
            if has_letters and not any("\u4e00" <= c <= "\u9fff" for c in text):
                assert text in _LATIN_ONLY, f"{path}: {entry.msgid!r} -> {text!r} has no Chinese"


# Translations that are rightly written without Chinese characters: abbreviations, codes, formats.
_LATIN_ONLY = {"API", "%(m)s"}
